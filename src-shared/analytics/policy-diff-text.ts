import { EVENT_NAMES, eventName } from '../domain/event-names';
import { fillTemplate } from '../i18n/template';
import type { EventType } from '../domain/events';
import type { Policy } from '../domain/policy';
import { civilDayKey, civilDayOf } from '../domain/calendar';
import { identityOf, isObject, policyJson, sameJson, valueAt, type JsonValue, type PathStep, type PolicyChange } from './policy-diff';

// The side-by-side revision comparison in words an administrator and the approving manager sign off
// (S0-2): 「类别与派单 · 停车管理（新增）: 责任部门 秩序维护部」 instead of `categories[parking]` and raw
// JSON. Pure: a change from diffPolicies plus the two revisions in, a heading and before/after sentences
// out. Each side's values are named from that side's revision (a role renamed in the new revision reads
// with its new name only on the new side). A value with a unit (a limit, a trigger) is described whole,
// so `limit.amount` and `limit.unit` changing together make one line. Anything this module has no words
// for is shown as compact JSON under its data path, so nothing the diff found is hidden.

export type DiffLang = 'zh-CN' | 'en';

export interface ChangeLine {
  /** Stable row key (the data path described, with list positions). */
  key: string;
  /** Top-level policy field, e.g. 'categories'. */
  section: string;
  /** The section as the editor names it, e.g. 类别与派单. */
  sectionLabel: string;
  /** Where in the section, e.g. 停车管理 or 一般投诉:1小时内答复 · 升级提醒; empty for a whole section. */
  item: string;
  /** sectionLabel · item. */
  heading: string;
  kind: PolicyChange['kind'];
  /** The value before, in words (absent when added). */
  before?: string;
  /** The value after, in words (absent when removed). */
  after?: string;
}

const zh = {
  'sec.effectiveFrom': '生效日期',
  'sec.name': '制度名称',
  'sec.utcOffsetMinutes': '时区（与 UTC 相差分钟）',
  'sec.roles': '岗位角色',
  'sec.departments': '部门',
  'sec.channels': '受理渠道',
  'sec.receptionPoints': '接待点',
  'sec.kinds': '投诉类型',
  'sec.forms': '登记表',
  'sec.categories': '类别与派单',
  'sec.severities': '级别',
  'sec.inadmissibleReasons': '不予受理情形',
  'sec.riskFlags': '风险标记',
  'sec.stages': '环节与时限',
  'sec.approvals': '审批流程',
  'sec.callback': '回访规则',
  'sec.rewards': '奖励',
  'sec.penalties': '处罚',
  'sec.expenses': '费用',
  'sec.analysisPeriods': '统计周期',
  'sec.targets': '考核目标',
  'sec.businessHours': '工作时间',
  'sec.calendarOverrides': '节假日安排',
  'sec.minInspectors': '调查最少人数',
  'sec.confidentialByDefault': '默认为投诉人保密',
  'sec.identityViewerRoles': '可查看保密投诉人的角色',
  'sec.callbackRole': '回访岗位',
  'sec.document': '制度正文',
  'sec.duties': '定期工作',
  'sec.publicContact': '公开的投诉受理方式',
  'sec.apologyPrompt': '致歉提示',
  'sec.archiveSections': '档案内容',
  'sec.rules': '执行条款',
  'f.name': '名称',
  'f.title': '标题',
  'f.code': '代码',
  'f.description': '说明',
  'f.departmentId': '责任部门',
  'f.kinds': '适用类型',
  'f.invalid': '无效投诉',
  'f.external': '外部协调单位',
  'f.formId': '登记表',
  'f.callbackExempt': '免回访',
  'f.rank': '排序',
  'f.definition': '定义',
  'f.headRole': '负责人',
  'f.appliesTo': '适用范围',
  'f.startsOn': '开始于',
  'f.stopsOn': '结束于',
  'f.limit': '时限',
  'f.clock': '计时方式',
  'f.warnAtFraction': '预警时点',
  'f.pausable': '可暂停计时',
  'f.extensionApproverRole': '延期审批',
  'f.ladder': '升级提醒',
  'f.endOfDay': '截止到当日24:00',
  'f.escalateSeverityTo': '超时后升级为',
  'f.dueAtFormField': '以登记表字段为期限(取较早者)',
  'f.ruleIds': '条款',
  'f.steps': '审批步骤',
  'f.before': '审批后才能',
  'f.within': '时限',
  'f.methods': '回访方式',
  'f.calleeSigns': '被访人签字',
  'f.unsatisfiedReopens': '回访不满意重新处理',
  'f.weeklyRepairKind': '每周回访的维修类型',
  'f.trigger': '触发',
  'f.levels': '等级',
  'f.min': '最低',
  'f.max': '最高',
  'f.amount': '金额',
  'f.targetRole': '对象',
  'f.approverRole': '审批',
  'f.perOccurrence': '每次计罚',
  'f.defaultAmount': '默认金额',
  'f.signatureChain': '签字顺序',
  'f.alertRoles': '立即通知',
  'f.reportExternally': '同时报告',
  'f.every': '周期',
  'f.dueDay': '截止日',
  'f.weekday': '星期',
  'f.weekOfMonth': '第几周',
  'f.from': '开始时间',
  'f.to': '结束时间',
  'f.role': '负责岗位',
  'f.reportToRole': '报送',
  'f.output': '成果',
  'f.items': '内容',
  'f.text': '情形',
  'f.referral': '告知去向',
  'f.callbackRate': '回访率目标',
  'f.validComplaintRate': '有效投诉率目标',
  'f.baseLabel': '基数名称',
  'f.baseCount': '基数',
  'f.start': '上班',
  'f.end': '下班',
  'f.office': '受理部门',
  'f.phone': '电话',
  'f.hours': '受理时间',
  'f.purpose': '引言',
  'f.appendix': '附则',
  'f.signOff': '编制/审核/批准',
  'f.author': '编制',
  'f.reviewer': '审核',
  'f.approver': '批准',
  'f.source': '来源',
  'f.fields': '填写项',
  'f.requires': '必填项',
  'f.label': '名称',
  'f.type': '类型',
  'f.required': '必填',
  'f.maxLength': '最多字数',
  'f.options': '选项',
  'f.help': '提示',
  'ord.rule': '第 {n} 条',
  'ord.chapter': '第 {n} 章',
  'ord.clause': '第 {n} 款',
  'ord.item': '第 {n} 项',
  yes: '是',
  no: '否',
  none: '无',
  all: '全部',
  code: '代码 {v}',
  yuan: '{n} 元',
  range: '{min}–{max} 元',
  paren: '{v}（{w}）',
  'kind.added': '新增',
  'kind.removed': '删除',
  afterMark: '修订后',
  'unit.minutes': '分钟',
  'unit.hours': '小时',
  'unit.days': '天',
  'unit.workingDays': '个工作日',
  'unit.months': '个月',
  'clock.natural': '自然时间',
  'clock.working-days': '工作日',
  'clock.business-hours': '工作时间',
  'at.start': '开始',
  'at.warning': '预警',
  'at.breach': '超时',
  'on.breach': '环节超时',
  'on.first_ask_violation': '违反首问负责制',
  'on.hazard_verified': '隐患经核实',
  allStages: '全部环节',
  perOccurrence: '每次',
  once: '只计一次',
  'period.weekly': '每周',
  'period.monthly': '每月',
  'period.quarterly': '每季度',
  'period.yearly': '每年',
  working: '上班',
  holiday: '放假',
  'applies.kinds': '类型',
  'applies.severities': '级别',
  'applies.categories': '类别',
  'applies.channels': '渠道',
  'applies.form': '表单',
  sep: '，',
  listSep: '、',
  groupSep: '；',
  colon: '：',
} as const;

