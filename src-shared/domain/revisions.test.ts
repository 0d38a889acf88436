import { describe, expect, it } from 'vitest';
import { nextOrderNo, nextRevision, policyByRevision, policyForCase, policyInForce } from './revisions';
import { addWorkingDays } from './calendar';
import { samplePolicy, sampleStaff } from './policy.fixtures';
import { projectCase } from './projection';
import { DAY, T0, makeRegistration } from './projection.fixtures';
import type { Policy } from './policy';

function revise(p: Policy, effectiveFrom: number, changes: Parameters<typeof nextRevision>[1] = {}): Policy {
  const r = nextRevision(p, changes, { author: '张编制', reason: '修订时限', effectiveFrom, date: effectiveFrom - DAY });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

describe('policy revisions', () => {
  const r1 = samplePolicy();
  const r2 = revise(r1, T0 + 10 * DAY, { name: '第二版' });
  const r3 = revise(r2, T0 + 20 * DAY, { name: '第三版' });
  const all = [r3, r1, r2];

  it('S0-2 each revision records author, reason, date, order number and effective date', () => {
    expect(r3.revision).toBe(3);
    expect(r3.revisions).toHaveLength(2);
    expect(r3.revisions[1]).toEqual({
      page: '全文',
      date: T0 + 19 * DAY,
      author: '张编制',
      status: '修订时限',
      orderNo: 'pol-test-R3',
      effectiveFrom: T0 + 20 * DAY,
    });
    expect(r1.revisions).toHaveLength(0);
  });

  it('issue 11 finding 11: a revision effective before the one in force is refused naming its date in the organisation’s zone', () => {
    // Midnight of 2026-01-01 in China is 16:00 UTC on 2025-12-31.
    const inForce = { ...r1, utcOffsetMinutes: 480, effectiveFrom: Date.UTC(2025, 11, 31, 16) };
    const r = nextRevision(inForce, {}, { author: '张编制', reason: '修订', effectiveFrom: inForce.effectiveFrom - DAY, date: inForce.effectiveFrom });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors[0]!.message['zh-CN']).toContain('2026-01-01');
  });

  it('S0-2 the next 修改单号 continues the organisation’s own series unless one is given', () => {
    const record = (orderNo: string) => ({ page: '全文', date: T0, author: '王主任', status: '首次发布', orderNo, effectiveFrom: T0 });
    expect(nextOrderNo({ ...r1, revisions: [record('YH-2026-001')] })).toBe('YH-2026-002');
    expect(nextOrderNo({ ...r1, revisions: [record('XF〔2026〕9')] })).toBe('XF〔2026〕10');
    expect(nextOrderNo({ ...r1, revisions: [record('YH-2026-009')] })).toBe('YH-2026-010');
    expect(nextOrderNo({ ...r1, revisions: [record('首版')] })).toBe('pol-test-R2');
    const given = nextRevision(
      { ...r1, revisions: [record('YH-2026-001')] },
      {},
      { author: '张编制', reason: '修订', effectiveFrom: T0 + DAY, date: T0, orderNo: 'YH-2026-017' },
    );
    expect(given.ok && given.value.revisions.at(-1)?.orderNo).toBe('YH-2026-017');
    const next = nextRevision({ ...r1, revisions: [record('YH-2026-001')] }, {}, { author: '张编制', reason: '修订', effectiveFrom: T0 + DAY, date: T0 });
    expect(next.ok && next.value.revisions.at(-1)?.orderNo).toBe('YH-2026-002');
  });

  it('S0-2 the revision in force is the latest one whose effective date has come', () => {
    expect(policyInForce(all, r1.effectiveFrom - 1)).toBeUndefined();
    expect(policyInForce(all, T0)?.revision).toBe(1);
    expect(policyInForce(all, T0 + 10 * DAY)?.revision).toBe(2);
    expect(policyInForce(all, T0 + 365 * DAY)?.revision).toBe(3);
  });

  it('S0-2 a case keeps the revision it was registered under after a new one takes effect', () => {
    const state = projectCase([makeRegistration(T0 + 11 * DAY, {}, { policyRevision: 2 })])!;
    expect(policyForCase(all, state)?.name).toBe('第二版');
    // The recorded revision has not reached this desk yet: fall back to the one in force at registration.
    expect(policyForCase([r1, r3], state)?.revision).toBe(1);
  });

  it("S0-2 the year's holiday notice of the newest revision moves the working days of cases registered under older ones (the calendar is the country's, not the regulation's)", () => {
    // Revision 4 only enters the 2027 notice: Mon 2027-01-04 off, Sat 2027-02-20 a make-up day.
    const r4 = revise(r3, T0 + 30 * DAY, { calendarOverrides: { '2027-01-04': false, '2027-02-20': true } });
    const withNotice = [r1, r2, r3, r4];
    const state = projectCase([makeRegistration(T0 + 11 * DAY, {}, { policyRevision: 2 })])!;
    const p = policyForCase(withNotice, state)!;
    expect(p.name).toBe('第二版'); // every other rule stays the registration's
    expect(p.calendarOverrides).toEqual(r4.calendarOverrides);
    expect(policyByRevision(withNotice, 2)).toBe(p); // the same object each time (calendar caches)
    expect(policyInForce(withNotice, T0 + 12 * DAY)?.calendarOverrides).toEqual(r4.calendarOverrides);
    // 3 working days from Thu 2026-12-31: without the notice Mon 01-04, Tue, Wed → 01-07; with it 01-05, 01-06, 01-07 → 01-08.
    const start = Date.UTC(2026, 11, 31, 2);
    const beijingMidnight = (m: number, d: number) => Date.UTC(2027, m - 1, d) - 8 * 3_600_000;
    expect(addWorkingDays(start, 3, policyByRevision(all, 2)!)).toBe(beijingMidnight(1, 7));
    expect(addWorkingDays(start, 3, p)).toBe(beijingMidnight(1, 8));
    // Without newer revisions nothing changes.
    expect(policyByRevision(all, 2)).toBe(r2);
  });

  it('S0-4 a rule changes by a new revision, without touching the old one', () => {
    const stages = r1.stages.map((s) => (s.id === 'reply' ? { ...s, limit: { amount: 1, unit: 'hours' as const } } : s));
    const next = revise(r1, T0 + DAY, { stages });
    expect(next.stages.find((s) => s.id === 'reply')!.limit.amount).toBe(1);
    expect(r1.stages.find((s) => s.id === 'reply')!.limit.amount).toBe(3);
  });

  it('refuses an effective date before the current one, a missing author, and an invalid result', () => {
    const early = nextRevision(r2, {}, { author: '张', reason: '改', effectiveFrom: T0, date: T0 });
    expect(early.ok).toBe(false);
    if (!early.ok) expect(early.errors[0]!.message['zh-CN']).toContain('早于当前版本的生效日期');
    const anonymous = nextRevision(r2, {}, { author: ' ', reason: '改', effectiveFrom: T0 + 30 * DAY, date: T0 });
    expect(anonymous.ok).toBe(false);
    const broken = nextRevision(
      r2,
      { categories: [{ code: 'x', name: '无部门', departmentId: 'd-none' }] },
      { author: '张', reason: '改', effectiveFrom: T0 + 30 * DAY, date: T0 },
    );
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.errors[0]!.code).toBe('policy.missingDepartment');
    const unheld = nextRevision(
      r2,
      {},
      { author: '张', reason: '改', effectiveFrom: T0 + 30 * DAY, date: T0 },
      sampleStaff.filter((s) => !s.roles.includes('director')),
    );
    expect(unheld.ok).toBe(false);
  });
});
