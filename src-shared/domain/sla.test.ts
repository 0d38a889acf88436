import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { CaseEvent } from './events';
import { makeEvent, makeRegistration } from './projection.fixtures';
import { projectCase } from './projection';
import { STAGES, testPolicy } from './sla.fixtures';
import { semanticErrors } from './policy-validate';
import { callbackDueAt, caseDeadlineSummary, nextStateChangeAt, slaEvaluation, slaStagesFor } from './sla';
import type { StageStatus } from './sla-types';
import { workingTimeBetween } from './calendar';

/** Beijing wall-clock time (UTC+8) as an instant. */
const cst = (y: number, m: number, d: number, h = 0, min = 0) => Date.UTC(y, m - 1, d, h - 8, min);
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

const policy = testPolicy();

function stage(stages: StageStatus[], id: string): StageStatus {
  const s = stages.find((x) => x.stageId === id);
  if (!s) throw new Error(`stage ${id} not in result: ${stages.map((x) => x.stageId).join(', ')}`);
  return s;
}

describe('S3-3 product complaint accepted within 5 minutes', () => {
  const received = cst(2026, 11, 27, 10, 0);
  // The clerk finished the form two minutes after the call came in: the clock runs from the call.
  const reg = makeRegistration(received + 2 * MIN, { kind: 'product', receivedAt: received });

  it('S3-3 the 5 minutes run from receipt, not from when the form was saved', () => {
    const s = stage(slaStagesFor(policy, [reg], received + 3 * MIN), 'product-accept');
    expect(s).toMatchObject({ state: 'running', startedAt: received, dueAt: received + 5 * MIN, warnAt: received + 4 * MIN, remainingMs: 2 * MIN });
  });

  it('S3-3 warning at 80 % (4 min), breach at 5 min with the ladder roles and a negative remainder', () => {
    expect(stage(slaStagesFor(policy, [reg], received + 4 * MIN + 30_000), 'product-accept')).toMatchObject({
      state: 'warning',
      notifyRoles: ['order-desk-manager'],
    });
    const late = stage(slaStagesFor(policy, [reg], received + 6 * MIN), 'product-accept');
    expect(late).toMatchObject({ state: 'breached', remainingMs: -1 * MIN, notifyRoles: ['order-desk-manager', 'gm'] });
  });

  it('S3-3 accepted at 4 min is met on time; at 7 min it is met late', () => {
    const onTime = stage(slaStagesFor(policy, [reg, makeEvent('case.accepted', {}, received + 4 * MIN)], received + HOUR), 'product-accept');
    expect(onTime).toMatchObject({ state: 'met', metAt: received + 4 * MIN, metLate: false, notifyRoles: [] });
    expect(onTime.remainingMs).toBeUndefined();
    const late = stage(slaStagesFor(policy, [reg, makeEvent('case.accepted', {}, received + 7 * MIN)], received + HOUR), 'product-accept');
    expect(late).toMatchObject({ state: 'met', metLate: true });
  });

  it('S3-3 the stage does not apply to other kinds', () => {
    const other = makeRegistration(received, { kind: 'complaint' });
    expect(slaStagesFor(policy, [other], received).map((s) => s.stageId)).not.toContain('product-accept');
  });
});

