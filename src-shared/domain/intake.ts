import { z } from 'zod';
import type { Complainant, EventPayload, NewEvent } from './events';
import type { FieldError } from './parse';
import { LIMITS } from './limits';
import type { CommonField, FieldDef, Policy } from './policy';
import { messageFor, type MessageCode } from '../i18n/validation';

// The intake form's rules live here, not in components (docs/architecture.md §House rules): which fields a
// kind's form has, which are required, their limits and options, the S9-1 apology confirmation, and how
// the values become a `case.registered` event (S4-4 routing by category included). The renderer hands
// `intakeSchemaFor(...)` to react-hook-form's zodResolver; messages are sentences in the user's language.

export type IntakeLocale = 'zh-CN' | 'en';

/** Labels of the fields every intake form has, in both languages. */
export const COMMON_FIELD_LABELS: Record<string, Record<IntakeLocale, string>> = {
  kind: { 'zh-CN': '类别', en: 'Kind' },
  channel: { 'zh-CN': '来源渠道', en: 'Channel' },
  // The intake screen's label (接收时间): a message names the field as the clerk sees it (issue 11 finding 10).
  receivedAt: { 'zh-CN': '接收时间', en: 'Received at' },
  receptionPoint: { 'zh-CN': '接待点', en: 'Reception point' },
  category: { 'zh-CN': '分类', en: 'Category' },
  severity: { 'zh-CN': '等级', en: 'Severity' },
  departmentId: { 'zh-CN': '责任部门', en: 'Department' },
  'complainant.name': { 'zh-CN': '投诉人姓名', en: 'Complainant name' },
  'complainant.phone': { 'zh-CN': '联系电话', en: 'Phone' },
  'complainant.address': { 'zh-CN': '地址', en: 'Address' },
  'complainant.organisation': { 'zh-CN': '单位/客户名称', en: 'Organisation' },
  'complainant.role': { 'zh-CN': '身份', en: 'Complainant role' },
  subject: { 'zh-CN': '事由', en: 'Subject' },
  'description.time': { 'zh-CN': '事件时间', en: 'When it happened' },
  'description.cause': { 'zh-CN': '起因', en: 'Cause' },
  'description.process': { 'zh-CN': '经过', en: 'What happened' },
  'description.result': { 'zh-CN': '结果', en: 'Outcome' },
  'description.text': { 'zh-CN': '详细内容', en: 'Details' },
  demand: { 'zh-CN': '诉求', en: 'Demand' },
  riskFlags: { 'zh-CN': '风险标记', en: 'Risk flags' },
  apologised: { 'zh-CN': '已致歉', en: 'Apologised' },
  relatedCaseId: { 'zh-CN': '关联案件', en: 'Linked case' },
};

/** The intake form's name of a registration's payload field (`payload.subject` → 事由), if it has one. */
export function registrationFieldLabel(path: string): Record<IntakeLocale, string> | undefined {
  return path.startsWith('payload.') ? COMMON_FIELD_LABELS[path.slice('payload.'.length)] : undefined;
}

/** What the intake form holds. Optional text may be '' (an emptied input); `buildRegistration` drops it. */
export interface IntakeValues {
  kind: string;
  channel: string;
  receivedAt: number;
  receptionPoint?: string;
  category?: string;
  severity?: string;
  departmentId?: string;
  complainant: { anonymous: boolean; confidential: boolean; name?: string; phone?: string; address?: string; organisation?: string; role?: string };
  subject: string;
  description: { time?: string; cause?: string; process?: string; result?: string; text?: string };
  demand?: string;
  riskFlags: string[];
  form: Record<string, string | number | boolean | null | undefined>;
  apologised?: boolean;
  relatedCaseId?: string;
}

const PHONE = /^[0-9+\-() ]{3,40}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?$/;

