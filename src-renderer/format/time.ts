import { getLanguage } from '../i18n/i18n';
import { fromWallClock, wallClock, wallClockText, type WallClock } from '../../src-shared/wall-clock';

// Dates and durations as a clerk reads them (24-hour clock), in the organisation's time zone (issue 11
// finding 11): deadlines, case numbers and every printed form count days in the policy's UTC offset, so a
// desk whose machine is set to another zone must still show the same wall-clock times as the paper. The
// desk provider sets the offset from the policy in force; before first run (no policy) the machine's own
// zone is used. Where the two differ the status bar's clock names the zone (zoneLabel).

const pad = (n: number) => String(n).padStart(2, '0');

let orgOffsetMinutes: number | undefined;

/** The organisation's UTC offset in minutes (policy.utcOffsetMinutes), or undefined for the machine's zone. */
export function setDisplayOffset(minutes: number | undefined): void {
  orgOffsetMinutes = minutes;
}

/** The wall clock of the organisation, or of this machine before a policy is in force. */
function wallClockOf(ms: number): WallClock {
  if (orgOffsetMinutes !== undefined) return wallClock(ms, orgOffsetMinutes);
  const d = new Date(ms);
  return { y: d.getFullYear(), mo: d.getMonth() + 1, d: d.getDate(), h: d.getHours(), mi: d.getMinutes(), s: d.getSeconds() };
}

export function formatDateTime(ms: number): string {
  return wallClockText(wallClockOf(ms), 'second');
}

/** 'UTC+8' when the organisation's zone differs from this machine's at `ms`, else undefined. */
export function zoneLabel(ms: number): string | undefined {
  if (orgOffsetMinutes === undefined || -new Date(ms).getTimezoneOffset() === orgOffsetMinutes) return undefined;
  const sign = orgOffsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(orgOffsetMinutes);
  return `UTC${sign}${Math.floor(abs / 60)}${abs % 60 ? `:${pad(abs % 60)}` : ''}`;
}

export function formatMinute(ms: number): string {
  return formatDateTime(ms).slice(0, 16);
}

/** `ms` of time left (negative: overdue) as e.g. 2天 03:04:05 / 00:19:59 / 超时 00:01:02. */
export function formatRemaining(ms: number): string {
  const abs = Math.abs(ms);
  const s = Math.floor(abs / 1000);
  const days = Math.floor(s / 86_400);
  const hms = `${pad(Math.floor((s % 86_400) / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
  const zh = getLanguage() === 'zh-CN';
  const body = days > 0 ? `${days}${zh ? '天 ' : 'd '}${hms}` : hms;
  return ms < 0 ? `${zh ? '超时 ' : 'overdue '}${body}` : body;
}

/** Value for <input type="datetime-local"> from epoch ms, and back. */
export function toLocalInput(ms: number): string {
  return formatMinute(ms).replace(' ', 'T');
}

/** A datetime-local value (YYYY-MM-DDTHH:mm[:ss]) read as a wall-clock time of the organisation's zone. */
export function fromLocalInput(v: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(v);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0)) as [number, number, number, number, number, number];
  if (orgOffsetMinutes !== undefined) return fromWallClock({ y, mo, d, h, mi, s }, orgOffsetMinutes);
  const ms = new Date(y, mo - 1, d, h, mi, s).getTime();
  return Number.isFinite(ms) ? ms : undefined;
}
