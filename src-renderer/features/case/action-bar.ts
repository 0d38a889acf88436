import type { Policy } from '../../../src-shared/domain/policy';
import type { StageStatus } from '../../../src-shared/domain/sla-types';
import type { ActionAvailability } from '../../data/domain';
import type { LocalisedMessage } from '../../../src-shared/i18n/validation';
import type { ActionSpec } from './action-specs';

// What the case page offers (issue 11 finding 6, "next step first"): the actions the domain allows this
// person, the next expected one first; the ones only another role may take, disabled with the domain's
// reason (which names who can). The verdicts are the domain's (availableActions); this only orders them.

/** Refusals that mean "someone else may do this now", worth showing as a disabled button. */
const OTHERS_CODES = new Set(['action.role', 'action.identityRole', 'action.approvalPending', 'action.writtenReplyFirst', 'action.notYourDepartment']);

/** Events that only start or stop a stage: offered only where a stage of this case's policy uses them. */
const STAGE_ONLY = new Set(['case.site_visited', 'case.sample_sent', 'case.material_added', 'case.signed']);

/** The usual order of a case's handling, for when no running stage names the next step. */
const FLOW = ['case.accepted', 'case.approval_decided', 'case.approval_requested', 'case.assigned', 'case.handover_acknowledged', 'case.site_visited', 'case.sample_sent', 'case.investigated', 'case.replied', 'case.resolved', 'case.feedback_given', 'case.callback_done', 'case.closed'];

export interface ActionBar {
  allowed: ActionSpec[];
  next?: ActionSpec;
  others: { spec: ActionSpec; reason: LocalisedMessage }[];
}

export function actionBar(specs: readonly ActionSpec[], verdicts: readonly ActionAvailability[], policy: Policy, stages: readonly StageStatus[]): ActionBar {
  const byType = new Map(verdicts.map((v) => [v.eventType as string, v]));
  const applicable = new Set(stages.map((s) => s.stageId));
  const stageEvents = new Set(policy.stages.filter((s) => applicable.has(s.id)).flatMap((s) => [...s.startsOn, ...s.stopsOn] as string[]));
  const offered = specs.filter((s) => (!STAGE_ONLY.has(s.type) || stageEvents.has(s.type)) && (s.type !== 'case.expense_recorded' || policy.expenses.length > 0));
  const allowed = offered.filter((s) => byType.get(s.type)?.allowed);
  const others = offered
    .map((spec) => ({ spec, v: byType.get(spec.type) }))
    .filter((x) => x.v && !x.v.allowed && OTHERS_CODES.has(x.v.code ?? '') && x.v.reason)
    .map((x) => ({ spec: x.spec, reason: x.v!.reason! }));
  // The running stage due first names the next step: the first allowed action that stops it.
  const running = stages.filter((s) => s.startedAt !== undefined && s.state !== 'met' && s.stoppedAt === undefined).sort((a, b) => (a.dueAt ?? Infinity) - (b.dueAt ?? Infinity));
  // An approval waiting for this person comes before anything else: the case is stuck until they decide.
  let next: ActionSpec | undefined = allowed.find((a) => a.type === 'case.approval_decided');
  for (const s of next ? [] : running) {
    const stops = policy.stages.find((d) => d.id === s.stageId)?.stopsOn as string[] | undefined;
    next = allowed.find((a) => stops?.includes(a.type));
    if (next) break;
  }
  next ??= FLOW.map((type) => allowed.find((a) => a.type === type)).find(Boolean);
  return { allowed: next ? [next, ...allowed.filter((a) => a !== next)] : allowed, next, others };
}