/** The form declared for a kind, or undefined when the kind or its form is unknown. */
export function intakeFormFor(policy: Policy, kindCode: string) {
  const kind = policy.kinds.find((k) => k.code === kindCode);
  const form = kind && policy.forms.find((f) => f.id === kind.formId);
  return kind && form ? { kind, form } : undefined;
}

/**
 * Which common fields a kind's form asks, and in whose words (S3-2; issue 16 finding 7): none the form
 * hides, no 等级 where the policy grades nothing, and the form's own label where it gives one. The intake
 * screen and the printed forms ask this one function, so a field is never asked on one and printed on the other.
 */
export function commonFieldsOf(policy: Policy, kindCode: string): { asks(field: CommonField): boolean; label(field: CommonField): string | undefined } {
  const form = intakeFormFor(policy, kindCode)?.form;
  const hidden = new Set<CommonField>(form?.hides ?? []);
  if (policy.severities.length === 0) hidden.add('severity');
  return { asks: (field) => !hidden.has(field), label: (field) => form?.labels?.[field] };
}

/**
 * The word for the person who brought the case, as the kind's regulation says it (issue 11): the form's own
 * word for the name when it gives one (S3-2 投诉人), else 举报人 for a report (S1 火灾隐患举报), 来访人 for a
 * visit, 建议人 for a suggestion, 报修人 for a repair request, 投诉人 otherwise. Decided here once: the intake,
 * the case page, the desk's messages and every printed form ask this function, so a hazard report's reporter
 * is not 投诉人 on screen and 举报人 on paper.
 */
export function personWordOf(policy: Policy, kindCode: string): string {
  const own = commonFieldsOf(policy, kindCode).label('complainant.name');
  if (own) return own;
  const name = policy.kinds.find((k) => k.code === kindCode)?.name ?? '';
  if (name.includes('举报')) return '举报人';
  if (name.includes('来访')) return '来访人';
  if (name.includes('建议')) return '建议人';
  if (name.includes('报修')) return '报修人';
  return '投诉人';
}

/**
 * The reception point of a case when the policy names only one (S8-1 服务中心前台, S11 客户服务中心): every
 * case is received there, so the intake proposes it and a registration without one records it, and the
 * printed 接待点 is never blank (issue 16).
 */
export function soleReceptionPoint(policy: Policy): string | undefined {
  return policy.receptionPoints.length === 1 ? policy.receptionPoints[0] : undefined;
}

/** Categories offered for a kind: those without a kind list, or listing it. */
export function categoriesForKind(policy: Policy, kindCode: string) {
  return policy.categories.filter((c) => !c.kinds || c.kinds.length === 0 || c.kinds.includes(kindCode));
}

function messages(locale: IntakeLocale) {
  const say = (code: MessageCode, label: string, detail: Record<string, unknown> = {}) => messageFor(code, label, detail)[locale];
  const label = (key: string) => COMMON_FIELD_LABELS[key]?.[locale] ?? key;
  return { say, label };
}

type Say = ReturnType<typeof messages>['say'];

/** The length rule of a text field: its message names the field, the limit and how long the text is now. */
function tooLong(say: Say, label: string, max: number) {
  return {
    error: (issue: { input?: unknown }) =>
      say('intake.tooLong', label, { maximum: max, ...(typeof issue.input === 'string' ? { length: issue.input.length } : {}) }),
  };
}

function optionalText(say: Say, label: string, max: number) {
  return z
    .string({ error: say('intake.required', label) })
    .max(max, tooLong(say, label, max))
    .optional();
}

function requiredText(say: Say, label: string, max: number) {
  return z
    .string({ error: say('intake.required', label) })
    .trim()
    .min(1, say('intake.required', label))
    .max(max, tooLong(say, label, max));
}

function optionOf(say: Say, label: string, values: readonly string[], required: boolean) {
  const allowed = new Set(values);
  const base = z.string({ error: say(required ? 'intake.required' : 'intake.option', label) }).superRefine((v, ctx) => {
    if (v === '') {
      if (required) ctx.addIssue({ code: 'custom', message: say('intake.required', label) });
    } else if (!allowed.has(v)) ctx.addIssue({ code: 'custom', message: say('intake.option', label) });
  });
  return required ? base : base.optional();
}