describe('S7-13 important complaint: reply within 3 h, resolve within 3 days; overrun needs the chief approval', () => {
  const received = cst(2026, 11, 27, 9, 0);
  const reg = makeRegistration(received, { severity: 'general' });
  const classified = makeEvent('case.classified', { severity: 'important' }, received + 30 * MIN);

  it('S7-13 reclassified as important: reply due 3 h after receipt, resolve due 3 days after', () => {
    const stages = slaStagesFor(policy, [reg, classified], received + HOUR);
    expect(stage(stages, 'important-reply')).toMatchObject({ state: 'running', dueAt: cst(2026, 11, 27, 12, 0), notifyRoles: ['senior-butler'] });
    expect(stage(stages, 'important-resolve')).toMatchObject({ state: 'running', dueAt: cst(2026, 11, 30, 9, 0) });
    // Before the reclassification the important stages did not apply.
    expect(slaStagesFor(policy, [reg], received + HOUR).map((s) => s.stageId)).not.toContain('important-reply');
  });

  it('S7-13 reply at 2 h meets the reply stage; the resolve stage keeps running', () => {
    const stages = slaStagesFor(
      policy,
      [reg, classified, makeEvent('case.replied', { to: 'complainant', method: 'phone', content: '已安排维修' }, received + 2 * HOUR)],
      received + 5 * HOUR,
    );
    expect(stage(stages, 'important-reply')).toMatchObject({ state: 'met', metLate: false });
    expect(stage(stages, 'important-resolve').state).toBe('running');
  });

  const request = makeEvent(
    'case.extension_requested',
    { requestId: 'x1', stageId: 'important-resolve', newDueAt: cst(2026, 12, 2, 18, 0), reason: '需更换配件' },
    received + DAY,
  );

  it('S7-13 overrun approved by the chief butler moves the deadline; the original stays on record', () => {
    const decided = makeEvent('case.extension_decided', { requestId: 'x1', approved: true, approverRole: 'chief-butler' }, received + DAY + HOUR);
    const s = stage(slaStagesFor(policy, [reg, classified, request, decided], cst(2026, 12, 1, 9, 0)), 'important-resolve');
    expect(s).toMatchObject({ state: 'running', extended: true, dueAt: cst(2026, 12, 2, 18, 0), originalDueAt: cst(2026, 11, 30, 9, 0) });
  });

  it('S7-13 a denied request, or one approved by the senior butler instead of the chief, changes nothing', () => {
    const denied = makeEvent('case.extension_decided', { requestId: 'x1', approved: false, approverRole: 'chief-butler' }, received + DAY + HOUR);
    const wrongRole = makeEvent('case.extension_decided', { requestId: 'x1', approved: true, approverRole: 'senior-butler' }, received + DAY + HOUR);
    for (const decision of [denied, wrongRole]) {
      const s = stage(slaStagesFor(policy, [reg, classified, request, decision], cst(2026, 12, 1, 9, 0)), 'important-resolve');
      expect(s).toMatchObject({ state: 'breached', extended: false, dueAt: cst(2026, 11, 30, 9, 0), remainingMs: -DAY, notifyRoles: ['chief-butler'] });
      expect(s.originalDueAt).toBeUndefined();
    }
  });

  it('S7-13 a stage without an approver role cannot be extended (the reply deadline)', () => {
    const req = makeEvent(
      'case.extension_requested',
      { requestId: 'x2', stageId: 'important-reply', newDueAt: cst(2026, 11, 28, 9, 0), reason: '等待' },
      received + HOUR,
    );
    const ok = makeEvent('case.extension_decided', { requestId: 'x2', approved: true, approverRole: 'chief-butler' }, received + HOUR + MIN);
    expect(stage(slaStagesFor(policy, [reg, classified, req, ok], received + 4 * HOUR), 'important-reply')).toMatchObject({
      state: 'breached',
      extended: false,
    });
  });
});

