import { policySchema, type Policy, type PolicyInput, type StaffRoles } from './policy';
import { T0 } from './projection.fixtures';

// A small but complete policy for domain tests (a property-management desk in the spirit of S7/S8),
// independent of the presets so domain tests do not move when a preset is tuned.

export function samplePolicyInput(): PolicyInput {
  return {
    id: 'pol-test',
    presetId: 'test',
    name: '测试物业投诉制度',
    revision: 1,
    effectiveFrom: T0 - 30 * 86_400_000,
    roles: [
      { code: 'clerk', name: '前台接待' },
      { code: 'butler', name: '物业管家' },
      { code: 'senior', name: '物业大管家' },
      { code: 'chief', name: '首席物业管家' },
      { code: 'head', name: '部门主管' },
      { code: 'inspector', name: '检查员' },
      { code: 'director', name: '管理处主任' },
    ],
    departments: [
      { id: 'd-eng', name: '工程部', headRole: 'head' },
      { id: 'd-fin', name: '财务部', headRole: 'head' },
      { id: 'd-svc', name: '客服中心' },
    ],
    channels: [
      { code: 'phone', name: '电话' },
      { code: 'visit', name: '来访' },
      { code: 'letter', name: '信函' },
    ],
    receptionPoints: ['服务台'],
    kinds: [
      { code: 'complaint', name: '投诉', formId: 'f-complaint' },
      { code: 'product', name: '产品质量投诉', formId: 'f-product' },
      { code: 'advice', name: '建议', formId: 'f-complaint', callbackExempt: true },
    ],
    forms: [
      { id: 'f-complaint', title: '业主(用户)投诉处理登记表', fields: [{ key: 'room', label: '房号', type: 'text', required: true, maxLength: 20 }] },
      {
        id: 'f-product',
        title: '产品质量投诉表',
        fields: [
          { key: 'brand', label: '品牌', type: 'text', required: true, maxLength: 50 },
          { key: 'quantity', label: '规格及数量', type: 'number', required: true },
          { key: 'shippedOn', label: '发货日期', type: 'date' },
          {
            key: 'grade',
            label: '问题等级',
            type: 'select',
            options: [
              { value: 'a', label: '严重' },
              { value: 'b', label: '一般' },
            ],
          },
        ],
        requires: ['demand', 'complainant.name'],
      },
    ],
    categories: [
      { code: 'c-water', name: '漏水', departmentId: 'd-eng' },
      { code: 'c-fee', name: '收费', departmentId: 'd-fin' },
      { code: 'c-city', name: '市政供水', external: '自来水公司' },
      { code: 'c-out', name: '服务承诺以外', invalid: true },
    ],
    severities: [
      { code: 'major', name: '重大', rank: 3, definition: '造成严重损失' },
      { code: 'important', name: '重要', rank: 2, definition: '服务不到位' },
      { code: 'general', name: '一般', rank: 1, definition: '轻微不便' },
    ],
    inadmissibleReasons: [
      { code: 'court', text: '已向人民法院起诉', referral: '请等待法院处理结果。' },
      { code: 'remit', text: '不属于本处职责范围', referral: '请向有关主管部门反映。' },
    ],
    riskFlags: [{ code: 'violence', name: '暴力倾向', alertRoles: ['director'] }],
    stages: [
      {
        id: 'reply',
        name: '答复',
        appliesTo: { severities: ['important'] },
        startsOn: ['case.registered'],
        stopsOn: ['case.replied'],
        limit: { amount: 3, unit: 'hours' },
        clock: 'natural',
        extensionApproverRole: 'chief',
        ladder: [{ at: 'breach', notifyRoles: ['chief'] }],
      },
      {
        id: 'resolve',
        name: '解决',
        startsOn: ['case.registered'],
        stopsOn: ['case.resolved'],
        limit: { amount: 3, unit: 'days' },
        clock: 'natural',
      },
    ],
    approvals: [
      {
        id: 'a-opinion',
        name: '处理意见审批',
        steps: [{ id: 's1', role: 'director', label: '主任审批' }],
        before: 'case.feedback_given',
      },
    ],
    callback: {
      rules: [{ within: { amount: 3, unit: 'days' }, methods: ['phone', 'visit'] }],
      unsatisfiedReopens: true,
    },
    rewards: [
      { id: 'w-hazard', name: '举报奖励', trigger: 'hazard_verified', levels: [{ level: 'l1', name: '一般', min: 300, max: 500 }], approverRole: 'director' },
    ],
    penalties: [{ id: 'p-late', name: '逾期', trigger: { on: 'breach', stageIds: ['reply'] }, amount: 50, targetRole: 'head', approverRole: 'director' }],
    expenses: [{ id: 'x-visit', name: '慰问', defaultAmount: 150, signatureChain: ['head'] }],
    analysisPeriods: ['monthly'],
    identityViewerRoles: ['director'],
    callbackRole: 'clerk',
    document: {
      title: '测试物业投诉制度',
      purpose: '用于测试。',
      chapters: [{ title: '总则', clauses: ['第一条 测试。'] }],
      appendix: [],
      signOff: { author: '客服中心', reviewer: '管理处主任', approver: '总经理' },
      source: 'S7',
    },
  };
}

export function samplePolicy(overrides: Partial<PolicyInput> = {}): Policy {
  return policySchema.parse({ ...samplePolicyInput(), ...overrides });
}

export const sampleStaff: StaffRoles[] = [
  { id: 'staff-1', name: '王前台', roles: ['clerk'], departmentId: 'd-svc' },
  { id: 's-2', name: '李管家', roles: ['butler', 'inspector'], departmentId: 'd-svc' },
  { id: 's-3', name: '赵主管', roles: ['head', 'inspector'], departmentId: 'd-eng' },
  { id: 's-4', name: '钱首席', roles: ['chief'] },
  { id: 's-5', name: '孙主任', roles: ['director'] },
];