/** A schema for one policy-declared field (S3-2 品牌, 规格及数量 …). */
function fieldSchema(say: Say, f: FieldDef): z.ZodType {
  const label = f.label;
  const blank = (v: unknown) => v === undefined || v === null || v === '';
  let inner: z.ZodType;
  switch (f.type) {
    case 'number':
      inner = z.number({ error: say('intake.number', label) }).finite(say('intake.number', label));
      break;
    case 'select':
      inner = z.string().refine((v) => (f.options ?? []).some((o) => o.value === v), say('intake.option', label));
      break;
    case 'date':
      inner = z.string().regex(DATE, say('intake.date', label));
      break;
    case 'datetime':
      inner = z.string().regex(DATETIME, say('intake.datetime', label));
      break;
    case 'phone':
      inner = z.string().regex(PHONE, say('intake.phone', label));
      break;
    default: {
      const max = Math.min(f.maxLength ?? (f.type === 'textarea' ? LIMITS.text : LIMITS.shortText), LIMITS.text);
      inner = z.string({ error: say('intake.required', label) }).max(max, tooLong(say, label, max));
    }
  }
  return z.unknown().superRefine((v, ctx) => {
    if (blank(v) || (typeof v === 'string' && v.trim() === '')) {
      if (f.required) ctx.addIssue({ code: 'custom', message: say('intake.required', label) });
      return;
    }
    const r = inner.safeParse(v);
    if (!r.success) ctx.addIssue({ code: 'custom', message: r.error.issues[0]?.message ?? say('intake.required', label) });
  });
}

/**
 * The intake form's schema for one kind: the common fields plus the kind's form fields, with the form's
 * `requires` list and the S9-1 apology confirmation. An unknown kind yields a schema that refuses everything.
 * With `now`, a receipt time more than five minutes ahead of it (a mistyped date or a wrong clock) is refused.
 */
