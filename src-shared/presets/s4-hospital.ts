import type { PolicyInput, StaffRoles } from '../domain/policy';
import { CHANNELS, CHINA_UTC_OFFSET, CROSS_RULES, DOCUMENT_RULES, PRESET_EFFECTIVE_FROM, firstRevision, staffFor, standardAppendix } from './common';

// 第4篇 人民医院投诉接待工作制度(管理办法) (RULES.md S4).

export const hospitalPreset: PolicyInput = {
  id: 'preset-s4-hospital',
  presetId: 's4-hospital',
  name: '人民医院投诉接待工作制度',
  revision: 1,
  effectiveFrom: PRESET_EFFECTIVE_FROM,
  utcOffsetMinutes: CHINA_UTC_OFFSET,
  roles: [
    { code: 'staff', name: '本院职工(投诉第一接待人)', description: '各科室及每位员工均有接待投诉的责任与义务(S4-3)' },
    { code: 'window_staff', name: '窗口工作人员' },
    { code: 'service_desk', name: '一站式服务台接待员' },
    { code: 'ward_nurse', name: '护士站护士' },
    { code: 'complaint_officer', name: '投诉管理部门(综合办)专员', description: '登记、分类、分析、建档;不予受理时说明情况(S4-7)' },
    { code: 'medical_affairs', name: '医教科', description: '处理医疗投诉' },
    { code: 'finance_officer', name: '财务科', description: '处理收费投诉' },
    { code: 'nursing_officer', name: '护理部' },
    { code: 'night_duty', name: '总值班' },
    { code: 'security_officer', name: '保卫科', description: '违法或过激行为依法向公安机关报告(S4-8)' },
    { code: 'hospital_leader', name: '分管院领导' },
  ],
  departments: [
    { id: 'general_office', name: '综合办', headRole: 'complaint_officer' },
    { id: 'medical_affairs', name: '医教科', headRole: 'medical_affairs' },
    { id: 'finance', name: '财务科', headRole: 'finance_officer' },
    { id: 'nursing', name: '护理部', headRole: 'nursing_officer' },
    { id: 'service_desk', name: '服务台', headRole: 'service_desk' },
    { id: 'general_duty', name: '总值班', headRole: 'night_duty' },
    { id: 'security', name: '保卫科', headRole: 'security_officer' },
    { id: 'clinical', name: '临床科室', headRole: 'ward_nurse' },
  ],
  channels: [CHANNELS.visit, CHANNELS.phone, CHANNELS.letter, CHANNELS.window, CHANNELS.internal],
  receptionPoints: ['综合办', '医教科', '护理部', '服务台', '总值班', '窗口', '一站式服务台(门诊)', '各科护士站(住院)'],
  kinds: [
    { code: 'complaint', name: '投诉', formId: 'patient_complaint' },
    // S4-10: staff complaints are handled and fed back; no callback to an outside complainant.
    { code: 'internal', name: '内部投诉', formId: 'internal_complaint', callbackExempt: true },
  ],
  forms: [
    {
      id: 'patient_complaint',
      title: '病人投诉接待登记表',
      fields: [
        {
          key: 'patientType',
          label: '病人类别',
          type: 'select',
          required: true,
          options: [
            { value: 'window', label: '窗口投诉(窗口工作人员接待)' },
            { value: 'outpatient', label: '门诊病人(一站式服务台接待)' },
            { value: 'inpatient', label: '住院病人(科室护士站接待)' },
          ],
          help: '投诉到窗口由窗口工作人员接待;门诊由“一站式”服务台接待;住院由各科护士站接待(S4-2)',
        },
        { key: 'ward', label: '科室/病区', type: 'text', required: false, maxLength: 60, place: true },
        { key: 'recordNo', label: '门诊号/住院号', type: 'text', required: false, maxLength: 40 },
        { key: 'treatmentCourse', label: '诊疗过程', type: 'textarea', required: false, maxLength: 4000, help: '投诉档案须含诊疗过程和全部资料(S4-11)' },
      ],
      // S4-6: keep contact details so the result can be fed back.
      requires: ['complainant.name', 'complainant.phone', 'receptionPoint', 'category'],
    },
    {
      id: 'internal_complaint',
      title: '内部投诉登记表',
      fields: [
        { key: 'reporterDepartment', label: '反映人科室', type: 'text', required: true, maxLength: 60 },
        {
          key: 'safetyItem',
          label: '医疗质量安全保障事项',
          type: 'select',
          required: false,
          options: [
            { value: 'drugs', label: '药品' },
            { value: 'devices', label: '医疗器械' },
            { value: 'water', label: '水' },
            { value: 'power', label: '电' },
            { value: 'gas', label: '气' },
          ],
        },
      ],
      requires: ['complainant.name', 'category'],
    },
  ],
  categories: [
    { code: 'medical', name: '医疗投诉', departmentId: 'medical_affairs', kinds: ['complaint'] },
    { code: 'nursing', name: '护理投诉', departmentId: 'nursing', kinds: ['complaint'] },
    { code: 'billing', name: '收费投诉', departmentId: 'finance', kinds: ['complaint'] },
    { code: 'conduct', name: '行风投诉', departmentId: 'general_office', kinds: ['complaint'] },
    { code: 'environment', name: '环境设施投诉', departmentId: 'general_office', kinds: ['complaint'] },
    {
      code: 'refused_reception',
      name: '对投诉不予接待',
      departmentId: 'general_office',
      description: '凡对病人投诉不接待者,当事人作为一次投诉处理(S4-3)',
    },
    {
      code: 'explanation',
      name: '不正确意见或不合理要求',
      kinds: ['complaint'],
      description: '由接待人耐心解释,做好疏导工作,消除矛盾;解释内容作为答复登记(S4-5)',
    },
    { code: 'management', name: '医院管理、服务(内部)', departmentId: 'general_office', kinds: ['internal'] },
    {
      code: 'quality_safety',
      name: '医疗质量安全保障(药品、医疗器械、水、电、气)',
      departmentId: 'general_office',
      kinds: ['internal'],
      description: '向投诉管理部门或者有关职能部门反映(S4-10)',
    },
  ],
  severities: [],
  inadmissibleReasons: [
    { code: 'court', text: '投诉人已就投诉事项向人民法院起诉的,投诉管理部门不再受理,请依照人民法院的审理结果处理。', referral: '人民法院' },
    { code: 'petition_handled', text: '投诉人已就投诉事项向信访部门反映并作出处理的,投诉管理部门不再重复受理,请按信访处理意见办理。', referral: '信访部门' },
    { code: 'no_target', text: '没有明确的投诉对象和具体事实的,暂无法受理,请补充明确的投诉对象和具体事实后再行投诉。' },
    { code: 'police_case', text: '已经依法立案侦查的治安案件、刑事案件,由公安机关依法处理,投诉管理部门不予受理。', referral: '公安机关' },
    { code: 'out_of_remit', text: '该事项不属于投诉管理部门职权范围,请向有权处理的部门反映。' },
  ],
  riskFlags: [
    {
      code: 'violence',
      name: '违法或过激行为',
      alertRoles: ['security_officer', 'hospital_leader', 'complaint_officer'],
      description: '投诉人采取违法或过激行为、扰乱医疗正常秩序的,医院有权采取相应措施并依法报告(S4-8)',
      reportExternally: ['公安机关', '卫生行政部门'],
    },
  ],
  stages: [
    {
      id: 'feedback',
      name: '规定时日内反馈调查结果和处理意见',
      appliesTo: { kinds: ['complaint'] },
      startsOn: ['case.registered'],
      stopsOn: ['case.feedback_given', 'case.feedback_impossible', 'case.rejected'],
      // The regulation leaves 规定时日 to the hospital; 5 working days is the preset default.
      limit: { amount: 5, unit: 'workingDays' },
      clock: 'working-days',
      ladder: [
        { at: 'warning', notifyRoles: ['complaint_officer'] },
        { at: 'breach', notifyRoles: ['hospital_leader'] },
      ],
      rules: ['S4-6'],
    },
    {
      id: 'internal_feedback',
      name: '内部投诉及时处理、反馈',
      appliesTo: { kinds: ['internal'] },
      startsOn: ['case.registered'],
      stopsOn: ['case.feedback_given', 'case.feedback_impossible'],
      limit: { amount: 5, unit: 'workingDays' },
      clock: 'working-days',
      ladder: [{ at: 'breach', notifyRoles: ['complaint_officer'] }],
      rules: ['S4-10'],
    },
  ],
  approvals: [],
  callback: {
    rules: [{ appliesTo: { kinds: ['complaint'] }, within: { amount: 7, unit: 'days' }, clock: 'natural', methods: ['phone', 'visit'] }],
    unsatisfiedReopens: false,
  },
  callbackRole: 'complaint_officer',
  rewards: [],
  penalties: [],
  expenses: [],
  analysisPeriods: ['monthly', 'quarterly', 'yearly'],
  targets: { baseLabel: '门急诊及住院人次' },
  identityViewerRoles: [],
  publicContact: { office: '综合办(投诉管理部门)', phone: '', hours: '24小时' },
  archiveSections: [
    { id: 'complainant', title: '投诉人基本信息,包括诊疗过程和全部资料' },
    { id: 'matter', title: '投诉事项及相关证明材料' },
    { id: 'handling', title: '调查、处理及结果' },
    { id: 'rectification', title: '整改和评估' },
    { id: 'other', title: '其他与投诉事项有关的材料' },
  ],
  duties: [
    {
      id: 'classification_analysis',
      name: '投诉归纳分类和分析研究',
      every: 'monthly',
      dueDay: 5,
      role: 'complaint_officer',
      reportToRole: 'hospital_leader',
      items: ['发现医院管理、医疗质量的薄弱环节', '提出改进意见或建议', '督促相关部门、科室及时整改'],
      rules: ['S4-9'],
    },
    {
      id: 'analysis_meeting',
      name: '投诉分析会议',
      every: 'quarterly',
      dueDay: 15,
      role: 'hospital_leader',
      items: ['分析产生投诉的原因', '针对突出问题提出改进方案', '加强督促落实'],
      rules: ['S4-9'],
    },
  ],
  document: {
    title: '人民医院投诉接待工作制度(管理办法)',
    purpose:
      '为加强医院投诉管理,规范投诉处理程序,维护正常医疗秩序,保障医患双方合法权益,根据卫生部《医院投诉管理办法》制定本办法。本办法所称投诉,主要是指患者及其家属等有关人员(以下统称投诉人)对医院提供的医疗、护理服务及环境设施等不满意,以来信、来电、来访等方式向医院反映问题,提出意见和要求的行为。',
    chapters: [
      {
        title: '投诉接待',
        clauses: [
          '1. 医院24小时接待病人投诉,将综合办、医教科、护理部、服务台、总值班设为常规投诉接待处。',
          '2. 一般情况下,如病人或家属投诉到窗口,则由窗口工作人员负责接待;门诊病人投诉由“一站式”服务台负责接待处理;住院病人投诉由各科护士站负责接待处理。',
          '3. 各科室及每位员工均有接待投诉的责任与义务。凡第一位接到病人投诉的本院职工均为“投诉第一接待人”。“投诉第一接待人”必须严格按“首问负责制”对待病人的投诉,凡对病人投诉不接待者,当事人作为一次投诉处理。',
          '4. 所有接待投诉的工作人员必须做到语言文明,态度热情,认真听取投诉者的意见、要求,做好协调工作,对投诉情况进行登记。如对病人投诉的问题没有能力解决,凡医疗投诉上交医教科、收费投诉上交财务科、行风投诉上交综合办处理。',
          '5. 对投诉者的不正确意见和不合理要求,要耐心解释,做好疏导工作,消除矛盾。',
          '6. 对不能立即答复或解决的问题,做好登记,留下联系方法,在规定时日内把调查结果和处理意见反馈给投诉者。',
          '7. 属于下列情形之一的投诉,投诉管理部门应当向投诉人说明情况,告知相关处理规定:(1)投诉人已就投诉事项向人民法院起诉的;(2)投诉人已就投诉事项向信访部门反映并作出处理的;(3)没有明确的投诉对象和具体事实的;(4)已经依法立案侦查的治安案件、刑事案件;(5)其他不属于投诉管理部门职权范围的投诉。',
          '投诉人应当依法文明表达意见和要求,向医院投诉管理部门提供真实、准确的投诉相关资料,配合医院投诉管理部门的调查和询问,不得扰乱医疗正常秩序。对于投诉人采取违法或过激行为的,医院有权采取相应措施并依法向公安机关和卫生行政部门报告。',
        ],
      },
      {
        title: '8. 分析和整改',
        clauses: [
          '(1)投诉管理部门应当定期对投诉情况进行归纳分类和分析研究,发现医院管理、医疗质量的薄弱环节,提出改进意见或建议,督促相关部门、科室及时整改。',
          '(2)医院应当定期召开投诉分析会议,分析产生投诉的原因,针对突出问题提出改进方案,并加强督促落实。',
        ],
      },
      {
        title: '9. 内部投诉',
        clauses: [
          '医院工作人员有权对医院管理、服务等各项工作进行内部投诉,提出意见、建议,医院及投诉管理等有关部门应当予以重视,并及时处理、反馈;对于发现的药品、医疗器械、水、电、气等医疗质量安全保障方面的问题,有责任向投诉管理部门或者有关职能部门反映。',
        ],
      },
      {
        title: '10. 建立投诉档案',
        clauses: [
          '医院投诉管理部门或者有关职能部门建立健全投诉档案,立卷归档,留档备查,主在内容为:',
          '(1)投诉人基本信息,包括诊疗过程和全部资料;',
          '(2)投诉事项及相关证明材料;',
          '(3)调查、处理及结果;',
          '(4)整改和评估;',
          '(5)其他与投诉事项有关的材料。',
        ],
      },
    ],
    appendix: ['医院24小时公开投诉电话:', ...standardAppendix('综合办(投诉管理部门)')],
    signOff: { author: '综合办', reviewer: '医教科', approver: '院长' },
    source: 'S4',
  },
  revisions: [firstRevision('YY-2026-001')],
  rules: [...DOCUMENT_RULES, 'S4-1', 'S4-2', 'S4-3', 'S4-4', 'S4-5', 'S4-6', 'S4-7', 'S4-8', 'S4-9', 'S4-10', 'S4-11', 'S4-12', ...CROSS_RULES],
};

export function hospitalDemoStaff(): StaffRoles[] {
  return staffFor('s4', [
    ['刘医生', ['staff'], 'clinical'],
    ['陈窗口', ['staff', 'window_staff'], 'finance'],
    ['张服务台', ['staff', 'service_desk'], 'service_desk'],
    ['李护士', ['staff', 'ward_nurse'], 'clinical'],
    ['王综合', ['staff', 'complaint_officer'], 'general_office'],
    ['赵医教', ['staff', 'medical_affairs'], 'medical_affairs'],
    ['孙财务', ['staff', 'finance_officer'], 'finance'],
    ['周护理', ['staff', 'nursing_officer'], 'nursing'],
    ['吴值班', ['staff', 'night_duty'], 'general_duty'],
    ['郑保卫', ['staff', 'security_officer'], 'security'],
    ['冯院长', ['staff', 'hospital_leader'], 'general_office'],
  ]);
}
