import { z } from 'zod';
import { EVENT_TYPES, type EventType } from './events';
import { epochMs, idString, money, shortText, text } from './limits';

// A policy is data (docs/architecture.md §Policy and the SLA engine): everything a regulation decides that software
// can act on. Presets build one per regulation; administrators edit revisions of it (S0-2, S0-4).

const eventType = z.enum(EVENT_TYPES as [EventType, ...EventType[]]);
const code = idString;
const codes = z.array(code).max(100);

export const fieldDefSchema = z.strictObject({
  key: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,40}$/),
  label: shortText,
  type: z.enum(['text', 'textarea', 'number', 'date', 'datetime', 'phone', 'select']),
  required: z.boolean().default(false),
  maxLength: z.number().int().positive().max(20_000).optional(),
  options: z.array(z.strictObject({ value: code, label: shortText })).optional(),
  help: shortText.optional(),
  /** This field says where the problem is (隐患地点, 投诉点, 房号, 科室): repeated problems are grouped by it
   *  (S7-7, S8-11). The complainant's own address never is (S1-5: identity never feeds analysis). */
  place: z.boolean().optional(),
});
export type FieldDef = z.infer<typeof fieldDefSchema>;

/** The intake's common fields a form can require, hide or name (formDefSchema). */
export const COMMON_FIELDS = [
  'complainant.name',
  'complainant.phone',
  'complainant.address',
  'description.time',
  'description.cause',
  'description.process',
  'description.result',
  'demand',
  'category',
  'severity',
  'receptionPoint',
] as const;
export type CommonField = (typeof COMMON_FIELDS)[number];
const commonField = z.enum(COMMON_FIELDS);

export const formDefSchema = z.strictObject({
  id: code,
  /** Printed title, e.g. 业主(用户)投诉处理登记表 (S8-12). */
  title: shortText,
  /** Preset-specific fields beyond the common ones (complainant, subject, description, demand). */
  fields: z.array(fieldDefSchema).max(60),
  /** Common fields this form requires (e.g. S3-2 requires `demand` 客户要求). */
  requires: z.array(commonField).default([]),
  /** Common fields this form does not ask: S3-2's product form has no 时间/起因/经过/结果 and a salesperson
   *  no 地址/房号 (issue 16 finding 7). Hidden at intake and on the printed form. */
  hides: z.array(commonField).optional(),
  /** The regulation's own words for common fields (S3-2 客户要求 for `demand`), at intake, on the case page
   *  and on paper; a field without one keeps the desk's word (诉求). */
  labels: z.partialRecord(commonField, shortText).optional(),
});
export type FormDef = z.infer<typeof formDefSchema>;

export const kindSchema = z.strictObject({
  code,
  name: shortText,
  formId: code,
  /** every closed complaint is called back unless its kind is exempt. */
  callbackExempt: z.boolean().default(false),
});

export const categorySchema = z.strictObject({
  code,
  name: shortText,
  /** Department the category routes to (S4-4 medical → 医教科, billing → 财务科 …). */
  departmentId: code.optional(),
  kinds: codes.optional(),
  description: text.optional(),
  /** S8-3 / S8-8: complaints in this category are invalid (outside the service commitments). */
  invalid: z.boolean().optional(),
  /** S7-11 municipal matters: explain and coordinate with an outside body. */
  external: shortText.optional(),
});

export const severitySchema = z.strictObject({ code, name: shortText, rank: z.number().int().min(0).max(10), definition: text });
export const departmentSchema = z.strictObject({ id: code, name: shortText, headRole: code.optional() });
export const roleSchema = z.strictObject({ code, name: shortText, description: text.optional() });

export const durationSchema = z.strictObject({
  amount: z.number().positive().max(100_000),
  /** `months` are calendar months as the Civil Code counts them (S7-16 一个月); see calendar.ts `addCalendarMonths`. */
  unit: z.enum(['minutes', 'hours', 'days', 'workingDays', 'months']),
});
export type Duration = z.infer<typeof durationSchema>;

