import type { CaseState, MoneyItem } from '../domain/case-state';
import type { NewEvent } from '../domain/events';
import type { Policy } from '../domain/policy';
import type { StageStatus } from '../domain/sla-types';

// Occurrence ids are `<policy item id>:<suffix>`, as domain/actions.ts `policyItemOf` reads them.
// Rewards, penalties and expenses as the policy names them (S1-14, S3-6, S6-10, S2-5, S3-8), and the S1-15
// accountability list. The functions here only propose events; the desk writes them through its usual
// validated path, and the ledger is read back from the case projections (X-5: nothing is edited).

type PolicyMoney = Pick<Policy, 'rewards' | 'penalties' | 'expenses' | 'stages'>;

export type LedgerError =
  | 'ledger.notFound'
  | 'ledger.alreadyDecided'
  | 'ledger.wrongRole'
  | 'ledger.amountOutOfRange'
  | 'ledger.notVerified'
  | 'ledger.alreadyProposed'
  | 'ledger.signatureOrder'
  | 'ledger.amount'
  | 'ledger.description'
  | 'ledger.rejectReason';

export type LedgerResult<T> = { ok: true; value: T } | { ok: false; error: LedgerError };

const ok = <T>(value: T): LedgerResult<T> => ({ ok: true, value });
const fail = <T>(error: LedgerError): LedgerResult<T> => ({ ok: false, error });

/** Occurrence id of an automatic penalty: one per penalty rule and breached stage of a case. */
export const breachPenaltyId = (penaltyId: string, stageId: string) => `${penaltyId}:${stageId}`;

function definitionOf<T extends { id: string }>(defs: readonly T[], itemId: string): T | undefined {
  return defs.find((d) => itemId === d.id || itemId.startsWith(`${d.id}:`));
}

/**
 * S3-6 / S6-10: one penalty proposal per penalty rule triggered by a breach, per breached (or late-met)
 * stage it names, addressed to the role the rule names; proposals already on the case are not repeated.
 */
export function breachPenaltyProposals(policy: PolicyMoney, state: CaseState, stages: readonly StageStatus[]): NewEvent[] {
  const existing = new Set(state.penalties.map((p) => p.id));
  const stageNames = new Map(policy.stages.map((s) => [s.id, s.name]));
  const out: NewEvent[] = [];
  for (const st of stages) {
    const late = st.state === 'breached' || (st.state === 'met' && st.metLate === true);
    if (!late) continue;
    for (const p of policy.penalties) {
      if (p.trigger.on !== 'breach') continue;
      if (p.trigger.stageIds?.length && !p.trigger.stageIds.includes(st.stageId)) continue;
      const penaltyId = breachPenaltyId(p.id, st.stageId);
      if (existing.has(penaltyId)) continue;
      existing.add(penaltyId);
      out.push({
        type: 'case.penalty_proposed',
        payload: {
          penaltyId,
          amount: p.amount,
          targetRole: p.targetRole,
          stageId: st.stageId,
          reason: `${p.name}：「${stageNames.get(st.stageId) ?? st.name}」超过时限`,
        },
      });
    }
  }
  return out;
}

/** S6-10 (−50 for not applying first-ask): proposed by hand, one occurrence each time. */
export function firstAskPenaltyProposals(policy: PolicyMoney, state: CaseState, reason: string): NewEvent[] {
  return policy.penalties
    .filter((p) => p.trigger.on === 'first_ask_violation')
    .map((p) => {
      const n = state.penalties.filter((x) => x.id.startsWith(`${p.id}:`)).length + 1;
      return {
        type: 'case.penalty_proposed',
        payload: { penaltyId: `${p.id}:${n}`, amount: p.amount, targetRole: p.targetRole, reason: reason.trim() || p.name },
      };
    });
}

export interface RewardRange {
  rewardId: string;
  name: string;
  level: string;
  levelName: string;
  min: number;
  max: number;
}

/** The reward a verified hazard report earns by its danger level (S1-14), if the policy has one. */
export function rewardRangeFor(policy: PolicyMoney, state: CaseState): RewardRange | undefined {
  const verified = [...state.investigations].reverse().find((i) => i.verified === true && i.dangerLevel);
  if (!verified) return undefined;
  for (const r of policy.rewards) {
    if (r.trigger !== 'hazard_verified') continue;
    const lvl = r.levels.find((l) => l.level === verified.dangerLevel);
    if (lvl) return { rewardId: r.id, name: r.name, level: lvl.level, levelName: lvl.name, min: lvl.min, max: lvl.max };
  }
  return undefined;
}

