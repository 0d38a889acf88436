import type { Database } from './types';

// Moves a PGlite installation to PostgreSQL: every table copied in primary-key order, in batches, inside
// one target transaction. Sequence numbers and token hashes are copied as they are, so enrolled desks
// keep their tokens and their replication checkpoints stay valid.

const BATCH = 2000;

const TABLES: { name: string; key: string; batch?: number }[] = [
  { name: 'organisations', key: 'id' },
  // Wrapped data keys: the PostgreSQL server must be given the same master key (docs/operations.md).
  { name: 'org_data_keys', key: 'org_id' },
  { name: 'sites', key: 'org_id, id' },
  { name: 'desks', key: 'org_id, id' },
  { name: 'enrolment_codes', key: 'code_hash' },
  { name: 'desk_tokens', key: 'token_hash' },
  { name: 'admin_tokens', key: 'token_hash' },
  { name: 'org_seq', key: 'org_id' },
  { name: 'events', key: 'org_id, seq' },
  { name: 'case_heads', key: 'org_id, case_id, site_id' },
  { name: 'config_docs', key: 'org_id, seq' },
  // Bodies are up to 20 MB each (domain/attachments.ts): a few per batch keeps the copy's memory small.
  { name: 'attachment_bodies', key: 'org_id, hash', batch: 8 },
];

export async function copyDatabase(from: Database, to: Database, log: (line: string) => void = () => undefined): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  await to.transaction(async (tx) => {
    for (const { name } of TABLES) {
      const existing = await tx.query<{ n: number | string }>(`select count(*) as n from ${name}`);
      if (Number(existing[0]!.n) > 0)
        throw new Error(`目标数据库的 ${name} 表不是空的，已停止（不会覆盖数据）。 / Target table ${name} is not empty; stopping without changes.`);
    }
    for (const { name, key, batch = BATCH } of TABLES) {
      let offset = 0;
      counts[name] = 0;
      for (;;) {
        const rows = await from.query<Record<string, unknown>>(`select * from ${name} order by ${key} limit ${batch} offset ${offset}`);
        if (rows.length === 0) break;
        const columns = Object.keys(rows[0]!);
        // One multi-row insert per batch; values travel as parameters, never spliced into SQL.
        const params: (string | number | boolean | null | Uint8Array)[] = [];
        const tuples = rows.map((row) => `(${columns.map((c) => `$${params.push(row[c] as string | number | boolean | null | Uint8Array)}`).join(', ')})`);
        await tx.query(`insert into ${name} (${columns.join(', ')}) values ${tuples.join(', ')}`, params);
        offset += rows.length;
        counts[name] += rows.length;
      }
      log(`${name}: ${counts[name]}`);
    }
  });
  return counts;
}
