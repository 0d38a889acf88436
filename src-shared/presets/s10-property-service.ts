import type { PolicyInput, StaffRoles } from '../domain/policy';
import { CHANNELS, CHINA_UTC_OFFSET, CROSS_RULES, DOCUMENT_RULES, PRESET_EFFECTIVE_FROM, firstRevision, staffFor, standardAppendix } from './common';

// 第10篇 物业服务部接待业主来访投诉工作制度 (RULES.md S10).

export const propertyServicePreset: PolicyInput = {
  id: 'preset-s10-property-service',
  presetId: 's10-property-service',
  name: '物业服务部接待业主来访投诉工作制度',
  revision: 1,
  effectiveFrom: PRESET_EFFECTIVE_FROM,
  utcOffsetMinutes: CHINA_UTC_OFFSET,
  roles: [
    { code: 'cs_clerk', name: '客服人员', description: '集中登记、当天调查核实、填写并编号客户投诉处理通知单、回访' },
    { code: 'cs_manager', name: '客户服务部经理', description: '特殊情况决定处理办法;接收处理结果;每年登门回访1~2次' },
    { code: 'repair_staff', name: '维修人员', description: '24小时内按书面通知整改(S10-19)' },
    { code: 'upper_management', name: '上层管理处', description: '本部门不能处理的重大投诉作出处理决定(S10-8、S10-16)' },
  ],
  departments: [
    { id: 'service_dept', name: '物业服务部', headRole: 'cs_manager' },
    { id: 'maintenance', name: '维修班', headRole: 'cs_manager' },
    { id: 'upper', name: '上层管理处', headRole: 'upper_management' },
  ],
  channels: [CHANNELS.letter, CHANNELS.phone, CHANNELS.fax, CHANNELS.visit],
  receptionPoints: ['物业服务部接待室'],
  kinds: [
    { code: 'complaint', name: '投诉', formId: 'visit_complaint_record' },
    { code: 'visit', name: '来访', formId: 'visit_complaint_record' },
    { code: 'repair', name: '维修', formId: 'visit_complaint_record' },
  ],
  forms: [
    {
      id: 'visit_complaint_record',
      title: '业主来访投诉记录',
      fields: [
        { key: 'documentRef', label: '投诉文件(信件、传真、电话及面谈的正式记录的编号)', type: 'text', required: true, maxLength: 60 },
        { key: 'nature', label: '投诉性质或内容摘要', type: 'textarea', required: true, maxLength: 2000 },
      ],
      // 住户名称 = complainant.name; 处理结果 = the case result.
      requires: ['complainant.name'],
    },
    {
      id: 'complaint_notice',
      title: '客户投诉处理通知单',
      fields: [{ key: 'noticeNo', label: '通知单编号', type: 'text', required: true, maxLength: 40 }],
      requires: [],
    },
    {
      id: 'repair_callback_record',
      title: '维修回访记录',
      fields: [
        { key: 'repairChecked', label: '实地查看维修项目', type: 'select', required: true, options: [{ value: 'yes', label: '已查看' }, { value: 'no', label: '未查看' }] },
        { key: 'staffService', label: '维修人员服务情况', type: 'textarea', required: true, maxLength: 1000 },
        { key: 'chargesChecked', label: '核对收费情况', type: 'text', required: true, maxLength: 200 },
        { key: 'improvements', label: '改进意见', type: 'textarea', required: false, maxLength: 1000 },
        { key: 'expectedReplyAt', label: '预定回复时间', type: 'datetime', required: false, help: '不能当即答复时告知业主(S10-15)' },
      ],
      requires: [],
    },
  ],
  categories: [
    { code: 'power', name: '供电', departmentId: 'maintenance' },
    { code: 'water', name: '供水', departmentId: 'maintenance' },
    { code: 'fire_security', name: '消防治安', departmentId: 'service_dept' },
    { code: 'sanitation', name: '卫生', departmentId: 'service_dept' },
    { code: 'service', name: '服务态度', departmentId: 'service_dept' },
  ],
  severities: [
    { code: 'major', name: '重大投诉', rank: 2, definition: '本部门不能处理、须统一协调的重大投诉问题。' },
    { code: 'normal', name: '一般投诉', rank: 1, definition: '本部门能够处理的投诉。' },
  ],
  inadmissibleReasons: [],
  riskFlags: [],
  stages: [
    {
      id: 'verify_same_day',
      name: '当天调查、核实',
      startsOn: ['case.registered'],
      stopsOn: ['case.investigated', 'case.site_visited'],
      limit: { amount: 1, unit: 'minutes' },
      endOfDay: true,
      clock: 'natural',
      ladder: [{ at: 'breach', notifyRoles: ['cs_manager'] }],
      rules: ['S10-5'],
    },
    {
      id: 'reply_within_week',
      name: '向业主答复最长不超过一周',
      appliesTo: { kinds: ['complaint', 'visit'] },
      startsOn: ['case.registered'],
      stopsOn: ['case.replied'],
      limit: { amount: 7, unit: 'days' },
      clock: 'natural',
      ladder: [
        { at: 'warning', notifyRoles: ['cs_manager'] },
        { at: 'breach', notifyRoles: ['cs_manager'] },
      ],
      rules: ['S10-9'],
    },
    {
      id: 'major_escalation',
      name: '重大投诉报上层管理处',
      appliesTo: { severities: ['major'] },
      startsOn: ['case.registered'],
      stopsOn: ['case.escalated'],
      limit: { amount: 1, unit: 'days' },
      clock: 'natural',
      ladder: [{ at: 'start', notifyRoles: ['cs_manager', 'upper_management'] }, { at: 'breach', notifyRoles: ['upper_management'] }],
      rules: ['S10-8'],
    },
    {
      id: 'repair_notice',
      name: '回访发现问题:24小时内书面通知维修人员整改',
      startsOn: ['case.reopened'],
      stopsOn: ['case.assigned'],
      limit: { amount: 24, unit: 'hours' },
      clock: 'natural',
      ladder: [{ at: 'breach', notifyRoles: ['cs_manager'] }],
      rules: ['S10-19', 'S10-16'],
    },
  ],
  approvals: [
    {
      id: 'manager_decision',
      name: '特殊情况由经理决定处理办法',
      appliesTo: { severities: ['major'] },
      steps: [
        { id: 'manager', role: 'cs_manager', label: '客户服务部经理' },
        { id: 'upper', role: 'upper_management', label: '上层管理处作出处理决定' },
      ],
      before: 'case.resolved',
      rules: ['S10-5', 'S10-8'],
    },
  ],
  callback: {
    rules: [
      { appliesTo: { kinds: ['repair'] }, within: { amount: 7, unit: 'days' }, clock: 'natural', methods: ['visit', 'phone'], calleeSigns: true },
      { appliesTo: { kinds: ['complaint', 'visit'] }, within: { amount: 7, unit: 'days' }, clock: 'natural', methods: ['phone', 'visit'] },
    ],
    unsatisfiedReopens: true,
  },
  callbackRole: 'cs_clerk',
  rewards: [],
  penalties: [],
  expenses: [],
  analysisPeriods: ['quarterly', 'yearly'],
  targets: { callbackRate: 1, validComplaintRate: 0.01, baseLabel: '住户' },
  identityViewerRoles: [],
  publicContact: { office: '物业服务部接待室', phone: '', hours: '工作时间' },
  duties: [
    {
      id: 'yearly_survey',
      name: '业主对各服务项目的意见调查',
      every: 'yearly',
      role: 'cs_manager',
      items: ['供电', '供水', '消防治安', '卫生'],
      rules: ['S10-14'],
    },
    {
      id: 'yearly_callback_plan',
      name: '回访列入年度工作计划和总结评比',
      every: 'yearly',
      dueDay: 15,
      role: 'cs_manager',
      rules: ['S10-13'],
    },
    {
      id: 'manager_visits',
      name: '经理选择性登门回访(每年1~2次)',
      every: 'yearly',
      role: 'cs_manager',
      rules: ['S10-17'],
    },
    {
      id: 'rectification_notice',
      name: '张榜公布整改措施、表彰“文明户”',
      every: 'quarterly',
      dueDay: 15,
      role: 'cs_manager',
      rules: ['S10-12'],
    },
  ],
  document: {
    title: '物业服务部接待业主来访与投诉工作制度',
    purpose:
      '随着居民生活水平的不断提高,居民对居住小区的物业管理服务需求也日益多样化,这使得物业管理的难度不断加大,投诉事件的发生也日趋频繁。而业主投诉处理时物业管理的基础和核心,是物业管理永远值得关注的问题。为加强本单位与业主间的联系,及时为业主和住户排忧解难,提高工作效率和社会效益,特建立如下接待来访投诉工作制度。',
    chapters: [
      {
        title: '一、业主来访与投诉的接待',
        clauses: [
          '1. 宣传来访或投诉的办公地点、电话,让业主和住户来访或投诉无后顾之忧,并取得业主或住户的信任。',
          '2. 工作人员在遇到业主、住户来访或投诉时,应给予热情接待,主动询问,面带微笑,不得有刁难、推诿、对抗情绪,做到对熟人、陌生人一个样,对大人、小孩一个样,忙时、闲时一个样。',
          '3. 无论业主、住户对公司服务方面采取何种方式投诉,无论信函、电话、传真或来人面谈,工作人员要集中登记、及时处理,并及时反馈处理结果。对业主、住户,必须做到热忱、主动、迅速,不推卸责任、为难业主,或乘机索取好处等。',
          '4. 对于业主、住户投诉、来访中谈到的问题,客服人员应及时进行全面记录,记录的内容包括住户名称、投诉文件(如信件、传真、电话及面谈的正式记录的编号)、投诉性质或内容摘要、处理结果等。',
          '5. 处理来访、投诉时,要坚持原则,突出服务。工作人员应于当天进行调查、核实,特殊情况要将结果和处理意见汇报给经理,由领导决定处理办法。',
          '6. 处理完业主、住户的来访或投诉后,应及时将结果回复业主、住户和客户服务部经理,并及时回访业主、住户,做到事事哟着落、件件有回音。',
          '7. 工作人员要认真填写客户投诉处理通知单,并将每份客户投诉处理通知单进行编号,以便于跟踪、检查。',
          '8. 对本部门不能处理的重大投诉问题,须统一协调时,直接报上层管理处,由上层管理部门协助作出处理决定。',
          '9. 接到投诉后,在预定时间内采取补救措施,向业主、住户答复时间最长不应超过一周。',
          '10. 对业主、住户的投诉,分季度或年终进行分析总结,对反复出现的问题,应组织有关部门进行深入探讨,找出解决办法,防止同样的事情屡次发生。',
          '11. 当同行的物业管理单位来访时,工作人员应给予热情接待,把住宅小区情况做全面的介绍,并互相探讨、学习,共同提高小区管理水平。',
          '12. 根据业主的反馈和投诉信息,制订整改计划,并张榜公布整改措施,表彰“爱我家园”的住户名单,定期举行“文明户”业主评选活动。',
        ],
      },
      {
        title: '二、业主来访与投诉的回访',
        clauses: [
          '1. 物业服务管理部应当把对住户的回访列入职责范围,并落实到每年的工作计划和总结评比中。采用电话或其他形式跟踪投诉解决后是否仍存在问题。',
          '2. 物业服务管理部除了对业主的来访与投诉回访外,每年还应当至少进行一次调查,摸清业主对各个服务项目,如供电、供水、消防治安、卫生等各个方面的管理意见,并将业主意见汇总,对不足方面改进后进行回访。',
          '3. 回访时,应当虚心听取业主意见,诚恳接受批评,采纳合理化建议,做好回访记录。回访中,如不能当即答复业主的询问和意见,应告知预定回复时间。',
          '4. 回访后对业主反馈的信息,应及时逐条整理综合、研究、妥善解决,重大问题向上层领导请示解决。',
          '5. 回访时间及形式,根据业主的实际情况灵活安排,经理每年应有选择性地登门回访1~2次。',
          '6. 必要时,回访人员应当实地查看维修项目,向在维修现场的业主了解维修人员服务情况,征询改进意见,核对收费情况,并请被回访人签名。',
          '7. 回访中发现的问题,应当在24小时内书面通知维修人员进行整改。',
          '8. 对于长期存在的问题,须责成有关部门迅速处理,力争回访处理率达100%,有效投诉率减低到1%以下。',
        ],
      },
    ],
    appendix: standardAppendix('物业服务部'),
    signOff: { author: '物业服务部', reviewer: '客户服务部经理', approver: '上层管理处' },
    source: 'S10',
  },
  revisions: [firstRevision('WY-2026-001')],
  rules: [
    ...DOCUMENT_RULES,
    'S10-1', 'S10-2', 'S10-3', 'S10-4', 'S10-5', 'S10-6', 'S10-7', 'S10-8', 'S10-9', 'S10-10', 'S10-11', 'S10-12', 'S10-13', 'S10-14', 'S10-15',
    'S10-16', 'S10-17', 'S10-18', 'S10-19', 'S10-20',
    ...CROSS_RULES,
  ],
};

export function propertyServiceDemoStaff(): StaffRoles[] {
  return staffFor('s10', [
    ['客服小杨', ['cs_clerk'], 'service_dept'],
    ['客户服务部经理', ['cs_manager'], 'service_dept'],
    ['维修工老徐', ['repair_staff'], 'maintenance'],
    ['管理处领导', ['upper_management'], 'upper'],
  ]);
}
