import { z } from 'zod';
import type { CaseState } from '../domain/case-state';
import { idString } from '../domain/limits';
import type { Duty } from '../domain/policy';
import { periodOf, previousPeriod, type Granularity, type Period } from './period';

// Period duties outside any one case (S8-10 figures by the 2nd and the report by the 5th, S7-6 weekly
// statistics, S7-7 weekly analysis, S10-10 quarterly/yearly analysis, S1-8 the leaders' reception day,
// S10-14 the yearly survey) turned into dated occurrences the desk can remind people of.

const MINUTE = 60_000;
const DAY = 86_400_000;

const EVERY: Record<Duty['every'], Granularity> = { weekly: 'week', monthly: 'month', quarterly: 'quarter', yearly: 'year' };

export interface DutyOccurrence {
  dutyId: string;
  name: string;
  /** 'deadline': to be done by `dueAt`; 'session': held from `at` to `until` (a reception morning). */
  type: 'deadline' | 'session';
  /** Session start, or the start of the due day. */
  at: number;
  /** Exclusive end of the due day, or the session's end. */
  dueAt: number;
  until?: number;
  /** The period whose figures the duty reports on (last month for S8-10); the session's own month for S1-8. */
  covers: Period;
  role: string;
  reportToRole?: string;
  output?: string;
  rules: string[];
}

function localDay(y: number, m: number, d: number, offsetMinutes: number): number {
  return Date.UTC(y, m, d) - offsetMinutes * MINUTE;
}

function hhmm(s: string | undefined, fallback: number): number {
  if (!s) return fallback;
  const [h, m] = s.split(':').map(Number);
  return ((h ?? 0) * 60 + (m ?? 0)) * MINUTE;
}

/**
 * The day of a month that is the n-th given ISO weekday (1 = Monday … 7 = Sunday); n = -1 is the last.
 * Returns the day of month, or undefined when that month has no such day (a 5th Monday).
 */
export function nthWeekdayOfMonth(year: number, month: number, weekday: number, n: number): number | undefined {
  const daysInMonth = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const isoOf = (d: number) => ((new Date(Date.UTC(year, month, d)).getUTCDay() + 6) % 7) + 1;
  if (n === -1) {
    for (let d = daysInMonth; d > daysInMonth - 7; d--) if (isoOf(d) === weekday) return d;
    return undefined;
  }
  const first = ((weekday - isoOf(1) + 7) % 7) + 1;
  const day = first + 7 * (Math.max(1, n) - 1);
  return day <= daysInMonth ? day : undefined;
}

/** One occurrence of a duty for the period `p` of its cadence (the period the duty falls in). */
function occurrenceIn(duty: Duty, p: Period, offsetMinutes: number): DutyOccurrence | undefined {
  const start = new Date(p.start + offsetMinutes * MINUTE);
  const y = start.getUTCFullYear();
  const m = start.getUTCMonth();
  const base = {
    dutyId: duty.id,
    name: duty.name,
    role: duty.role,
    rules: duty.rules,
    ...(duty.reportToRole ? { reportToRole: duty.reportToRole } : {}),
    ...(duty.output ? { output: duty.output } : {}),
  };

  // A session on a weekday of a given week of the month (S1-8 last Friday morning).
  if (duty.weekday !== undefined && duty.weekOfMonth !== undefined && duty.every === 'monthly') {
    const d = nthWeekdayOfMonth(y, m, duty.weekday, duty.weekOfMonth);
    if (d === undefined) return undefined;
    const day = localDay(y, m, d, offsetMinutes);
    const at = day + hhmm(duty.from, 0);
    const until = day + hhmm(duty.to, DAY);
    return { ...base, type: 'session', at, dueAt: until, until, covers: p };
  }
  // A weekly duty due on a weekday, reporting on the previous week (S7-6).
  if (duty.every === 'weekly') {
    const wd = duty.weekday ?? duty.dueDay ?? 1;
    const day = p.start + (Math.min(7, Math.max(1, wd)) - 1) * DAY;
    return { ...base, type: 'deadline', at: day, dueAt: day + DAY, covers: periodOf(p.start - 1, 'week', offsetMinutes) };
  }
  // Due by a day of the period, reporting on the previous period (S8-10: by the 2nd, last month).
  if (duty.dueDay !== undefined) {
    const day = localDay(y, m, duty.dueDay, offsetMinutes);
    return { ...base, type: 'deadline', at: day, dueAt: day + DAY, covers: previousPeriod(p.start, EVERY[duty.every], offsetMinutes) };
  }
  // No day given: due by the end of the period itself, reporting on it (S10-14 a survey within the year).
  return { ...base, type: 'deadline', at: p.end - DAY, dueAt: p.end, covers: p };
}

