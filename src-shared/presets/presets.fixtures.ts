import { policySchema, type Policy, type PolicyInput } from '../domain/policy';
import type { CaseEvent } from '../domain/events';
import { makeEvent, makeRegistration } from '../domain/projection.fixtures';
import { buildRegistration, intakeDefaults, intakeSchemaFor, type IntakeValues } from '../domain/intake';

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
