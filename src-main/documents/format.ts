import type { Duration, Policy } from '../../src-shared/domain/policy';
import { wallClock, wallClockText } from '../../src-shared/wall-clock';

// Text formatting for printed forms. Times are shown in the organisation's local time (policy offset,
// China = UTC+8) to the minute, as S3-2 asks for 投诉时间.

/**
 * A file's SHA-256 as printed: 64 hex digits are one word with no place to wrap, wider than any table
 * column, so it is printed in two halves of 32 (the archive's history ran it past the table's edge).
 */
export function printedHash(hash: string): string {
  return `SHA-256 ${hash.slice(0, 32)}\n${hash.slice(32)}`;
}

/** 2026-11-27 09:05 */
export function formatMinute(ms: number | undefined, offsetMinutes = 480): string {
  if (ms === undefined || !Number.isFinite(ms)) return '';
  return wallClockText(wallClock(ms, offsetMinutes), 'minute');
}

/** 2026年11月27日 */
export function formatDateZh(ms: number | undefined, offsetMinutes = 480): string {
  if (ms === undefined || !Number.isFinite(ms)) return '';
  const w = wallClock(ms, offsetMinutes);
  return `${w.y}年${w.mo}月${w.d}日`;
}

/** 2026-11-27 */
export function formatDay(ms: number | undefined, offsetMinutes = 480): string {
  if (ms === undefined || !Number.isFinite(ms)) return '';
  return wallClockText(wallClock(ms, offsetMinutes), 'day');
}

const UNIT_ZH: Record<Duration['unit'], string> = { minutes: '分钟', hours: '小时', days: '天', workingDays: '个工作日', months: '个月' };

export function formatDuration(d: Duration): string {
  return `${d.amount} ${UNIT_ZH[d.unit]}`;
}

/** Short names for tables; the regulation explains each once in words. */
/** A stage's limit as the regulation says it: "1 分钟" with endOfDay set means 当日 (S1-3, S10-5). */
export function stageLimitText(stage: { limit: Duration; endOfDay?: boolean }): string {
  if (!stage.endOfDay) return formatDuration(stage.limit);
  if (stage.limit.unit === 'minutes' || stage.limit.unit === 'hours') return '当日内';
  return `${formatDuration(stage.limit)}（至当日24:00）`;
}

export const CLOCK_ZH: Record<'natural' | 'working-days' | 'business-hours', string> = {
  natural: '自然时间',
  'working-days': '工作日',
  'business-hours': '工作时间',
};

export function formatPercent(numerator: number, denominator: number): string {
  if (denominator <= 0) return '—';
  return `${((numerator / denominator) * 100).toFixed(1)}%`;
}

export function formatMoney(amount: number | undefined): string {
  return amount === undefined ? '' : `${amount.toFixed(2)} 元`;
}

/** A form value as printed: blanks stay blank, booleans become 是/否, select codes their label. */
export function formatFormValue(value: unknown, options?: { value: string; label: string }[], type?: string, offsetMinutes = 480): string {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'number') {
    if ((type === 'date' || type === 'datetime') && value > 946_684_800_000)
      return type === 'date' ? formatDay(value, offsetMinutes) : formatMinute(value, offsetMinutes);
    return String(value);
  }
  const s = String(value);
  // A datetime field holds the native field's local value (2026-11-28T18:00): printed as a person writes it.
  if (type === 'datetime' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(s)) return s.replace('T', ' ');
  return options?.find((o) => o.value === s)?.label ?? s;
}

export function nameOf(list: readonly { code: string; name: string }[], code: string | undefined): string {
  if (!code) return '';
  return list.find((x) => x.code === code)?.name ?? code;
}

export function departmentName(policy: Policy, id: string | undefined): string {
  if (!id) return '';
  return policy.departments.find((d) => d.id === id)?.name ?? id;
}

export function roleName(policy: Policy, code: string | undefined): string {
  if (!code) return '';
  return policy.roles.find((r) => r.code === code)?.name ?? code;
}
