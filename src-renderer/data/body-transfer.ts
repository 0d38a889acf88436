import { getAssumedMasterState } from 'rxdb';
import type { RxReplicationState } from 'rxdb/plugins/replication';
import type { DeskDatabase } from './database';
import type { BodyStore, PendingBody } from './body-store';
import { createBodyUploader, type BodyReadiness, type BodyUploader } from './body-uploader';
import { createBodyDownloader, type DownloadOutcome } from './body-downloader';

// Attachment bodies beside the event replication (issue 13): the uploader sends the bodies this desk kept
// once the server has the events naming them; the downloader fetches on demand the bodies other desks
// attached. Started and stopped with the desk's replication (replication.ts).

export interface BodyTransfer {
  readonly uploader: BodyUploader;
  /** Fetches a body another desk attached, verified by its hash before it is kept (body-downloader.ts). */
  download(hash: string, type: string): Promise<DownloadOutcome>;
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

export function startBodyTransfer(db: DeskDatabase, store: BodyStore, opts: BodyTransferOptions): BodyTransfer {
  /**
   * Where the events naming these bodies stand. They were written after the bodies were kept, so only the
   * events from the oldest body's time on are read (the `at` index), never the whole log.
   */
  async function readiness(bodies: readonly PendingBody[]): Promise<Map<string, BodyReadiness>> {
    const since = Math.min(...bodies.map((b) => b.storedAt)) - CLOCK_SLACK_MS;
    const wanted = new Set(bodies.map((b) => b.hash));
    const naming = new Map<string, string[]>();
    for (const doc of await db.events.find({ selector: { at: { $gte: since } } }).exec()) {
      const e = doc.toJSON() as { id: string; type: string; payload: { hash?: unknown } };
      if (e.type !== 'case.attachment_added' || typeof e.payload.hash !== 'string' || !wanted.has(e.payload.hash)) continue;
      naming.set(e.payload.hash, [...(naming.get(e.payload.hash) ?? []), e.id]);
    }
    const internal = opts.events?.internalReplicationState;
    const ids = [...naming.values()].flat();
    // The replication's record of what the server holds: an event it pushed or pulled (countPending reads the same).
    const onServer = internal && ids.length ? await getAssumedMasterState(internal as never, ids) : {};
    const out = new Map<string, BodyReadiness>();
    for (const hash of wanted) {
      const events = naming.get(hash);
      out.set(hash, !events ? 'unreferenced' : events.some((id) => onServer[id]) ? 'pushed' : 'unpushed');
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
    download: (hash, type) => downloader.download(hash, type),
    stop() {
      stopped = true;
      uploader.stop();
    },
  };
}
