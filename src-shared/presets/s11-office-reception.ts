import type { PolicyInput, StaffRoles } from '../domain/policy';
import { CHANNELS, CHINA_UTC_OFFSET, CROSS_RULES, DOCUMENT_RULES, PRESET_EFFECTIVE_FROM, firstRevision, staffFor, standardAppendix } from './common';

// 第11篇 管理处接待来访投诉工作制度 (RULES.md S11): record, verify the same day, the director decides.

export const officeReceptionPreset: PolicyInput = {
  id: 'preset-s11-office-reception',
  presetId: 's11-office-reception',
  name: '管理处接待来访投诉工作制度',
  revision: 1,
  effectiveFrom: PRESET_EFFECTIVE_FROM,
  utcOffsetMinutes: CHINA_UTC_OFFSET,
  roles: [
    { code: 'cs_clerk', name: '客服人员', description: '及时记录,当天调查、核实,汇报办公室主任(S11-3)' },
    { code: 'staff', name: '管理人员', description: '任何管理人员遇到来访投诉都应热情接待(S11-2)' },
    { code: 'office_director', name: '办公室主任', description: '决定处理办法和责任部门(S11-3)' },
    { code: 'dept_head', name: '责任部门负责人', description: '处理完毕后回复业主和管理处主任(S11-4)' },
  ],
  departments: [
    { id: 'customer_center', name: '客户服务中心', headRole: 'cs_clerk' },
    { id: 'engineering', name: '工程部', headRole: 'dept_head' },
    { id: 'security', name: '保安部', headRole: 'dept_head' },
    { id: 'environment', name: '环境部', headRole: 'dept_head' },
    { id: 'office', name: '办公室', headRole: 'office_director' },
  ],
  channels: [CHANNELS.visit, CHANNELS.phone, CHANNELS.letter],
  receptionPoints: ['客户服务中心'],
  kinds: [
    { code: 'complaint', name: '投诉', formId: 'reception_record' },
    { code: 'visit', name: '来访', formId: 'reception_record' },
  ],
  forms: [
    {
      id: 'reception_record',
      title: '来访投诉记录',
      fields: [{ key: 'roomNo', label: '房号', type: 'text', required: false, maxLength: 40, place: true }],
      // The resident's 房号 is where they live: no second 地址/房号 field beside it (issue 16 finding 6).
      hides: ['complainant.address'],
      requires: ['complainant.name'],
    },
  ],
  categories: [
    { code: 'engineering', name: '工程维修', departmentId: 'engineering' },
    { code: 'security', name: '安全秩序', departmentId: 'security' },
    { code: 'environment', name: '环境卫生', departmentId: 'environment' },
    { code: 'service', name: '客户服务', departmentId: 'customer_center' },
  ],
  severities: [],
  inadmissibleReasons: [],
  riskFlags: [],
  stages: [
    {
      id: 'verify_same_day',
      name: '当天调查、核实并汇报办公室主任',
      startsOn: ['case.registered'],
      stopsOn: ['case.investigated', 'case.site_visited'],
      limit: { amount: 1, unit: 'minutes' },
      endOfDay: true,
      clock: 'natural',
      ladder: [{ at: 'breach', notifyRoles: ['office_director'] }],
      rules: ['S11-3'],
    },
    {
      id: 'reply',
      name: '责任部门处理完毕回复业主和主任',
      // The director's decision hands the case to the department by 派单 or by 转办 (S11-3).
      startsOn: ['case.assigned', 'case.transferred'],
      stopsOn: ['case.replied'],
      // The regulation sets no limit; 3 days is the preset default for 及时.
      limit: { amount: 3, unit: 'days' },
      clock: 'natural',
      ladder: [{ at: 'breach', notifyRoles: ['office_director'] }],
      rules: ['S11-4'],
    },
  ],
  approvals: [
    {
      id: 'director_decision',
      name: '主任决定处理办法和责任部门',
      steps: [{ id: 'director', role: 'office_director', label: '办公室主任决定' }],
      before: 'case.assigned',
      rules: ['S11-3'],
    },
  ],
  callback: {
    rules: [{ within: { amount: 3, unit: 'days' }, clock: 'natural', methods: ['visit', 'phone'] }],
    unsatisfiedReopens: false,
  },
  callbackRole: 'cs_clerk',
  rewards: [],
  penalties: [],
  expenses: [],
  analysisPeriods: ['monthly'],
  targets: {},
  identityViewerRoles: [],
  publicContact: { office: '客户服务中心', phone: '', hours: '工作时间' },
  document: {
    title: '管理处接待来访投诉工作制度',
    purpose: '为加强管理处与业主、住户的联系,及时为业主、住户排忧解难,提高社会效益,特建立接待来访投诉工作制度:',
    chapters: [
      {
        title: '正文',
        clauses: [
          '一、接待来访工作由客户服务中心负责,宣传接待投诉的办公地点、电话,让业主、住户来访投诉有门、信任管理处。',
          '二、任何管理人员自遇到业主、住户来访投诉时,都应给予热情接待,主动询问,面带微笑,不得刁难,不得推诿,不得对抗,不得计划业主、住户情绪,并做到对熟人、陌生人一个样、对大人小孩一个样、忙时闲时一个样。',
          '三、对住户投诉、来访中谈到的问题,客服人员应及时做好记录,须于当天进行调查、核实,并将结果和处理建议汇报办公室主任,由主任决定处理办法和责任部门。',
          '四、责任部门在处理来访、投诉时,要热诚、主动、及时,要坚持原则,突出服务。不得推脱、扯皮、推卸责任、为难业主、住户、或乘机索取好处、利益等,在处理完毕后应将结果回复业主、住户和管理处主任,做到事事有着落、件件有回音。',
          '五、全部提管理人员要认真负责做好本职工作,为业主、住户提供满意管理、服务,减少住户的投诉、批评,将业主、住户的不满消解在投诉之前。',
        ],
      },
    ],
    appendix: standardAppendix('客户服务中心'),
    signOff: { author: '客户服务中心', reviewer: '办公室主任', approver: '管理处主任' },
    source: 'S11',
  },
  revisions: [firstRevision('JD-2026-001')],
  rules: [...DOCUMENT_RULES, 'S11-1', 'S11-2', 'S11-3', 'S11-4', 'S11-5', ...CROSS_RULES],
};

export function officeReceptionDemoStaff(): StaffRoles[] {
  return staffFor('s11', [
    ['客服小邓', ['cs_clerk', 'staff'], 'customer_center'],
    ['管理员小田', ['staff'], 'security'],
    ['办公室主任', ['office_director', 'staff'], 'office'],
    ['工程部负责人', ['dept_head', 'staff'], 'engineering'],
    ['保安部负责人', ['dept_head', 'staff'], 'security'],
    ['环境部负责人', ['dept_head', 'staff'], 'environment'],
  ]);
}
