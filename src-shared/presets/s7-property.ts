import type { PolicyInput, StaffRoles } from '../domain/policy';
import { CHANNELS, CHINA_UTC_OFFSET, CROSS_RULES, DOCUMENT_RULES, PRESET_EFFECTIVE_FROM, firstRevision, staffFor, standardAppendix } from './common';

// 第7篇 业户意见和投诉处理工作制度 (RULES.md S7): property management, owners' opinions and complaints.

const registerFormId = 'customer_complaint_register';

const COMPLAINT_KINDS = ['complaint', 'opinion'];

export const propertyPreset: PolicyInput = {
  id: 'preset-s7-property',
  presetId: 's7-property',
  name: '业户意见和投诉处理工作制度',
  revision: 1,
  effectiveFrom: PRESET_EFFECTIVE_FROM,
  utcOffsetMinutes: CHINA_UTC_OFFSET,
  roles: [
    { code: 'butler', name: '物业管家', description: '负责分区现场业户意见或投诉的受理、处理、记录上报,全程跟办并事后拜访业户(S7-2、S7-14)' },
    { code: 'service_assistant', name: '业服助理', description: '接待来访,处理信函、传真,反馈结果,整理、上报、存档(S7-2)' },
    { code: 'monitor_operator', name: '监控中心值班员', description: '与业服中心共同值守24小时业户热线(S7-1)' },
    { code: 'shift_leader', name: '当值领班' },
    { code: 'supervisor', name: '分管主管' },
    { code: 'dept_supervisor', name: '相关部门主管', description: '协助物业大管家处理本部门投诉并及时反馈' },
    { code: 'senior_butler', name: '物业大管家', description: '处理一般投诉及每月投诉统计、分析、汇报;批准一般投诉超时(S7-3、S7-13)' },
    { code: 'chief_butler', name: '首席物业管家', description: '处理重要、重大投诉,作出最终处理决定,查阅签字《客户投诉登记表》;批准重要投诉超时' },
    { code: 'admin_assistant', name: '行政人事助理' },
    { code: 'project_head', name: '项目第一负责人', description: '重大投诉即刻呈报(S7-13)' },
    { code: 'branch_gm', name: '分公司总经理', description: '重大投诉由首席物业管家上报(S7-13)' },
  ],
  departments: [
    { id: 'service_center', name: '业主服务中心', headRole: 'senior_butler' },
    { id: 'monitoring_center', name: '监控中心', headRole: 'dept_supervisor' },
    { id: 'engineering', name: '工程部', headRole: 'dept_supervisor' },
    { id: 'security', name: '秩序维护部', headRole: 'dept_supervisor' },
    { id: 'environment', name: '环境部', headRole: 'dept_supervisor' },
  ],
  channels: [CHANNELS.hotline, CHANNELS.phone, CHANNELS.visit, CHANNELS.letter, CHANNELS.fax, CHANNELS.onsite],
  receptionPoints: ['业主服务中心', '监控中心(24小时业户热线)', '分区现场(物业管家)'],
  kinds: [
    { code: 'complaint', name: '投诉', formId: registerFormId },
    { code: 'opinion', name: '业户意见', formId: registerFormId },
    // S7-15: suggestions are routed for improvement; they are not complaints and need no callback.
    { code: 'suggestion', name: '合理化建议', formId: registerFormId, callbackExempt: true },
  ],
  forms: [
    {
      id: registerFormId,
      title: '客户投诉登记表',
      fields: [
        { key: 'roomNo', label: '房号', type: 'text', required: true, maxLength: 40, place: true },
        { key: 'zone', label: '分区', type: 'text', required: false, maxLength: 40 },
        { key: 'ownerDeadline', label: '业户要求的解决期限', type: 'datetime', required: false, help: '一般投诉在业户要求的期限内解决(S7-13)' },
      ],
      requires: ['complainant.name', 'complainant.phone', 'category', 'severity'],
    },
  ],
  categories: [
    { code: 'facilities', name: '设施设备', departmentId: 'engineering' },
    { code: 'security', name: '秩序维护', departmentId: 'security' },
    { code: 'environment', name: '环境卫生绿化', departmentId: 'environment' },
    { code: 'butler_service', name: '物业管家服务', departmentId: 'service_center' },
    { code: 'charges', name: '收费', departmentId: 'service_center' },
    { code: 'management_rules', name: '小区管理制度', departmentId: 'service_center', description: '因不理解小区管理制度产生的意见:主动询问,耐心细致解释' },
    {
      code: 'municipal',
      name: '市政设施(水、电、气、道路、邮电、通讯)',
      departmentId: 'service_center',
      external: '市政有关部门',
      description: '做好解释工作,寻求业主服务中心帮助,共同落实与市政有关部门的交涉(S7-11)',
    },
    { code: 'suggestion', name: '合理化建议', departmentId: 'service_center', kinds: ['suggestion'], description: '清楚记录后上报物业大管家,转发到对应部门整改优化(S7-15)' },
  ],
  severities: [
    {
      code: 'major',
      name: '重大投诉',
      rank: 3,
      definition:
        '公司承诺或合同规定提供的服务没有实施或实施效果有明显差错,经业户多次提出而得不到解决的投诉;由于公司责任给业户造成重大经济损失或人身伤害的;由于公司责任引起了不良的社会影响,对公司的声誉造成了不良影响;有效投诉在一个月内得不到合理解决的投诉。',
    },
    { code: 'important', name: '重要投诉', rank: 2, definition: '因公司的管理服务工作不到位、有过失而引起的投诉。' },
    {
      code: 'general',
      name: '一般投诉',
      rank: 1,
      definition: '因公司的设施、设备和管理水平有限,给业户造成的生活、工作轻微不便而非人为因素造成的影响,可以通过改进而较易得到解决或改进的投诉。',
    },
  ],
  inadmissibleReasons: [],
  riskFlags: [],
  // The complaint deadlines (S7-13, S7-16) time complaints and 业户意见; a suggestion is not a complaint
  // (S7-15) although the shared form asks its 等级 too, so none of them runs for it.
  stages: [
    {
      id: 'major_reply',
      name: '重大投诉:24小时内明确答复',
      appliesTo: { kinds: COMPLAINT_KINDS, severities: ['major'] },
      startsOn: ['case.registered'],
      stopsOn: ['case.replied'],
      limit: { amount: 24, unit: 'hours' },
      clock: 'natural',
      ladder: [
        { at: 'start', notifyRoles: ['project_head', 'chief_butler', 'branch_gm'] },
        { at: 'warning', notifyRoles: ['chief_butler'] },
        { at: 'breach', notifyRoles: ['project_head', 'branch_gm'] },
      ],
      rules: ['S7-13', 'S7-3'],
    },
    {
      id: 'major_resolve',
      name: '重大投诉:一周内解决',
      appliesTo: { kinds: COMPLAINT_KINDS, severities: ['major'] },
      startsOn: ['case.registered'],
      stopsOn: ['case.resolved'],
      limit: { amount: 7, unit: 'days' },
      clock: 'natural',
      ladder: [
        { at: 'warning', notifyRoles: ['chief_butler'] },
        { at: 'breach', notifyRoles: ['project_head', 'branch_gm'] },
      ],
      rules: ['S7-13'],
    },
    {
      id: 'important_reply',
      name: '重要投诉:3小时内答复',
      appliesTo: { kinds: COMPLAINT_KINDS, severities: ['important'] },
      startsOn: ['case.registered'],
      stopsOn: ['case.replied'],
      limit: { amount: 3, unit: 'hours' },
      clock: 'natural',
      ladder: [
        { at: 'start', notifyRoles: ['senior_butler', 'chief_butler'] },
        { at: 'breach', notifyRoles: ['chief_butler'] },
      ],
      rules: ['S7-13'],
    },
    {
      id: 'important_resolve',
      name: '重要投诉:3日内处理完毕',
      appliesTo: { kinds: COMPLAINT_KINDS, severities: ['important'] },
      startsOn: ['case.registered'],
      stopsOn: ['case.resolved'],
      limit: { amount: 3, unit: 'days' },
      clock: 'natural',
      extensionApproverRole: 'chief_butler',
      ladder: [
        { at: 'warning', notifyRoles: ['senior_butler'] },
        { at: 'breach', notifyRoles: ['chief_butler'] },
      ],
      rules: ['S7-13'],
    },
    {
      id: 'general_reply',
      name: '一般投诉:1小时内答复',
      appliesTo: { kinds: COMPLAINT_KINDS, severities: ['general'] },
      startsOn: ['case.registered'],
      stopsOn: ['case.replied'],
      limit: { amount: 1, unit: 'hours' },
      clock: 'natural',
      ladder: [{ at: 'breach', notifyRoles: ['senior_butler'] }],
      rules: ['S7-13'],
    },
    {
      id: 'general_resolve',
      name: '一般投诉:2日内处理完毕',
      appliesTo: { kinds: COMPLAINT_KINDS, severities: ['general'] },
      startsOn: ['case.registered'],
      stopsOn: ['case.resolved'],
      limit: { amount: 2, unit: 'days' },
      clock: 'natural',
      extensionApproverRole: 'senior_butler',
      ladder: [{ at: 'breach', notifyRoles: ['senior_butler'] }],
      rules: ['S7-13'],
    },
    {
      // S7-13 "不超过两天或在业户要求的期限内": when the owner asked for an earlier date, that is the deadline, with its own timer.
      id: 'general_owner_deadline',
      name: '一般投诉:业户要求的解决期限',
      appliesTo: { kinds: COMPLAINT_KINDS, severities: ['general'] },
      startsOn: ['case.registered'],
      stopsOn: ['case.resolved'],
      limit: { amount: 2, unit: 'days' },
      clock: 'natural',
      dueAtFormField: 'ownerDeadline',
      extensionApproverRole: 'senior_butler',
      ladder: [
        { at: 'warning', notifyRoles: ['butler'] },
        { at: 'breach', notifyRoles: ['senior_butler'] },
      ],
      rules: ['S7-13'],
    },
    {
      id: 'follow_up',
      name: '交待跟办事项:24小时内处理解决或答复',
      startsOn: ['case.assigned', 'case.transferred'],
      stopsOn: ['case.replied', 'case.resolved'],
      limit: { amount: 24, unit: 'hours' },
      clock: 'natural',
      // S7-9: when it cannot be solved in time, tell the owner and escalate for resources.
      ladder: [{ at: 'breach', notifyRoles: ['senior_butler'] }],
      rules: ['S7-9', 'S7-10'],
    },
    {
      id: 'unresolved_month',
      name: '有效投诉一个月内未合理解决(转为重大投诉)',
      appliesTo: { kinds: ['complaint'], severities: ['important', 'general'] },
      startsOn: ['case.registered'],
      stopsOn: ['case.resolved', 'case.rejected'],
      // "一个月": a calendar month as the Civil Code counts it, not 30 days.
      limit: { amount: 1, unit: 'months' },
      clock: 'natural',
      escalateSeverityTo: 'major',
      ladder: [{ at: 'breach', notifyRoles: ['chief_butler', 'project_head'] }],
      rules: ['S7-16', 'S7-12'],
    },
  ],
  approvals: [
    {
      id: 'major_decision',
      name: '重大投诉最终处理决定',
      appliesTo: { kinds: COMPLAINT_KINDS, severities: ['major'] },
      steps: [{ id: 'chief', role: 'chief_butler', label: '首席物业管家作出最终处理决定' }],
      before: 'case.resolved',
      rules: ['S7-3'],
    },
    {
      id: 'register_signoff',
      name: '《客户投诉登记表》查阅签字后存档',
      steps: [{ id: 'chief', role: 'chief_butler', label: '首席物业管家查阅签字' }],
      before: 'case.closed',
      rules: ['S7-6'],
    },
  ],
  callback: {
    rules: [
      {
        appliesTo: { kinds: ['complaint', 'opinion'] },
        within: { amount: 7, unit: 'days' },
        clock: 'natural',
        methods: ['visit', 'phone'],
      },
    ],
    unsatisfiedReopens: false,
  },
  callbackRole: 'butler',
  rewards: [],
  penalties: [],
  expenses: [],
  analysisPeriods: ['weekly', 'monthly'],
  targets: {},
  identityViewerRoles: [],
  publicContact: { office: '业主服务中心', phone: '', hours: '24小时业户热线' },
  duties: [
    {
      id: 'weekly_statistics',
      name: '业户意见和投诉周统计',
      every: 'weekly',
      dueDay: 1,
      role: 'service_assistant',
      reportToRole: 'chief_butler',
      output: '客户投诉登记表(周统计)',
      items: ['上报物业大管家', '上报首席物业管家'],
      rules: ['S7-6'],
    },
    {
      id: 'weekly_analysis',
      name: '每周分析总结反复出现的问题',
      every: 'weekly',
      dueDay: 5,
      role: 'senior_butler',
      items: ['组织有关部门深入探讨并找出解决办法,防止重复发生'],
      rules: ['S7-7'],
    },
    {
      id: 'monthly_statistics',
      name: '每月投诉统计、分析、汇报',
      every: 'monthly',
      dueDay: 5,
      role: 'senior_butler',
      reportToRole: 'chief_butler',
      rules: ['S7-3'],
    },
  ],
  document: {
    title: '业户意见和投诉处理工作制度',
    purpose:
      '业户意见即是业户心声的表达,也是服务改善的重要依据,在共建和谐社区、打造物业管家优质品牌的过程中,处理好与业户间的误会,了解业户的真实想法,在尊重业户中实现服务的提升,这是物业管家必须做到的;为实现“业户无怨言、管理无盲点、服务无缺陷”的管理目标,每位物业管家都要认真对待业户的意见与投诉,并用规范的服务标准认真对待业户反馈的每一信息,就具体工作的标准与管理工作制定制度如下:',
    chapters: [
      {
        title: '一、分工与责任',
        clauses: [
          '1. 业服中心和监控中心共同配合,设置24小时业户热线,受理电话类业户意见的受理工作。',
          '2. 物业管家负责分区现场的业户意见或投诉的受理、处理及记录上报工作。',
          '3. 业服中心业服助理负责接待业户来访,处理业户信函、传真,向客户反馈处理结果,并负责业户意见或投诉信息的整理、定期上报和存档工作。',
          '4. 重大事件实行层级上报管理,当值领班、分管主管、物业大管家、首席物业管家、行政人事助理都应对业户意见或投诉的解决处理工作负责,首席物业管家负责处理重要投诉,物业大管家负责处理一般投诉及每月投诉统计、分析、汇报工作。',
          '5. 相关部门主管负责协助物业大管家处理本部门投诉事件,及时向业主服务中心反馈投诉处理信息。',
        ],
      },
      {
        title: '二、业户意见或投诉管理规定',
        clauses: [
          '1. 明示办公地点、服务热线的电话号码,建立与业户沟通的渠道与平台,让业户投诉有门。',
          '2. 对业户意见或投诉,实行“首问责任制”管理,公司每一位员工均有接受业户来访、来电或投诉的责任;无论业户意见或投诉事项是否属于本部门,都应受理并跟办到位。',
          '3. 物业管家受理业户意见和投诉记录材料统一交业主服务中心,由业服助理整理记录在《客户投诉登记表》,所有业户意见或投诉按周统计上报物业大管家和首席物业管家,作为工作改善参考;《客户投诉登记表》经首席物业管家查阅签字后存档。',
          '4. 涉及物业管家服务的业户的合理化建议或投诉事项,每周要组织一次分析总结,对反复出现的问题,应组织有关部门进行深入探讨并找出解决办法,防止重复发生。',
          '5. 物业管家受理业户的合理化建议或投诉时,必须面带微笑、主动热情询问,坚持原则,突出服务,不得无理拒绝、推托、推卸责任、不要激化业户情绪,处理完毕后及时将结果回复业户和上级。',
          '6. 物业管家对业户的合理化建议或投诉的内容要如实认真地记录不回避问题,属交待跟办的事情,要做到24小时内予以处理解决或答复;经调查、核实不能解决时及时将信息反馈给业户,并视情上报寻求资源与帮助,想方设法协作处理好业户交办的所有事项。',
          '7. 属物业管家职权范围内的业户意见或投诉事项或能够给予解决的,应当场予以解决;不属于自己职权范围内或不能予以解决的,也不得任何理由推托、回避,应受理业户反应的问题,而后转告并跟进相应部门落实问题的解决工作。',
          '8. 对因不理解小区管理制度而产生的业户意见或投诉,物业管家要主动询问,耐心、细致地做好解释工作,晓之以理,动之以情,让业户理解并支持小区物业服务的工作。',
          '9. 凡市政设施如水、电、气、道路、邮电、通讯等所引起的业户投诉,物业管家应努力做好解释工作,寻求业主服务中心帮助,共同落实与市政有关部门的交涉,尽早为业户排忧解难。',
        ],
      },
      {
        title: '三、业户意见或投诉的处理办法',
        clauses: [
          '1. 对业户意见或投诉事项属于物业管家职权范围内或能够给予解决的,应当场予以解决。',
          '2. 如果投诉内容涉及其他部门,物业管家要将准确的相关内容反馈给相关责任部门,与相关责任部门一道寻求解决方案,并明确期限。属业户合理建议类的物业管家在清楚记录后,将合理化建议上报物业大管家,转发到对应部门进行整改优化。',
          '3. 物业管家受理的业户意见或投诉,超出职权范围的,要第一时间联系物业大管家,清楚陈述业户意见或投诉内容,由物业大管家现场进行处理。',
          '4. 对重大问题的投诉,各责任部门不能处理的或需统一协调的问题,物业大管家要上报首席物业管家,由首席物业管家做出最终处理决定。',
          '5. 物业管家对自己受理的所有业户意见或投诉都有跟办的责任,对于业户交办的投诉事项的处理,物业管家要全程跟办,并在事后拜访业户听取业户反馈的意见。',
        ],
      },
      {
        title: '四、业户投诉的处理规定 (一)投诉界定',
        clauses: [
          '1. 重大投诉:公司承诺或合同规定提供的服务没有实施或实施效果有明显差错,经业户多次提出而得不到解决的投诉;由于公司责任给业户造成重大经济损失或人身伤害的;由于公司责任引起了不良的社会影响,对公司的声誉搞成了不良影响;有效投诉在一个月内得不到合理解决的投诉。',
          '2. 重要投诉:重要投诉是指因公司的管理服务工作不到位、有过失而引起的投诉。',
          '3. 一般投诉:一般投诉是指因公司的设施、设备和管理水平有限,给业户造成的生活、工作轻微不便而非人为因素造成的影响,可以通过改进而较易得到解决或改进的投诉。',
        ],
      },
      {
        title: '四、业户投诉的处理规定 (二)投诉的处理承诺与实施期限',
        clauses: [
          '1. 重大投诉:当时即刻呈报项目第一负责人,首席物业管家进入处置状态(上报分公司总经理),并在24小时内给投诉的业户明确答复,解决时间不宜超过一周。',
          '2. 重要投诉:接待后第一时间转物业大管家、物业大管家进处置状态(上报首席物业管家)。重要投诉应在3小时内答复,一般3日内处理完毕,超时需首席物业管家批准。',
          '3. 一般投诉:不超过两天或在业户要求的期限内解决。一般投诉应在1小时内答复,一般在2日内处理完毕,超时需经物业大管家批准。',
        ],
      },
    ],
    appendix: standardAppendix('业主服务中心'),
    signOff: { author: '业主服务中心', reviewer: '物业大管家', approver: '首席物业管家' },
    source: 'S7',
  },
  revisions: [firstRevision('YH-2026-001')],
  rules: [
    ...DOCUMENT_RULES,
    'S7-1', 'S7-2', 'S7-3', 'S7-4', 'S7-5', 'S7-6', 'S7-7', 'S7-8', 'S7-9', 'S7-10', 'S7-11', 'S7-12', 'S7-13', 'S7-14', 'S7-15', 'S7-16',
    ...CROSS_RULES,
  ],
};

export function propertyDemoStaff(): StaffRoles[] {
  return staffFor('s7', [
    ['王管家', ['butler'], 'service_center'],
    ['李助理', ['service_assistant'], 'service_center'],
    ['赵值班', ['monitor_operator'], 'monitoring_center'],
    ['钱领班', ['shift_leader'], 'service_center'],
    ['孙主管', ['supervisor'], 'service_center'],
    ['周工程', ['dept_supervisor'], 'engineering'],
    ['吴秩序', ['dept_supervisor'], 'security'],
    ['郑环境', ['dept_supervisor'], 'environment'],
    ['冯大管家', ['senior_butler'], 'service_center'],
    ['陈首席', ['chief_butler'], 'service_center'],
    ['褚人事', ['admin_assistant'], 'service_center'],
    ['卫项目', ['project_head'], 'service_center'],
    ['蒋总', ['branch_gm'], 'service_center'],
  ]);
}