type Key = keyof typeof zh;

const en: Record<Key, string> = {
  'sec.effectiveFrom': 'Effective date',
  'sec.name': 'Policy name',
  'sec.utcOffsetMinutes': 'Time zone (minutes from UTC)',
  'sec.roles': 'Roles',
  'sec.departments': 'Departments',
  'sec.channels': 'Channels',
  'sec.receptionPoints': 'Reception points',
  'sec.kinds': 'Kinds',
  'sec.forms': 'Forms',
  'sec.categories': 'Categories and routing',
  'sec.severities': 'Severities',
  'sec.inadmissibleReasons': 'Inadmissible',
  'sec.riskFlags': 'Risk flags',
  'sec.stages': 'Stages and limits',
  'sec.approvals': 'Approvals',
  'sec.callback': 'Callback rules',
  'sec.rewards': 'Rewards',
  'sec.penalties': 'Penalties',
  'sec.expenses': 'Expenses',
  'sec.analysisPeriods': 'Analysis periods',
  'sec.targets': 'Targets',
  'sec.businessHours': 'Business hours',
  'sec.calendarOverrides': 'Holiday notice',
  'sec.minInspectors': 'Minimum inspectors',
  'sec.confidentialByDefault': 'Complainant confidential by default',
  'sec.identityViewerRoles': 'Roles that may see a confidential complainant',
  'sec.callbackRole': 'Callback role',
  'sec.document': 'Regulation text',
  'sec.duties': 'Period duties',
  'sec.publicContact': 'Published contact',
  'sec.apologyPrompt': 'Apology prompt',
  'sec.archiveSections': 'Archive sections',
  'sec.rules': 'Rules implemented',
  'f.name': 'name',
  'f.title': 'title',
  'f.code': 'code',
  'f.description': 'description',
  'f.departmentId': 'department',
  'f.kinds': 'kinds',
  'f.invalid': 'invalid',
  'f.external': 'outside body',
  'f.formId': 'form',
  'f.callbackExempt': 'no callback',
  'f.rank': 'rank',
  'f.definition': 'definition',
  'f.headRole': 'head',
  'f.appliesTo': 'applies to',
  'f.startsOn': 'starts on',
  'f.stopsOn': 'stops on',
  'f.limit': 'limit',
  'f.clock': 'clock',
  'f.warnAtFraction': 'warning at',
  'f.pausable': 'pausable',
  'f.extensionApproverRole': 'extension approver',
  'f.ladder': 'escalation',
  'f.endOfDay': 'due by 24:00 that day',
  'f.escalateSeverityTo': 'on breach becomes',
  'f.dueAtFormField': 'due by the form field (if earlier)',
  'f.ruleIds': 'rules',
  'f.steps': 'steps',
  'f.before': 'required before',
  'f.within': 'within',
  'f.methods': 'methods',
  'f.calleeSigns': 'callee signs',
  'f.unsatisfiedReopens': 'unsatisfied callback reopens',
  'f.weeklyRepairKind': 'weekly repair kind',
  'f.trigger': 'trigger',
  'f.levels': 'levels',
  'f.min': 'minimum',
  'f.max': 'maximum',
  'f.amount': 'amount',
  'f.targetRole': 'addressed to',
  'f.approverRole': 'approved by',
  'f.perOccurrence': 'per occurrence',
  'f.defaultAmount': 'default amount',
  'f.signatureChain': 'signed by',
  'f.alertRoles': 'alerts',
  'f.reportExternally': 'also reported to',
  'f.every': 'every',
  'f.dueDay': 'due day',
  'f.weekday': 'weekday',
  'f.weekOfMonth': 'week of month',
  'f.from': 'from',
  'f.to': 'to',
  'f.role': 'role',
  'f.reportToRole': 'reported to',
  'f.output': 'output',
  'f.items': 'items',
  'f.text': 'text',
  'f.referral': 'referral',
  'f.callbackRate': 'callback rate target',
  'f.validComplaintRate': 'valid complaint rate target',
  'f.baseLabel': 'base',
  'f.baseCount': 'base count',
  'f.start': 'start',
  'f.end': 'end',
  'f.office': 'office',
  'f.phone': 'phone',
  'f.hours': 'hours',
  'f.purpose': 'purpose',
  'f.appendix': 'appendix',
  'f.signOff': 'sign-off',
  'f.author': 'author',
  'f.reviewer': 'reviewer',
  'f.approver': 'approver',
  'f.source': 'source',
  'f.fields': 'fields',
  'f.requires': 'required fields',
  'f.label': 'label',
  'f.type': 'type',
  'f.required': 'required',
  'f.maxLength': 'max length',
  'f.options': 'options',
  'f.help': 'help',
  'ord.rule': 'rule {n}',
  'ord.chapter': 'chapter {n}',
  'ord.clause': 'clause {n}',
  'ord.item': 'item {n}',
  yes: 'yes',
  no: 'no',
  none: 'none',
  all: 'all',
  code: 'code {v}',
  yuan: '{n} yuan',
  range: '{min}–{max} yuan',
  paren: '{v} ({w})',
  'kind.added': 'added',
  'kind.removed': 'removed',
  afterMark: 'after',
  'unit.minutes': 'min',
  'unit.hours': 'h',
  'unit.days': 'days',
  'unit.workingDays': 'working days',
  'unit.months': 'months',
  'clock.natural': 'natural time',
  'clock.working-days': 'working days',
  'clock.business-hours': 'business hours',
  'at.start': 'start',
  'at.warning': 'warning',
  'at.breach': 'breach',
  'on.breach': 'stage breached',
  'on.first_ask_violation': 'first-ask rule broken',
  'on.hazard_verified': 'hazard verified',
  allStages: 'all stages',
  perOccurrence: 'per occurrence',
  once: 'once',
  'period.weekly': 'weekly',
  'period.monthly': 'monthly',
  'period.quarterly': 'quarterly',
  'period.yearly': 'yearly',
  working: 'working',
  holiday: 'holiday',
  'applies.kinds': 'kinds',
  'applies.severities': 'severities',
  'applies.categories': 'categories',
  'applies.channels': 'channels',
  'applies.form': 'form',
  sep: ', ',
  listSep: ', ',
  groupSep: '; ',
  colon: ': ',
};

