import { getLanguage } from '../i18n/i18n';

// Dates and durations as a clerk reads them (local time, 24-hour clock).

const pad = (n: number) => String(n).padStart(2, '0');

export function formatDateTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
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

export function fromLocalInput(v: string): number | undefined {
  const ms = new Date(v).getTime();
  return Number.isFinite(ms) ? ms : undefined;
}
