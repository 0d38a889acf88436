import { policySchema, type Policy, type PolicyInput } from './policy';

// A small, valid policy for the SLA engine's tests and benchmark. Stages mirror real rules so each test
// can name the rule it proves; `testPolicy({ stages: [...] })` swaps in other stages. Always parsed by
// policySchema, so a fixture can never be a policy an administrator could not save.

type StageInput = NonNullable<PolicyInput['stages']>[number];

export const STAGES = {
  /** S3-3: the order desk accepts a product complaint within 5 minutes. */
  productAccept: {
    id: 'product-accept',
    name: '受理产品质量投诉',
    appliesTo: { kinds: ['product'] },
    startsOn: ['case.registered'],
    stopsOn: ['case.accepted'],
    limit: { amount: 5, unit: 'minutes' },
    clock: 'natural',
    ladder: [
      { at: 'warning', notifyRoles: ['order-desk-manager'] },
      { at: 'breach', notifyRoles: ['order-desk-manager', 'gm'] },
    ],
    rules: ['S3-3'],
  },
  /** S7-13 important complaint: reply within 3 h. */
  importantReply: {
    id: 'important-reply',
    name: '重要投诉答复',
    appliesTo: { severities: ['important'] },
    startsOn: ['case.registered'],
    stopsOn: ['case.replied'],
    limit: { amount: 3, unit: 'hours' },
    clock: 'natural',
    ladder: [
      { at: 'start', notifyRoles: ['senior-butler'] },
      { at: 'warning', notifyRoles: ['senior-butler'] },
      { at: 'breach', notifyRoles: ['senior-butler', 'chief-butler'] },
    ],
    rules: ['S7-13'],
  },
  /** S7-13 important complaint: resolve within 3 days; an overrun needs the chief butler's approval. */
  importantResolve: {
    id: 'important-resolve',
    name: '重要投诉处理完毕',
    appliesTo: { severities: ['important'] },
    startsOn: ['case.registered', 'case.reopened'],
    stopsOn: ['case.resolved'],
    limit: { amount: 3, unit: 'days' },
    clock: 'natural',
    extensionApproverRole: 'chief-butler',
    ladder: [{ at: 'breach', notifyRoles: ['chief-butler'] }],
    rules: ['S7-13'],
  },
  /** S6-5: investigation within 3 days of receipt (superseded when a sample is sent for testing). */
  investigate: {
    id: 'investigate',
    name: '调查处理',
    startsOn: ['case.registered'],
    stopsOn: ['case.investigated', 'case.sample_sent'],
    limit: { amount: 3, unit: 'days' },
    clock: 'natural',
    ladder: [{ at: 'breach', notifyRoles: ['station-manager'] }],
    rules: ['S6-5'],
  },
  /** S6-5: when a sample must be tested first, 7 days from sending it. */
  investigateSample: {
    id: 'investigate-sample',
    name: '送检后调查处理',
    startsOn: ['case.sample_sent'],
    stopsOn: ['case.investigated'],
    limit: { amount: 7, unit: 'days' },
    clock: 'natural',
    ladder: [{ at: 'breach', notifyRoles: ['station-manager'] }],
    rules: ['S6-5'],
  },
  /** A department's handling, 3 working days, pausable (e.g. waiting for the owner to give access). */
  handleWorkingDays: {
    id: 'handle',
    name: '部门处理',
    startsOn: ['case.assigned'],
    stopsOn: ['case.resolved'],
    limit: { amount: 3, unit: 'workingDays' },
    clock: 'working-days',
    pausable: true,
    ladder: [
      { at: 'warning', notifyRoles: ['dept-head'] },
      { at: 'breach', notifyRoles: ['dept-head', 'director'] },
    ],
    rules: [],
  },
  /** S3-4: the department sends its plan within 2 business hours of routing. */
  planBusinessHours: {
    id: 'plan',
    name: '部门提交处理方案',
    startsOn: ['case.assigned'],
    stopsOn: ['case.replied'],
    limit: { amount: 2, unit: 'hours' },
    clock: 'business-hours',
    ladder: [{ at: 'breach', notifyRoles: ['hr'] }],
    rules: ['S3-4'],
  },
} satisfies Record<string, StageInput>;

const ROLES = [
  'clerk',
  'order-desk-manager',
  'gm',
  'senior-butler',
  'chief-butler',
  'station-manager',
  'dept-head',
  'director',
  'hr',
  'duty-chief',
  'front-desk',
];

export function testPolicy(overrides: Partial<PolicyInput> = {}): Policy {
  const input: PolicyInput = {
    id: 'test-policy',
    presetId: 'test',
    name: '测试制度',
    revision: 1,
    effectiveFrom: Date.UTC(2026, 0, 1),
    roles: ROLES.map((code) => ({ code, name: code })),
    departments: [
      { id: 'service', name: '客户服务中心' },
      { id: 'engineering', name: '工程部', headRole: 'dept-head' },
    ],
    channels: [
      { code: 'phone', name: '电话' },
      { code: 'visit', name: '来访' },
      { code: 'letter', name: '信函' },
    ],
    kinds: [
      { code: 'complaint', name: '投诉', formId: 'f' },
      { code: 'product', name: '产品质量投诉', formId: 'f' },
      { code: 'consult', name: '咨询', formId: 'f', callbackExempt: true },
    ],
    forms: [{ id: 'f', title: '投诉登记表', fields: [] }],
    categories: [
      { code: 'service', name: '服务', departmentId: 'service' },
      { code: 'developer', name: '开发商遗留问题', external: '开发商' },
    ],
    severities: [
      { code: 'general', name: '一般', rank: 1, definition: '轻微不便' },
      { code: 'important', name: '重要', rank: 2, definition: '服务不到位' },
      { code: 'major', name: '重大', rank: 3, definition: '严重损失' },
    ],
    inadmissibleReasons: [],
    riskFlags: [
      { code: 'violence', name: '暴力倾向', alertRoles: ['duty-chief', 'director'] },
      { code: 'suicide', name: '自杀倾向', alertRoles: ['duty-chief'] },
    ],
    stages: Object.values(STAGES),
    approvals: [],
    callback: {
      rules: [
        // S8-7 developer matters: 3 working days; S8-9 everything else: 3 days.
        { appliesTo: { categories: ['developer'] }, within: { amount: 3, unit: 'workingDays' }, clock: 'working-days', methods: ['phone'] },
        { within: { amount: 3, unit: 'days' }, methods: ['phone', 'visit'] },
      ],
      unsatisfiedReopens: true,
    },
    rewards: [],
    penalties: [],
    expenses: [],
    analysisPeriods: ['monthly'],
    document: {
      title: '测试制度',
      purpose: '测试',
      chapters: [],
      appendix: [],
      signOff: { author: '编制', reviewer: '审核', approver: '批准' },
      source: 'T',
    },
    ...overrides,
  };
  return policySchema.parse(input);
}