/** Both tables, for the test that keeps them complete. */
export const POLICY_DIFF_TEXT = { 'zh-CN': zh, en } as const;

type SectionKey = Extract<Key, `sec.${string}`>;

/** The names of the policy's sections ('sec.categories' → 类别与派单), shared with the policy editor. */
export function sectionLabels(lang: DiffLang): Record<SectionKey, string> {
  const table = POLICY_DIFF_TEXT[lang];
  return Object.fromEntries(Object.entries(table).filter(([k]) => k.startsWith('sec.'))) as Record<SectionKey, string>;
}

// ---------------------------------------------------------------------------------------------------
// How each part of a policy reads. A leaf is described whole; an object field by field; a list entry by
// entry (matched by identity, or by position for lists without one, like callback rules).

/** One revision's words: its names for codes and the language's labels. */
interface Side {
  p: Policy;
  lang: DiffLang;
  t: (k: Key, vars?: Record<string, string | number>) => string;
}

type Fmt = (v: JsonValue, s: Side) => string;
interface Leaf {
  t: 'leaf';
  fmt: Fmt;
}
interface Field {
  label: Key | '';
  spec: Spec;
}
interface Obj {
  t: 'obj';
  fields: Record<string, Field>;
  /** A whole entry in one sentence (added or removed); by default its fields' `label value`. */
  summary?: (v: Record<string, JsonValue>, s: Side) => string;
}
interface List {
  t: 'list';
  by: 'id' | 'position';
  item: Spec;
  /** The name of an entry in a heading; positional lists number their entries instead. */
  name?: (v: JsonValue) => string;
  ordinal?: Key;
}
type Spec = Leaf | Obj | List;

