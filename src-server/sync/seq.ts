import type { Queryable } from '../db/types';

/**
 * Reserves `n` sequence numbers for an organisation and returns the first. The row lock it takes is
 * held until commit, so pushes to one organisation commit in sequence order (see migrations.ts).
 */
export async function reserveSeq(tx: Queryable, orgId: string, n: number): Promise<number> {
  const rows = await tx.query<{ seq: number | string }>('update org_seq set seq = seq + $2 where org_id = $1 returning seq', [orgId, n]);
  const last = rows[0];
  if (!last) throw new Error(`organisation ${orgId} has no sequence row`);
  return Number(last.seq) - n + 1;
}

/**
 * Takes the organisation's push lock and returns its sequence number under it. Every writer of the
 * organisation's events and configuration holds this lock until commit, so a statement run after it sees
 * everything they stored, and nobody stores more before this transaction ends.
 */
export async function lockOrg(tx: Queryable, orgId: string): Promise<number> {
  const rows = await tx.query<{ seq: number | string }>('select seq from org_seq where org_id = $1 for update', [orgId]);
  const row = rows[0];
  if (!row) throw new Error(`organisation ${orgId} has no sequence row`);
  return Number(row.seq);
}

/** The organisation's sequence number now (no lock): a pull says it so a joining desk can show how far it has come. */
export async function latestSeq(db: Queryable, orgId: string): Promise<number> {
  const rows = await db.query<{ seq: number | string }>('select seq from org_seq where org_id = $1', [orgId]);
  return Number(rows[0]?.seq ?? 0);
}
