import type { PolicyInput, StaffRoles } from '../domain/policy';
import { CHANNELS, CHINA_UTC_OFFSET, CROSS_RULES, DOCUMENT_RULES, PRESET_EFFECTIVE_FROM, firstRevision, staffFor, standardAppendix } from './common';

// A plain starting point for an organisation whose regulation is not one of the eleven seeds: the
// cross-article rules (X-1…X-6) and the S0 document shape, with modest default deadlines to edit.

export const starterPreset: PolicyInput = {
  id: 'preset-starter',
  presetId: 'starter',
  name: '投诉受理工作制度(通用)',
  revision: 1,
  effectiveFrom: PRESET_EFFECTIVE_FROM,
  utcOffsetMinutes: CHINA_UTC_OFFSET,
  roles: [
    { code: 'receiver', name: '接待员', description: '首问负责,登记、派单、反馈、回访' },
    { code: 'handler', name: '承办人' },
    { code: 'manager', name: '部门负责人', description: '批准延期,处理升级事项' },
    { code: 'director', name: '单位负责人' },
  ],
  departments: [
    { id: 'reception', name: '接待处', headRole: 'manager' },
    { id: 'operations', name: '业务部门', headRole: 'manager' },
  ],
  channels: [CHANNELS.phone, CHANNELS.visit, CHANNELS.letter, CHANNELS.fax],
  receptionPoints: ['接待处'],
  kinds: [
    { code: 'complaint', name: '投诉', formId: 'register' },
    { code: 'suggestion', name: '建议', formId: 'register', callbackExempt: true },
    { code: 'consultation', name: '咨询', formId: 'register', callbackExempt: true },
  ],
  forms: [{ id: 'register', title: '投诉登记表', fields: [], requires: ['complainant.name', 'complainant.phone'] }],
  categories: [
    { code: 'service', name: '服务质量', departmentId: 'operations' },
    { code: 'other', name: '其他', departmentId: 'reception' },
  ],
  severities: [
    { code: 'urgent', name: '紧急', rank: 2, definition: '影响人身、财产安全或造成不良影响,需立即处理的投诉。' },
    { code: 'normal', name: '一般', rank: 1, definition: '其他投诉。' },
  ],
  inadmissibleReasons: [{ code: 'out_of_scope', text: '该事项不属于本单位受理范围,已向您说明情况。', referral: '请向有权处理的部门反映。' }],
  riskFlags: [{ code: 'safety', name: '人身安全风险', alertRoles: ['director'], description: '立即报告单位负责人' }],
  stages: [
    {
      id: 'handover',
      name: '派单',
      startsOn: ['case.registered'],
      stopsOn: ['case.assigned', 'case.resolved', 'case.rejected'],
      limit: { amount: 2, unit: 'hours' },
      clock: 'business-hours',
      ladder: [{ at: 'breach', notifyRoles: ['manager'] }],
      rules: ['X-3'],
    },
    {
      id: 'resolve',
      name: '办结',
      startsOn: ['case.registered'],
      stopsOn: ['case.resolved', 'case.rejected'],
      limit: { amount: 5, unit: 'workingDays' },
      clock: 'working-days',
      extensionApproverRole: 'manager',
      ladder: [
        { at: 'warning', notifyRoles: ['manager'] },
        { at: 'breach', notifyRoles: ['director'] },
      ],
      rules: ['X-3'],
    },
    {
      id: 'callback',
      name: '回访',
      appliesTo: { kinds: ['complaint'] },
      startsOn: ['case.resolved'],
      stopsOn: ['case.callback_done'],
      limit: { amount: 3, unit: 'days' },
      clock: 'natural',
      ladder: [{ at: 'breach', notifyRoles: ['manager'] }],
      rules: ['X-4'],
    },
  ],
  approvals: [],
  callback: {
    rules: [{ appliesTo: { kinds: ['complaint'] }, within: { amount: 3, unit: 'days' }, clock: 'natural', methods: ['phone', 'visit'] }],
    unsatisfiedReopens: true,
  },
  callbackRole: 'receiver',
  rewards: [],
  penalties: [],
  expenses: [],
  analysisPeriods: ['monthly', 'yearly'],
  targets: { callbackRate: 1 },
  identityViewerRoles: ['director'],
  publicContact: { office: '接待处', phone: '', hours: '工作日 08:30–17:30' },
  document: {
    title: '投诉受理工作制度',
    purpose: '为及时、有效地处理投诉,明确受理、处理、反馈和回访的职责与时限,保障投诉人合法权益,制定本制度。',
    chapters: [
      {
        title: '一、受理',
        clauses: ['1. 实行首问负责制,首先接到投诉的工作人员为第一责任人,负责登记并跟踪至移交确认。', '2. 每件投诉均登记编号,记录处理全过程。'],
      },
      {
        title: '二、处理与时限',
        clauses: ['1. 接待员在2个工作小时内派单至承办部门。', '2. 承办部门在5个工作日内办结;确需延期的,经部门负责人批准。'],
      },
      {
        title: '三、反馈与回访',
        clauses: ['1. 办结后向投诉人反馈处理结果;无法反馈的,记录原因。', '2. 投诉办结后3日内回访,回访不满意的重新处理。'],
      },
      { title: '四、分析', clauses: ['每月、每年对投诉进行统计分析,对反复出现的问题提出整改措施。'] },
    ],
    appendix: standardAppendix('接待处'),
    signOff: { author: '接待处', reviewer: '部门负责人', approver: '单位负责人' },
    source: 'starter',
  },
  revisions: [firstRevision('TY-2026-001')],
  rules: [...DOCUMENT_RULES, ...CROSS_RULES],
};

export function starterDemoStaff(): StaffRoles[] {
  return staffFor('st', [
    ['接待员小王', ['receiver'], 'reception'],
    ['承办人小李', ['handler'], 'operations'],
    ['部门负责人老张', ['manager'], 'operations'],
    ['单位负责人老赵', ['director'], 'reception'],
  ]);
}