describe('S6-5 investigation deadline: 3 days from receipt; 7 days from sending the sample', () => {
  const received = cst(2026, 11, 2, 15, 0);
  const reg = makeRegistration(received);

  it('S6-5 3 days from receipt, natural time: due Thu 15:00, breached after', () => {
    expect(stage(slaStagesFor(policy, [reg], cst(2026, 11, 4, 15, 0)), 'investigate')).toMatchObject({ state: 'running', dueAt: cst(2026, 11, 5, 15, 0) });
    expect(stage(slaStagesFor(policy, [reg], cst(2026, 11, 5, 16, 0)), 'investigate')).toMatchObject({ state: 'breached', remainingMs: -HOUR });
  });

  it('S6-5 a sample sent on day 2 sets a 7-day deadline from the sending', () => {
    const sent = makeEvent('case.sample_sent', { sample: '92号汽油 1 L', lab: '市质检所' }, cst(2026, 11, 3, 10, 0));
    const stages = slaStagesFor(policy, [reg, sent], cst(2026, 11, 8, 10, 0));
    expect(stage(stages, 'investigate')).toMatchObject({ state: 'met', metLate: false });
    expect(stage(stages, 'investigate-sample')).toMatchObject({ state: 'running', startedAt: cst(2026, 11, 3, 10, 0), dueAt: cst(2026, 11, 10, 10, 0) });
    const done = makeEvent('case.investigated', { inspectorIds: ['s1', 's2'], findings: '油品合格' }, cst(2026, 11, 9, 10, 0));
    expect(stage(slaStagesFor(policy, [reg, sent, done], cst(2026, 11, 20)), 'investigate-sample')).toMatchObject({
      state: 'met',
      metAt: cst(2026, 11, 9, 10, 0),
    });
  });

  it('S6-5 without a sample the 7-day stage stays pending', () => {
    expect(stage(slaStagesFor(policy, [reg], cst(2026, 11, 3)), 'investigate-sample')).toMatchObject({ state: 'pending', notifyRoles: [] });
  });
});

describe('S1-1 natural clock', () => {
  it('S1-1 natural clock never stops at night or on holidays: 24 h from 09-30 22:00 breaches at 10-01 22:00', () => {
    const p = testPolicy({
      stages: [
        {
          id: 'verify',
          name: '核查',
          startsOn: ['case.registered'],
          stopsOn: ['case.investigated'],
          limit: { amount: 24, unit: 'hours' },
          clock: 'natural',
          rules: ['S1-1'],
        },
      ],
    });
    const reg = makeRegistration(cst(2026, 9, 30, 22));
    expect(stage(slaStagesFor(p, [reg], cst(2026, 10, 1, 21, 59)), 'verify')).toMatchObject({
      state: 'warning',
      dueAt: cst(2026, 10, 1, 22),
      remainingMs: MIN,
    });
    expect(stage(slaStagesFor(p, [reg], cst(2026, 10, 1, 22)), 'verify').state).toBe('breached');
  });
});

