import type { RxReplicationState } from 'rxdb/plugins/replication';
import type { DeskDatabase } from './database';
import type { BodyStore, PendingBody } from './body-store';
import { createBodyUploader, type BodyReadiness, type BodyUploader } from './body-uploader';
import { createBodyDownloader, type DownloadOutcome } from './body-downloader';
import { heldByServer, type StoredDoc } from './server-record';

// Attachment bodies beside the event replication (issue 13): the uploader sends the bodies this desk kept
// once the server has the events naming them; the downloader fetches on demand the bodies other desks
// attached. Started and stopped with the desk's replication (replication.ts).

export interface BodyTransfer {
  readonly uploader: BodyUploader;
  /** Fetches a body another desk attached, verified by its hash before it is kept (body-downloader.ts). */
  download(hash: string, type: string, confidential?: boolean): Promise<DownloadOutcome>;
  stop(): void;
}

export interface BodyTransferOptions {
  syncUrl: string;
  fetch: typeof fetch;
  retryMs?: number;
  maxRetryMs?: number;
  /** The events replication: what it has pushed (or pulled) is on the server. */
  events: Pick<RxReplicationState<unknown, never>, 'internalReplicationState'> | undefined;
  /** Resolves when this window leads the desk's windows (only the leader uploads); none: upload at once. */
  leader?: () => Promise<unknown>;
}

/** An event is written after its body, by the same clock; a minute's slack covers a clock stepped back in between. */
const CLOCK_SLACK_MS = 60_000;
/** A body with no event this long after it was kept is left by a crash, not waiting for its event. */
const SETTLED_MS = 10 * 60_000;

export function startBodyTransfer(db: DeskDatabase, store: BodyStore, opts: BodyTransferOptions): BodyTransfer {
  /** Bodies a whole-log search found no event for (a crash between body and event): not searched for again. */
  const unreferenced = new Set<string>();

  /** The ids of the attachment events among `docs` that name one of `wanted`, by hash. */
  function namingEvents(docs: { _data: unknown }[], wanted: Set<string>, into: Map<string, StoredDoc[]>): void {
    for (const doc of docs) {
      const e = doc._data as StoredDoc & { type: string; payload: { hash?: unknown } };
      if (e.type !== 'case.attachment_added' || typeof e.payload.hash !== 'string' || !wanted.has(e.payload.hash)) continue;
      into.set(e.payload.hash, [...(into.get(e.payload.hash) ?? []), e]);
    }
  }

  /**
   * Where the events naming these bodies stand. A body this desk attached was kept just before its event
   * was written, so the events from the oldest body's time on are read first (the `at` index), never the
   * whole log. A body kept before its event (downloaded, then asked about again after a new enrolment) is
   * looked for in the whole log, once.
   */
  async function readiness(bodies: readonly PendingBody[]): Promise<Map<string, BodyReadiness>> {
    const since = Math.min(...bodies.map((b) => b.storedAt)) - CLOCK_SLACK_MS;
    const wanted = new Set(bodies.map((b) => b.hash).filter((h) => !unreferenced.has(h)));
    const naming = new Map<string, StoredDoc[]>();
    if (wanted.size) namingEvents(await db.events.find({ selector: { at: { $gte: since } } }).exec(), wanted, naming);
    const older = new Set([...wanted].filter((h) => !naming.has(h)));
    if (older.size) {
      namingEvents(await db.events.find().exec(), older, naming);
      // A body kept a moment ago may still be waiting for its event to be written: only older ones are given up on.
      const settled = new Set(bodies.filter((b) => b.storedAt < Date.now() - SETTLED_MS).map((b) => b.hash));
      for (const h of older) if (!naming.has(h) && settled.has(h)) unreferenced.add(h);
    }
    const internal = opts.events?.internalReplicationState;
    const docs = [...naming.values()].flat();
    // An event the server holds (pushed, or pulled), by the replication's own record (server-record.ts).
    const onServer = internal && docs.length ? await heldByServer(internal as never, docs) : new Set<string>();
    const out = new Map<string, BodyReadiness>();
    for (const { hash } of bodies) {
      const events = naming.get(hash);
      out.set(hash, !events ? 'unreferenced' : events.some((e) => onServer.has(String(e.id))) ? 'pushed' : 'unpushed');
    }
    return out;
  }

  const uploader = createBodyUploader({
    store,
    syncUrl: opts.syncUrl,
    fetch: opts.fetch,
    readiness,
    ...(opts.retryMs !== undefined ? { retryMs: opts.retryMs } : {}),
    ...(opts.maxRetryMs !== undefined ? { maxRetryMs: opts.maxRetryMs } : {}),
  });
  const downloader = createBodyDownloader({ store, syncUrl: opts.syncUrl, fetch: opts.fetch });

  // Only the leading window uploads: a pass started elsewhere would send the same body a second time.
  let leading = !opts.leader;
  let stopped = false;
  void opts.leader?.().then(() => {
    leading = true;
    if (!stopped) uploader.poke();
  });
  if (leading) uploader.poke();

  return {
    uploader: {
      poke: () => void (leading && uploader.poke()),
      pass: () => uploader.pass(),
      get retryInMs() {
        return uploader.retryInMs;
      },
      stop: () => uploader.stop(),
    },
    download: (hash, type, confidential) => downloader.download(hash, type, confidential),
    stop() {
      stopped = true;
      uploader.stop();
    },
  };
}
