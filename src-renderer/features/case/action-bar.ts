import type { Policy } from '../../../src-shared/domain/policy';
import type { StageStatus } from '../../../src-shared/domain/sla-types';
import type { ActionAvailability } from '../../data/domain';
import type { LocalisedMessage } from '../../../src-shared/i18n/validation';
import type { ActionSpec } from './action-specs';

// What the case page offers (issue 11 finding 6, "next step first"): the actions the domain allows this
// person, the next expected one first; the ones only another role may take, disabled with the domain's
// reason (which names who can). Which actions apply to the case, and who may take them, are the domain's
// verdicts (availableActions: `offered`, `allowed`); this only sorts them for the screen.

/** Refusals that mean "someone else may do this now", worth showing as a disabled button. */
const OTHERS_CODES = new Set(['action.role', 'action.identityRole', 'action.approvalPending', 'action.writtenReplyFirst', 'action.notYourDepartment']);

/** The usual order of a case's handling, for when no running stage names the next step. */
const FLOW = [
  'case.accepted',
  'case.approval_decided',
  'case.approval_requested',
  'case.assigned',
  'case.handover_acknowledged',
  'case.site_visited',
  'case.sample_sent',
  'case.investigated',
  'case.replied',
  'case.resolved',
  'case.feedback_given',
  'case.feedback_impossible',
  'case.callback_done',
  'case.closed',
];
// (无法反馈 is the feedback step taken the other way: after it, feedback is no longer the next step.)

export interface ActionBar {
  allowed: ActionSpec[];
  next?: ActionSpec;
  others: { spec: ActionSpec; reason: LocalisedMessage }[];
}

/**
 * `done`: the types of the case's events so far. With no running stage to go by, the next step is the first
 * allowed one of FLOW after the furthest step already taken — after a callback that is 结案, not an 答复
 * that the case no longer needs (issue 16). Approvals are left out of "furthest": they happen at any point.
 */
export function actionBar(
  specs: readonly ActionSpec[],
  verdicts: readonly ActionAvailability[],
  policy: Policy,
  stages: readonly StageStatus[],
  done: readonly string[],
): ActionBar {
  const byType = new Map(verdicts.map((v) => [v.eventType as string, v]));
  const offered = specs.filter((s) => byType.get(s.type)?.offered !== false);
  const allowed = offered.filter((s) => byType.get(s.type)?.allowed);
  const others = offered
    .map((spec) => ({ spec, v: byType.get(spec.type) }))
    .filter((x) => x.v && !x.v.allowed && OTHERS_CODES.has(x.v.code ?? '') && x.v.reason)
    .map((x) => ({ spec: x.spec, reason: x.v!.reason! }));
  // The running stage due first names the next step: the first allowed action that stops it.
  const running = stages
    .filter((s) => s.startedAt !== undefined && s.state !== 'met' && s.stoppedAt === undefined)
    .sort((a, b) => (a.dueAt ?? Infinity) - (b.dueAt ?? Infinity));
  // An approval waiting for this person comes before anything else: the case is stuck until they decide.
  let next: ActionSpec | undefined = allowed.find((a) => a.type === 'case.approval_decided');
  for (const s of next ? [] : running) {
    const stops = policy.stages.find((d) => d.id === s.stageId)?.stopsOn as string[] | undefined;
    // The stage's usual ending (the first of its stopsOn) waits for an approval — S1-10's opinion before
    // feedback: asking for it is next, not the stage's fallback ending (无法反馈).
    if (stops?.[0] && byType.get(stops[0])?.code === 'action.approvalPending') next = allowed.find((a) => a.type === 'case.approval_requested');
    next ??= allowed.find((a) => stops?.includes(a.type));
    if (next) break;
  }
  // A reopened case (S9-10) starts its handling again: only what was done since counts.
  const since = done.slice(done.lastIndexOf('case.reopened') + 1);
  const furthest = Math.max(-1, ...since.filter((t) => !t.startsWith('case.approval_')).map((t) => FLOW.indexOf(t)));
  next ??= FLOW.slice(furthest + 1)
    .map((type) => allowed.find((a) => a.type === type))
    .find(Boolean);
  return { allowed: next ? [next, ...allowed.filter((a) => a !== next)] : allowed, next, others };
}
