// Case numbers are allocated offline (docs/architecture.md): desk code + local date + per-desk daily sequence,
// e.g. HZ01-20261127-007. Desk codes are unique within an organisation, so two desks never collide
// without talking to each other; the desk only needs the numbers it already holds itself.

const DESK_CODE = /^[A-Z0-9]{2,12}$/;
const CASE_NUMBER = /^([A-Z0-9]{2,12})-(\d{8})-(\d{3,5})$/;
const MAX_SEQUENCE = 99_999;

export interface CaseNumberParts {
  deskCode: string;
  /** Local date as YYYYMMDD. */
  date: string;
  sequence: number;
}

/** The organisation's local calendar date of `at` as YYYYMMDD (China: UTC+8 = 480 minutes). */
export function localDateKey(at: number, utcOffsetMinutes = 480): string {
  const d = new Date(at + utcOffsetMinutes * 60_000);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  return `${y}${String(m).padStart(2, '0')}${String(day).padStart(2, '0')}`;
}

export function parseCaseNumber(number: string): CaseNumberParts | undefined {
  const m = CASE_NUMBER.exec(number);
  if (!m) return undefined;
  return { deskCode: m[1]!, date: m[2]!, sequence: Number(m[3]) };
}

export function formatCaseNumber(parts: CaseNumberParts): string {
  // Three digits as the form shows them; a desk past 999 cases a day simply gets a wider number.
  return `${parts.deskCode}-${parts.date}-${String(parts.sequence).padStart(3, '0')}`;
}

/**
 * The next number for `deskCode` on the local day of `now`, one past the highest already known for
 * that desk and day. Throws a RangeError for an invalid desk code or when the day's numbers run out.
 */
export function nextCaseNumber(deskCode: string, now: number, knownNumbers: Iterable<string>, utcOffsetMinutes = 480): string {
  if (!DESK_CODE.test(deskCode)) throw new RangeError(`台席代码「${deskCode}」无效：只能是 2–12 位大写字母或数字。`);
  const date = localDateKey(now, utcOffsetMinutes);
  let highest = 0;
  for (const n of knownNumbers) {
    const p = parseCaseNumber(n);
    if (p && p.deskCode === deskCode && p.date === date && p.sequence > highest) highest = p.sequence;
  }
  if (highest >= MAX_SEQUENCE) throw new RangeError(`台席 ${deskCode} 在 ${date} 的案件编号已用完（${MAX_SEQUENCE}）。`);
  return formatCaseNumber({ deskCode, date, sequence: highest + 1 });
}
