import type { CaseEvent } from './events';
import type { Policy } from './policy';
import type { StageStatus } from './sla-types';

// What to tell whom when a deadline changes colour or a risk is raised. Pure: the desk turns these
// into OS notifications and queue badges; the server may turn them into messages. X-3: a breach is
// never silent — a breach alert is produced even when the ladder names no role (then it goes to the
// desk that holds the case).

export type StageAlertKind = 'start' | 'warning' | 'breach';

export interface StageAlert {
  kind: StageAlertKind;
  stageId: string;
  stageName: string;
  /** When the transition happened on the stage's clock (start, warnAt or dueAt). */
  at: number;
  dueAt?: number;
  /** Roles from the stage's escalation ladder for this step; may be empty (then: the holding desk). */
  roles: string[];
  rules: string[];
}

const RANK = { pending: 0, running: 1, warning: 2, breached: 3, met: -1 } as const;

/**
 * The transitions between two computations of the same case's stages that someone must hear about:
 * a stage that started (when its ladder has a start step), entered warning, or breached. A stage that
 * jumps from running straight to breached (the desk was off) yields only the breach. Stages that are
 * met, or whose clock stopped with the case's closure, raise nothing new.
 */
export function stageAlerts(prev: readonly StageStatus[], next: readonly StageStatus[]): StageAlert[] {
  const before = new Map<string, StageStatus>();
  for (const s of prev) before.set(s.stageId, s);
  const out: StageAlert[] = [];
  for (const s of next) {
    const p = before.get(s.stageId);
    const from = p ? RANK[p.state] : 0;
    const to = RANK[s.state];
    // A restart (reopened case) shows up as an earlier start; treat it as a fresh stage.
    const restarted = p?.startedAt !== undefined && s.startedAt !== undefined && s.startedAt !== p.startedAt;
    const fromRank = restarted ? 0 : from;
    if (to <= fromRank || (p?.stoppedAt !== undefined && s.stoppedAt !== undefined)) continue;
    if (s.state === 'breached') out.push(alertOf(s, 'breach', s.dueAt));
    else if (s.state === 'warning') out.push(alertOf(s, 'warning', s.warnAt));
    else if (s.state === 'running' && s.notifyRoles.length > 0) out.push(alertOf(s, 'start', s.startedAt));
  }
  return out;
}

function alertOf(s: StageStatus, kind: StageAlertKind, at: number | undefined): StageAlert {
  const alert: StageAlert = { kind, stageId: s.stageId, stageName: s.name, at: at ?? s.startedAt ?? 0, roles: s.notifyRoles, rules: s.rules };
  if (s.dueAt !== undefined) alert.dueAt = s.dueAt;
  return alert;
}

export interface RiskAlert {
  kind: 'risk';
  caseId: string;
  flag: string;
  /** The flag's name from the policy; the code itself when the policy does not know it. */
  flagName: string;
  at: number;
  /** Roles alerted at once (S1-6); empty for a flag the policy does not define (then: the holding desk). */
  roles: string[];
}

/**
 * S1-6: signs of suicide, violence, explosion or a mass incident are reported at once. Every flag raised
 * by a case.risk_flagged event, or carried by the registration itself, gives one immediate alert.
 */
export function riskFlagAlerts(policy: Policy, event: CaseEvent): RiskAlert[] {
  let flags: readonly string[];
  if (event.type === 'case.risk_flagged') flags = [event.payload.flag];
  else if (event.type === 'case.registered') flags = event.payload.riskFlags;
  else return [];
  return [...new Set(flags)].map((flag) => {
    const def = policy.riskFlags.find((f) => f.code === flag);
    return { kind: 'risk', caseId: event.caseId, flag, flagName: def?.name ?? flag, at: event.at, roles: def ? [...def.alertRoles] : [] };
  });
}

export interface BreachPenalty {
  /** Item id for case.penalty_proposed: the policy's penalty id, suffixed per occurrence (see actions.ts policyItemOf). */
  itemId: string;
  penaltyId: string;
  stageId: string;
  amount: number;
  targetRole: string;
  approverRole: string;
  /** The deadline that was missed. */
  at: number;
  rules: string[];
}

/**
 * Penalties a deadline breach calls for (S3-6 50 yuan per late reply, S6-10 late investigation): every
 * `trigger.on = 'breach'` penalty whose stages include a stage that is breached or was met late. Per
 * occurrence penalties get one item per stage run (a reopening restarts the run); others one per case.
 * Items already proposed (by id) are left out, so the desk can offer exactly what is still owed.
 */
export function breachPenalties(policy: Policy, stages: readonly StageStatus[], alreadyProposed: readonly { id: string }[] = []): BreachPenalty[] {
  const taken = new Set(alreadyProposed.map((p) => p.id));
  const out: BreachPenalty[] = [];
  for (const penalty of policy.penalties) {
    if (penalty.trigger.on !== 'breach') continue;
    for (const s of stages) {
      const missed = s.state === 'breached' || s.metLate === true;
      if (!missed || s.dueAt === undefined) continue;
      if (penalty.trigger.stageIds?.length && !penalty.trigger.stageIds.includes(s.stageId)) continue;
      const itemId = penalty.perOccurrence ? `${penalty.id}:${s.stageId}:${s.startedAt ?? 0}` : penalty.id;
      if (taken.has(itemId)) continue;
      taken.add(itemId);
      out.push({
        itemId,
        penaltyId: penalty.id,
        stageId: s.stageId,
        amount: penalty.amount,
        targetRole: penalty.targetRole,
        approverRole: penalty.approverRole,
        at: s.dueAt,
        rules: penalty.rules,
      });
    }
  }
  return out;
}