const str = (v: JsonValue | undefined): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : JSON.stringify(v));
const strings = (v: JsonValue): string[] => (Array.isArray(v) ? v.map(str) : [str(v)]);
const leaf = (fmt: Fmt): Leaf => ({ t: 'leaf', fmt });
const field = (label: Key | '', spec: Spec): Field => ({ label, spec });
const joinOr = (parts: string[], s: Side, sep: Key = 'listSep'): string => (parts.length ? parts.join(s.t(sep)) : s.t('none'));

/** Compact JSON for what has no words: strings as they are, everything else as JSON. */
const GENERIC = leaf((v) => str(v));
const TEXT = GENERIC;
const NUMBER = GENERIC;
const BOOL = leaf((v, s) => (v === true ? s.t('yes') : v === false ? s.t('no') : str(v)));
const YUAN = leaf((v, s) => s.t('yuan', { n: str(v) }));
const PERCENT = leaf((v) => (typeof v === 'number' ? `${Math.round(v * 1000) / 10}%` : str(v)));
const STRINGS = leaf((v, s) => joinOr(strings(v), s));
/** Event types (a stage's start and stop) by the names the timeline and the printed archive use. */
const EVENTS = leaf((v, s) =>
  joinOr(
    strings(v).map((e) => (e in EVENT_NAMES ? eventName(e as EventType, s.lang) : e)),
    s,
  ),
);

type NamedList = 'roles' | 'departments' | 'kinds' | 'channels' | 'stages' | 'severities' | 'categories' | 'forms';
/** The side's name for a code in one of its lists; the code itself when that revision lacks it. */
function nameIn(s: Side, list: NamedList, code: string): string {
  const found = (s.p[list] as readonly Record<string, unknown>[]).find((x) => identityOf(x as JsonValue) === code);
  const name = found?.name ?? found?.title;
  return typeof name === 'string' && name.trim() ? name : code;
}
const NAMED = (list: NamedList): Leaf => leaf((v, s) => (v === null ? s.t('none') : nameIn(s, list, str(v))));
/** Names of a list of codes, joined by `joiner` (default the language's list separator). */
const NAMES = (list: NamedList, joiner?: string): Leaf =>
  leaf((v, s) => (Array.isArray(v) && v.length ? v.map((c) => nameIn(s, list, str(c))).join(joiner ?? s.t('listSep')) : s.t('none')));
const ROLE = NAMED('roles');
const ROLES = NAMES('roles');

const DURATION = leaf((v, s) => (isObject(v) && typeof v.amount === 'number' ? `${v.amount} ${s.t(`unit.${str(v.unit)}` as Key)}` : str(v)));
const CLOCK = leaf((v, s) => s.t(`clock.${str(v)}` as Key));
const DATE = leaf((v, s) => (typeof v === 'number' ? civilDayKey(civilDayOf(v, s.p.utcOffsetMinutes)) : str(v)));
const PERIODS = leaf((v, s) =>
  joinOr(
    strings(v).map((x) => s.t(`period.${x}` as Key)),
    s,
  ),
);

const APPLIES_TO = leaf((v, s) => {
  if (!isObject(v)) return str(v);
  const named: [keyof typeof v, NamedList, Key][] = [
    ['kinds', 'kinds', 'applies.kinds'],
    ['severities', 'severities', 'applies.severities'],
    ['categories', 'categories', 'applies.categories'],
    ['channels', 'channels', 'applies.channels'],
  ];
  const parts = named
    .filter(([k]) => Array.isArray(v[k]) && (v[k] as JsonValue[]).length)
    .map(([k, list, label]) => `${s.t(label)} ${NAMES(list).fmt(v[k]!, s)}`);
  const form = v.form;
  if (isObject(form)) parts.push(`${s.t('applies.form')} ${str(form.key)} = ${BOOL.fmt(form.equals ?? null, s)}`);
  return parts.length ? parts.join(s.t('groupSep')) : s.t('all');
});

