import { getAssumedMasterState, getHeightOfRevision, getLastCheckpointDoc, type RxStorageInstanceReplicationState } from 'rxdb';

// What the desk knows the server holds, read from a replication's own bookkeeping (replication.ts):
// - a document this replication pulled and nobody changed since: RxDB marks what its pull writes with the
//   replication's hash and the revision it wrote (`_meta.o`);
// - a document at or before the push checkpoint: the push has passed it (sent and acknowledged, or set
//   aside as refused, which the status bar lists);
// - a document equal to RxDB's record of the server's copy (the replication's meta collection). The events
//   replication no longer keeps that record for what it pulls or pushes (withoutPullMeta in replication.ts);
//   the config replication does, and a desk that synced before keeps its older records.
// The pending count (replication.ts) and the attachment uploader (body-transfer.ts) ask the same question.

/** A document as the storage holds it: its id, revision and RxDB's metadata. */
export type StoredDoc = Record<string, unknown> & { _rev: string; _meta: { lwt: number; o?: { hash: string; _rev: number } } };

type Internal = RxStorageInstanceReplicationState<unknown>;

/** The replicated content of a document (storage metadata such as _rev and _meta left out), key order ignored. */
export function replicatedJson(doc: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v).sort()) {
        if (k === '_rev' || k === '_meta' || k === '_attachments') continue;
        out[k] = sort((v as Record<string, unknown>)[k]);
      }
      return out;
    }
    return v;
  };
  return JSON.stringify(sort(doc));
}

/** The ids among `docs` the server holds as they are stored here. */
export async function heldByServer(internal: Internal, docs: readonly StoredDoc[]): Promise<Set<string>> {
  const primary = internal.primaryPath as string;
  const idOf = (d: StoredDoc) => String(d[primary]);
  const pulledBy = await internal.input.hashFunction(internal.input.identifier);
  const checkpoint = (await getLastCheckpointDoc(internal, 'up')) as { id?: string; lwt?: number } | undefined;
  const pushed = (d: StoredDoc) =>
    checkpoint?.lwt !== undefined && (d._meta.lwt < checkpoint.lwt || (d._meta.lwt === checkpoint.lwt && idOf(d) <= (checkpoint.id ?? '')));
  const pulled = (d: StoredDoc) => d._meta.o?.hash === pulledBy && d._meta.o._rev === getHeightOfRevision(d._rev);
  const held = new Set<string>();
  const ask: StoredDoc[] = [];
  for (const d of docs) {
    if (pulled(d) || pushed(d)) held.add(idOf(d));
    else ask.push(d);
  }
  if (ask.length) {
    const assumed = await getAssumedMasterState(internal as never, ask.map(idOf));
    for (const d of ask) {
      const master = assumed[idOf(d)];
      if (master && replicatedJson(master.docData) === replicatedJson(d)) held.add(idOf(d));
    }
  }
  return held;
}
