import { describe, expect, it } from 'vitest';
import type { Duty } from '../domain/policy';
import { policySchema } from '../domain/policy';
import { fireBrigadePreset } from '../presets/s1-fire-brigade';
import { appointmentsOn, dutyOccurrences, dutyReminders, nthWeekdayOfMonth } from './duties';
import { periodOf } from './period';
import { caseOf } from './test-fixtures';

const bj = (y: number, m: number, d: number, h = 0, min = 0) => Date.UTC(y, m - 1, d, h - 8, min);
const duty = (d: Partial<Duty> & Pick<Duty, 'id' | 'every'>): Duty => ({ name: d.id, role: 'director', rules: [], ...d });

describe('period duties and reception days', () => {
  it('S1-8 the leaders’ reception day is the last Friday morning of every month', () => {
    expect(nthWeekdayOfMonth(2026, 10, 5, -1)).toBe(27); // November 2026
    expect(nthWeekdayOfMonth(2026, 11, 5, -1)).toBe(25); // December 2026
    expect(nthWeekdayOfMonth(2027, 0, 5, -1)).toBe(29);
    expect(nthWeekdayOfMonth(2026, 1, 1, 5)).toBeUndefined(); // February 2026 has four Mondays
    const s1 = policySchema.parse(fireBrigadePreset);
    const sessions = dutyOccurrences(
      s1.duties!.filter((d) => d.rules.includes('S1-8')),
      bj(2026, 11, 1),
      bj(2027, 2, 1),
      480,
    );
    expect(sessions.map((s) => [s.type, s.at, s.until])).toEqual([
      ['session', bj(2026, 11, 27, 8, 30), bj(2026, 11, 27, 12)],
      ['session', bj(2026, 12, 25, 8, 30), bj(2026, 12, 25, 12)],
      ['session', bj(2027, 1, 29, 8, 30), bj(2027, 1, 29, 12)],
    ]);
  });

  it('S8-10 last month’s figures by the 2nd and the summary by the 5th', () => {
    const duties = [
      duty({ id: 'figures', every: 'monthly', dueDay: 2, output: '投诉数据汇总表', rules: ['S8-10'] }),
      duty({ id: 'report', every: 'monthly', dueDay: 5, reportToRole: 'office_director', rules: ['S8-10'] }),
    ];
    const occ = dutyOccurrences(duties, bj(2026, 12, 1), bj(2027, 1, 1), 480);
    expect(occ.map((o) => [o.dutyId, o.at, o.dueAt, o.covers.key])).toEqual([
      ['figures', bj(2026, 12, 2), bj(2026, 12, 3), '2026-11'],
      ['report', bj(2026, 12, 5), bj(2026, 12, 6), '2026-11'],
    ]);
    const reminders = dutyReminders(duties, bj(2026, 12, 3, 9), 480);
    expect(reminders.map((r) => [r.dutyId, r.state])).toEqual([
      ['figures', 'overdue'],
      ['report', 'upcoming'],
    ]);
    const done = new Set(['figures@2026-11']);
    expect(dutyReminders(duties, bj(2026, 12, 3, 9), 480, { done }).map((r) => r.dutyId)).toEqual(['report']);
    expect(dutyReminders(duties, bj(2026, 12, 5, 9), 480, { done }).map((r) => [r.dutyId, r.state])).toEqual([['report', 'due_today']]);
  });

  it('S7-6 weekly statistics fall on their weekday and cover the previous week; S10-14 a yearly survey is due by year end', () => {
    const occ = dutyOccurrences([duty({ id: 'weekly', every: 'weekly', weekday: 1 })], bj(2026, 11, 23), bj(2026, 11, 30), 480);
    expect(occ.map((o) => [o.at, o.covers.key])).toEqual([[bj(2026, 11, 23), '2026-W47']]);
    const survey = dutyOccurrences([duty({ id: 'survey', every: 'yearly', rules: ['S10-14'] })], bj(2026, 1, 1), bj(2027, 1, 1), 480);
    expect(survey.map((o) => [o.at, o.dueAt, o.covers.key])).toEqual([[bj(2026, 12, 31), bj(2027, 1, 1), '2026']]);
  });

  it('S1-8 visitor appointments are the cases booked for that reception day', () => {
    const a = { ...caseOf({ id: 'v1', receivedAt: bj(2026, 11, 20, 10) }), form: { receptionDay: '2026-11-27' } };
    const b = { ...caseOf({ id: 'v2', receivedAt: bj(2026, 11, 18, 10) }), form: { receptionDay: '2026-11-27' } };
    const c = { ...caseOf({ id: 'v3', receivedAt: bj(2026, 11, 19, 10) }), form: { receptionDay: '2026-12-25' } };
    expect(appointmentsOn([a, b, c], periodOf(bj(2026, 11, 27, 9), 'day', 480).key).map((x) => x.id)).toEqual(['v2', 'v1']);
  });
});