/** Which cases a rule applies to; an empty or missing list means "all". */
export const appliesToSchema = z.strictObject({
  kinds: codes.optional(),
  severities: codes.optional(),
  categories: codes.optional(),
  channels: codes.optional(),
  /** Applies only when the case carries this form value, e.g. `{ key: 'onSiteNeeded', equals: true }` (S6-6). */
  form: z.strictObject({ key: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,40}$/), equals: z.union([z.string().max(200), z.number(), z.boolean()]) }).optional(),
});
export type AppliesTo = z.infer<typeof appliesToSchema>;

export const ladderStepSchema = z.strictObject({
  at: z.enum(['start', 'warning', 'breach']),
  notifyRoles: codes.min(1),
});

export const stageSchema = z.strictObject({
  id: code,
  name: shortText,
  appliesTo: appliesToSchema.default({}),
  /** The stage starts at the first of these events (case.registered starts at receivedAt). */
  startsOn: z.array(eventType).min(1),
  /** The stage is met at the first of these events after it started. */
  stopsOn: z.array(eventType).min(1),
  limit: durationSchema,
  clock: z.enum(['natural', 'working-days', 'business-hours']),
  /** Warning when this fraction of the allowed time has elapsed. */
  warnAtFraction: z.number().min(0.1).max(0.99).default(0.8),
  /** Case clock_paused / clock_resumed events without a stageId pause this stage (S6-5). */
  pausable: z.boolean().default(false),
  /** Extensions need this role's approval; absent means the stage cannot be extended (S7-13). */
  extensionApproverRole: code.optional(),
  ladder: z.array(ladderStepSchema).max(10).default([]),
  /** "当日 / 当天": the deadline is 24:00 local time of the day the stage starts, plus the limit's whole
   *  days if it has any (a limit under a day, e.g. 1 minute, means that same day: S1-3 report to the duty
   *  chief, S3-5, S10-5 / S11-3 verify the same day). A case received at 23:59 is due at 24:00 that day. */
  endOfDay: z.boolean().optional(),
  /** S7-13 "或在业户要求的期限内": the deadline is the date-time the case's form records in this field (the
   *  owner's requested deadline) when that is earlier than `limit`; when the field is empty or not earlier,
   *  the stage does not apply (the stage of the plain limit is the deadline then). */
  dueAtFormField: z
    .string()
    .regex(/^[a-zA-Z][a-zA-Z0-9_]{0,40}$/)
    .optional(),
  /** When the stage breaches, the case counts as this severity (S7-16: unresolved a month → major). */
  escalateSeverityTo: code.optional(),
  /** Rule IDs this stage implements, for tests and the printed regulation. */
  rules: z.array(z.string().max(20)).default([]),
});
export type StageDef = z.infer<typeof stageSchema>;

export const approvalSchema = z.strictObject({
  id: code,
  name: shortText,
  appliesTo: appliesToSchema.default({}),
  /** Steps in order; each needs the named role (S2-6 chain, S3-5 department heads → VP → GM). */
  steps: z
    .array(
      z.strictObject({
        id: code,
        role: code,
        label: shortText,
        /**
         * What the approver writes on the form when approving, under this label (S9-5 管理处主任处理结果): the
         * opinion is then required and printed as that line of the registration form.
         */
        records: shortText.optional(),
      }),
    )
    .min(1)
    .max(10),
  /** What the approval gates, e.g. feedback after S1-10 handling opinion. */
  before: eventType.optional(),
  rules: z.array(z.string().max(20)).default([]),
});

export const callbackRuleSchema = z.strictObject({
  appliesTo: appliesToSchema.default({}),
  /** Callback due this long after the case is resolved (S8-9 3 days; S8-7 3 working days). */
  within: durationSchema,
  clock: z.enum(['natural', 'working-days', 'business-hours']).default('natural'),
  methods: codes.min(1),
  /** The callee signs the record (S10-18). */
  calleeSigns: z.boolean().default(false),
});

export const rewardSchema = z.strictObject({
  id: code,
  name: shortText,
  trigger: z.enum(['hazard_verified']),
  levels: z.array(z.strictObject({ level: code, name: shortText, min: money, max: money })).min(1),
  approverRole: code,
  rules: z.array(z.string().max(20)).default([]),
});

