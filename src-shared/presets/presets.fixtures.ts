import { policySchema, type Policy, type PolicyInput } from '../domain/policy';
import type { CaseEvent } from '../domain/events';
import { makeEvent, makeRegistration } from '../domain/projection.fixtures';
import { buildRegistration, categoriesForKind, intakeDefaults, intakeFormFor, intakeSchemaFor, type IntakeValues } from '../domain/intake';
import type { EventPayload } from '../domain/events';

// Helpers for the preset rule tests: parse a preset once, build case logs in China time.

export { makeEvent, makeRegistration };
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** A preset as the engine sees it (defaults filled in). */
export function policyOf(preset: PolicyInput): Policy {
  return policySchema.parse(preset);
}

/** An instant given as Beijing wall-clock time (UTC+8). Month is 1-based. */
export function cst(year: number, month: number, day: number, hour = 0, minute = 0): number {
  return Date.UTC(year, month - 1, day, hour - 8, minute);
}

/** Finds a stage status by id or fails the test with the ids that were there. */
export function stageById<T extends { stageId: string }>(stages: readonly T[], id: string): T {
  const s = stages.find((x) => x.stageId === id);
  if (!s) throw new Error(`stage ${id} not in [${stages.map((x) => x.stageId).join(', ')}]`);
  return s;
}

/** A registration plus later events, each at its own instant, as one case log. */
export function caseLog(...events: CaseEvent[]): CaseEvent[] {
  return events;
}

/**
 * A registration built as the desk's intake builds it: the form's defaults, the values a clerk typed,
 * validated with the intake schema and turned into the event by `buildRegistration`.
 */
export function registerThroughIntake(
  policy: Policy,
  at: number,
  values: Partial<Omit<IntakeValues, 'form' | 'complainant'>> & { form?: IntakeValues['form']; complainant?: Partial<IntakeValues['complainant']> },
  number = 'HZ01-20261127-001',
): CaseEvent {
  const kind = values.kind ?? policy.kinds[0]!.code;
  const defaults = intakeDefaults(policy, kind, at);
  const typed: IntakeValues = {
    ...defaults,
    subject: '楼上漏水',
    ...values,
    kind,
    receivedAt: values.receivedAt ?? at,
    complainant: { ...defaults.complainant, name: '张三', phone: '13812345678', ...values.complainant },
    form: { ...defaults.form, ...values.form },
  };
  const parsed = intakeSchemaFor(policy, kind, 'zh-CN', at).parse(typed);
  const event = buildRegistration(parsed, { policy, number, firstReceiverId: 'staff-1' });
  return makeRegistration(at, event.payload);
}

const SAMPLE_FIELD: Record<string, string | number> = {
  text: '3-1-1201',
  textarea: '现场已查看。',
  number: 1,
  date: '2026-11-27',
  datetime: '2026-11-27 09:30',
  phone: '13812345678',
};

/**
 * The intake fields a policy's form accepts for `kind` (its first kind by default), for registrations that
 * are checked as the desk's and the server's write paths check them (domain/intake registrationRefusals):
 * a category and a level of the policy (the `pick`-th, lightest level first), its required fields filled in, the
 * S9-1 apology confirmed where the policy asks it. Spread before a fixture's own payload.
 */
export function acceptedIntake(
  policy: Policy,
  kind = policy.kinds[0]!.code,
  pick = 0,
): Omit<EventPayload<'case.registered'>, 'number' | 'receivedAt' | 'firstReceiverId' | 'subject' | 'riskFlags' | 'form'> & {
  form: Record<string, string | number>;
} {
  const found = intakeFormFor(policy, kind);
  const categories = categoriesForKind(policy, kind);
  const form: Record<string, string | number> = {};
  for (const f of found?.form.fields ?? []) {
    if (f.required) form[f.key] = f.type === 'select' ? (f.options?.[0]?.value ?? '') : SAMPLE_FIELD[f.type]!;
  }
  const requires = new Set<string>(found?.form.requires ?? []);
  const ask = (key: string, value: string) => (requires.has(key) ? value : undefined);
  const pickOf = <T>(xs: readonly T[]): T | undefined => xs[pick % Math.max(xs.length, 1)];
  const out = {
    kind,
    channel: policy.channels[0]!.code,
    receptionPoint: policy.receptionPoints[0] !== undefined ? ask('receptionPoint', policy.receptionPoints[0]) : undefined,
    category: pickOf(categories)?.code,
    // The lightest level first: a graver one brings approvals (S7-16 重大) a fixture did not ask for.
    severity: pickOf([...policy.severities].sort((a, b) => a.rank - b.rank))?.code,
    complainant: { anonymous: false, confidential: false, name: '张三', phone: '13812345678', address: '3栋1单元1201' },
    description: {
      text: '卫生间天花板漏水三天。',
      time: ask('description.time', '11月24日起'),
      cause: ask('description.cause', '楼上防水层破损'),
      process: ask('description.process', '已电话报修'),
      result: ask('description.result', '天花板发霉'),
    },
    demand: ask('demand', '尽快修好'),
    form,
    apologised: policy.apologyPrompt ? true : undefined,
  };
  return withoutUnset(out) as ReturnType<typeof acceptedIntake>;
}

/** The payload as a desk writes it: a field the form did not ask for is left out, not set to undefined. */
function withoutUnset<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutUnset) as T;
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, withoutUnset(v)]),
  ) as T;
}