/** 预警 → 物业管家；超时 → 物业大管家 */
const LADDER = leaf((v, s) =>
  joinOr(
    (Array.isArray(v) ? v : []).map((step) => (isObject(step) ? `${s.t(`at.${str(step.at)}` as Key)} → ${ROLES.fmt(step.notifyRoles ?? [], s)}` : str(step))),
    s,
    'groupSep',
  ),
);

const TRIGGER = leaf((v, s) => {
  if (!isObject(v)) return s.t(`on.${str(v)}` as Key);
  const on = s.t(`on.${str(v.on)}` as Key);
  if (v.on !== 'breach') return on;
  const stages = Array.isArray(v.stageIds) && v.stageIds.length ? NAMES('stages').fmt(v.stageIds, s) : s.t('allStages');
  return s.t('paren', { v: on, w: stages });
});

const APPROVAL_STEPS = leaf((v, s) =>
  Array.isArray(v) ? v.map((st) => (isObject(st) ? `${str(st.label)}（${ROLE.fmt(st.role ?? '', s)}）` : str(st))).join(' → ') : str(v),
);
const CALENDAR = leaf((v, s) =>
  isObject(v)
    ? joinOr(
        Object.entries(v).map(([d, w]) => `${d} ${w ? s.t('working') : s.t('holiday')}`),
        s,
      )
    : str(v),
);

const obj = (fields: Record<string, Field>, summary?: Obj['summary']): Obj => ({ t: 'obj', fields, summary });
const byId = (item: Spec, name: (v: JsonValue) => string = (v) => (isObject(v) ? str(v.name) : str(v))): List => ({ t: 'list', by: 'id', item, name });
const byPosition = (item: Spec, ordinal: Key): List => ({ t: 'list', by: 'position', item, ordinal });
const RULE_IDS = field('f.ruleIds', STRINGS);

const LEVEL = obj({ level: field('f.code', TEXT), name: field('f.name', TEXT), min: field('f.min', YUAN), max: field('f.max', YUAN) }, (v, s) =>
  s.t('range', { min: str(v.min), max: str(v.max) }),
);

const PENALTY = obj(
  {
    id: field('f.code', TEXT),
    name: field('f.name', TEXT),
    trigger: field('f.trigger', TRIGGER),
    amount: field('f.amount', YUAN),
    targetRole: field('f.targetRole', ROLE),
    approverRole: field('f.approverRole', ROLE),
    perOccurrence: field('f.perOccurrence', BOOL),
    rules: RULE_IDS,
  },
  // 50 元，对象 物业管家，审批 物业大管家，每次；触发：环节超时（全部环节）
  (v, s) =>
    [
      s.t('yuan', { n: str(v.amount) }),
      `${s.t('f.targetRole')} ${ROLE.fmt(v.targetRole ?? '', s)}`,
      `${s.t('f.approverRole')} ${ROLE.fmt(v.approverRole ?? '', s)}`,
      v.perOccurrence === false ? s.t('once') : s.t('perOccurrence'),
    ].join(s.t('sep')) + `${s.t('groupSep')}${s.t('f.trigger')}${s.t('colon')}${TRIGGER.fmt(v.trigger ?? '', s)}`,
);

const STAGE = obj({
  id: field('f.code', TEXT),
  name: field('f.name', TEXT),
  appliesTo: field('f.appliesTo', APPLIES_TO),
  startsOn: field('f.startsOn', EVENTS),
  stopsOn: field('f.stopsOn', EVENTS),
  limit: field('f.limit', DURATION),
  clock: field('f.clock', CLOCK),
  warnAtFraction: field('f.warnAtFraction', PERCENT),
  pausable: field('f.pausable', BOOL),
  extensionApproverRole: field('f.extensionApproverRole', ROLE),
  ladder: field('f.ladder', LADDER),
  endOfDay: field('f.endOfDay', BOOL),
  escalateSeverityTo: field('f.escalateSeverityTo', NAMED('severities')),
  dueAtFormField: field('f.dueAtFormField', TEXT),
  rules: RULE_IDS,
});

const CALLBACK_RULE = obj({
  appliesTo: field('f.appliesTo', APPLIES_TO),
  within: field('f.within', DURATION),
  clock: field('f.clock', CLOCK),
  methods: field('f.methods', NAMES('channels')),
  calleeSigns: field('f.calleeSigns', BOOL),
});

const FORM_FIELD = obj({
  key: field('f.code', TEXT),
  label: field('f.label', TEXT),
  type: field('f.type', TEXT),
  required: field('f.required', BOOL),
  maxLength: field('f.maxLength', NUMBER),
  options: field('f.options', GENERIC),
  help: field('f.help', TEXT),
});

const CHAPTER = obj({ title: field('f.title', TEXT), clauses: field('', byPosition(TEXT, 'ord.clause')) }, (v) => str(v.title));

