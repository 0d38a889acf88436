import type { Database, Queryable } from '../db/types';
import type { ConfigDoc } from '../../src-shared/sync/contract';
import { canonicalJson } from './canonical';
import { reserveSeq, lockOrg } from './seq';
import { CHANGES_CHANNEL, type ChangeNotice, type DeskScope } from './scope';
import type { CheckedConfig } from './validate';
import type { PulledPage } from './events-store';
import { docForDesk, keepWithheldVerifier } from './staff-verifiers';

// Configuration documents replicate as whole documents, last writer wins by (rev, updatedAt): a push is
// accepted when it was based on the current master (RxDB's assumedMasterState) or carries a later
// revision; otherwise the master goes back as a conflict and RxDB's default handler adopts it.

function newer(a: ConfigDoc, b: ConfigDoc): boolean {
  return a.rev > b.rev || (a.rev === b.rev && a.updatedAt > b.updatedAt);
}

export async function pushConfig(db: Database, scope: DeskScope, rows: readonly CheckedConfig[]): Promise<string[]> {
  if (rows.length === 0) return [];
  return db.transaction(async (tx) => {
    await lockOrg(tx, scope.orgId);
    const ids = [...new Set(rows.map((r) => r.doc.id))];
    const masters = new Map(
      (await tx.query<{ id: string; doc: string }>('select id, doc from config_docs where org_id = $1 and id = any($2::text[])', [scope.orgId, ids])).map(
        (r) => [r.id, r.doc],
      ),
    );
    const conflicts: string[] = [];
    const accepted = new Map<string, CheckedConfig>();
    for (const pushed of rows) {
      const master = masters.get(pushed.doc.id);
      const masterDoc = master === undefined ? undefined : (JSON.parse(master) as ConfigDoc);
      // The desk compares against what it was sent (verifiers withheld), and never erases one it was not sent.
      const sent = master === undefined ? undefined : docForDesk(master, scope);
      const doc = keepWithheldVerifier(pushed.doc, masterDoc);
      const row = doc === pushed.doc ? pushed : { ...pushed, doc, canonical: canonicalJson(doc) };
      if (master === row.canonical) continue;
      if (masterDoc && row.assumedCanonical !== master && row.assumedCanonical !== sent && !newer(row.doc, masterDoc)) {
        conflicts.push(sent!);
        continue;
      }
      masters.set(row.doc.id, row.canonical);
      accepted.set(row.doc.id, row);
    }
    if (accepted.size > 0)
      await storeConfigDocs(
        tx,
        scope.orgId,
        [...accepted.values()].map((r) => r.doc),
      );
    return conflicts;
  });
}

/** Writes whole config documents with fresh sequence numbers and wakes the streams (caller holds a transaction). */
export async function storeConfigDocs(tx: Queryable, orgId: string, docs: readonly ConfigDoc[]): Promise<void> {
  if (docs.length === 0) return;
  const first = await reserveSeq(tx, orgId, docs.length);
  await tx.query(
    `insert into config_docs (org_id, id, seq, kind, rev, updated_at, deleted, doc)
     select $1, u.id, u.seq::bigint, u.kind, u.rev::integer, u.updated_at::bigint, u.deleted::boolean, u.doc
     from unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[]) as u(id, seq, kind, rev, updated_at, deleted, doc)
     on conflict (org_id, id) do update set seq = excluded.seq, kind = excluded.kind, rev = excluded.rev,
       updated_at = excluded.updated_at, deleted = excluded.deleted, doc = excluded.doc`,
    [
      orgId,
      docs.map((d) => d.id),
      docs.map((_, i) => String(first + i)),
      docs.map((d) => d.kind),
      docs.map((d) => String(d.rev)),
      docs.map((d) => String(d.updatedAt)),
      docs.map((d) => String(d._deleted)),
      docs.map((d) => canonicalJson(d)),
    ],
  );
  const notice: ChangeNotice = { orgId, collection: 'config', seq: first + docs.length - 1 };
  await tx.query('select pg_notify($1, $2)', [CHANGES_CHANNEL, JSON.stringify(notice)]);
}

export const PULL_CONFIG_SQL = 'select seq, doc from pull_config_docs_page($1, $2, $3)';

export async function pullConfig(db: Database, scope: DeskScope, afterSeq: number, limit: number): Promise<PulledPage> {
  const rows = await db.query<{ seq: number | string; doc: string }>(
    // An index walk that stops at the limit, like the events pull (migration 2).
    PULL_CONFIG_SQL,
    [scope.orgId, afterSeq, limit],
  );
  const last = rows.at(-1);
  return { docs: rows.map((r) => docForDesk(r.doc, scope)), seq: last ? Number(last.seq) : afterSeq };
}

export async function readConfigDocs(db: Queryable, orgId: string, kind?: ConfigDoc['kind']): Promise<ConfigDoc[]> {
  const rows = await db.query<{ doc: string }>(
    'select doc from config_docs where org_id = $1 and ($2::text is null or kind = $2) and not deleted order by seq',
    [orgId, kind ?? null],
  );
  return rows.map((r) => JSON.parse(r.doc) as ConfigDoc);
}
