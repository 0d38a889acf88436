import type { PolicyInput, StaffRoles } from '../domain/policy';
import { CHINA_UTC_OFFSET, CROSS_RULES, DOCUMENT_RULES, PRESET_EFFECTIVE_FROM, firstRevision, staffFor, standardAppendix } from './common';

// 第1篇 火灾隐患举报投诉查处工作制度 (RULES.md S1). Every clock is natural time: the hotline never
// closes, so no deadline skips nights, weekends or holidays (S1-1).

const immediateAlert = ['duty_chief', 'main_leader'];

export const fireBrigadePreset: PolicyInput = {
  id: 'preset-s1-fire-brigade',
  presetId: 's1-fire-brigade',
  name: '火灾隐患举报投诉查处工作制度',
  revision: 1,
  effectiveFrom: PRESET_EFFECTIVE_FROM,
  utcOffsetMinutes: CHINA_UTC_OFFSET,
  roles: [
    { code: 'duty_officer', name: '行政值班员(接访工作人员)', description: '举报投诉首问负责人,杜绝拒访(S1-2)' },
    { code: 'duty_chief', name: '值班首长', description: '当日接报并批示转交(S1-3)' },
    { code: 'main_leader', name: '主要领导', description: '批准报转上级或同级消防机构(S1-4);每月领导接待日(S1-8);审批奖励(S1-14)' },
    { code: 'admin_leader', name: '行政领导', description: '审批处理意见后方可反馈(S1-10)' },
    { code: 'inspector', name: '消防监督员', description: '依消防监督检查程序调查处理' },
    { code: 'office_clerk', name: '档案管理员', description: '举报投诉档案(S1-13)' },
  ],
  departments: [
    { id: 'complaint_center', name: '火灾隐患举报投诉受理中心', headRole: 'duty_chief' },
    { id: 'fire_supervision', name: '防火监督科', headRole: 'inspector' },
    { id: 'brigade_office', name: '大队办公室', headRole: 'office_clerk' },
    { id: 'leadership', name: '大队领导', headRole: 'main_leader' },
  ],
  channels: [
    { code: 'hotline_96119', name: '96119(支队受理中心)' },
    { code: 'hotline', name: '举报投诉专线' },
    { code: 'phone', name: '电话' },
    { code: 'letter', name: '来信' },
    { code: 'visit', name: '来访' },
  ],
  receptionPoints: ['火灾隐患举报投诉受理中心', '火灾隐患举报投诉信访接待室'],
  kinds: [
    { code: 'report', name: '举报', formId: 'report_register' },
    { code: 'complaint', name: '投诉', formId: 'report_register' },
  ],
  forms: [
    {
      id: 'report_register',
      title: '举报投诉处理登记表',
      fields: [
        { key: 'hazardPlace', label: '隐患地点', type: 'text', required: true, maxLength: 200, place: true },
        { key: 'reportedUnit', label: '被举报单位', type: 'text', required: false, maxLength: 200 },
        // S1-8: a visitor is booked onto a leaders' reception day by registering the visit with this date.
        { key: 'receptionDay', label: '预约领导接待日', type: 'date', required: false, help: '每月最后一个星期五上午为领导接待日' },
      ],
      requires: ['category'],
    },
  ],
  categories: [
    { code: 'fire_hazard', name: '火灾隐患', departmentId: 'fire_supervision' },
    { code: 'fire_violation', name: '消防违法违章行为', departmentId: 'fire_supervision' },
    { code: 'staff_conduct', name: '工作人员作风', departmentId: 'brigade_office' },
    {
      code: 'higher_authority',
      name: '属上级或同级消防机构管辖',
      departmentId: 'complaint_center',
      external: '上级或同级消防机构',
      description: '报本单位领导批准后及时报转相应单位处理(S1-4)',
    },
  ],
  severities: [],
  inadmissibleReasons: [
    {
      code: 'not_fire_matter',
      text: '您反映的事项不属于消防机构受理范围,已向您解释清楚;必要时给予书面答复。',
      referral: '建议向有权处理的相关部门单位申请解决诉求。',
    },
  ],
  riskFlags: [
    { code: 'suicide', name: '企图自杀', alertRoles: immediateAlert, description: '妥善处置并及时报告(S1-6)' },
    { code: 'violence', name: '行凶', alertRoles: immediateAlert, description: '妥善处置并及时报告(S1-6)' },
    { code: 'explosion', name: '爆炸', alertRoles: immediateAlert, description: '妥善处置并及时报告(S1-6)' },
    { code: 'mass_incident', name: '可能引发群体性事件', alertRoles: immediateAlert, description: '妥善处置并及时报告(S1-6)' },
    {
      code: 'over_head',
      name: '可能继续或越级举报投诉',
      alertRoles: ['main_leader'],
      description: '及时向上级如实报告相关情况(S1-7)',
      reportExternally: ['上级消防机构'],
    },
  ],
  stages: [
    {
      id: 'report_to_chief',
      name: '当日报告值班首长',
      startsOn: ['case.registered'],
      stopsOn: ['case.approval_requested', 'case.escalated'],
      limit: { amount: 1, unit: 'minutes' },
      endOfDay: true,
      clock: 'natural',
      ladder: [{ at: 'breach', notifyRoles: ['duty_chief'] }],
      rules: ['S1-3', 'S1-1'],
    },
    {
      id: 'investigation',
      name: '限时办理(调查处理)',
      startsOn: ['case.assigned'],
      stopsOn: ['case.investigated'],
      // 限时办理: the chief may set a tighter dueAt on the assignment; 3 days is the preset default.
      limit: { amount: 3, unit: 'days' },
      clock: 'natural',
      ladder: [
        { at: 'warning', notifyRoles: ['duty_chief'] },
        { at: 'breach', notifyRoles: ['main_leader'] },
      ],
      rules: ['S1-3', 'S1-10', 'S1-1', 'S1-15'],
    },
    {
      id: 'feedback',
      name: '向举报投诉人反馈处理结果',
      startsOn: ['case.resolved'],
      stopsOn: ['case.feedback_given', 'case.feedback_impossible'],
      limit: { amount: 3, unit: 'days' },
      clock: 'natural',
      ladder: [{ at: 'breach', notifyRoles: ['main_leader'] }],
      rules: ['S1-11', 'S1-1', 'S1-15'],
    },
  ],
  approvals: [
    {
      id: 'chief_instruction',
      name: '值班首长批示转交',
      steps: [{ id: 'chief', role: 'duty_chief', label: '主要领导或值班首长批示' }],
      before: 'case.assigned',
      rules: ['S1-3'],
    },
    {
      id: 'forward_approval',
      name: '报转上级或同级消防机构',
      appliesTo: { categories: ['higher_authority'] },
      steps: [{ id: 'leader', role: 'main_leader', label: '本单位领导批准' }],
      before: 'case.transferred',
      rules: ['S1-4'],
    },
    {
      id: 'handling_opinion',
      name: '处理意见审批',
      steps: [{ id: 'admin_leader', role: 'admin_leader', label: '行政领导审批处理意见' }],
      before: 'case.feedback_given',
      rules: ['S1-10'],
    },
  ],
  callback: {
    rules: [{ within: { amount: 3, unit: 'days' }, clock: 'natural', methods: ['visit', 'phone', 'letter'] }],
    unsatisfiedReopens: false,
  },
  callbackRole: 'duty_officer',
  rewards: [
    {
      id: 'hazard_report_reward',
      name: '火灾隐患举报奖励',
      trigger: 'hazard_verified',
      levels: [
        { level: 'general', name: '一般火灾隐患', min: 300, max: 500 },
        { level: 'serious', name: '较大火灾隐患', min: 500, max: 800 },
        { level: 'major', name: '重大火灾隐患', min: 800, max: 1000 },
      ],
      approverRole: 'main_leader',
      rules: ['S1-14'],
    },
  ],
  penalties: [
    {
      id: 'accountability',
      name: '违反程序、拖延查处、不作为追究责任(列入问责清单)',
      trigger: { on: 'breach' },
      amount: 0,
      targetRole: 'inspector',
      approverRole: 'main_leader',
      rules: ['S1-15'],
    },
  ],
  expenses: [],
  analysisPeriods: ['monthly', 'quarterly', 'yearly'],
  targets: {},
  confidentialByDefault: true,
  identityViewerRoles: ['main_leader', 'duty_chief'],
  publicContact: { office: '火灾隐患举报投诉受理中心', phone: '96119', hours: '24小时' },
  archiveSections: [
    { id: 'register', title: '举报投诉处理登记表' },
    { id: 'materials', title: '举报投诉书面材料' },
    { id: 'evidence', title: '调查、处理、核实的有关证据' },
    { id: 'report', title: '举报投诉处理报告' },
  ],
  duties: [
    {
      id: 'leaders_reception_day',
      name: '主要领导接待日',
      every: 'monthly',
      weekday: 5,
      weekOfMonth: -1,
      from: '08:30',
      to: '12:00',
      role: 'main_leader',
      items: ['火灾隐患举报投诉信访接待室'],
      rules: ['S1-8'],
    },
    {
      id: 'situation_analysis',
      name: '举报信访工作形势分析',
      every: 'quarterly',
      dueDay: 10,
      role: 'duty_chief',
      reportToRole: 'main_leader',
      rules: ['S1-12'],
    },
  ],
  document: {
    title: '火灾隐患举报投诉查处工作制度',
    purpose: '为做好火灾隐患举报投诉的受理、调查、处理和反馈工作,依据《信访条例》、《内蒙古自治区消防违法违章行为举报投诉查处规定》等规定,制定本制度。',
    chapters: [
      {
        title: '受理',
        clauses: [
          '一、市消防支队受理中心24小时值班电话“96119”,为支队火灾隐患举报受理电话,同时在全市予以公布。满洲里市消防大队于2月28日成立火灾隐患举报投诉受理中心,设立举报投诉专线(0470-6260649),并向社会公布。',
          '二、大队值班受理、投诉处理人员对举报投诉处理工作应做到有问必答、热情接待、妥善处理。',
          '三、举报投诉处理实行首问负责制。行政值班员为举报投诉接访工作人员。接访工作人员要认真对待举报投诉群众的来电、来信、来访,坚决杜绝各种理由的拒访现象。',
          '四、接访工作人员对属于本单位受理的举报投诉情况,应及时报告当日值班首长,经主要领导或值班首长批示后,转交相关部门限时办理;对属于上级或与本单位同级的消防机构处理的情况,要在报本单位领导批准后及时报转相应单位处理;对不属于消防机构受理的情况要向当事人解释清楚,必要时给予书面答复,并可建议其向相关部门单位申请解决诉求。',
          '五、受理举报投诉事项的工作人员或经办人员应对举报投诉人身份及举报投诉内容保密。',
          '六、在接待、处理举报投诉中,工作人员发现有企图自杀、行凶、爆炸等异常行为或可能引发群体性事件的,应妥善处置并及时报告。',
          '七、对于举报投诉中有继续_尤其是越级_可能的,要及时向上级如实报告相关情况。',
          '八、大队设立火灾隐患举报投诉信访接待室,确定每月最后一周的周五上午为主要领导接待日。',
          '九、受理举报投诉事项的工作人员或经办人员与举报投诉事项或当事人有直接利害关系的,应当主动回避。',
        ],
      },
      {
        title: '查处与反馈',
        clauses: [
          '十、对于火灾隐患的投诉举报,应当依据有关消防监督检查的程序规定及时处理、及时调查,并提出处理意见报行政领导审批后反馈。',
          '十一、对举报投诉反映的问题,在调查清楚、妥善处理完毕后,必须通过当面、电话、信件等方式向举报投诉问题的群众反馈处理结果,确实无法反馈的,要在记录中注明原因。',
          '十二、大队定期对举报信访工作进行形势分析。',
          '十三、举报投诉查处应当按照《信访条例》、《内蒙古自治区消防违法违章行为举报投诉查处规定》等规定执行,并建立包括举报投诉处理登记表、举报投诉书面材料、对举报投诉事项进行调查、处理、核实的有关证据以及举报投诉处理报告等有关资料的档案。',
          '十四、实行火灾隐患举报奖励制度,根据所举报火灾隐患危险性不同,经核实属实后分别给予举报人300至1000元不等的奖励。',
          '十五、在受理、调查、处理举报投诉案件时因工作人员违反程序、拖延查处、不作为等造成严重后果或恶劣影响的,将严肃追究有关人员的责任。',
        ],
      },
    ],
    appendix: standardAppendix('大队举报投诉受理中心'),
    signOff: { author: '举报投诉受理中心', reviewer: '值班首长', approver: '大队主要领导' },
    source: 'S1',
  },
  revisions: [firstRevision('XF-2026-001')],
  rules: [
    ...DOCUMENT_RULES,
    'S1-1',
    'S1-2',
    'S1-3',
    'S1-4',
    'S1-5',
    'S1-6',
    'S1-7',
    'S1-8',
    'S1-9',
    'S1-10',
    'S1-11',
    'S1-12',
    'S1-13',
    'S1-14',
    'S1-15',
    ...CROSS_RULES,
  ],
};

export function fireBrigadeDemoStaff(): StaffRoles[] {
  return staffFor('s1', [
    ['张值班', ['duty_officer'], 'complaint_center'],
    ['李首长', ['duty_chief'], 'complaint_center'],
    ['王大队长', ['main_leader'], 'leadership'],
    ['赵教导员', ['admin_leader'], 'leadership'],
    ['孙监督', ['inspector'], 'fire_supervision'],
    ['周监督', ['inspector'], 'fire_supervision'],
    ['吴档案', ['office_clerk'], 'brigade_office'],
  ]);
}