/** The policy itself: its sections in the order the editor lists them. */
const POLICY: Obj = obj({
  effectiveFrom: field('sec.effectiveFrom', DATE),
  name: field('sec.name', TEXT),
  utcOffsetMinutes: field('sec.utcOffsetMinutes', NUMBER),
  roles: field('sec.roles', byId(obj({ code: field('f.code', TEXT), name: field('f.name', TEXT), description: field('f.description', TEXT) }))),
  departments: field('sec.departments', byId(obj({ id: field('f.code', TEXT), name: field('f.name', TEXT), headRole: field('f.headRole', ROLE) }))),
  channels: field('sec.channels', byId(obj({ code: field('f.code', TEXT), name: field('f.name', TEXT) }))),
  receptionPoints: field('sec.receptionPoints', STRINGS),
  kinds: field(
    'sec.kinds',
    byId(
      obj({
        code: field('f.code', TEXT),
        name: field('f.name', TEXT),
        formId: field('f.formId', NAMED('forms')),
        callbackExempt: field('f.callbackExempt', BOOL),
      }),
    ),
  ),
  forms: field(
    'sec.forms',
    byId(
      obj({
        id: field('f.code', TEXT),
        title: field('f.title', TEXT),
        fields: field(
          'f.fields',
          byId(FORM_FIELD, (v) => (isObject(v) ? str(v.label) : str(v))),
        ),
        requires: field('f.requires', STRINGS),
      }),
      (v) => (isObject(v) ? str(v.title) : str(v)),
    ),
  ),
  categories: field(
    'sec.categories',
    byId(
      obj({
        code: field('f.code', TEXT),
        name: field('f.name', TEXT),
        departmentId: field('f.departmentId', NAMED('departments')),
        kinds: field('f.kinds', NAMES('kinds')),
        description: field('f.description', TEXT),
        invalid: field('f.invalid', BOOL),
        external: field('f.external', TEXT),
      }),
    ),
  ),
  severities: field(
    'sec.severities',
    byId(obj({ code: field('f.code', TEXT), name: field('f.name', TEXT), rank: field('f.rank', NUMBER), definition: field('f.definition', TEXT) })),
  ),
  inadmissibleReasons: field(
    'sec.inadmissibleReasons',
    byId(obj({ code: field('f.code', TEXT), text: field('f.text', TEXT), referral: field('f.referral', TEXT) }), (v) => (isObject(v) ? str(v.text) : str(v))),
  ),
  riskFlags: field(
    'sec.riskFlags',
    byId(
      obj({
        code: field('f.code', TEXT),
        name: field('f.name', TEXT),
        alertRoles: field('f.alertRoles', ROLES),
        description: field('f.description', TEXT),
        reportExternally: field('f.reportExternally', STRINGS),
      }),
    ),
  ),
  stages: field('sec.stages', byId(STAGE)),
  approvals: field(
    'sec.approvals',
    byId(
      obj({
        id: field('f.code', TEXT),
        name: field('f.name', TEXT),
        appliesTo: field('f.appliesTo', APPLIES_TO),
        steps: field('f.steps', APPROVAL_STEPS),
        before: field('f.before', TEXT),
        rules: RULE_IDS,
      }),
    ),
  ),
  callback: field(
    'sec.callback',
    obj({
      rules: field('', byPosition(CALLBACK_RULE, 'ord.rule')),
      unsatisfiedReopens: field('f.unsatisfiedReopens', BOOL),
      weeklyRepairKind: field('f.weeklyRepairKind', NAMED('kinds')),
    }),
  ),
  rewards: field(
    'sec.rewards',
    byId(
      obj({
        id: field('f.code', TEXT),
        name: field('f.name', TEXT),
        trigger: field('f.trigger', TRIGGER),
        levels: field('f.levels', byId(LEVEL)),
        approverRole: field('f.approverRole', ROLE),
        rules: RULE_IDS,
      }),
    ),
  ),
  penalties: field('sec.penalties', byId(PENALTY)),
  expenses: field(
    'sec.expenses',
    byId(
      obj({
        id: field('f.code', TEXT),
        name: field('f.name', TEXT),
        defaultAmount: field('f.defaultAmount', YUAN),
        signatureChain: field('f.signatureChain', NAMES('roles', ' → ')),
        rules: RULE_IDS,
      }),
    ),
  ),
  analysisPeriods: field('sec.analysisPeriods', PERIODS),
  targets: field(
    'sec.targets',
    obj({
      callbackRate: field('f.callbackRate', PERCENT),
      validComplaintRate: field('f.validComplaintRate', PERCENT),
      baseLabel: field('f.baseLabel', TEXT),
      baseCount: field('f.baseCount', NUMBER),
    }),
  ),
  businessHours: field('sec.businessHours', obj({ start: field('f.start', TEXT), end: field('f.end', TEXT) })),
  calendarOverrides: field('sec.calendarOverrides', CALENDAR),
  minInspectors: field('sec.minInspectors', NUMBER),
  confidentialByDefault: field('sec.confidentialByDefault', BOOL),
  identityViewerRoles: field('sec.identityViewerRoles', ROLES),
  callbackRole: field('sec.callbackRole', ROLE),
  document: field(
    'sec.document',
    obj({
      title: field('f.title', TEXT),
      purpose: field('f.purpose', TEXT),
      chapters: field('', byPosition(CHAPTER, 'ord.chapter')),
      appendix: field('f.appendix', byPosition(TEXT, 'ord.clause')),
      signOff: field('f.signOff', obj({ author: field('f.author', TEXT), reviewer: field('f.reviewer', TEXT), approver: field('f.approver', TEXT) })),
      source: field('f.source', TEXT),
    }),
  ),
  duties: field(
    'sec.duties',
    byId(
      obj({
        id: field('f.code', TEXT),
        name: field('f.name', TEXT),
        every: field('f.every', PERIODS),
        dueDay: field('f.dueDay', NUMBER),
        weekday: field('f.weekday', NUMBER),
        weekOfMonth: field('f.weekOfMonth', NUMBER),
        from: field('f.from', TEXT),
        to: field('f.to', TEXT),
        role: field('f.role', ROLE),
        reportToRole: field('f.reportToRole', ROLE),
        output: field('f.output', TEXT),
        items: field('f.items', STRINGS),
        rules: RULE_IDS,
      }),
    ),
  ),
  publicContact: field('sec.publicContact', obj({ office: field('f.office', TEXT), phone: field('f.phone', TEXT), hours: field('f.hours', TEXT) })),
  apologyPrompt: field('sec.apologyPrompt', TEXT),
  archiveSections: field(
    'sec.archiveSections',
    byId(obj({ id: field('f.code', TEXT), title: field('f.title', TEXT) }), (v) => (isObject(v) ? str(v.title) : str(v))),
  ),
  rules: field('sec.rules', STRINGS),
});