describe('working-day and business-hour stages', () => {
  const reg = makeRegistration(cst(2026, 11, 23, 9, 0));
  const assigned = makeEvent('case.assigned', { departmentId: 'engineering' }, cst(2026, 11, 23, 10, 0));

  it('3 working days from an assignment on Mon 10:00 end at 24:00 Thu (Fri 00:00)', () => {
    const s = stage(slaStagesFor(policy, [reg, assigned], cst(2026, 11, 24, 12)), 'handle');
    expect(s).toMatchObject({ state: 'running', clock: 'working-days', startedAt: cst(2026, 11, 23, 10), dueAt: cst(2026, 11, 27) });
  });

  it('a working-day deadline that reaches into 2027 (no notice entered) is provisional; one inside 2026 and a natural one are not', () => {
    expect(stage(slaStagesFor(policy, [reg, assigned], cst(2026, 11, 24, 12)), 'handle').provisional).toBe(false);
    // Assigned Wed 2026-12-30: Thu 12-31, (元旦 Fri 01-01 computed from the law), Mon 01-04, Tue 01-05 → due 01-06 00:00.
    const late = makeEvent('case.assigned', { departmentId: 'engineering' }, cst(2026, 12, 30, 10, 0));
    const s = stage(slaStagesFor(policy, [makeRegistration(cst(2026, 12, 30, 9)), late], cst(2026, 12, 30, 12)), 'handle');
    expect(s).toMatchObject({ dueAt: cst(2027, 1, 6), provisional: true });
    // Once the notice is in the policy the same deadline is no longer provisional.
    const entered = { ...policy, calendarOverrides: { '2027-01-04': false } };
    expect(stage(slaStagesFor(entered, [makeRegistration(cst(2026, 12, 30, 9)), late], cst(2026, 12, 30, 12)), 'handle')).toMatchObject({
      dueAt: cst(2027, 1, 7),
      provisional: false,
    });
    const natural = testPolicy({
      stages: [
        {
          id: 'verify',
          name: '核查',
          startsOn: ['case.registered'],
          stopsOn: ['case.investigated'],
          limit: { amount: 72, unit: 'hours' },
          clock: 'natural',
          rules: ['S1-1'],
        },
      ],
    });
    expect(stage(slaStagesFor(natural, [makeRegistration(cst(2026, 12, 30, 9))], cst(2026, 12, 30, 12)), 'verify').provisional).toBe(false);
  });

  it('S9-2 the deadline given to the department when notified replaces a looser policy deadline', () => {
    const tight = makeEvent('case.assigned', { departmentId: 'engineering', dueAt: cst(2026, 11, 25, 12) }, cst(2026, 11, 23, 10, 0));
    expect(stage(slaStagesFor(policy, [reg, tight], cst(2026, 11, 24, 12)), 'handle').dueAt).toBe(cst(2026, 11, 25, 12));
  });

  it('a pause of one whole working day moves the deadline by one working day', () => {
    const paused = makeEvent('case.clock_paused', { reason: '业主外出，无法入户' }, cst(2026, 11, 24, 0));
    const resumed = makeEvent('case.clock_resumed', {}, cst(2026, 11, 25, 0));
    const s = stage(slaStagesFor(policy, [reg, assigned, paused, resumed], cst(2026, 11, 26, 12)), 'handle');
    expect(s).toMatchObject({ state: 'running', paused: false, pausedMs: DAY, dueAt: cst(2026, 11, 28) });
  });

  it('a pause over a weekend only gives back the working time it covered', () => {
    // Paused Thu 18:00 → resumed Mon 09:00: 6 h of Thursday count; Sat/Sun are not working time anyway.
    const paused = makeEvent('case.clock_paused', { reason: '等待业主' }, cst(2026, 11, 26, 18));
    const resumed = makeEvent('case.clock_resumed', {}, cst(2026, 11, 30, 9));
    const s = stage(slaStagesFor(policy, [reg, assigned, paused, resumed], cst(2026, 11, 30, 10)), 'handle');
    // Thu 00:00–18:00 of the last day ran; 6 h remain after Monday 09:00.
    expect(s.dueAt).toBe(cst(2026, 11, 30, 15));
    expect(s.pausedMs).toBe(cst(2026, 11, 30, 9) - cst(2026, 11, 26, 18));
  });

  it('while a pause is open the time left is frozen and no colour change is scheduled', () => {
    const paused = makeEvent('case.clock_paused', { reason: '送检' }, cst(2026, 11, 24, 12));
    const a = stage(slaStagesFor(policy, [reg, assigned, paused], cst(2026, 11, 24, 13)), 'handle');
    const b = stage(slaStagesFor(policy, [reg, assigned, paused], cst(2026, 11, 25, 13)), 'handle');
    // 86 h of working time were allowed; 26 h ran (Mon 14 h, Tue 12 h); 60 h stay left, counted from now.
    expect(a).toMatchObject({ paused: true, dueAt: cst(2026, 11, 27, 1) });
    expect(b).toMatchObject({ paused: true, dueAt: cst(2026, 11, 30, 1), pausedMs: 25 * HOUR });
    expect(workingTimeBetween(cst(2026, 11, 24, 13), a.dueAt!)).toBe(60 * HOUR);
    expect(workingTimeBetween(cst(2026, 11, 25, 13), b.dueAt!)).toBe(60 * HOUR);
    expect(nextStateChangeAt([b])).toBeUndefined();
    // On a natural clock the time left itself stays the same.
    const p = testPolicy({ stages: [{ ...STAGES.investigate, pausable: true }] });
    const r = makeEvent('case.clock_paused', { reason: '送检' }, reg.payload.receivedAt + HOUR);
    const x = stage(slaStagesFor(p, [reg, r], reg.payload.receivedAt + 2 * HOUR), 'investigate');
    const y = stage(slaStagesFor(p, [reg, r], reg.payload.receivedAt + 50 * HOUR), 'investigate');
    expect(x.remainingMs).toBe(3 * DAY - HOUR);
    expect(y.remainingMs).toBe(3 * DAY - HOUR);
  });

  it('a pause naming another stage, or no stage when this one is not pausable, does not pause it', () => {
    const other = makeEvent('case.clock_paused', { stageId: 'plan', reason: '等待' }, cst(2026, 11, 24, 0));
    expect(stage(slaStagesFor(policy, [reg, assigned, other], cst(2026, 11, 25)), 'handle').paused).toBe(false);
    const anon = makeEvent('case.clock_paused', { reason: '等待' }, cst(2026, 11, 23, 11));
    const plan = stage(slaStagesFor(policy, [reg, assigned, anon], cst(2026, 11, 23, 14)), 'plan');
    expect(plan).toMatchObject({ paused: false, dueAt: cst(2026, 11, 23, 12), state: 'breached' });
    // Naming the stage pauses it even when it is not pausable by default.
    const named = makeEvent('case.clock_paused', { stageId: 'plan', reason: '等待' }, cst(2026, 11, 23, 11));
    expect(stage(slaStagesFor(policy, [reg, assigned, named], cst(2026, 11, 23, 14)), 'plan')).toMatchObject({ paused: true, state: 'running' });
  });

  it('S3-4 2 business hours from an assignment at 16:30 are due 09:30 next working day', () => {
    const late = makeEvent('case.assigned', { departmentId: 'engineering' }, cst(2026, 11, 27, 16, 30));
    expect(stage(slaStagesFor(policy, [reg, late], cst(2026, 11, 27, 17)), 'plan')).toMatchObject({ clock: 'business-hours', dueAt: cst(2026, 11, 30, 9, 30) });
  });
});