export function intakeSchemaFor(policy: Policy, kindCode: string, locale: IntakeLocale = 'zh-CN', now?: number): z.ZodType<IntakeValues, IntakeValues> {
  const { say, label: commonLabel } = messages(locale);
  const found = intakeFormFor(policy, kindCode);
  if (!found) {
    return z.never({ error: say('intake.kind', kindCode) }) as unknown as z.ZodType<IntakeValues, IntakeValues>;
  }
  const { form } = found;
  // A message names the field in the form's own word where it gives one (S3: 投诉人, 客户要求), as the intake
  // screen shows it (commonFieldsOf), in either language: the word is the organisation's (issue 11 finding 10).
  const own = commonFieldsOf(policy, kindCode);
  const label = (key: string) => own.label(key as CommonField) ?? commonLabel(key);
  const requires = new Set<string>(form.requires);
  const short = LIMITS.shortText;

  const formShape: Record<string, z.ZodType> = {};
  for (const f of form.fields) formShape[f.key] = fieldSchema(say, f);

  const schema = z
    .object({
      kind: z.literal(kindCode, { error: say('intake.kind', kindCode) }),
      channel: optionOf(
        say,
        label('channel'),
        policy.channels.map((c) => c.code),
        true,
      ),
      receivedAt: z
        .number({ error: say('intake.required', label('receivedAt')) })
        .int(say('intake.time', label('receivedAt')))
        .min(946_684_800_000, say('intake.time', label('receivedAt')))
        .max(7_258_118_400_000, say('intake.time', label('receivedAt'))),
      receptionPoint: policy.receptionPoints.length
        ? optionOf(say, label('receptionPoint'), policy.receptionPoints, false)
        : optionalText(say, label('receptionPoint'), short),
      category: optionOf(
        say,
        label('category'),
        categoriesForKind(policy, kindCode).map((c) => c.code),
        false,
      ),
      severity: optionOf(
        say,
        label('severity'),
        policy.severities.map((s) => s.code),
        false,
      ),
      departmentId: optionOf(
        say,
        label('departmentId'),
        policy.departments.map((d) => d.id),
        false,
      ),
      complainant: z.object({
        anonymous: z.boolean(),
        confidential: z.boolean(),
        name: optionalText(say, label('complainant.name'), short),
        phone: z
          .string()
          .refine((v) => v.trim() === '' || PHONE.test(v.trim()), say('intake.phone', label('complainant.phone')))
          .optional(),
        address: optionalText(say, label('complainant.address'), short),
        organisation: optionalText(say, label('complainant.organisation'), short),
        role: optionalText(say, label('complainant.role'), short),
      }),
      subject: requiredText(say, label('subject'), short),
      description: z.object({
        time: optionalText(say, label('description.time'), short),
        cause: optionalText(say, label('description.cause'), LIMITS.text),
        process: optionalText(say, label('description.process'), LIMITS.text),
        result: optionalText(say, label('description.result'), LIMITS.text),
        text: optionalText(say, label('description.text'), LIMITS.longText),
      }),
      demand: optionalText(say, label('demand'), LIMITS.text),
      riskFlags: z.array(z.string().refine((v) => policy.riskFlags.some((r) => r.code === v), say('intake.option', label('riskFlags')))).max(LIMITS.listItems),
      // Every declared field is checked even when the form object lacks its key (a draft saved before the
      // field existed, or one the form never touched): zod reports a missing key of z.unknown() with its
      // own English "expected nonoptional" instead of the field's message (issue 11).
      form: z.preprocess(
        (v) => ({ ...Object.fromEntries(form.fields.map((f) => [f.key, undefined])), ...(typeof v === 'object' && v !== null ? v : {}) }),
        z.object(formShape),
      ),
      apologised: z.boolean().optional(),
      relatedCaseId: z.string().max(LIMITS.id).optional(),
    })
    .superRefine((v, ctx) => {
      const blank = (s: string | undefined) => s === undefined || s.trim() === '';
      const valueOf: Record<string, string | undefined> = {
        'complainant.name': v.complainant.name,
        'complainant.phone': v.complainant.phone,
        'complainant.address': v.complainant.address,
        'description.time': v.description.time,
        'description.cause': v.description.cause,
        'description.process': v.description.process,
        'description.result': v.description.result,
        demand: v.demand,
        category: v.category,
        severity: v.severity,
        receptionPoint: v.receptionPoint,
      };
      for (const key of requires) {
        // An anonymous report has no name or contact to require (S1 hazard reports may be anonymous).
        if (key.startsWith('complainant.') && v.complainant.anonymous) continue;
        if (blank(valueOf[key])) ctx.addIssue({ code: 'custom', path: key.split('.'), message: say('intake.required', label(key)) });
      }
      if (now !== undefined && receivedAfter(v.receivedAt, now))
        ctx.addIssue({ code: 'custom', path: ['receivedAt'], message: say('intake.future', label('receivedAt')) });
      // S1-5: a reporter promised confidentiality (or unnamed) is not linked to another case: the link shows
      // on the earlier case's page to whoever opens it.
      if (v.relatedCaseId && (v.complainant.confidential || v.complainant.anonymous))
        ctx.addIssue({ code: 'custom', path: ['relatedCaseId'], message: say('intake.relatedConfidential', label('relatedCaseId')) });
      if (policy.apologyPrompt && v.apologised !== true)
        ctx.addIssue({ code: 'custom', path: ['apologised'], message: say('intake.apology', label('apologised')) });
    });
  return schema as unknown as z.ZodType<IntakeValues, IntakeValues>;
}

