import type { AppliesTo, StageDef } from '../../../src-shared/domain/policy';

// Pure translations between what the policy stores and what the editors show: the escalation ladder of a
// stage as "who is told when", and a rule's kinds ("all kinds" is an absent list, never an empty one).

export const LADDER_STEPS = ['start', 'warning', 'breach'] as const;
export type LadderAt = (typeof LADDER_STEPS)[number];
type Ladder = StageDef['ladder'];

/** Roles told at `at` (the schema allows several steps at the same moment; they are read together). */
export function ladderRoles(ladder: Ladder, at: LadderAt): string[] {
  return [...new Set(ladder.filter((s) => s.at === at).flatMap((s) => s.notifyRoles))];
}

/**
 * The ladder with the roles told at `at` replaced. No roles removes the step (a step needs at least one
 * role); steps stay in the order start, warning, breach so an unchanged stage compares equal.
 */
export function withLadderRoles(ladder: Ladder, at: LadderAt, roles: readonly string[]): Ladder {
  const others = ladder.filter((s) => s.at !== at);
  const steps = roles.length ? [...others, { at, notifyRoles: [...roles] }] : others;
  return steps
    .map((s, i) => ({ s, i }))
    .sort((a, b) => LADDER_STEPS.indexOf(a.s.at) - LADDER_STEPS.indexOf(b.s.at) || a.i - b.i)
    .map((x) => x.s);
}

/** The applies-to condition with its kinds set; no kinds means all kinds, so the list is dropped. */
export function withAppliesKinds(appliesTo: AppliesTo | undefined, kinds: readonly string[]): AppliesTo {
  const rest = { ...(appliesTo ?? {}) };
  delete rest.kinds;
  return kinds.length ? { ...rest, kinds: [...kinds] } : rest;
}