/** Fields a heading already names, left out of an entry's summary. */
const NAMING_FIELDS = new Set(['id', 'code', 'level', 'key', 'name', 'title', 'label']);

const isEmpty = (v: JsonValue | undefined): boolean => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

/** A whole value in one sentence: an added or removed entry, or a value described at once. */
function summaryOf(spec: Spec, v: JsonValue, s: Side): string {
  if (spec.t === 'leaf') return spec.fmt(v, s);
  if (spec.t === 'obj') {
    if (!isObject(v)) return str(v);
    if (spec.summary) return spec.summary(v, s);
    const parts = Object.entries(spec.fields)
      .filter(([k]) => !NAMING_FIELDS.has(k) && !isEmpty(v[k]))
      .map(([k, f]) => `${f.label ? s.t(f.label) : ''} ${summaryOf(f.spec, v[k]!, s)}`.trim());
    const unknown = Object.keys(v)
      .filter((k) => !(k in spec.fields) && !isEmpty(v[k]))
      .map((k) => `${k} ${str(v[k])}`);
    const all = [...parts, ...unknown];
    return all.length ? all.join(s.t('sep')) : s.t('code', { v: identityOf(v) ?? '' });
  }
  if (!Array.isArray(v)) return str(v);
  if (spec.by === 'id')
    return joinOr(
      v.map((x) => `${spec.name!(x)} ${summaryOf(spec.item, x, s)}`.trim()),
      s,
    );
  return joinOr(
    v.map((x) => summaryOf(spec.item, x, s)),
    s,
    'groupSep',
  );
}

interface Emit {
  section: string;
  parts: string[];
  key: string;
  a: Side;
  b: Side;
  out: ChangeLine[];
}

function line(e: Emit, kind: ChangeLine['kind'], before?: string, after?: string): void {
  const [sectionLabel = e.section, ...rest] = e.parts;
  const item = rest.join(' · ');
  e.out.push({ key: e.key, section: e.section, sectionLabel, item, heading: item ? `${sectionLabel} · ${item}` : sectionLabel, kind, before, after });
}

