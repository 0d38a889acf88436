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
const FLOW = ['case.accepted', 'case.approval_decided', 'case.approval_requested', 'case.assigned', 'case.handover_acknowledged', 'case.site_visited', 'case.sample_sent', 'case.investigated', 'case.replied', 'case.resolved', 'case.feedback_given', 'case.callback_done', 'case.closed'];

export interface ActionBar {
  allowed: ActionSpec[];
  next?: ActionSpec;
  others: { spec: ActionSpec; reason: LocalisedMessage }[];
}

export function actionBar(specs: readonly ActionSpec[], verdicts: readonly ActionAvailability[], policy: Policy, stages: readonly StageStatus[]): ActionBar {
  const byType = new Map(verdicts.map((v) => [v.eventType as string, v]));
  const offered = specs.filter((s) => byType.get(s.type)?.offered !== false);
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