/**
 * The range a proposed reward may be approved within: its own danger level's, as the desk's action check
 * reads it (actions.ts), not whatever a later investigation graded the hazard.
 */
export function proposedRewardRange(policy: PolicyMoney, rewardId: string, level: string | undefined): RewardRange | undefined {
  const def = definitionOf(policy.rewards, rewardId);
  const lvl = def?.levels.find((l) => l.level === level) ?? def?.levels[0];
  return def && lvl ? { rewardId: def.id, name: def.name, level: lvl.level, levelName: lvl.name, min: lvl.min, max: lvl.max } : undefined;
}

/** S1-14: propose the reward for a verified report; the amount defaults to the level's minimum. */
export function rewardProposal(policy: PolicyMoney, state: CaseState, amount?: number): LedgerResult<NewEvent> {
  const range = rewardRangeFor(policy, state);
  if (!range) return fail('ledger.notVerified');
  if (state.rewards.some((r) => r.id === range.rewardId)) return fail('ledger.alreadyProposed');
  const value = amount ?? range.min;
  if (!(value >= range.min && value <= range.max)) return fail('ledger.amountOutOfRange');
  return ok({
    type: 'case.reward_proposed',
    payload: { rewardId: range.rewardId, amount: value, level: range.level, reason: `${range.name}（${range.levelName}）` },
  });
}

/** The role that must approve an item: the policy's, never the proposer's choice. */
export function approverRoleOf(policy: PolicyMoney, kind: 'reward' | 'penalty', itemId: string): string | undefined {
  return kind === 'reward' ? definitionOf(policy.rewards, itemId)?.approverRole : definitionOf(policy.penalties, itemId)?.approverRole;
}

/**
 * Approve or reject a proposed reward or penalty; only a holder of the policy's approver role may. A
 * rejection carries its reason: the person charged, and whoever audits the ledger, must be able to read
 * why a rule's penalty or reward was not applied.
 */
export function decision(
  policy: PolicyMoney,
  state: CaseState,
  kind: 'reward' | 'penalty',
  itemId: string,
  approved: boolean,
  actorRoles: readonly string[],
  opts: { amount?: number; note?: string } = {},
): LedgerResult<NewEvent> {
  const item = (kind === 'reward' ? state.rewards : state.penalties).find((i) => i.id === itemId);
  if (!item) return fail('ledger.notFound');
  if (item.decided) return fail('ledger.alreadyDecided');
  const role = approverRoleOf(policy, kind, itemId);
  if (!role) return fail('ledger.notFound');
  if (!actorRoles.includes(role)) return fail('ledger.wrongRole');
  if (!approved && !opts.note?.trim()) return fail('ledger.rejectReason');
  const note = opts.note?.trim() ? { note: opts.note.trim() } : {};
  if (kind === 'penalty') return ok({ type: 'case.penalty_decided', payload: { penaltyId: itemId, approved, approverRole: role, ...note } });
  let amount: { amount?: number } = {};
  if (opts.amount !== undefined) {
    const range = proposedRewardRange(policy, itemId, item.level);
    if (range && !(opts.amount >= range.min && opts.amount <= range.max)) return fail('ledger.amountOutOfRange');
    amount = { amount: opts.amount };
  }
  return ok({ type: 'case.reward_decided', payload: { rewardId: itemId, approved, approverRole: role, ...amount, ...note } });
}

// ---- Expenses (S2-5 goodwill visit, S3-8 return-freight voucher) ----

export const expenseDocument = (expenseId: string) => `expense:${expenseId}`;

export function expenseProposal(
  policy: PolicyMoney,
  state: CaseState,
  defId: string,
  input: { amount?: number; description: string; liableDepartmentId?: string },
): LedgerResult<NewEvent> {
  const def = policy.expenses.find((e) => e.id === defId);
  if (!def) return fail('ledger.notFound');
  const amount = input.amount ?? def.defaultAmount;
  if (amount === undefined || !(amount >= 0 && amount <= 10_000_000)) return fail('ledger.amount');
  if (!input.description.trim()) return fail('ledger.description');
  const n = state.expenses.filter((e) => e.expenseId.startsWith(`${def.id}:`)).length + 1;
  return ok({
    type: 'case.expense_recorded',
    payload: {
      expenseId: `${def.id}:${n}`,
      amount,
      description: input.description.trim(),
      ...(input.liableDepartmentId ? { liableDepartmentId: input.liableDepartmentId } : {}),
    },
  });
}