/** Describes the difference between `va` and `vb`, both read by `spec`, under the heading `e.parts`. */
function emitAt(spec: Spec, e: Emit, va: JsonValue | undefined, vb: JsonValue | undefined): void {
  if (sameJson(va, vb)) return;
  if (va === undefined) return line(e, 'added', undefined, summaryOf(spec, vb!, e.b));
  if (vb === undefined) return line(e, 'removed', summaryOf(spec, va, e.a), undefined);
  if (spec.t === 'obj' && isObject(va) && isObject(vb)) {
    const keys = [...new Set([...Object.keys(spec.fields), ...Object.keys(va), ...Object.keys(vb)])];
    for (const k of keys) {
      const f = spec.fields[k];
      // A field without a label (callback.rules, a chapter's clauses) is named by its entries; one this
      // module does not know by its data name.
      const part = f ? (f.label ? [e.a.t(f.label)] : []) : [k];
      emitAt(f?.spec ?? GENERIC, { ...e, parts: [...e.parts, ...part], key: `${e.key}.${k}` }, va[k], vb[k]);
    }
    return;
  }
  if (spec.t === 'list' && Array.isArray(va) && Array.isArray(vb)) {
    if (spec.by === 'position') {
      for (let i = 0; i < Math.max(va.length, vb.length); i++)
        emitAt(spec.item, { ...e, parts: [...e.parts, e.a.t(spec.ordinal!, { n: i + 1 })], key: `${e.key}[#${i}]` }, va[i], vb[i]);
      return;
    }
    const ids = [...new Set([...va, ...vb].map((x) => identityOf(x) ?? JSON.stringify(x)))];
    const find = (l: JsonValue[], id: string) => l.find((x) => (identityOf(x) ?? JSON.stringify(x)) === id);
    for (const id of ids) {
      const xa = find(va, id);
      const xb = find(vb, id);
      emitAt(spec.item, { ...e, parts: [...e.parts, spec.name!((xb ?? xa)!)], key: `${e.key}[${id}]` }, xa, xb);
    }
    return;
  }
  line(e, 'changed', summaryOf(spec, va, e.a), summaryOf(spec, vb, e.b));
}

const pathText = (steps: readonly PathStep[]): string => steps.map((s, i) => (typeof s === 'string' ? `${i ? '.' : ''}${s}` : `[${s.id}]`)).join('');

function sideOf(p: Policy, lang: DiffLang): Side {
  const table = POLICY_DIFF_TEXT[lang];
  return { p, lang, t: (k, vars) => fillTemplate(table[k], vars) };
}

/**
 * The changes between two revisions in words, one line per thing that changed, in the diff's order.
 * Several changes inside one described value (a limit's amount and unit) give one line.
 */
export function describeChanges(changes: readonly PolicyChange[], before: Policy, after: Policy, lang: DiffLang = 'zh-CN'): ChangeLine[] {
  const a = sideOf(before, lang);
  const b = sideOf(after, lang);
  const ja = policyJson(before);
  const jb = policyJson(after);
  const out: ChangeLine[] = [];
  const seen = new Set<string>();
  for (const c of changes) {
    // Walk the change's path while this module has words for it; stop at a value described whole.
    let spec: Spec = POLICY;
    const parts: string[] = [];
    let depth = 0;
    let unknown = false;
    for (; depth < c.steps.length; depth++) {
      const step = c.steps[depth]!;
      if (spec.t === 'obj' && typeof step === 'string' && spec.fields[step]) {
        const f: Field = spec.fields[step]!;
        if (f.label) parts.push(a.t(f.label));
        spec = f.spec;
      } else if (spec.t === 'list' && spec.by === 'id' && typeof step !== 'string') {
        const entry = valueAt(jb, c.steps.slice(0, depth + 1)) ?? valueAt(ja, c.steps.slice(0, depth + 1));
        parts.push(entry === undefined ? step.id : spec.name!(entry));
        spec = spec.item;
      } else {
        unknown = true;
        break;
      }
      if (spec.t === 'leaf' || (spec.t === 'list' && spec.by === 'position')) {
        depth++;
        break;
      }
    }
    const described = c.steps.slice(0, depth);
    const emit: Emit = { section: c.section, parts, key: pathText(described), a, b, out };
    if (unknown) {
      // No words for this part: its data path and compact JSON, so the change is still shown.
      emitAt(GENERIC, { ...emit, parts: [...parts, pathText(c.steps.slice(depth))], key: c.path }, c.before, c.after);
      continue;
    }
    // Steps past a value described whole (limit.amount, limit.unit) are covered by that value's one line.
    if (seen.has(emit.key)) continue;
    seen.add(emit.key);
    emitAt(spec, emit, valueAt(ja, described), valueAt(jb, described));
  }
  return out;
}

/** One line as a sentence: 处罚 · 一般投诉超时未处理（新增）: 50 元，…; 回访规则 · 第 1 条 · 时限: 7 天 → 3 天. */
export function changeSentence(l: ChangeLine, lang: DiffLang = 'zh-CN'): string {
  const t = POLICY_DIFF_TEXT[lang];
  const mark = (k: 'kind.added' | 'kind.removed') => (lang === 'zh-CN' ? `（${t[k]}）` : ` (${t[k]})`);
  if (l.kind === 'added') return `${l.heading}${mark('kind.added')}: ${l.after ?? ''}`;
  if (l.kind === 'removed') return `${l.heading}${mark('kind.removed')}: ${l.before ?? ''}`;
  // A value that itself reads with arrows (an escalation ladder, an approval chain) gets its after side named.
  const arrows = `${l.before ?? ''}${l.after ?? ''}`.includes('→');
  return `${l.heading}: ${l.before ?? ''}${arrows ? ` ｜ ${t.afterMark}: ` : ' → '}${l.after ?? ''}`;
}
