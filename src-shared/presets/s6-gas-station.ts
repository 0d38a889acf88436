import type { PolicyInput, StaffRoles } from '../domain/policy';
import { CHANNELS, CHINA_UTC_OFFSET, CROSS_RULES, DOCUMENT_RULES, PRESET_EFFECTIVE_FROM, firstRevision, staffFor, standardAppendix } from './common';

// 第6篇 投诉举报调查处理工作制度 (RULES.md S6): a fuel station's complaints and reports.

const yesNo = [
  { value: 'yes', label: '是' },
  { value: 'no', label: '否' },
];
const lateStages = ['investigation', 'sample_investigation', 'opinion_onsite_reply', 'opinion_desk_reply'];

export const gasStationPreset: PolicyInput = {
  id: 'preset-s6-gas-station',
  presetId: 's6-gas-station',
  name: '投诉举报调查处理工作制度',
  revision: 1,
  effectiveFrom: PRESET_EFFECTIVE_FROM,
  utcOffsetMinutes: CHINA_UTC_OFFSET,
  roles: [
    { code: 'receiver', name: '接待人员(首问责任人)', description: '首先接到来电(信、访)的工作人员为第一责任人(S6-8)' },
    { code: 'station_manager', name: '站长', description: '举报投诉办理工作牵头人,负责受理和登记;主动介入信访投诉(S6-1、S6-9)' },
    { code: 'leader_in_charge', name: '分管领导', description: '签署意见;审核调查结果、拟处理意见和答复函(S6-3、S6-5、S6-6)' },
    { code: 'main_leader', name: '主要领导', description: '审阅后下达处理意见;考核扣罚' },
    { code: 'manager_in_charge', name: '分管经理(主管经理)', description: '按领导意见处理投诉举报' },
    { code: 'inspector', name: '监督员', description: '两名以上监督员调查核实(S6-4)' },
    { code: 'office_clerk', name: '办公室', description: '移交不属于站内管辖的案件;建立登记簿台账;存档回复文稿' },
  ],
  departments: [
    { id: 'station', name: '加油加气站', headRole: 'station_manager' },
    { id: 'office', name: '办公室', headRole: 'office_clerk' },
    { id: 'leadership', name: '公司领导', headRole: 'main_leader' },
  ],
  channels: [CHANNELS.verbal, CHANNELS.letter, CHANNELS.phone, CHANNELS.fax, CHANNELS.visit, CHANNELS.opinionBook],
  receptionPoints: ['加油加气站站长室'],
  kinds: [
    { code: 'complaint', name: '投诉', formId: 'register_book' },
    { code: 'report', name: '举报', formId: 'register_book' },
    // S6-2: simple questions are answered on the spot; nothing to call back.
    { code: 'consultation', name: '咨询', formId: 'register_book', callbackExempt: true },
    // S6-6: the reviewed written reply in the book closes an entry; there is no one to call back.
    { code: 'opinion_book', name: '《投诉意见簿》意见', formId: 'opinion_book_entry', callbackExempt: true },
  ],
  forms: [
    {
      id: 'register_book',
      title: '举报投诉登记薄',
      fields: [
        {
          key: 'ledgerClass',
          label: '台账类别',
          type: 'select',
          required: true,
          options: [
            { value: 'letter', label: '人员来信' },
            { value: 'public', label: '公众监督' },
            { value: 'complaint', label: '投诉' },
          ],
          help: '分类记录人员来信、公众监督、投诉情况(S6-7)',
        },
        { key: 'sampleNeeded', label: '须先行送样检验', type: 'select', required: false, options: yesNo },
      ],
      requires: ['category'],
    },
    {
      id: 'opinion_book_entry',
      title: '《投诉意见簿》查阅记录',
      fields: [
        { key: 'onSiteNeeded', label: '需现场调查', type: 'select', required: true, options: yesNo, help: '需现场调查的5天内回复,不需要的1天内回复(S6-6)' },
      ],
      requires: [],
    },
  ],
  categories: [
    { code: 'safety', name: '安全生产', departmentId: 'station' },
    { code: 'service_quality', name: '服务质量', departmentId: 'station' },
    { code: 'fuel_quality', name: '油品气品质量', departmentId: 'station' },
    { code: 'metering', name: '计量', departmentId: 'station' },
  ],
  severities: [],
  inadmissibleReasons: [
    {
      code: 'out_of_jurisdiction',
      text: '您反映的事项不属于本站管辖,已向您说明理由,并由办公室移交有权管辖的部门处理。',
      referral: '有权管辖的部门',
    },
  ],
  riskFlags: [
    {
      code: 'petition',
      name: '信访投诉',
      alertRoles: ['station_manager'],
      description: '站长主动介入,摸清情况,掌握动态,做好协调解释工作(S6-9)',
    },
  ],
  stages: [
    {
      id: 'investigation',
      name: '自接到举报投诉之日起3日内调查处理',
      appliesTo: { kinds: ['complaint', 'report'] },
      startsOn: ['case.registered'],
      stopsOn: ['case.investigated', 'case.sample_sent'],
      limit: { amount: 3, unit: 'days' },
      clock: 'natural',
      ladder: [
        { at: 'warning', notifyRoles: ['station_manager'] },
        { at: 'breach', notifyRoles: ['station_manager', 'manager_in_charge', 'main_leader'] },
      ],
      rules: ['S6-5', 'S6-10'],
    },
    {
      id: 'sample_investigation',
      name: '送样检验之日起7日内调查处理',
      appliesTo: { kinds: ['complaint', 'report'] },
      startsOn: ['case.sample_sent'],
      stopsOn: ['case.investigated'],
      limit: { amount: 7, unit: 'days' },
      clock: 'natural',
      ladder: [{ at: 'breach', notifyRoles: ['station_manager', 'manager_in_charge', 'main_leader'] }],
      rules: ['S6-5', 'S6-10'],
    },
    {
      id: 'opinion_onsite_reply',
      name: '意见簿:需现场调查的5天内回复',
      appliesTo: { kinds: ['opinion_book'], form: { key: 'onSiteNeeded', equals: 'yes' } },
      startsOn: ['case.registered'],
      stopsOn: ['case.replied'],
      limit: { amount: 5, unit: 'days' },
      clock: 'natural',
      ladder: [{ at: 'breach', notifyRoles: ['station_manager', 'manager_in_charge'] }],
      rules: ['S6-6', 'S6-10'],
    },
    {
      id: 'opinion_desk_reply',
      name: '意见簿:不需现场调查的1天内回复',
      appliesTo: { kinds: ['opinion_book'], form: { key: 'onSiteNeeded', equals: 'no' } },
      startsOn: ['case.registered'],
      stopsOn: ['case.replied'],
      limit: { amount: 1, unit: 'days' },
      clock: 'natural',
      ladder: [{ at: 'breach', notifyRoles: ['station_manager', 'manager_in_charge'] }],
      rules: ['S6-6', 'S6-10'],
    },
  ],
  approvals: [
    {
      id: 'leader_opinion',
      name: '领导签署意见交主管经理处理',
      steps: [{ id: 'leader', role: 'leader_in_charge', label: '领导签署意见' }],
      before: 'case.assigned',
      rules: ['S6-3'],
    },
    {
      id: 'written_report',
      name: '调查结果、拟处理意见和答复函书面报分管领导审核',
      appliesTo: { kinds: ['complaint', 'report'] },
      steps: [{ id: 'leader', role: 'leader_in_charge', label: '分管领导审核' }],
      before: 'case.replied',
      rules: ['S6-5'],
    },
    {
      id: 'opinion_reply_review',
      name: '意见簿回复文稿审核',
      appliesTo: { kinds: ['opinion_book'] },
      steps: [
        { id: 'leader', role: 'leader_in_charge', label: '分管领导审核、把关' },
        { id: 'main', role: 'main_leader', label: '主要领导审阅后下达处理意见' },
      ],
      before: 'case.replied',
      rules: ['S6-6'],
    },
  ],
  callback: {
    rules: [{ appliesTo: { kinds: ['complaint', 'report'] }, within: { amount: 3, unit: 'days' }, clock: 'natural', methods: ['phone', 'letter', 'visit'] }],
    unsatisfiedReopens: false,
  },
  callbackRole: 'station_manager',
  rewards: [],
  penalties: [
    {
      id: 'late_station_manager',
      name: '未按时调查处理或回复:扣站长绩效考核奖金',
      trigger: { on: 'breach', stageIds: lateStages },
      amount: 100,
      targetRole: 'station_manager',
      approverRole: 'main_leader',
      rules: ['S6-10'],
    },
    {
      id: 'late_manager_in_charge',
      name: '未按时调查处理或回复:扣分管经理绩效考核奖金',
      trigger: { on: 'breach', stageIds: lateStages },
      amount: 200,
      targetRole: 'manager_in_charge',
      approverRole: 'main_leader',
      rules: ['S6-10'],
    },
    {
      id: 'first_ask_violation',
      name: '不执行首问负责制:扣责任人绩效考核奖金',
      trigger: { on: 'first_ask_violation' },
      amount: 50,
      targetRole: 'receiver',
      approverRole: 'main_leader',
      rules: ['S6-10', 'S6-8'],
    },
  ],
  expenses: [],
  analysisPeriods: ['monthly', 'yearly'],
  targets: {},
  identityViewerRoles: [],
  minInspectors: 2,
  publicContact: { office: '银川市兴庆区石油城基地加油加气站', phone: '6933248', hours: '营业时间' },
  duties: [
    {
      id: 'read_opinion_book',
      name: '定期查阅《投诉意见簿》',
      every: 'weekly',
      dueDay: 1,
      role: 'station_manager',
      rules: ['S6-6'],
    },
  ],
  document: {
    title: '投诉举报调查处理工作制度',
    purpose:
      '为提升公司的服务意识,完善公司服务质量,了解客户投诉内容、理由及要求,对客户投诉的处理进程进行督促特制度以下制度。一、目的:1、处理安全生产、服务质量投诉内容、理由及要求;2、对安全生产、服务质量投诉的处理进程进行督促。',
    chapters: [
      { title: '二、范围', clauses: ['1、顾客对站内安全生产、服务质量等方面的情况存在意见或建议的投诉或举报的处理制度。'] },
      {
        title: '三、投诉举报方式',
        clauses: [
          '口头举报、信件投诉地址:银川市兴庆区石油城基地加油加气站',
          '电话传真:6933248董永梅',
          '明确站长为举报投诉办理工作牵头人,负责举报投诉的受理和登记工作。站内承担举报投诉(咨询)的受理、登记、现场调查、投诉举报处理结果反馈和调查材料(回复文稿)撰写报送等工作。',
        ],
      },
      {
        title: '四、程序',
        clauses: [
          '1. 接待、受理登记:接到来电(信、访)时,站内应对是否属于本所管辖的进行审核,属于加油加气站管辖的,应将有关内容进行记录;对于不属于站内管辖的,接待人员应对其说明理由,并告知其有权管辖的部门;对于简单的、当场能给予答复的,接待人员可现场口头答复举报投诉人。',
          '站内在接到各种类别的举报投诉案件案件后,应及时填写举报投诉登记薄,由领导签署意见交有关主管经理处理。对不属于站内管辖的,由办公室将该举报投诉移交给有权管辖的部门处理。',
          '2. 调查处理:站内在接到举报投诉后,应确定两名以上监督员对举报投诉内容进行调查核实,经调查确有违法行为的,应及时立案,按法定程序实施行政处罚。',
          '调查处理的期限为自接到举报投诉之日起3日内。对必须先行检验的,调查处理期限为送样检验之日起7日内;承办科室应在规定的时限内将调查结果、拟处理意见和答复函,以书面形式报分管领导审核。',
        ],
      },
      {
        title: '四、回复',
        clauses: [
          '1、公众监督:加油加气站负责人应定期查阅《投诉意见簿》,发现相关投诉内容,需现场调查情况,在5天内完成回复内容,不需现场调查的,1天内完成回复内容。回复文稿由分管领导审核、阅后,报办公室。',
          '2、由分管领导把关,主要领导审阅后,下达处理意见。',
        ],
      },
      {
        title: '五、要求',
        clauses: [
          '1、建立工作台帐。所办公室建立投诉举报信息登记簿,分类记录人员来信、公众监督、投诉情况的登记时间、调查时间、调查人、调查结果。',
          '2、实行首问负责制。首问负责制是指首先接到来电(信、访)的工作人员为第一责任人,必须给予解决、指引、介绍或答疑的责任制度。对服务对象的来电(信、访),第一责任人应做到:凡属本人职责范围内的工作,应耐心解答,认真及时办理。无法立即答复或解决的,应向对方交待清楚解决问题的日期。自己不能解决的,应及时上报,不得以任何理由推诿、拒绝或拖延处理时间。',
          '3、及时沟通。站长对信访投诉反映的问题,要主动介入,摸清情况,掌握动态,做好协调解释工作,及时处理相关责任人,争取工作的主动权。',
          '4、严格工作考核。凡是不按时对投诉举报进行调查处理,按时回复的,有一次扣除站长绩效考核奖金100元,扣除分管经理绩效考核奖金200元。对不执行首问负责制,发现一次,扣除责任人绩效考核奖金50元。',
        ],
      },
    ],
    appendix: standardAppendix('办公室'),
    signOff: { author: '加油加气站', reviewer: '分管领导', approver: '主要领导' },
    source: 'S6',
  },
  revisions: [firstRevision('JY-2026-001')],
  rules: [...DOCUMENT_RULES, 'S6-1', 'S6-2', 'S6-3', 'S6-4', 'S6-5', 'S6-6', 'S6-7', 'S6-8', 'S6-9', 'S6-10', ...CROSS_RULES],
};

export function gasStationDemoStaff(): StaffRoles[] {
  return staffFor('s6', [
    ['加油员小马', ['receiver'], 'station'],
    ['董站长', ['station_manager', 'receiver'], 'station'],
    ['分管领导', ['leader_in_charge'], 'leadership'],
    ['主要领导', ['main_leader'], 'leadership'],
    ['主管经理', ['manager_in_charge'], 'leadership'],
    ['监督员甲', ['inspector'], 'station'],
    ['监督员乙', ['inspector'], 'station'],
    ['办公室文员', ['office_clerk'], 'office'],
  ]);
}