describe('reopening, closing, ordering', () => {
  const received = cst(2026, 11, 2, 9, 0);
  const reg = makeRegistration(received, { severity: 'important' });
  const replied = makeEvent('case.replied', { to: 'complainant', method: 'phone', content: '已处理' }, received + HOUR);
  const resolved = makeEvent('case.resolved', { result: '已修复' }, received + DAY);
  const reopened = makeEvent('case.reopened', { reason: '回访不满意' }, received + 5 * DAY);

  it('a reopened case restarts the stages that start on case.reopened; the others stay met', () => {
    const stages = slaStagesFor(policy, [reg, replied, resolved, reopened], received + 6 * DAY);
    expect(stage(stages, 'important-resolve')).toMatchObject({ state: 'running', startedAt: received + 5 * DAY, dueAt: received + 8 * DAY });
    expect(stage(stages, 'important-reply').state).toBe('met');
  });

  it('a case closed before a stage is met stops that clock where it was', () => {
    const closed = makeEvent('case.closed', {}, received + 2 * HOUR);
    const s = stage(slaStagesFor(policy, [reg, replied, closed], received + 30 * DAY), 'important-resolve');
    expect(s).toMatchObject({ state: 'running', stoppedAt: received + 2 * HOUR, remainingMs: 3 * DAY - 2 * HOUR });
    expect(caseDeadlineSummary([s])).toBeUndefined();
    expect(nextStateChangeAt([s])).toBeUndefined();
  });

  it('events in any order, with duplicates, give the same result', () => {
    const events: CaseEvent[] = [reg, replied, resolved, reopened];
    const now = received + 6 * DAY;
    const shuffled = [reopened, resolved, reg, replied, resolved, reg];
    expect(slaStagesFor(policy, shuffled, now)).toEqual(slaStagesFor(policy, events, now));
  });

  it('an inadmissible (rejected) case stops its clocks too; a stop stamped by a desk whose clock runs ahead still counts', () => {
    const rejected = makeEvent('case.rejected', { reasonCode: 'court', explanation: '已向法院起诉' }, received + 10 * MIN);
    expect(stage(slaStagesFor(policy, [reg, rejected], received + 5 * HOUR), 'important-reply')).toMatchObject({
      state: 'running',
      stoppedAt: received + 10 * MIN,
      remainingMs: 3 * HOUR - 10 * MIN,
    });
    const aheadReply = makeEvent('case.replied', { to: 'complainant', method: 'phone', content: '已答复' }, received + HOUR + 2 * MIN);
    expect(stage(slaStagesFor(policy, [reg, aheadReply], received + HOUR), 'important-reply')).toMatchObject({
      state: 'met',
      metAt: received + HOUR + 2 * MIN,
    });
  });

  it('a case without a registration has no stages', () => {
    expect(slaStagesFor(policy, [replied], received)).toEqual([]);
  });
});

