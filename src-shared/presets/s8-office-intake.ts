import type { PolicyInput, StaffRoles } from '../domain/policy';
import { CHANNELS, CHINA_UTC_OFFSET, CROSS_RULES, DOCUMENT_RULES, PRESET_EFFECTIVE_FROM, firstRevision, staffFor, standardAppendix } from './common';

// 第8篇 天下城管理处受理投诉工作流程 (RULES.md S8): one front desk, 20-minute hand-over, callbacks.

const registerForm = 'owner_complaint_register';
const ownCategories = ['engineering', 'security', 'cleaning', 'greening', 'service', 'charges'];

export const officeIntakePreset: PolicyInput = {
  id: 'preset-s8-office-intake',
  presetId: 's8-office-intake',
  name: '管理处受理投诉工作流程',
  revision: 1,
  effectiveFrom: PRESET_EFFECTIVE_FROM,
  utcOffsetMinutes: CHINA_UTC_OFFSET,
  roles: [
    { code: 'front_desk', name: '服务中心前台(接诉人)', description: '收集、登记、汇总、分析、传递、回访验证(S8-1、S8-4)' },
    { code: 'staff', name: '其它职能部门人员', description: '接到投诉应立刻转交服务中心前台(S8-1)' },
    { code: 'dept_head', name: '相关责任部门负责人', description: '根据登记表处理投诉并反馈结果' },
    { code: 'duty_manager', name: '服务中心值班经理', description: '两个以上部门共同处理时统一协调(S8-5)' },
    { code: 'service_manager', name: '服务中心经理', description: '验证解决措施有效性;重大投诉报主任审批;每月汇总(S8-6、S8-10)' },
    { code: 'office_director', name: '管理处主任', description: '审批重大投诉;组织反复投诉分析会议(S8-6、S8-11)' },
  ],
  departments: [
    { id: 'service_center', name: '服务中心', headRole: 'service_manager' },
    { id: 'engineering', name: '工程部', headRole: 'dept_head' },
    { id: 'security', name: '护卫部', headRole: 'dept_head' },
    { id: 'environment', name: '环境部', headRole: 'dept_head' },
    { id: 'office', name: '管理处办公室', headRole: 'office_director' },
  ],
  channels: [CHANNELS.visit, CHANNELS.phone, CHANNELS.letter, CHANNELS.internal],
  receptionPoints: ['服务中心前台'],
  kinds: [{ code: 'complaint', name: '业主(用户)投诉', formId: registerForm }],
  forms: [
    {
      id: registerForm,
      title: '业主(用户)投诉处理登记表',
      fields: [
        { key: 'roomNo', label: '房号', type: 'text', required: true, maxLength: 40, place: true },
        { key: 'passedBy', label: '转交前台的部门(人员)', type: 'text', required: false, maxLength: 100, help: '其它部门接到的投诉,记录转交人(S8-1)' },
      ],
      requires: ['complainant.name', 'complainant.phone', 'category'],
    },
    {
      id: 'owner_visit_record',
      title: '访问业主(用户)记录表',
      fields: [
        {
          key: 'visitMethod',
          label: '回访方式',
          type: 'select',
          required: true,
          options: [
            { value: 'visit', label: '上门回访' },
            { value: 'phone', label: '电话回访' },
          ],
        },
        { key: 'verification', label: '回访验证结果', type: 'textarea', required: true, maxLength: 2000 },
      ],
      requires: [],
    },
    {
      id: 'complaint_summary',
      title: '投诉数据汇总表',
      fields: [{ key: 'month', label: '月份', type: 'text', required: true, maxLength: 7 }],
      requires: [],
    },
  ],
  categories: [
    { code: 'engineering', name: '工程维修', departmentId: 'engineering' },
    { code: 'security', name: '护卫安全', departmentId: 'security' },
    { code: 'cleaning', name: '清洁卫生', departmentId: 'environment' },
    { code: 'greening', name: '绿化', departmentId: 'environment' },
    { code: 'service', name: '服务中心服务', departmentId: 'service_center' },
    { code: 'charges', name: '收费', departmentId: 'service_center' },
    {
      code: 'developer',
      name: '开发商工程质量或遗留问题',
      departmentId: 'service_center',
      external: '开发商相关部门',
      description: '20分钟内转交开发商相关部门,跟踪处理,3个有效工作日内回访(S8-7)',
    },
    {
      code: 'out_of_commitment',
      name: '服务承诺范围以外(无效投诉)',
      invalid: true,
      description: '由接诉人填写登记表,并向投诉人做好解释工作(S8-8)',
    },
  ],
  severities: [
    { code: 'serious', name: '重大投诉', rank: 2, definition: '严重有损于管理处形象的投诉,或当班经理处理不了的投诉。' },
    { code: 'normal', name: '一般投诉', rank: 1, definition: '其他有效投诉。' },
  ],
  inadmissibleReasons: [],
  riskFlags: [],
  stages: [
    {
      id: 'handover',
      name: '20分钟内送达相关责任部门',
      appliesTo: { categories: [...ownCategories, 'developer'] },
      startsOn: ['case.registered'],
      stopsOn: ['case.assigned', 'case.transferred'],
      limit: { amount: 20, unit: 'minutes' },
      clock: 'natural',
      ladder: [{ at: 'breach', notifyRoles: ['duty_manager'] }],
      rules: ['S8-2', 'S8-7'],
    },
    {
      id: 'developer_callback',
      name: '开发商问题:3个有效工作日内回访',
      appliesTo: { categories: ['developer'] },
      startsOn: ['case.transferred'],
      stopsOn: ['case.callback_done'],
      limit: { amount: 3, unit: 'workingDays' },
      clock: 'working-days',
      ladder: [{ at: 'breach', notifyRoles: ['service_manager'] }],
      rules: ['S8-7'],
    },
    {
      id: 'callback',
      name: '处理结束后3日内回访验证',
      appliesTo: { categories: ownCategories },
      startsOn: ['case.resolved'],
      stopsOn: ['case.callback_done'],
      limit: { amount: 3, unit: 'days' },
      clock: 'natural',
      ladder: [{ at: 'breach', notifyRoles: ['service_manager'] }],
      rules: ['S8-9', 'S8-4'],
    },
  ],
  approvals: [
    {
      id: 'director_approval',
      name: '重大投诉报管理处主任审批',
      appliesTo: { severities: ['serious'] },
      steps: [
        { id: 'service_manager', role: 'service_manager', label: '服务中心经理上报' },
        { id: 'director', role: 'office_director', label: '管理处主任审批' },
      ],
      before: 'case.resolved',
      rules: ['S8-6'],
    },
  ],
  callback: {
    rules: [
      { appliesTo: { categories: ['developer'] }, within: { amount: 3, unit: 'workingDays' }, clock: 'working-days', methods: ['visit', 'phone'] },
      { appliesTo: { categories: ownCategories }, within: { amount: 3, unit: 'days' }, clock: 'natural', methods: ['visit', 'phone'] },
    ],
    unsatisfiedReopens: false,
  },
  callbackRole: 'front_desk',
  rewards: [],
  penalties: [],
  expenses: [],
  analysisPeriods: ['monthly'],
  targets: {},
  identityViewerRoles: [],
  duties: [
    {
      id: 'monthly_figures',
      name: '上月投诉数据填写《投诉数据汇总表》',
      every: 'monthly',
      dueDay: 2,
      role: 'service_manager',
      output: '投诉数据汇总表',
      rules: ['S8-10'],
    },
    {
      id: 'monthly_report',
      name: '上月投诉工作处理事项汇总报管理处主任',
      every: 'monthly',
      dueDay: 5,
      role: 'service_manager',
      reportToRole: 'office_director',
      rules: ['S8-10'],
    },
    {
      id: 'repeat_meeting',
      name: '反复出现的投诉问题分析会议',
      every: 'monthly',
      dueDay: 10,
      role: 'office_director',
      items: ['组织有关部门召开会议进行分析解决', '采取有效的纠正预防措施'],
      rules: ['S8-11'],
    },
  ],
  document: {
    title: '天下城管理处受理投诉工作流程',
    purpose: '1.0 目的:及时、有效地处理业主(用户)投诉,确保业主(用户)满意。2.0 适用范围:适用于天下城管理处为业主提供服务过程中所出现的各种投诉处理工作。',
    chapters: [
      {
        title: '3.0 职责',
        clauses: [
          '3.1 服务中心前台负责业主(用户)直接或间接投诉信息的收集、登记、汇总、分析、传递、回访验证。',
          '3.2 服务中心经理负责实施过程的处理及对解决措施的有效性进行验证。',
          '3.3 相关部门负责根据《业主(用户)投拆处理登记表》进行投拆内容处理。',
        ],
      },
      {
        title: '4.0 流程',
        clauses: [
          '4.1.1 服务中心前台为管理处受理业主(用户)投诉的责任部门,其它职能部门(人员)接到投诉, 应立刻转交服务中心前台,由服务中心统一受理。',
          '4.1.2 实行投诉首问负责制,首次接收业主(用户)投诉的服务中心工作人员为有效责任人,接到投诉后,填写《业主(用户)投诉处理登记表》,应在20分钟内送达相关责任部门(责任人),并对投诉处理情况进行跟踪。',
          '4.2 投诉的识别:a) 有效投诉:指业主(用户)对管理处提供服务的内容、承诺及服务质量的投诉。b) 无效投诉:指业主(用户)对管理处服务承诺范围以外的投诉。',
          '4.3.1 接诉人填写《业主(用户)投诉处理登记表》,并在20分钟内转交相关责任部门,由相关责任部门负责处理,并在处理完后将处理结果反馈给服务中心前台接诉人,由接诉人及时对处理结果进行回访。',
          '4.3.2 有效投诉需要2个以上部门共同处理时,由服务中心值班经理统一协调处理。',
          '4.3.3 对于严重有损于管理处形象的重大投诉,或当班经理处理不了的投诉,由服务中心经理报管理处主任审批。',
          '4.3.4 服务中心接到对开发商工程质量或遗留问题的投诉后, 填写《业主(用户)投诉处理登记表》,并于20分钟内转交到开发商的相关部门,并及时跟踪处理过程,于3个有效工作日内回访。',
          '4.4 服务中心接到其它无效投诉,由接诉人填写《业主(用户)投诉处理登记表》,并向投诉人做好解释工作。',
          '4.5 业主(用户)投诉回访:凡由服务中心受理的投诉,自投诉处理过程结束时起,由服务中心接待员在3日内采取上门回访、电话回访的方式进行回访验证。',
          '4.6.1 服务中心经理每月2日前将上月发生的投诉数据填写《投诉数据汇总表》每月5日以前将上月投诉工作处理事项汇总后,报管理处主任。',
          '4.6.2 对反复出现的业主(用户)投诉问题,服务中心应报管理处主任,由管理处主任组织有关部门召开会议进行分析解决,并采取有效的纠正预防措施。',
        ],
      },
      { title: '5.0 相关文件和记录', clauses: ['《业主(用户)投诉处理登记表》', '《访问业主(用户)记录表》', '《投诉数据汇总表》'] },
    ],
    appendix: standardAppendix('服务中心'),
    signOff: { author: '服务中心', reviewer: '服务中心经理', approver: '管理处主任' },
    source: 'S8',
  },
  revisions: [firstRevision('TXC-2026-001')],
  rules: [...DOCUMENT_RULES, 'S8-1', 'S8-2', 'S8-3', 'S8-4', 'S8-5', 'S8-6', 'S8-7', 'S8-8', 'S8-9', 'S8-10', 'S8-11', 'S8-12', ...CROSS_RULES],
};

export function officeIntakeDemoStaff(): StaffRoles[] {
  return staffFor('s8', [
    ['前台小林', ['front_desk'], 'service_center'],
    ['护卫员小高', ['staff'], 'security'],
    ['工程部负责人', ['dept_head'], 'engineering'],
    ['护卫部负责人', ['dept_head'], 'security'],
    ['环境部负责人', ['dept_head'], 'environment'],
    ['值班经理', ['duty_manager'], 'service_center'],
    ['服务中心经理', ['service_manager'], 'service_center'],
    ['管理处主任', ['office_director'], 'office'],
  ]);
}
