import type { PolicyInput, StaffRoles } from '../domain/policy';
import { CHANNELS, CHINA_UTC_OFFSET, CROSS_RULES, DOCUMENT_RULES, PRESET_EFFECTIVE_FROM, firstRevision, staffFor, standardAppendix } from './common';

// 第9篇 管理处投诉回访工作流程 (RULES.md S9): apology first, 100 % callbacks, weekly repair callbacks,
// call back again until the resident is satisfied.

export const callbackWorkflowPreset: PolicyInput = {
  id: 'preset-s9-callback-workflow',
  presetId: 's9-callback-workflow',
  name: '管理处投诉回访工作流程',
  revision: 1,
  effectiveFrom: PRESET_EFFECTIVE_FROM,
  utcOffsetMinutes: CHINA_UTC_OFFSET,
  roles: [
    { code: 'reception', name: '管理处接待员', description: '先向住户表示歉意,再登记(S9-1)' },
    { code: 'office_admin', name: '办公室', description: '安排管理员回访;投诉和回访记录存档(S9-4、S9-6、S9-11)' },
    { code: 'callback_staff', name: '回访管理员' },
    { code: 'dept_head', name: '具体解决部门负责人', description: '在登记表上签字认可(S9-5)' },
    { code: 'director', name: '管理处主任', description: '特殊情况、较严重投诉、回访不合格项目(S9-2、S9-3、S9-10)' },
    { code: 'general_manager', name: '总经理', description: '较严重投诉报总经理(S9-3)' },
  ],
  departments: [
    { id: 'office', name: '办公室', headRole: 'office_admin' },
    { id: 'engineering', name: '工程维修部', headRole: 'dept_head' },
    { id: 'security', name: '保安部', headRole: 'dept_head' },
    { id: 'environment', name: '环境部', headRole: 'dept_head' },
    { id: 'management', name: '管理处', headRole: 'director' },
  ],
  channels: [CHANNELS.visit, CHANNELS.phone, CHANNELS.letter, CHANNELS.onsite],
  receptionPoints: ['管理处接待处'],
  kinds: [
    { code: 'complaint', name: '住户投诉', formId: 'resident_complaint_register' },
    { code: 'repair', name: '维修单', formId: 'repair_order' },
  ],
  forms: [
    {
      id: 'resident_complaint_register',
      title: '业主/租户投诉处理登记表',
      fields: [{ key: 'roomNo', label: '房号', type: 'text', required: true, maxLength: 40, place: true }],
      requires: ['complainant.name', 'complainant.phone', 'category'],
    },
    {
      id: 'repair_order',
      title: '维修单',
      fields: [
        { key: 'roomNo', label: '房号', type: 'text', required: true, maxLength: 40, place: true },
        { key: 'repairItem', label: '维修项目', type: 'text', required: true, maxLength: 200 },
      ],
      requires: ['complainant.name'],
    },
  ],
  categories: [
    { code: 'repair', name: '维修', departmentId: 'engineering' },
    { code: 'security', name: '安全秩序', departmentId: 'security' },
    { code: 'environment', name: '环境卫生', departmentId: 'environment' },
    { code: 'management', name: '管理服务', departmentId: 'office' },
  ],
  severities: [
    { code: 'serious', name: '较严重投诉', rank: 2, definition: '住户较严重的投诉,由管理处主任组织处理并报总经理。' },
    { code: 'normal', name: '一般投诉', rank: 1, definition: '其他投诉,通知相关部门限期解决。' },
  ],
  inadmissibleReasons: [],
  riskFlags: [{ code: 'special', name: '特殊情况', alertRoles: ['director'], description: '特殊情况应向主任汇报(S9-2)' }],
  stages: [
    {
      id: 'department_deadline',
      name: '相关部门限期解决',
      startsOn: ['case.assigned'],
      stopsOn: ['case.resolved'],
      // 限期: the office sets the deadline on the assignment; 3 days when it sets none.
      limit: { amount: 3, unit: 'days' },
      clock: 'natural',
      ladder: [{ at: 'breach', notifyRoles: ['director'] }],
      rules: ['S9-2'],
    },
    {
      id: 'serious_handling',
      name: '较严重投诉:主任组织处理,限期解决并报总经理',
      appliesTo: { severities: ['serious'] },
      startsOn: ['case.registered'],
      stopsOn: ['case.resolved'],
      limit: { amount: 3, unit: 'days' },
      clock: 'natural',
      ladder: [
        { at: 'start', notifyRoles: ['director', 'general_manager'] },
        { at: 'breach', notifyRoles: ['general_manager'] },
      ],
      rules: ['S9-3'],
    },
    {
      id: 'callback',
      name: '回访',
      startsOn: ['case.resolved'],
      stopsOn: ['case.callback_done'],
      limit: { amount: 3, unit: 'days' },
      clock: 'natural',
      ladder: [{ at: 'breach', notifyRoles: ['office_admin'] }],
      rules: ['S9-4', 'S9-7'],
    },
    {
      id: 'recallback',
      name: '不合格项目限期解决并再次回访',
      startsOn: ['case.reopened'],
      stopsOn: ['case.callback_done'],
      limit: { amount: 3, unit: 'days' },
      clock: 'natural',
      ladder: [
        { at: 'start', notifyRoles: ['director'] },
        { at: 'breach', notifyRoles: ['director'] },
      ],
      rules: ['S9-10'],
    },
  ],
  approvals: [
    {
      id: 'serious_measures',
      name: '较严重投诉处理措施、责任人和期限',
      appliesTo: { severities: ['serious'] },
      steps: [{ id: 'director', role: 'director', label: '主任落实解决措施及责任人' }],
      before: 'case.assigned',
      rules: ['S9-3'],
    },
    {
      id: 'result_signoff',
      name: '处理结果签字认可',
      steps: [
        // S9-5: the director writes the result on the register when deciding this step (not at intake:
        // nobody knows it then); the department head's sign-off follows.
        { id: 'director', role: 'director', label: '管理处主任填写处理结果', records: '主任处理结果' },
        { id: 'dept_head', role: 'dept_head', label: '具体解决部门负责人签字认可' },
      ],
      before: 'case.closed',
      rules: ['S9-5'],
    },
  ],
  callback: {
    rules: [{ within: { amount: 3, unit: 'days' }, clock: 'natural', methods: ['visit', 'phone', 'onsite'] }],
    unsatisfiedReopens: true,
    weeklyRepairKind: 'repair',
  },
  callbackRole: 'callback_staff',
  rewards: [],
  penalties: [],
  expenses: [],
  analysisPeriods: ['weekly', 'monthly'],
  targets: { callbackRate: 1 },
  identityViewerRoles: [],
  apologyPrompt: '请先向住户表示歉意,再在《业主/租户投诉处理登记表》上登记。',
  archiveSections: [
    { id: 'register', title: '业主/租户投诉处理登记表' },
    { id: 'handling', title: '处理结果及签字认可' },
    { id: 'callbacks', title: '回访记录' },
  ],
  duties: [
    {
      id: 'weekly_repair_callbacks',
      name: '根据上星期《维修单》安排维修服务回访',
      every: 'weekly',
      dueDay: 1,
      role: 'callback_staff',
      rules: ['S9-8'],
    },
    {
      id: 'callback_statistics',
      name: '回访结果统计分析',
      every: 'monthly',
      dueDay: 5,
      role: 'office_admin',
      reportToRole: 'director',
      rules: ['S9-10'],
    },
  ],
  document: {
    title: '管理处投诉及回访工作流程',
    purpose: '为及时处理住户投诉并对投诉处理结果百分百回访,直至住户满意,制定本流程。',
    chapters: [
      {
        title: '住户投诉工作流程',
        clauses: [
          '1、管理处接到住户投诉后,应先向住户表示歉意,并在《业主/租户投诉处理登记表》上做好登记。',
          '2、根据投诉内容通知相关部门限期解决,特殊情况应向主任汇报。',
          '3、针对住户较严重的投诉,管理处应向主任汇报,由主任组织相关人员进行处理、落实解决措施及责任人,限期进行处理,并报总经理。',
          '4、相关部门在处理完投诉后,要迅速将处理结果报管理处,上交办公室,由办公室安排管理员回访。',
          '5、管理处主任负责将投诉处理结果填写在《业主/租户投诉处理登记表》上,并由具体解决部门的负责人签字认可。',
          '6、投诉记录由办公室统一进行存档、管理。',
        ],
      },
      {
        title: '回访工作流程',
        clauses: [
          '1、管理处根据《住户投诉记录表》,对投诉百分百进行回访,回访时间按投诉内容具体确定或通过电话进行回访。',
          '2、管理处每星期根据上星期的《维修单》,安排人员对维修服务进行回访。',
          '3、回访工作可采取与用户交谈,现场查看、检查等方式综合进行。',
          '4、管理处安排人员对回访结果进行统计分析,发现存在的不合格项目应及时向主任汇报,安排人员限期解决,并再次进行回访,直至住户满意。',
          '5、回访的记录由办公室统一进行存档、管理。',
        ],
      },
    ],
    appendix: standardAppendix('管理处办公室'),
    signOff: { author: '管理处办公室', reviewer: '管理处主任', approver: '总经理' },
    source: 'S9',
  },
  revisions: [firstRevision('HF-2026-001')],
  rules: [...DOCUMENT_RULES, 'S9-1', 'S9-2', 'S9-3', 'S9-4', 'S9-5', 'S9-6', 'S9-7', 'S9-8', 'S9-9', 'S9-10', 'S9-11', ...CROSS_RULES],
};

export function callbackWorkflowDemoStaff(): StaffRoles[] {
  return staffFor('s9', [
    ['接待员小唐', ['reception'], 'office'],
    ['办公室主管', ['office_admin'], 'office'],
    ['回访管理员小许', ['callback_staff'], 'office'],
    ['工程维修部负责人', ['dept_head'], 'engineering'],
    ['保安部负责人', ['dept_head'], 'security'],
    ['环境部负责人', ['dept_head'], 'environment'],
    ['管理处主任', ['director'], 'management'],
    ['总经理', ['general_manager'], 'management'],
  ]);
}