export interface SignatureStep {
  role: string;
  signed?: { signerName: string; at: number; by: string };
}

/** S3-8: the voucher's signature chain in policy order, with who signed each step. */
export function expenseSignatureChain(policy: PolicyMoney, state: CaseState, expenseId: string): SignatureStep[] {
  const def = definitionOf(policy.expenses, expenseId);
  if (!def) return [];
  const doc = expenseDocument(expenseId);
  return def.signatureChain.map((role) => {
    const s = state.signatures.find((x) => x.document === doc && x.role === role);
    return s ? { role, signed: { signerName: s.signerName, at: s.at, by: s.by } } : { role };
  });
}

/** The next signature of the chain; refused when the actor does not hold that step's role. */
export function expenseSignature(
  policy: PolicyMoney,
  state: CaseState,
  expenseId: string,
  actorRoles: readonly string[],
  signerName: string,
  image?: string,
): LedgerResult<NewEvent> {
  const chain = expenseSignatureChain(policy, state, expenseId);
  if (chain.length === 0 || !state.expenses.some((e) => e.expenseId === expenseId)) return fail('ledger.notFound');
  const next = chain.find((s) => !s.signed);
  if (!next) return fail('ledger.alreadyDecided');
  if (!actorRoles.includes(next.role)) return fail('ledger.signatureOrder');
  return ok({ type: 'case.signed', payload: { signerName, role: next.role, document: expenseDocument(expenseId), ...(image ? { image } : {}) } });
}

// ---- The ledger ----

export type LedgerStatus = 'proposed' | 'approved' | 'rejected' | 'signing' | 'signed';

export interface LedgerRow {
  kind: 'reward' | 'penalty' | 'expense';
  caseId: string;
  caseNumber: string;
  itemId: string;
  name: string;
  /** Yuan; penalties are negative (deducted from the named role's bonus). */
  amount: number;
  /** Penalty: the role charged; reward: the danger level; expense: the liable department. */
  party?: string;
  status: LedgerStatus;
  at: number;
  decidedAt?: number;
  /** Reward/penalty: the role that decided, or while proposed the role the policy names to decide. */
  approverRole?: string;
  reason?: string;
  /** The approver's note, e.g. why a penalty was rejected. */
  note?: string;
}

function moneyStatus(i: MoneyItem): LedgerStatus {
  return i.decided ? (i.decided.approved ? 'approved' : 'rejected') : 'proposed';
}

function decidedFields(i: MoneyItem, policyApprover: string | undefined): Pick<LedgerRow, 'decidedAt' | 'approverRole' | 'note'> {
  if (!i.decided) return policyApprover ? { approverRole: policyApprover } : {};
  return { decidedAt: i.decided.at, approverRole: i.decided.approverRole, ...(i.decided.note ? { note: i.decided.note } : {}) };
}

/**
 * The ledger's rows. Each case is read under its own policy revision when `policyFor` is given (S0-2: a
 * case keeps the revision it was registered under), so a later revision that renames an item or names
 * another approver does not rewrite the older cases' rows; `policy` serves cases whose revision is missing.
 */
export function ledgerRows(current: PolicyMoney, cases: readonly CaseState[], policyFor?: (revision: number) => PolicyMoney | undefined): LedgerRow[] {
  const rows: LedgerRow[] = [];
  for (const c of cases) {
    const policy = policyFor?.(c.policyRevision) ?? current;
    for (const r of c.rewards) {
      rows.push({
        kind: 'reward',
        caseId: c.id,
        caseNumber: c.number,
        itemId: r.id,
        name: definitionOf(policy.rewards, r.id)?.name ?? r.id,
        amount: r.decided?.amount ?? r.amount,
        ...(r.level ? { party: r.level } : {}),
        status: moneyStatus(r),
        at: r.proposedAt,
        ...decidedFields(r, approverRoleOf(policy, 'reward', r.id)),
        ...(r.reason ? { reason: r.reason } : {}),
      });
    }
    for (const p of c.penalties) {
      rows.push({
        kind: 'penalty',
        caseId: c.id,
        caseNumber: c.number,
        itemId: p.id,
        name: definitionOf(policy.penalties, p.id)?.name ?? p.id,
        amount: -p.amount,
        ...(p.targetRole ? { party: p.targetRole } : {}),
        status: moneyStatus(p),
        at: p.proposedAt,
        ...decidedFields(p, approverRoleOf(policy, 'penalty', p.id)),
        ...(p.reason ? { reason: p.reason } : {}),
      });
    }
    for (const e of c.expenses) {
      const chain = expenseSignatureChain(policy, c, e.expenseId);
      rows.push({
        kind: 'expense',
        caseId: c.id,
        caseNumber: c.number,
        itemId: e.expenseId,
        name: definitionOf(policy.expenses, e.expenseId)?.name ?? e.expenseId,
        amount: e.amount,
        ...(e.liableDepartmentId ? { party: e.liableDepartmentId } : {}),
        status: chain.every((s) => s.signed) ? 'signed' : 'signing',
        at: e.at,
        reason: e.description,
      });
    }
  }
  return rows.sort((a, b) => a.at - b.at || a.caseNumber.localeCompare(b.caseNumber));
}

