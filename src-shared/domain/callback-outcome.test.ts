import { describe, expect, it } from 'vitest';
import type { CaseEvent, NewEvent } from './events';
import { makeEvent, makeRegistration } from './projection.fixtures';
import { projectCase } from './projection';
import { testPolicy } from './sla.fixtures';
import { awaitingCallback, callbackMethodChoices, callbackMethodName, callbackSettled, eventsFollowingCallback, unsatisfiedCallback } from './callback-outcome';
import { PRESETS } from '../presets';
import { policySchema } from './policy';
import { refusalOf } from './actions';

const cst = (y: number, m: number, d: number, h = 0, min = 0) => Date.UTC(y, m - 1, d, h - 8, min);
const MIN = 60_000;
const DAY = 24 * 60 * MIN;

const reopening = testPolicy();
const keeping = { ...reopening, callback: { ...reopening.callback, unsatisfiedReopens: false } };
const reg = makeRegistration(cst(2026, 10, 8, 9), { category: 'service' });
const resolvedAt = cst(2026, 10, 8, 10);
const resolved = makeEvent('case.resolved', { result: '已修复' }, resolvedAt);
const unsatisfied = makeEvent('case.callback_done', { method: 'phone', satisfied: false, satisfaction: 2, outcome: '漏水未根治' }, resolvedAt + DAY);
const reopened = makeEvent('case.reopened', { reason: '漏水未根治' }, resolvedAt + DAY + MIN);
const resolvedAgain = makeEvent('case.resolved', { result: '重新做防水' }, resolvedAt + 3 * DAY);
const satisfied = makeEvent('case.callback_done', { method: 'phone', satisfied: true, satisfaction: 5, outcome: '已修好' }, resolvedAt + 4 * DAY);
const state = (events: CaseEvent[]) => projectCase([reg, ...events])!;
const clerk = { id: 'clerk', roles: ['clerk'] };

describe('callback outcome (S9-10)', () => {
  it('S9-10 an unsatisfied callback reopens the case only where the policy says so', () => {
    const event = { type: 'case.callback_done', payload: unsatisfied.payload } as NewEvent;
    expect(eventsFollowingCallback(reopening, event)).toEqual([{ type: 'case.reopened', payload: { reason: '漏水未根治' } }]);
    expect(eventsFollowingCallback(keeping, event)).toEqual([]);
    expect(eventsFollowingCallback(reopening, { type: 'case.callback_done', payload: satisfied.payload } as NewEvent)).toEqual([]);
  });

  it('S9-10 X-4 where it does not reopen, an unsatisfied callback owes a follow-up callback due from that callback', () => {
    expect(awaitingCallback(keeping, state([resolved]))?.dueAt).toBe(resolvedAt + 3 * DAY);
    const afterUnsatisfied = awaitingCallback(keeping, state([resolved, unsatisfied]));
    // Its own timer: 3 days (the rule's `within`) from the unsatisfied callback, not from the resolution.
    expect(afterUnsatisfied?.dueAt).toBe(resolvedAt + 4 * DAY);
    expect(afterUnsatisfied?.followUpOf?.satisfaction).toBe(2);
    expect(unsatisfiedCallback(state([resolved, unsatisfied]))?.outcome).toBe('漏水未根治');
    expect(callbackSettled(state([resolved, unsatisfied]))).toBe(false);
    expect(awaitingCallback(keeping, state([resolved, unsatisfied, satisfied]))).toBeUndefined();
    expect(callbackSettled(state([resolved, unsatisfied, satisfied]))).toBe(true);
    expect(unsatisfiedCallback(state([resolved, unsatisfied, satisfied]))).toBeUndefined();
  });

  it('S9-10 a reopened case owes a new callback once it is resolved again', () => {
    expect(awaitingCallback(reopening, state([resolved, unsatisfied, reopened]))).toBeUndefined();
    expect(unsatisfiedCallback(state([resolved, unsatisfied, reopened]))?.satisfaction).toBe(2);
    expect(callbackSettled(state([resolved, unsatisfied, reopened]))).toBe(false);
    const again = awaitingCallback(reopening, state([resolved, unsatisfied, reopened, resolvedAgain]));
    expect(again?.resolvedAt).toBe(resolvedAt + 3 * DAY);
    expect(again?.followUpOf).toBeUndefined();
    expect(unsatisfiedCallback(state([resolved, unsatisfied, reopened, resolvedAgain]))).toBeUndefined();
    expect(callbackSettled(state([resolved, unsatisfied, reopened, resolvedAgain]))).toBe(false);
    expect(awaitingCallback(reopening, state([resolved, unsatisfied, reopened, resolvedAgain, satisfied]))).toBeUndefined();
    expect(callbackSettled(state([resolved, unsatisfied, reopened, resolvedAgain, satisfied]))).toBe(true);
  });

  it('S9-10 a case whose latest callback was unsatisfied cannot be closed until a callback finds the resident satisfied', () => {
    const feedback = makeEvent('case.feedback_given', { method: 'phone', content: '已告知处理结果' }, resolvedAt + MIN);
    expect(refusalOf('close', state([resolved, feedback, unsatisfied]), keeping, clerk, resolvedAt + DAY, [reg, resolved, feedback, unsatisfied])?.code).toBe(
      'action.callbackFollowUp',
    );
    expect(
      refusalOf('close', state([resolved, feedback, unsatisfied, satisfied]), keeping, clerk, resolvedAt + DAY, [
        reg,
        resolved,
        feedback,
        unsatisfied,
        satisfied,
      ]),
    ).toBeUndefined();
  });
});

describe("callback methods in a callback's words (issue 16)", () => {
  it('S2-5 S7-14 S10-18 a callback by visiting is 上门 and by letter 信函, while the intake channel stays 来访 / 来信', () => {
    const s2 = policySchema.parse(PRESETS.find((p) => p.id === 's2-construction-site')!.policy);
    expect(s2.channels.find((c) => c.code === 'visit')?.name).toBe('来访');
    const complaint = projectCase([makeRegistration(cst(2026, 11, 27, 10), { kind: 'complaint', channel: 'visit' })])!;
    expect(callbackMethodChoices(s2, complaint)).toEqual([
      { code: 'visit', name: '上门' },
      { code: 'phone', name: '电话' },
    ]);
    expect(callbackMethodName(s2, 'visit')).toBe('上门');
    expect(callbackMethodName(s2, 'visit', 'en')).toBe('Home visit');
    expect(callbackMethodName(s2, 'letter')).toBe('信函');
    // A method with no outgoing word of its own keeps the policy's channel name.
    expect(callbackMethodName(s2, 'onsite')).toBe('现场');
    for (const preset of PRESETS) {
      const policy = policySchema.parse(preset.policy);
      for (const kind of policy.kinds) {
        const c = projectCase([makeRegistration(cst(2026, 11, 27, 10), { kind: kind.code, channel: policy.channels[0]!.code })])!;
        const names = callbackMethodChoices(policy, c).map((m) => m.name);
        expect(names.join('、'), `${preset.id} ${kind.code}`).not.toMatch(/来访|来信/);
      }
    }
  });
});