/** Every occurrence of the duties whose day falls in [from, to), in time order. */
export function dutyOccurrences(duties: readonly Duty[], from: number, to: number, offsetMinutes: number): DutyOccurrence[] {
  const out: DutyOccurrence[] = [];
  for (const duty of duties) {
    const g = EVERY[duty.every];
    let p = periodOf(from, g, offsetMinutes);
    for (let guard = 0; p.start < to && guard < 600; guard++) {
      const o = occurrenceIn(duty, p, offsetMinutes);
      if (o && o.dueAt > from && o.at < to) out.push(o);
      p = periodOf(p.end, g, offsetMinutes);
    }
  }
  return out.sort((a, b) => a.at - b.at || a.dutyId.localeCompare(b.dutyId));
}

export type ReminderState = 'due_today' | 'upcoming' | 'overdue';

export interface DutyReminder extends DutyOccurrence {
  state: ReminderState;
}

/**
 * What to remind the desk of at `now`: occurrences due within `aheadDays`, and those whose day passed
 * within `behindDays` and are not in `done` (keys `dutyId@coversKey`, e.g. the summary was printed).
 */
export function dutyReminders(
  duties: readonly Duty[],
  now: number,
  offsetMinutes: number,
  opts: { aheadDays?: number; behindDays?: number; done?: ReadonlySet<string> } = {},
): DutyReminder[] {
  const ahead = (opts.aheadDays ?? 7) * DAY;
  const behind = (opts.behindDays ?? 7) * DAY;
  return dutyOccurrences(duties, now - behind, now + ahead, offsetMinutes)
    .filter((o) => !opts.done?.has(dutyKey(o)))
    .map((o) => ({ ...o, state: now >= o.dueAt ? 'overdue' : now >= o.at || o.dueAt - now <= DAY ? 'due_today' : 'upcoming' }));
}

export const dutyKey = (o: Pick<DutyOccurrence, 'dutyId' | 'covers'>) => `${o.dutyId}@${o.covers.key}`;

/** A period key as period.ts writes it: '2026', '2026-Q4', '2026-11', '2026-W48', '2026-11-27'. */
const periodKeySchema = z.string().regex(/^\d{4}(-Q[1-4]|-W\d{2}|-\d{2}(-\d{2})?)?$/);

/**
 * One duty occurrence marked done (the `dutyKey` `${dutyId}@${period}`), shared with every desk of the
 * organisation as a `duty` config document `duty:${dutyId}:${period}`, so a colleague's desk stops reminding
 * of it. Append-like: a desk writes a mark once and never changes it; two desks marking the same duty offline
 * write two revision-0 documents that both say "done", so whichever the server keeps, nothing is undone.
 */
export const dutyMarkSchema = z
  .strictObject({
    id: z.string().max(140),
    orgId: idString,
    dutyId: idString,
    period: periodKeySchema,
    deskId: idString,
    /** Who marked it; absent on marks carried over from before marks were shared (they named no one). */
    staffId: idString.optional(),
    markedAt: z.number().int().min(0),
  })
  .refine((m) => m.id === dutyMarkEntityId(m.dutyId, m.period), { message: 'config.idMismatch', path: ['id'] });
export type DutyMark = z.infer<typeof dutyMarkSchema>;

export const dutyMarkEntityId = (dutyId: string, period: string) => `${dutyId}:${period}`;

/** The `dutyKey` a mark stands for. */
export const dutyKeyOfMark = (m: Pick<DutyMark, 'dutyId' | 'period'>) => `${m.dutyId}@${m.period}`;

/** S1-8 visitor appointments: cases whose intake form booked this reception day ('YYYY-MM-DD'). */
export function appointmentsOn(cases: readonly CaseState[], dayKey: string, field = 'receptionDay'): CaseState[] {
  return cases.filter((c) => c.form[field] === dayKey && c.status !== 'rejected').sort((a, b) => a.receivedAt - b.receivedAt);
}
