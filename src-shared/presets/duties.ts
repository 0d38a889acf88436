import type { Duty } from '../domain/policy';

// When a recurring duty of a policy next falls (S1-8 leaders' reception day on the last Friday morning,
// S8-10 monthly summaries due by the 2nd and the 5th, S7-6 weekly statistics). Pure: instants in, instants
// out, computed in the policy's UTC offset so the host's time zone never shifts a date.

const MINUTE = 60_000;
const DAY = 86_400_000;

export interface DutyWindow {
  /** Local start of the window (the `from` time, or 00:00). */
  start: number;
  /** Local end of the window (the `to` time, or 24:00 of the day). */
  end: number;
  /** Civil date 'YYYY-MM-DD' in the policy's offset. */
  date: string;
}

function minutesOf(hhmm: string | undefined, fallback: number): number {
  if (!hhmm) return fallback;
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
}

/** ISO weekday 1 (Monday) … 7 (Sunday) of a civil day number (days since 1970-01-01, a Thursday). */
function weekdayOf(civilDay: number): number {
  return ((((civilDay + 3) % 7) + 7) % 7) + 1;
}

function civilDay(year: number, month0: number, day: number): number {
  return Math.floor(Date.UTC(year, month0, day) / DAY);
}

function daysInMonth(year: number, month0: number): number {
  return new Date(Date.UTC(year, month0 + 1, 0)).getUTCDate();
}

/** The civil day of a duty within a month, or undefined when the month has no such day. */
function dayInMonth(duty: Duty, year: number, month0: number): number | undefined {
  const last = daysInMonth(year, month0);
  if (duty.weekday !== undefined) {
    const week = duty.weekOfMonth ?? 1;
    if (week === -1) {
      for (let d = last; d > last - 7; d--) if (weekdayOf(civilDay(year, month0, d)) === duty.weekday) return civilDay(year, month0, d);
      return undefined;
    }
    let seen = 0;
    for (let d = 1; d <= last; d++) {
      if (weekdayOf(civilDay(year, month0, d)) === duty.weekday && ++seen === week) return civilDay(year, month0, d);
    }
    return undefined;
  }
  return civilDay(year, month0, Math.min(duty.dueDay ?? 1, last));
}

/** Candidate civil days of a duty around `aroundDay`, oldest first. */
function candidateDays(duty: Duty, aroundDay: number): number[] {
  const date = new Date(aroundDay * DAY);
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth();
  const out: number[] = [];
  if (duty.every === 'weekly') {
    const target = duty.weekday ?? duty.dueDay ?? 1;
    for (let d = aroundDay - 7; d <= aroundDay + 14; d++) if (weekdayOf(d) === target) out.push(d);
    return out;
  }
  const step = duty.every === 'monthly' ? 1 : duty.every === 'quarterly' ? 3 : 12;
  // Quarterly and yearly duties are due in the first month of the following period.
  for (let i = -step; i <= 6 * step; i++) {
    const month = m + i;
    const yy = y + Math.floor(month / 12);
    const mm = ((month % 12) + 12) % 12;
    if (step > 1 && mm % step !== 0) continue;
    const day = dayInMonth(duty, yy, mm);
    if (day !== undefined) out.push(day);
  }
  return out.sort((a, b) => a - b);
}

/** The first window of `duty` that has not ended at `after`. */
export function nextDutyWindow(duty: Duty, after: number, utcOffsetMinutes: number): DutyWindow {
  const offsetMs = utcOffsetMinutes * MINUTE;
  const today = Math.floor((after + offsetMs) / DAY);
  const from = minutesOf(duty.from, 0);
  const to = minutesOf(duty.to, 24 * 60);
  for (const day of candidateDays(duty, today)) {
    const dayStart = day * DAY - offsetMs;
    const window = { start: dayStart + from * MINUTE, end: dayStart + to * MINUTE, date: new Date(day * DAY).toISOString().slice(0, 10) };
    if (window.end > after) return window;
  }
  // Unreachable for valid duties: the candidates always reach past `after`.
  throw new Error(`duty ${duty.id} has no window after ${new Date(after).toISOString()}`);
}