describe('policy options used by presets', () => {
  it('S1-3 report the same day: a same-day limit (endOfDay) ends at 24:00 local of the day it falls on', () => {
    const p = testPolicy({
      stages: [
        {
          id: 'report',
          name: '当日报告',
          startsOn: ['case.registered'],
          stopsOn: ['case.escalated'],
          limit: { amount: 1, unit: 'minutes' },
          clock: 'natural',
          endOfDay: true,
          rules: ['S1-3'],
        },
      ],
    });
    const s = stage(slaStagesFor(p, [makeRegistration(cst(2026, 11, 27, 23, 0))], cst(2026, 11, 27, 23, 30)), 'report');
    expect(s.dueAt).toBe(cst(2026, 11, 28));
  });

  it('S6-6 reply within 5 days when an on-site investigation is needed: the stage applies only to cases with that form value', () => {
    const p = testPolicy({
      stages: [
        {
          id: 'onsite',
          name: '现场调查答复',
          appliesTo: { form: { key: 'onSiteNeeded', equals: true } },
          startsOn: ['case.registered'],
          stopsOn: ['case.replied'],
          limit: { amount: 5, unit: 'days' },
          clock: 'natural',
        },
      ],
    });
    expect(slaStagesFor(p, [makeRegistration(cst(2026, 11, 2), { form: { onSiteNeeded: true } })], cst(2026, 11, 3))).toHaveLength(1);
    expect(slaStagesFor(p, [makeRegistration(cst(2026, 11, 2), { form: { onSiteNeeded: false } })], cst(2026, 11, 3))).toHaveLength(0);
  });

  it('S7-16 a valid complaint unresolved for a month counts as major and gets the major stages (escalateSeverityTo)', () => {
    const p = testPolicy({
      stages: [
        {
          id: 'month',
          name: '一个月未解决',
          startsOn: ['case.registered'],
          stopsOn: ['case.resolved'],
          limit: { amount: 30, unit: 'days' },
          clock: 'natural',
          escalateSeverityTo: 'major',
          rules: ['S7-16'],
        },
        {
          id: 'major-resolve',
          name: '重大投诉一周内解决',
          appliesTo: { severities: ['major'] },
          startsOn: ['case.registered'],
          stopsOn: ['case.resolved'],
          limit: { amount: 7, unit: 'days' },
          clock: 'natural',
          ladder: [{ at: 'breach', notifyRoles: ['gm'] }],
        },
      ],
    });
    const reg = makeRegistration(cst(2026, 10, 1, 9), { severity: 'general' });
    expect(slaEvaluation(p, [reg], cst(2026, 10, 20)).stages.map((s) => s.stageId)).toEqual(['month']);
    const later = slaEvaluation(p, [reg], cst(2026, 11, 2));
    expect(later.escalatedSeverity).toEqual({ from: 'general', to: 'major', stageId: 'month', at: cst(2026, 10, 31, 9) });
    // The major week runs from the escalation (not from registration); the breached month stays on record, stopped there.
    expect(stage(later.stages, 'major-resolve')).toMatchObject({ state: 'running', startedAt: cst(2026, 10, 31, 9), dueAt: cst(2026, 11, 7, 9) });
    expect(stage(slaEvaluation(p, [reg], cst(2026, 11, 8)).stages, 'major-resolve')).toMatchObject({ state: 'breached', notifyRoles: ['gm'] });
  });
});