export const penaltySchema = z.strictObject({
  id: code,
  name: shortText,
  trigger: z.strictObject({ on: z.enum(['breach', 'first_ask_violation']), stageIds: codes.optional() }),
  amount: money,
  targetRole: code,
  approverRole: code,
  perOccurrence: z.boolean().default(true),
  rules: z.array(z.string().max(20)).default([]),
});

export const expenseSchema = z.strictObject({
  id: code,
  name: shortText,
  defaultAmount: money.optional(),
  /** Roles that sign the voucher, in order (S3-8). */
  signatureChain: codes,
  rules: z.array(z.string().max(20)).default([]),
});

export const riskFlagSchema = z.strictObject({
  code,
  name: shortText,
  /** Roles alerted at once when the flag is raised (S1-6). */
  alertRoles: codes.min(1),
  description: text.optional(),
  /** Outside bodies that must also be told (S4-8 公安机关、卫生行政部门; S1-7 上级消防机构). */
  reportExternally: z.array(shortText).max(10).optional(),
});

/** A recurring duty outside any one case: reception days (S1-8), monthly summaries due on a day (S8-10),
 *  weekly statistics (S7-6), weekly repair callbacks (S9-8), yearly surveys (S10-14). */
export const dutySchema = z.strictObject({
  id: code,
  name: shortText,
  every: z.enum(['weekly', 'monthly', 'quarterly', 'yearly']),
  /** Weekly: weekday 1 (Mon) – 7; monthly/quarterly/yearly: day of the following period it is due by. */
  dueDay: z.number().int().min(1).max(31).optional(),
  /** Monthly duty held on a weekday of a given week: weekOfMonth -1 = the last one (S1-8 last Friday). */
  weekday: z.number().int().min(1).max(7).optional(),
  weekOfMonth: z.number().int().min(-1).max(5).optional(),
  /** 'HH:MM' local time window, e.g. a morning reception. */
  from: z
    .string()
    .regex(/^\d{2}:\d{2}$/)
    .optional(),
  to: z
    .string()
    .regex(/^\d{2}:\d{2}$/)
    .optional(),
  /** Who does it, and who receives the result. */
  role: code,
  reportToRole: code.optional(),
  /** Printed output, e.g. 投诉数据汇总表. */
  output: shortText.optional(),
  items: z.array(shortText).max(30).optional(),
  rules: z.array(z.string().max(20)).default([]),
});
export type Duty = z.infer<typeof dutySchema>;

export const inadmissibleReasonSchema = z.strictObject({ code, text: text, referral: text.optional() });

export const documentTextSchema = z.strictObject({
  /** 标题 (S0-1). */
  title: shortText,
  /** 引言: purpose and legal basis. */
  purpose: text,
  /** 正文 chapters; deadline tables are generated from the live stages when printed. */
  chapters: z.array(z.strictObject({ title: shortText, clauses: z.array(text).max(80) })).max(40),
  /** 附则. */
  appendix: z.array(text).max(40),
  /** 编制 / 审核 / 批准 roles (S0-2). */
  signOff: z.strictObject({ author: shortText, reviewer: shortText, approver: shortText }),
  /** Source article in the seed (e.g. S4). */
  source: z.string().max(10),
});

export const revisionRecordSchema = z.strictObject({
  page: shortText,
  date: epochMs,
  author: shortText,
  status: shortText,
  orderNo: shortText,
  effectiveFrom: epochMs,
});

export const businessHoursSchema = z.strictObject({
  /** 'HH:MM' in the organisation's local time. */
  start: z.string().regex(/^\d{2}:\d{2}$/),
  end: z.string().regex(/^\d{2}:\d{2}$/),
});

