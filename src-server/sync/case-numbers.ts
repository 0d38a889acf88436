import type { Queryable } from '../db/types';
import { localDateKey, parseCaseNumber } from '../../src-shared/domain/numbering';

// Case numbers are allocated offline by each desk (src-shared/domain/numbering.ts) and are unique in the
// organisation because desk codes are. The server holds the proof: it refuses a registration whose number
// another case already holds (sync/authorise.ts reads the holders with NUMBER), and tells a desk re-enrolled under its old code the last
// numbers that code issued, so the desk continues the series instead of starting again at 001 (issue 12).
// Both read the number through the partial index events_case_number (migration 4).

export const NUMBER = `((doc::jsonb) -> 'payload' ->> 'number')`;

const DAY = 86_400_000;

/**
 * The highest number `deskCode` issued on each local day around `now` (the day before to the day after,
 * whatever the organisation's time zone): what a desk re-enrolled under that code must continue from.
 */
export async function lastNumbersOf(db: Queryable, orgId: string, deskCode: string, now: number): Promise<string[]> {
  const from = `${deskCode}-${localDateKey(now - 2 * DAY, 0)}-`;
  const to = `${deskCode}-${localDateKey(now + 2 * DAY, 0)}-~`;
  const rows = await db.query<{ number: string }>(
    `select ${NUMBER} as number from events where org_id = $1 and type = 'case.registered' and ${NUMBER} >= $2 and ${NUMBER} < $3`,
    [orgId, from, to],
  );
  const highest = new Map<string, { number: string; sequence: number }>();
  for (const { number } of rows) {
    const p = parseCaseNumber(number);
    if (!p || p.deskCode !== deskCode) continue;
    const best = highest.get(p.date);
    if (!best || p.sequence > best.sequence) highest.set(p.date, { number, sequence: p.sequence });
  }
  return [...highest.values()].map((h) => h.number).sort();
}
