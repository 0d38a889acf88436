import { describe, expect, it } from 'vitest';
import { policySchema } from '../domain/policy';
import { DAY, MINUTE } from '../domain/projection.fixtures';
import { computeStatistics, type AnalysedCase, type StatisticsOptions } from './stats';
import { analyticsPolicy, caseOf, stage } from './test-fixtures';

const bj = (y: number, m: number, d: number, h = 0, min = 0) => Date.UTC(y, m - 1, d, h - 8, min);
const policy = policySchema.parse(analyticsPolicy());

function fixture(): AnalysedCase[] {
  return [
    {
      state: caseOf({
        id: 'c1',
        receivedAt: bj(2026, 11, 2, 9),
        category: 'leak',
        severity: 'general',
        departmentId: 'eng',
        valid: true,
        replyAfterMin: 30,
        resolveAfterMin: 600,
        callback: { afterResolveMin: 60, satisfaction: 5, satisfied: true },
      }),
      stages: [stage('reply', 'met'), stage('resolve', 'met')],
    },
    {
      state: caseOf({
        id: 'c2',
        receivedAt: bj(2026, 11, 2, 23, 30),
        category: 'leak',
        severity: 'important',
        departmentId: 'eng',
        channel: 'visit',
        receptionPoint: '服务中心',
        valid: true,
        replyAfterMin: 90,
        resolveAfterMin: 3000,
        callback: { afterResolveMin: 5000, satisfaction: 2, satisfied: false },
      }),
      stages: [stage('reply', 'met', { metLate: true }), stage('resolve', 'met', { metLate: true })],
    },
    {
      state: caseOf({
        id: 'c3',
        receivedAt: bj(2026, 11, 9, 8),
        category: 'noise',
        departmentId: 'sec',
        valid: false,
        replyAfterMin: 20,
        resolveAfterMin: 100,
      }),
      stages: [stage('reply', 'met'), stage('resolve', 'met')],
    },
    {
      state: caseOf({ id: 'c4', receivedAt: bj(2026, 11, 10, 10), kind: 'consult', replyAfterMin: 10, resolveAfterMin: 30 }),
      stages: [stage('reply', 'met'), stage('resolve', 'met')],
    },
    {
      state: caseOf({ id: 'c5', receivedAt: bj(2026, 11, 30, 23, 59), category: 'leak', departmentId: 'eng', valid: true }),
      stages: [stage('reply', 'breached'), stage('resolve', 'running')],
    },
    // Outside November in Beijing time although 30 Nov / 31 Oct in UTC: never counted.
    { state: caseOf({ id: 'c6', receivedAt: bj(2026, 12, 1, 0, 0), category: 'leak', valid: true }), stages: [stage('reply', 'breached')] },
    { state: caseOf({ id: 'c7', receivedAt: bj(2026, 10, 31, 23, 59), category: 'leak', valid: true }), stages: [stage('reply', 'met')] },
    { state: caseOf({ id: 'c8', receivedAt: bj(2026, 11, 15, 14), category: 'noise', valid: false, rejected: true }), stages: [stage('reply', 'pending')] },
  ];
}

const novemberByWeek: StatisticsOptions = {
  from: bj(2026, 11, 1),
  to: bj(2026, 12, 1),
  granularity: 'week',
  now: bj(2026, 11, 27, 9),
  policy,
  callbackDueAt: (s) => (s.resolvedAt === undefined ? undefined : s.resolvedAt + 3 * DAY),
};
const stats = computeStatistics(fixture(), novemberByWeek);