export const policySchema = z.strictObject({
  /** Stable id of the policy line (one per organisation and preset). */
  id: code,
  presetId: code,
  name: shortText,
  revision: z.number().int().min(0),
  effectiveFrom: epochMs,
  /** Minutes east of UTC for working-day and business-hour clocks (China: 480). */
  utcOffsetMinutes: z.number().int().min(-720).max(840).default(480),
  roles: z.array(roleSchema).min(1).max(100),
  departments: z.array(departmentSchema).min(1).max(200),
  channels: z
    .array(z.strictObject({ code, name: shortText }))
    .min(1)
    .max(30),
  receptionPoints: z.array(shortText).max(50).default([]),
  kinds: z.array(kindSchema).min(1).max(20),
  forms: z.array(formDefSchema).min(1).max(20),
  categories: z.array(categorySchema).max(200),
  severities: z.array(severitySchema).max(10),
  inadmissibleReasons: z.array(inadmissibleReasonSchema).max(30),
  riskFlags: z.array(riskFlagSchema).max(30),
  stages: z.array(stageSchema).max(60),
  approvals: z.array(approvalSchema).max(30),
  callback: z.strictObject({
    rules: z.array(callbackRuleSchema).max(20),
    /** S9-10: an unsatisfied callback reopens the case and schedules another. */
    unsatisfiedReopens: z.boolean(),
    /** S9-8: weekly callbacks for last week's repair orders (kind code). */
    weeklyRepairKind: code.optional(),
  }),
  rewards: z.array(rewardSchema).max(20),
  penalties: z.array(penaltySchema).max(30),
  expenses: z.array(expenseSchema).max(20),
  analysisPeriods: z.array(z.enum(['weekly', 'monthly', 'quarterly', 'yearly'])).min(1),
  targets: z
    .strictObject({
      callbackRate: z.number().min(0).max(1).optional(),
      validComplaintRate: z.number().min(0).max(1).optional(),
      /** What the valid-complaint rate is measured against (households, patients, customers). */
      baseLabel: shortText.optional(),
      /** How many of them there are (e.g. 1 200 households), for the valid-complaint rate per period (S10-20). */
      baseCount: z.number().int().positive().max(100_000_000).optional(),
    })
    .default({}),
  businessHours: businessHoursSchema.default({ start: '08:30', end: '17:30' }),
  /** Per-organisation calendar overrides on top of the national holiday data: 'YYYY-MM-DD' → working? */
  calendarOverrides: z.record(z.string().regex(/^\d{4}-\d{2}-\d{2}$/), z.boolean()).default({}),
  /** S6-4: an investigation needs at least this many inspectors. */
  minInspectors: z.number().int().min(1).max(10).optional(),
  /** S1-5: every new case starts with the complainant marked confidential. */
  confidentialByDefault: z.boolean().optional(),
  /** Roles that may reveal a confidential complainant (S1-5). */
  identityViewerRoles: codes.default([]),
  /** Role that does the callback (S8-4 front desk). */
  callbackRole: code.optional(),
  document: documentTextSchema,
  /** Recurring duties (S1-8, S7-6, S8-10, S9-8, S10-14 …); absent means none. */
  duties: z.array(dutySchema).max(40).optional(),
  /** Published reception office, hours and complaint number (S4-12, S7-4, S10-1, S11-1); the organisation fills in its own. */
  publicContact: z.strictObject({ office: shortText, phone: z.string().max(40), hours: shortText }).optional(),
  /** S9-1: the intake screen shows this prompt and records the clerk's confirmation (`apologised`). */
  apologyPrompt: shortText.optional(),
  /** What each case archive must contain (S1-13, S4-11), in print order. */
  archiveSections: z
    .array(z.strictObject({ id: code, title: shortText }))
    .max(30)
    .optional(),
  /** What a file attached to a case may be recorded as (issue 13); absent: domain/attachments.ts's default list. */
  attachmentKinds: z
    .array(z.strictObject({ code, name: shortText }))
    .min(1)
    .max(30)
    .optional(),
  revisions: z.array(revisionRecordSchema).max(200).default([]),
  /** Rule IDs from RULES.md this policy implements (checked by the preset tests). */
  rules: z.array(z.string().max(20)).default([]),
});

export type Policy = z.infer<typeof policySchema>;
export type PolicyInput = z.input<typeof policySchema>;
export type Kind = z.infer<typeof kindSchema>;
export type Category = z.infer<typeof categorySchema>;
export type RiskFlag = z.infer<typeof riskFlagSchema>;
export type Penalty = z.infer<typeof penaltySchema>;
export type Reward = z.infer<typeof rewardSchema>;
export type Approval = z.infer<typeof approvalSchema>;
export type CallbackRule = z.infer<typeof callbackRuleSchema>;

/** Staff as far as the policy cares: who holds which roles. */
export interface StaffRoles {
  id: string;
  name: string;
  roles: string[];
  departmentId?: string;
}
