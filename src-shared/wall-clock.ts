// An instant read as the organisation's wall clock: the policy's fixed UTC offset (China = +480 min), never
// the machine's zone. One reading for printed forms (src-main/documents/format.ts), the desk's screens
// (src-renderer/format/time.ts) and the policy editor's dates, so paper and screen always agree.

export interface WallClock {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

export function wallClock(ms: number, offsetMinutes: number): WallClock {
  const d = new Date(ms + offsetMinutes * 60_000);
  return { y: d.getUTCFullYear(), mo: d.getUTCMonth() + 1, d: d.getUTCDate(), h: d.getUTCHours(), mi: d.getUTCMinutes(), s: d.getUTCSeconds() };
}

/** 2026-11-27 / 2026-11-27 09:05 / 2026-11-27 09:05:07 */
export function wallClockText(w: WallClock, precision: 'day' | 'minute' | 'second'): string {
  const day = `${w.y}-${pad(w.mo)}-${pad(w.d)}`;
  if (precision === 'day') return day;
  const minute = `${day} ${pad(w.h)}:${pad(w.mi)}`;
  return precision === 'minute' ? minute : `${minute}:${pad(w.s)}`;
}

/** The instant a wall-clock time of the organisation names. */
export function fromWallClock(w: WallClock, offsetMinutes: number): number {
  return Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s) - offsetMinutes * 60_000;
}