describe('period statistics from fixtures (X-6, S8-10)', () => {
  it('counts the cases received in the period in the org offset, with their ids', () => {
    expect(stats.total.count).toBe(6);
    expect(stats.total.caseIds.sort()).toEqual(['c1', 'c2', 'c3', 'c4', 'c5', 'c8']);
    expect(stats.rejected.caseIds).toEqual(['c8']);
  });

  it('weekly trend, Monday weeks, empty weeks shown', () => {
    expect(stats.trend.map((t) => [t.period.key, t.count])).toEqual([
      ['2026-W44', 0],
      ['2026-W45', 2],
      ['2026-W46', 3],
      ['2026-W47', 0],
      ['2026-W48', 0],
      ['2026-W49', 1],
    ]);
    expect(stats.trend[2]!.caseIds).toEqual(['c3', 'c4', 'c8']);
  });

  it('breakdowns by category, channel and reception point name the codes and count blanks', () => {
    expect(stats.breakdowns.category.map((r) => [r.label, r.count])).toEqual([
      ['漏水', 3],
      ['噪音', 2],
      ['未填', 1],
    ]);
    expect(stats.breakdowns.category[0]!.caseIds).toEqual(['c1', 'c2', 'c5']);
    expect(stats.breakdowns.channel.map((r) => [r.label, r.count])).toEqual([
      ['电话', 5],
      ['来访', 1],
    ]);
    expect(stats.breakdowns.kind.map((r) => [r.label, r.count])).toEqual([
      ['投诉', 5],
      ['咨询', 1],
    ]);
    expect(stats.breakdowns.department.map((r) => [r.label, r.count])).toEqual([
      ['工程部', 3],
      ['未填', 2],
      ['秩序部', 1],
    ]);
    expect(stats.breakdowns.receptionPoint.find((r) => r.key === '服务中心')?.caseIds).toEqual(['c2']);
  });

  it('X-3 on-time rate per stage: met on time / (on time + late + overdue)', () => {
    const [reply, resolve] = stats.onTime;
    expect(reply!.stageId).toBe('reply');
    expect(reply!.name).toBe('答复');
    expect([reply!.onTime.count, reply!.late.count, reply!.overdue.count, reply!.running.count]).toEqual([3, 1, 1, 0]);
    expect(reply!.rate.rate).toBe(0.6);
    expect(reply!.overdue.caseIds).toEqual(['c5']);
    expect(resolve!.rate.rate).toBe(0.75);
    expect(resolve!.running.caseIds).toEqual(['c5']);
  });

  it('median and p90 time to reply and to resolve', () => {
    expect(stats.replyTime.n).toBe(4);
    expect(stats.replyTime.medianMs).toBe(25 * MINUTE);
    expect(stats.replyTime.p90Ms).toBe(90 * MINUTE);
    expect(stats.resolveTime.medianMs).toBe(350 * MINUTE);
    expect(stats.resolveTime.p90Ms).toBe(3000 * MINUTE);
  });

  it('S10-20 S9-10 callback rate and satisfaction; an unsatisfied callback does not complete the callback; exempt kinds are not owed a callback (X-4)', () => {
    const cb = stats.callback;
    expect(cb.eligible.caseIds).toEqual(['c1', 'c2', 'c3']);
    expect(cb.called.caseIds).toEqual(['c1', 'c2']);
    // c2's callback found the resident unsatisfied (2 stars): it is owed a follow-up, not done.
    expect(cb.done.caseIds).toEqual(['c1']);
    expect(cb.unsatisfied.caseIds).toEqual(['c2']);
    expect(cb.rate.rate).toBeCloseTo(1 / 3, 12);
    expect(cb.onTime.caseIds).toEqual(['c1']);
    expect(cb.late.caseIds).toEqual(['c2']);
    expect(cb.overdue.caseIds).toEqual(['c3']);
    expect(cb.satisfactionMean).toBe(3.5);
    expect(cb.satisfiedRate.rate).toBe(0.5);
  });

  it('S10-20 valid-complaint rate against the configured base and target', () => {
    const v = stats.validComplaints;
    expect([v.valid.count, v.invalid.count, v.unclassified.count]).toEqual([3, 2, 1]);
    expect(v.base).toBe(400);
    expect(v.baseLabel).toBe('户');
    expect(v.rate).toBe(0.0075);
    expect(v.meetsTarget).toBe(true);
    const smallBase = computeStatistics(fixture(), {
      from: bj(2026, 11, 1),
      to: bj(2026, 12, 1),
      granularity: 'month',
      now: bj(2026, 11, 27),
      policy,
      base: 200,
    });
    expect(smallBase.validComplaints.rate).toBe(0.015);
    expect(smallBase.validComplaints.meetsTarget).toBe(false);
  });

  it('an empty period gives no rates rather than 0 %', () => {
    const empty = computeStatistics([], { from: bj(2026, 11, 1), to: bj(2026, 12, 1), granularity: 'month', now: bj(2026, 11, 27), policy });
    expect(empty.total.count).toBe(0);
    expect(empty.callback.rate.rate).toBeNull();
    expect(empty.replyTime.medianMs).toBeNull();
    expect(empty.validComplaints.rate).toBe(0);
  });
});

describe('drill-down lists are made when read (issue 14 item 4)', () => {
  /** Every figure (an object with `caseIds`) in a statistics value, with its path. */
  function figures(value: unknown, path = ''): [string, { count?: number; n?: number; caseIds: string[] }][] {
    if (value === null || typeof value !== 'object') return [];
    const own = 'caseIds' in value ? [[path, value] as [string, { caseIds: string[] }]] : [];
    return [...own, ...Object.keys(value).flatMap((k) => (k === 'caseIds' ? [] : figures((value as Record<string, unknown>)[k], `${path}.${k}`)))];
  }

  it('each list holds the cases its figure counts, read after the cases changed, in JSON and a structured clone alike', () => {
    const cases = fixture();
    const later = computeStatistics(cases, novemberByWeek);
    for (const c of cases) c.state = { ...c.state, id: `changed-${c.state.id}` };
    cases.length = 0;

    const expected = JSON.parse(JSON.stringify(stats)) as unknown;
    expect(JSON.parse(JSON.stringify(later))).toEqual(expected);
    expect(structuredClone(later)).toEqual(expected);
    const listed = figures(later);
    expect(listed.length).toBeGreaterThan(40);
    for (const [path, f] of listed) expect([path, f.caseIds.length]).toEqual([path, f.count ?? f.n]);

    const reply = later.onTime.find((o) => o.stageId === 'reply')!;
    // Decided: on time, then late, then missed.
    expect(reply.rate.denominator.caseIds).toEqual(['c1', 'c3', 'c4', 'c2', 'c5']);
    expect(later.replyTime.caseIds).toEqual(['c1', 'c2', 'c3', 'c4']);
    expect(later.validComplaints.unclassified.caseIds).toEqual(['c4']);
    // The list read is kept, and a list given replaces it.
    expect(later.total.caseIds).toBe(later.total.caseIds);
    later.total.caseIds = ['c1'];
    expect(later.total.caseIds).toEqual(['c1']);
  });
});