/** Starting values for a new intake form: now, the first channel, confidentiality on where the policy says every reporter is protected (S1-5). */
export function intakeDefaults(policy: Policy, kindCode: string, now: number): IntakeValues {
  const found = intakeFormFor(policy, kindCode);
  const form: IntakeValues['form'] = {};
  for (const f of found?.form.fields ?? []) form[f.key] = f.type === 'number' ? null : '';
  return {
    kind: kindCode,
    channel: policy.channels[0]?.code ?? '',
    receivedAt: Math.floor(now / 60_000) * 60_000,
    receptionPoint: soleReceptionPoint(policy),
    complainant: { anonymous: false, confidential: policy.confidentialByDefault === true, name: '', phone: '' },
    subject: '',
    description: {},
    riskFlags: [],
    form,
    apologised: false,
  };
}

export interface RegistrationContext {
  policy: Policy;
  /** From `nextCaseNumber`. */
  number: string;
  /** The signed-in receiver (X-1 首问). */
  firstReceiverId: string;
}

type RegisteredNewEvent = Extract<NewEvent, { type: 'case.registered' }>;

const clean = (s: string | undefined): string | undefined => {
  const t = s?.trim();
  return t ? t : undefined;
};

/** Copies only the keys whose values are present, so the payload never carries `undefined` or ''. */
function present<T extends Record<string, unknown>>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out as T;
}

/**
 * Turns validated intake values into the `case.registered` event. A category that routes to a department
 * sets the responsible department when the clerk chose none (S4-4 medical → 医教科 …).
 */
export function buildRegistration(values: IntakeValues, ctx: RegistrationContext): RegisteredNewEvent {
  const category = clean(values.category);
  const routed = category ? ctx.policy.categories.find((c) => c.code === category)?.departmentId : undefined;
  const c = values.complainant;
  const complainant: Complainant = present({
    anonymous: c.anonymous,
    confidential: c.confidential,
    name: c.anonymous ? undefined : clean(c.name),
    phone: c.anonymous ? undefined : clean(c.phone),
    address: c.anonymous ? undefined : clean(c.address),
    organisation: clean(c.organisation),
    role: clean(c.role),
  });
  const d = values.description;
  const declared = new Set(intakeFormFor(ctx.policy, values.kind)?.form.fields.map((f) => f.key) ?? []);
  const form: Record<string, string | number | boolean | null> = {};
  for (const [k, v] of Object.entries(values.form)) {
    if (!declared.has(k) || v === undefined || v === null) continue;
    if (typeof v === 'string') {
      if (v.trim()) form[k] = v.trim();
    } else form[k] = v;
  }
  return {
    type: 'case.registered',
    payload: present({
      number: ctx.number,
      kind: values.kind,
      channel: values.channel,
      receivedAt: values.receivedAt,
      firstReceiverId: ctx.firstReceiverId,
      receptionPoint: clean(values.receptionPoint) ?? soleReceptionPoint(ctx.policy),
      departmentId: clean(values.departmentId) ?? routed,
      category,
      severity: clean(values.severity),
      complainant,
      subject: values.subject.trim(),
      description: present({ time: clean(d.time), cause: clean(d.cause), process: clean(d.process), result: clean(d.result), text: clean(d.text) }),
      demand: clean(values.demand),
      riskFlags: [...new Set(values.riskFlags)],
      form,
      apologised: values.apologised,
      relatedCaseId: clean(values.relatedCaseId),
    }),
  };
}

/** How far a receipt time may lie after the moment it is recorded: a clock's drift between desk and server. */
export const RECEIPT_SKEW_MS = 5 * 60_000;

/** A receipt time (接收时间) later than `at` by more than a clock's drift: mistyped, or forged. One rule for the intake form and the server. */
function receivedAfter(receivedAt: number, at: number, skewMs = RECEIPT_SKEW_MS): boolean {
  return receivedAt > at + skewMs;
}