describe('queue readers', () => {
  const received = cst(2026, 11, 27, 10, 0);
  const reg = makeRegistration(received, { kind: 'product', severity: 'important' });

  it('X-3 the queue timer shows the most urgent running stage; the shared ticker knows the next colour change', () => {
    const stages = slaStagesFor(policy, [reg], received + MIN);
    expect(caseDeadlineSummary(stages)?.stageId).toBe('product-accept');
    expect(nextStateChangeAt(stages)).toBe(received + 4 * MIN);
    const later = slaStagesFor(policy, [reg], received + 4 * MIN + 1);
    expect(nextStateChangeAt(later)).toBe(received + 5 * MIN);
    // Once breached, the product stage leads the queue and the next change is the reply stage's warning.
    const breached = slaStagesFor(policy, [reg], received + 10 * MIN);
    expect(caseDeadlineSummary(breached)?.state).toBe('breached');
    expect(nextStateChangeAt(breached)).toBe(received + 0.8 * 3 * HOUR);
  });

  it('nothing running: no summary, no scheduled change', () => {
    expect(caseDeadlineSummary([])).toBeUndefined();
    expect(nextStateChangeAt([])).toBeUndefined();
  });
});

describe('callback deadlines', () => {
  const reg = (extra: Parameters<typeof makeRegistration>[1] = {}) => makeRegistration(cst(2026, 10, 8, 9), extra);
  const resolvedAt = cst(2026, 10, 8, 10);
  const resolved = makeEvent('case.resolved', { result: '已转开发商处理完毕' }, resolvedAt);

  it('S8-7 callback due within 3 working days across the National Day holiday and its make-up working day', () => {
    // Resolved Thu 10-08 10:00 → Fri 10-09, make-up Sat 10-10, Mon 10-12 → due 24:00 Mon 10-12.
    expect(callbackDueAt(policy, [reg({ category: 'developer' }), resolved])).toBe(cst(2026, 10, 13));
    const before = makeEvent('case.resolved', { result: '已处理' }, cst(2026, 9, 29, 15));
    expect(callbackDueAt(policy, [makeRegistration(cst(2026, 9, 29, 9), { category: 'developer' }), before])).toBe(cst(2026, 10, 10));
  });

  it('S8-9 callback within 3 days of the end of handling', () => {
    expect(callbackDueAt(policy, [reg({ category: 'service' }), resolved])).toBe(resolvedAt + 3 * DAY);
  });

  it('X-4 exempt kinds, unresolved and reopened cases have no callback deadline', () => {
    expect(callbackDueAt(policy, [reg({ kind: 'consult' }), resolved])).toBeUndefined();
    expect(callbackDueAt(policy, [reg()])).toBeUndefined();
    expect(callbackDueAt(policy, [reg(), resolved, makeEvent('case.reopened', { reason: '不满意' }, resolvedAt + DAY)])).toBeUndefined();
  });

  it('gives the same answer from the projected case state', () => {
    const state = projectCase([reg({ category: 'developer' }), resolved]);
    expect(state).toBeDefined();
    expect(callbackDueAt(policy, state!)).toBe(cst(2026, 10, 13));
  });
});

describe('fixtures', () => {
  it('the test policy is a valid policy and carries every fixture stage', () => {
    expect(policy.stages.map((s) => s.id)).toEqual(Object.values(STAGES).map((s) => s.id));
    expect(semanticErrors(policy)).toEqual([]);
  });
});

