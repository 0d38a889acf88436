import { policySchema, type Policy, type PolicyInput } from '../domain/policy';
import type { CaseEvent } from '../domain/events';
import { makeEvent, makeRegistration } from '../domain/projection.fixtures';

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