/** A message naming the field as each language's screen labels it. */
function fieldMessage(code: MessageCode, key: string): FieldError {
  const zh = COMMON_FIELD_LABELS[key]?.['zh-CN'] ?? key;
  const en = COMMON_FIELD_LABELS[key]?.en ?? key;
  return { path: `payload.${key}`, code, message: { 'zh-CN': messageFor(code, zh)['zh-CN'], en: messageFor(code, en).en } };
}

/**
 * The intake values a registration was built from, as far as the event keeps them (buildRegistration's
 * inverse): what the form's own schema judges when the registration did not come through this desk's form.
 */
export function intakeValuesOf(p: EventPayload<'case.registered'>): IntakeValues {
  return {
    kind: p.kind,
    channel: p.channel,
    receivedAt: p.receivedAt,
    receptionPoint: p.receptionPoint,
    category: p.category,
    severity: p.severity,
    departmentId: p.departmentId,
    complainant: { ...p.complainant },
    subject: p.subject,
    description: { ...p.description },
    demand: p.demand,
    riskFlags: [...(p.riskFlags ?? [])],
    form: { ...(p.form ?? {}) },
    apologised: p.apologised,
    relatedCaseId: p.relatedCaseId,
  };
}

// The schemas registrations are judged with, built once per policy revision, kind and language rather than
// per registration: a push of 200 registrations builds each once (bench/authorise.bench.ts). Keyed by the
// policy object, which the server keeps until its configuration changes (sync/rules.ts) and the desk per
// loaded revision, so a replaced revision's schemas go with it; only the policy's own kinds are kept, so
// made-up kinds (a hostile push) add nothing. A parsed policy is never changed in place.
const registrationSchemas = new WeakMap<Policy, Map<string, z.ZodType<IntakeValues, IntakeValues>>>();

function registrationSchemaFor(policy: Policy, kindCode: string, locale: IntakeLocale): z.ZodType<IntakeValues, IntakeValues> {
  if (!intakeFormFor(policy, kindCode)) return intakeSchemaFor(policy, kindCode, locale);
  let byKind = registrationSchemas.get(policy);
  if (!byKind) registrationSchemas.set(policy, (byKind = new Map()));
  const key = `${locale}\n${kindCode}`;
  let schema = byKind.get(key);
  if (!schema) byKind.set(key, (schema = intakeSchemaFor(policy, kindCode, locale)));
  return schema;
}

/** The intake form's own verdict on a registration, in both languages, each issue at its payload path. */
function intakeFormRefusals(policy: Policy, p: EventPayload<'case.registered'>): FieldError[] {
  const values = intakeValuesOf(p);
  const zh = registrationSchemaFor(policy, p.kind, 'zh-CN').safeParse(values);
  if (zh.success) return [];
  // The same schema in the other language reports the same issues in the same order.
  const en = registrationSchemaFor(policy, p.kind, 'en').safeParse(values);
  const enIssues = en.success ? [] : en.error.issues;
  return zh.error.issues.map((issue, i) => {
    const path = ['payload', ...issue.path.map(String)].join('.');
    return {
      path,
      code: 'intake.invalid',
      message: messageFor('intake.invalid', path, { said: { 'zh-CN': issue.message, en: enIssues[i]?.message ?? issue.message } }),
    };
  });
}

/**
 * Whether a registration may be written (docs/architecture.md §Trust model): the intake form's whole check —
 * required fields, the policy's codes (kind, channel, category, level, department, risk flags), the kind's own
 * fields, lengths, the S9-1 apology — and a receipt time not after the moment it was recorded, give or take
 * `skewMs` (a forged or mistyped 接收时间 would move every deadline of the case). One rule for the desk's
 * write path and the server's authorisation of a push, so a desk that skips its form is refused at both.
 */
export function registrationRefusals(policy: Policy, p: EventPayload<'case.registered'>, at: number, skewMs: number): FieldError[] {
  const refusals = intakeFormRefusals(policy, p);
  return receivedAfter(p.receivedAt, at, skewMs) ? [fieldMessage('intake.future', 'receivedAt'), ...refusals] : refusals;
}
