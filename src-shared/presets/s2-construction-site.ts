import type { PolicyInput, StaffRoles } from '../domain/policy';
import { CHANNELS, CHINA_UTC_OFFSET, CROSS_RULES, DOCUMENT_RULES, PRESET_EFFECTIVE_FROM, firstRevision, staffFor } from './common';

// 第2篇 / 第5篇 地盘施工处理投诉管理工作细则 (RULES.md S2; article 5 is the same regulation).

export const constructionSitePreset: PolicyInput = {
  id: 'preset-s2-construction-site',
  presetId: 's2-construction-site',
  name: '地盘施工处理投诉管理工作细则',
  revision: 1,
  effectiveFrom: PRESET_EFFECTIVE_FROM,
  utcOffsetMinutes: CHINA_UTC_OFFSET,
  roles: [
    { code: 'site_director', name: '地盘主任', description: '直接操作处理投诉,第一时间赶到投诉点(S2-2、S2-4)' },
    { code: 'gate_guard', name: '地盘门卫', description: '接到投诉即转地盘主任' },
    { code: 'engineering_manager', name: '工程部经理', description: '对投诉的处理进行指导和策划' },
    { code: 'supporting_manager', name: '配套部经理', description: '落实施工噪音办证,对供电影响提供配套协调服务' },
    { code: 'vice_president', name: '分管副总' },
    { code: 'property_gm', name: '物业公司总经理' },
  ],
  departments: [
    { id: 'site', name: '地盘', headRole: 'site_director' },
    { id: 'engineering', name: '工程部', headRole: 'engineering_manager' },
    { id: 'supporting', name: '配套部', headRole: 'supporting_manager' },
    { id: 'management', name: '公司领导', headRole: 'vice_president' },
  ],
  channels: [CHANNELS.visit, CHANNELS.phone, CHANNELS.onsite, CHANNELS.letter],
  receptionPoints: ['地盘办公室', '地盘门卫室'],
  kinds: [{ code: 'complaint', name: '施工投诉', formId: 'site_complaint' }],
  forms: [
    {
      id: 'site_complaint',
      title: '地盘施工投诉登记表',
      fields: [
        {
          key: 'complainantType',
          label: '投诉人类别',
          type: 'select',
          required: true,
          options: [
            { value: 'owner', label: '周边地区业主' },
            { value: 'committee', label: '居委会' },
          ],
          help: '本细则适用于地盘周边地区业主和居委对施工行为的投诉(S2-1)',
        },
        { key: 'spot', label: '投诉点', type: 'text', required: true, maxLength: 200, place: true },
      ],
      requires: ['complainant.name', 'complainant.phone', 'complainant.address', 'category'],
    },
  ],
  categories: [
    { code: 'noise', name: '施工噪音', departmentId: 'supporting', description: '配套部落实施工噪音办证(S2-2、S2-3)' },
    { code: 'power', name: '供电影响', departmentId: 'supporting', description: '配套部提供配套协调服务' },
    { code: 'dust', name: '扬尘污染', departmentId: 'engineering' },
    { code: 'traffic', name: '施工交通与运输', departmentId: 'engineering' },
    { code: 'damage', name: '施工造成的损坏', departmentId: 'engineering' },
    { code: 'other', name: '其他施工行为', departmentId: 'engineering' },
  ],
  severities: [],
  inadmissibleReasons: [
    { code: 'out_of_scope', text: '本细则仅受理地盘周边地区业主和居委对施工行为的投诉,您反映的事项不在此范围,已向您说明。', referral: '请向有关单位反映。' },
  ],
  riskFlags: [],
  stages: [
    {
      id: 'site_arrival',
      name: '地盘主任第一时间赶到投诉点',
      startsOn: ['case.registered'],
      stopsOn: ['case.site_visited'],
      limit: { amount: 1, unit: 'hours' },
      clock: 'natural',
      ladder: [
        { at: 'start', notifyRoles: ['site_director'] },
        { at: 'breach', notifyRoles: ['engineering_manager'] },
      ],
      rules: ['S2-4'],
    },
  ],
  approvals: [
    {
      id: 'solution_chain',
      name: '综合解决方案报批',
      steps: [
        { id: 'engineering', role: 'engineering_manager', label: '工程部经理' },
        { id: 'vp', role: 'vice_president', label: '分管副总' },
        { id: 'gm', role: 'property_gm', label: '物业公司总经理' },
      ],
      before: 'case.resolved',
      rules: ['S2-6'],
    },
  ],
  callback: {
    rules: [{ within: { amount: 3, unit: 'days' }, clock: 'natural', methods: ['visit', 'phone'] }],
    unsatisfiedReopens: false,
  },
  callbackRole: 'site_director',
  rewards: [],
  penalties: [],
  expenses: [
    {
      id: 'goodwill_visit',
      name: '登门慰问(鲜花和水果)',
      defaultAmount: 150,
      signatureChain: ['site_director', 'engineering_manager'],
      rules: ['S2-5'],
    },
  ],
  analysisPeriods: ['monthly'],
  targets: {},
  identityViewerRoles: [],
  archiveSections: [
    { id: 'register', title: '地盘施工投诉登记表' },
    { id: 'solution', title: '综合解决方案及审批' },
    { id: 'diary', title: '工作日记(处理情况记录)' },
  ],
  document: {
    title: '地盘施工处理投诉管理工作细则',
    purpose: '1、目的:在第一时间内及时处理因施工引起的周边居民投诉,确保施工的正常进行。确保第一时间正确解决问题。',
    chapters: [
      { title: '2、范围', clauses: ['适用于地盘周边地区业主和居委对施工行为的投诉。'] },
      {
        title: '3、职责',
        clauses: [
          '3.1 工程部经理负责对投诉的处理进行指导和策划。',
          '3.2 配套部经理负责落实施工噪音办证,对供电影响提供配套协调服务。',
          '3.3 地盘主任直接操作处理投诉。',
        ],
      },
      {
        title: '4、程序',
        clauses: [
          '4.1 地盘主任接到投诉后,根据投诉成因向工程部经理汇报或向配套部经理提出服务要求。',
          '4.2 地盘主任在第一时间赶到投诉点处理。',
          '4.2.1 购买150元左右鲜花和水果。',
          '4.2.2 登门倾听投诉,接受批评,说明原因。',
          '4.3 地盘主任提出综合解决方案报工程部经理、分管副总、物业公司总经理。',
          '4.4 地盘主任实施解决方案并将处理情况记录于工作日记。',
        ],
      },
    ],
    appendix: ['修改记录:页码、修改日期、修改人、修改状态、修改单号、生效日期(见修改记录表)。', '本细则由工程部负责解释,自批准之日起施行。'],
    signOff: { author: '工程部', reviewer: '工程部经理', approver: '物业公司总经理' },
    source: 'S2',
  },
  revisions: [firstRevision('DP-2026-001')],
  rules: [...DOCUMENT_RULES, 'S2-1', 'S2-2', 'S2-3', 'S2-4', 'S2-5', 'S2-6', 'S2-7', 'S2-8', ...CROSS_RULES],
};

export function constructionSiteDemoStaff(): StaffRoles[] {
  return staffFor('s2', [
    ['黄主任', ['site_director'], 'site'],
    ['门卫老林', ['gate_guard'], 'site'],
    ['何经理', ['engineering_manager'], 'engineering'],
    ['罗经理', ['supporting_manager'], 'supporting'],
    ['梁副总', ['vice_president'], 'management'],
    ['宋总', ['property_gm'], 'management'],
  ]);
}
