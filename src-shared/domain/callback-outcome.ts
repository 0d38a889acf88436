import type { CaseState } from './case-state';
import type { NewEvent } from './events';
import type { Policy } from './policy';
import { deadlineFrom } from './calendar';
import { appliesToCase, callbackDue, type CallbackDue } from './sla';

// What a callback leads to (S9-10, X-4; issue 11 finding 4). An unsatisfied callback never ends the
// matter, whatever the preset:
// - where the policy says so (`callback.unsatisfiedReopens`), the case is reopened at once; it is
//   resolved again and then owes a new callback;
// - elsewhere the case stays resolved but owes a follow-up callback, due `within` of the callback rule
//   from the unsatisfied callback (its own timer in the callback queue); the clerk may still reopen it,
//   and it cannot be closed until a callback finds the resident satisfied.
// The callback queue (awaitingCallback), the close refusal (actions.ts) and the figures
// (analytics/stats.ts: callback rate, satisfaction) all read this one module.

type Callback = CaseState['callbacks'][number];

export interface AwaitingCallback extends CallbackDue {
  /** Present when this is a follow-up: the unsatisfied callback it follows. */
  followUpOf?: Callback;
}

/** The callback methods (channel codes) the policy's rules allow for this case; empty: any channel. */
export function callbackMethods(policy: Policy, state: CaseState): string[] {
  return [...new Set(policy.callback.rules.filter((r) => appliesToCase(r.appliesTo, state)).flatMap((r) => r.methods))];
}

/**
 * A callback goes out to the complainant, so its method is named as an outgoing act, not by the intake
 * channel of the same code (issue 16): `visit` is 来访 when the person comes to the desk but 上门 when the
 * clerk goes to them (S2 地盘主任, S7-14 管家, S10-18 维修回访); `letter` is 来信 in, 信函 out.
 * A code without an outgoing word of its own keeps the policy's channel name (电话, 现场).
 */
export const CALLBACK_METHOD_NAMES: Readonly<Record<string, { 'zh-CN': string; en: string }>> = {
  visit: { 'zh-CN': '上门', en: 'Home visit' },
  letter: { 'zh-CN': '信函', en: 'Letter' },
};

/** How a callback by this method is called, on screen and on paper alike. */
export function callbackMethodName(policy: Policy, code: string | undefined, lang: 'zh-CN' | 'en' = 'zh-CN'): string {
  if (!code) return '';
  return CALLBACK_METHOD_NAMES[code]?.[lang] ?? policy.channels.find((c) => c.code === code)?.name ?? code;
}

/** The methods the callback dialog offers for this case, each in a callback's words (every channel when the rules name none). */
export function callbackMethodChoices(policy: Policy, state: CaseState, lang: 'zh-CN' | 'en' = 'zh-CN'): { code: string; name: string }[] {
  const allowed = callbackMethods(policy, state);
  const codes = allowed.length ? allowed : policy.channels.map((c) => c.code);
  return codes.map((code) => ({ code, name: callbackMethodName(policy, code, lang) }));
}

/** The latest callback recorded on the case, if any. */
export function latestCallback(state: CaseState): Callback | undefined {
  let last: Callback | undefined;
  for (const c of state.callbacks) if (!last || c.at >= last.at) last = c;
  return last;
}

/** The latest callback, when it is unsatisfied and the case has not been resolved again since. */
export function unsatisfiedCallback(state: CaseState): Callback | undefined {
  const last = latestCallback(state);
  if (!last || last.satisfied) return undefined;
  if (state.resolvedAt !== undefined && state.resolvedAt > last.at) return undefined;
  return last;
}

/** The case's callback round is complete: the latest resolution was called back and the resident was satisfied. */
export function callbackSettled(state: CaseState): boolean {
  const last = latestCallback(state);
  return !!last && last.satisfied && state.resolvedAt !== undefined && last.at >= state.resolvedAt;
}

/** The events that follow a callback just recorded on a case under `policy` (S9-10: reopen when the policy says so). */
export function eventsFollowingCallback(policy: Policy, callback: NewEvent): NewEvent[] {
  if (callback.type !== 'case.callback_done' || callback.payload.satisfied || !policy.callback.unsatisfiedReopens) return [];
  return [{ type: 'case.reopened', payload: { reason: callback.payload.outcome } }];
}

/**
 * X-4 / S9-10: a resolved case owes a callback until one after its latest resolution finds the resident
 * satisfied. The first callback is due from the resolution; after an unsatisfied one (the case left
 * resolved), a follow-up is due from that callback.
 */
export function awaitingCallback(policy: Policy, state: CaseState): AwaitingCallback | undefined {
  if (state.status !== 'resolved') return undefined;
  const due = callbackDue(policy, state);
  if (!due) return undefined;
  const last = latestCallback(state);
  if (!last || last.at < due.resolvedAt) return due;
  if (last.satisfied) return undefined;
  return { ...due, dueAt: deadlineFrom(last.at, due.rule.within, due.rule.clock, policy), followUpOf: last };
}