/** Approved totals: the net per role/party, for the month's performance deductions and payouts. */
export function ledgerTotals(rows: readonly LedgerRow[]): { rewards: number; penalties: number; expenses: number; byParty: Record<string, number> } {
  let rewards = 0;
  let penalties = 0;
  let expenses = 0;
  const byParty: Record<string, number> = {};
  for (const r of rows) {
    if (r.kind === 'reward' && r.status === 'approved') rewards += r.amount;
    else if (r.kind === 'penalty' && r.status === 'approved') {
      penalties += r.amount;
      if (r.party) byParty[r.party] = (byParty[r.party] ?? 0) + r.amount;
    } else if (r.kind === 'expense') expenses += r.amount;
  }
  return { rewards, penalties, expenses, byParty };
}

/**
 * Yuan with its sign, as a ledger is read: "+700 元" paid out, "−100 元" deducted (a true minus sign),
 * "0 元" for an accountability entry that costs nothing.
 */
export function formatYuan(amount: number, lang: 'zh-CN' | 'en' = 'zh-CN'): string {
  const digits = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 }).format(Math.abs(amount));
  const sign = amount > 0 ? '+' : amount < 0 ? '\u2212' : '';
  return `${sign}${digits} ${lang === 'zh-CN' ? '元' : 'yuan'}`;
}

/**
 * The name a ledger shows for a code it carries: a role (penalty target, approver), a department
 * (expense liable party) or a reward's danger level — never the code itself unless the policy has no name.
 */
export function ledgerNameOf(policy: Pick<Policy, 'roles' | 'departments' | 'rewards'>): (code: string) => string {
  return (code) =>
    policy.roles.find((r) => r.code === code)?.name ??
    policy.departments.find((d) => d.id === code)?.name ??
    policy.rewards.flatMap((r) => r.levels).find((l) => l.level === code)?.name ??
    code;
}

// ---- S1-15 accountability list ----

export interface AccountabilityRow {
  caseId: string;
  caseNumber: string;
  stageId: string;
  stageName: string;
  /** 'overdue': still running past its deadline; 'late': done, but after it. */
  status: 'overdue' | 'late';
  dueAt: number;
  metAt?: number;
  overdueMs: number;
  departmentId?: string;
  firstReceiverId: string;
  assigneeIds: string[];
}

export function accountabilityList(cases: readonly { state: CaseState; stages: readonly StageStatus[] }[], now: number): AccountabilityRow[] {
  const rows: AccountabilityRow[] = [];
  for (const { state: s, stages } of cases) {
    for (const st of stages) {
      if (st.dueAt === undefined) continue;
      const overdue = st.state === 'breached';
      const late = st.state === 'met' && st.metLate === true && st.metAt !== undefined;
      if (!overdue && !late) continue;
      rows.push({
        caseId: s.id,
        caseNumber: s.number,
        stageId: st.stageId,
        stageName: st.name,
        status: overdue ? 'overdue' : 'late',
        dueAt: st.dueAt,
        ...(late ? { metAt: st.metAt } : {}),
        overdueMs: (overdue ? now : st.metAt!) - st.dueAt,
        ...(s.departmentId ? { departmentId: s.departmentId } : {}),
        firstReceiverId: s.firstReceiverId,
        assigneeIds: s.assigneeIds,
      });
    }
  }
  return rows.sort((a, b) => (a.status === b.status ? b.overdueMs - a.overdueMs : a.status === 'overdue' ? -1 : 1));
}