describe('engine properties (fast-check)', () => {
  const T = cst(2026, 9, 25, 9, 0); // Mid-Autumn, then National Day and its make-up days
  type Step = {
    type: 'classified' | 'accepted' | 'assigned' | 'paused' | 'resumed' | 'replied' | 'resolved' | 'reopened' | 'closed' | 'sample';
    offset: number;
  };
  const step = fc.record({
    type: fc.constantFrom<Step['type']>('classified', 'accepted', 'assigned', 'paused', 'resumed', 'replied', 'resolved', 'reopened', 'closed', 'sample'),
    offset: fc.integer({ min: 0, max: 20 * DAY }),
  });
  function eventOf(s: Step, i: number): CaseEvent {
    const at = T + s.offset;
    switch (s.type) {
      case 'classified':
        return makeEvent('case.classified', { severity: i % 2 ? 'important' : 'general' }, at);
      case 'accepted':
        return makeEvent('case.accepted', {}, at);
      case 'assigned':
        return makeEvent('case.assigned', { departmentId: 'engineering' }, at);
      case 'paused':
        return makeEvent('case.clock_paused', { reason: '等待' }, at);
      case 'resumed':
        return makeEvent('case.clock_resumed', {}, at);
      case 'replied':
        return makeEvent('case.replied', { to: 'complainant', method: 'phone', content: '答复' }, at);
      case 'resolved':
        return makeEvent('case.resolved', { result: '完成' }, at);
      case 'reopened':
        return makeEvent('case.reopened', { reason: '不满意' }, at);
      case 'closed':
        return makeEvent('case.closed', {}, at);
      case 'sample':
        return makeEvent('case.sample_sent', { sample: '样品' }, at);
    }
  }
  const caseLog = fc
    .tuple(fc.constantFrom('complaint', 'product'), fc.array(step, { maxLength: 10 }))
    .map(([kind, steps]) => [makeRegistration(T, { kind, severity: 'important' }), ...steps.map(eventOf)]);
  const now = fc.integer({ min: T, max: T + 30 * DAY });

  it('states agree with the numbers: breached iff now ≥ dueAt, warning from warnAt, time left = dueAt − now', () => {
    fc.assert(
      fc.property(caseLog, now, (log, t) => {
        for (const s of slaStagesFor(policy, log, t)) {
          if (s.state === 'pending') continue;
          expect(s.dueAt!).toBeGreaterThanOrEqual(s.startedAt!);
          expect(s.warnAt!).toBeLessThanOrEqual(s.dueAt!);
          if (s.state === 'met' || s.stoppedAt !== undefined) continue;
          expect(s.remainingMs).toBe(s.dueAt! - t);
          expect(s.state).toBe(t >= s.dueAt! ? 'breached' : t >= s.warnAt! ? 'warning' : 'running');
        }
      }),
      { numRuns: 200 },
    );
  });

  it('order and duplicates of delivery do not matter', () => {
    fc.assert(
      fc.property(caseLog, now, fc.infiniteStream(fc.integer()), (log, t, seeds) => {
        const shuffled = [...log, ...log.slice(0, 3)]
          .map((e) => ({ e, k: seeds.next().value }))
          .sort((a, b) => a.k - b.k)
          .map((x) => x.e);
        expect(slaStagesFor(policy, shuffled, t)).toEqual(slaStagesFor(policy, log, t));
      }),
      { numRuns: 100 },
    );
  });

  it('a pause never brings a deadline forward', () => {
    fc.assert(
      fc.property(caseLog, now, fc.integer({ min: 0, max: 10 * DAY }), fc.integer({ min: 1, max: 5 * DAY }), (log, t, from, length) => {
        // On a log without other pauses (a resume added to an open pause would end it early, rightly).
        log = log.filter((e) => e.type !== 'case.clock_paused' && e.type !== 'case.clock_resumed');
        const paused = [...log, makeEvent('case.clock_paused', { reason: '等待' }, T + from), makeEvent('case.clock_resumed', {}, T + from + length)];
        const before = slaStagesFor(policy, log, t);
        const after = slaStagesFor(policy, paused, t);
        for (const a of after) {
          const b = before.find((x) => x.stageId === a.stageId)!;
          if (b.dueAt !== undefined && a.dueAt !== undefined && a.startedAt === b.startedAt) expect(a.dueAt).toBeGreaterThanOrEqual(b.dueAt);
        }
      }),
      { numRuns: 150 },
    );
  });
});
