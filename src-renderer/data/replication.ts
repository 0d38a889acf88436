import { BehaviorSubject, Subject, type Observable, type Subscription } from 'rxjs';
import { getChangedDocumentsSince, getLastCheckpointDoc, type RxCollection } from 'rxdb';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import {
  FIRST_EVENTS_PATH,
  PULL_LIMIT_MAX,
  PUSH_BATCH_MAX,
  REPLICATED_COLLECTIONS,
  pullPath,
  pushPath,
  streamPath,
  type Checkpoint,
  ADMIN_SESSION_HEADER,
  type AdminSessionResponse,
  type EnrolResponse,
  type ReplicatedCollection,
  type StreamMessage,
} from '../../src-shared/sync/contract';
import { messageFor } from '../../src-shared/i18n/validation';
import type { DeskDatabase } from './database';
import { getDeskIdentity, setDeskIdentity } from './config';
import { keepCaseNumberFloor } from './register';
import { callHost } from '../bridge/host';
import { deskProfile } from './desk-profile';
import { addRefused, readRefused, type RefusedDoc } from './refused-store';
import { projectorOf } from './projection-runner';
import { casesReady } from './cases-ready';
import { bodyStoreFor } from './body-store';
import { heldByServer, type StoredDoc } from './server-record';
import { startBodyTransfer, type BodyTransfer } from './body-transfer';
import { holdsClearIdentity, identityAtRest, identityInClear, isIdentityAtRest } from './at-rest-crypto';
import type { EventDoc } from './schemas';

export type { RefusedDoc } from './refused-store';

// The desk's side of sync (docs/architecture.md §Sync): RxDB's replication of the `events` and `config`
// collections to the central server over its HTTP protocol — pull after the server's sequence
// checkpoint, push returning conflicts, an SSE stream that says when to pull. RxDB keeps checkpoints
// in the desk's database, so replication resumes where it stopped after a restart or an outage.

/** What the status bar shows. */
export interface SyncState {
  /** A connection to the server is configured. */
  configured: boolean;
  /** The last request reached the server (and the change stream is open). */
  online: boolean;
  /** Local documents not yet on the server; `PENDING_CAP` means "at least this many". */
  pending: number;
  lastSyncAt?: number;
  error?: SyncError;
  /** Documents the server refused over this desk's life (refused-store.ts); they stay on this desk only. */
  refused: number;
  /** The latest refused documents with the server's reason (at most REFUSED_LISTED), newest last. */
  refusedList?: RefusedDoc[];
  /** How far the events pull of this run has come (a joining desk's progress; join-progress.ts). */
  history?: PullProgress;
}

export interface PullProgress {
  /** Events received by this run's pulls. */
  received: number;
  /** The server sequence the pull started from, has reached, and the organisation's sequence now. */
  fromSeq: number;
  seq: number;
  latest: number;
  startedAt: number;
  /** The last pull page was not full: nothing more to pull for now. */
  caughtUp: boolean;
}

export interface SyncError {
  code: string;
  message: { 'zh-CN': string; en: string };
  status?: number;
  /** Rows of a refused push (index in the request), as the server listed them. */
  rows?: number[];
  /** The same rows with the id and first reason the server gave for each. */
  refusedRows?: (RefusedDoc & { index: number })[];
}

export const PENDING_CAP = 999;

export interface DeskReplicationOptions {
  /** The server (names the replication, so a desk that moves its requests to a relay keeps its checkpoints). */
  serverUrl: string;
  /**
   * Where sync requests go: the server itself in Electron, whose main process adds the desk token, or the
   * browser shell's relay (src-main/desk-link.ts). The page never holds the token (issue 10 item 5).
   */
  syncUrl: string;
  /** A non-secret tag of this enrolment: a new enrolment starts a fresh replication. */
  enrolment: string;
  /** Injected in tests to simulate a network that goes away. */
  fetch?: typeof fetch;
  /** First retry delay after a failure; doubles up to `maxRetryMs`. */
  retryMs?: number;
  maxRetryMs?: number;
  pullBatchSize?: number;
  pushBatchSize?: number;
  /** Only the leading window of the desk replicates (default); tests with one window may skip the election. */
  waitForLeadership?: boolean;
  /** The organisation the token belongs to: documents of any other (left from a standalone first run) stay local. */
  orgId?: string;
  /**
   * A join holds the history back until what the desk needs first is folded (joinServer): pulls after the
   * first page wait for this promise.
   */
  historyAfter?: Promise<unknown>;
  /** Where the attachment body store lives (body-store.ts); without one (a Node test) no body travels. */
  indexedDB?: IDBFactory;
}

export interface DeskReplication {
  readonly state$: Observable<SyncState>;
  readonly state: SyncState;
  /** Resolves when everything local is on the server and everything on the server is local. */
  awaitInSync(): Promise<void>;
  /** Pull now (e.g. the network came back). */
  resync(): void;
  /**
   * Resolves once the first events pull of this replication has answered: with the case ids of the events a
   * new desk is sent first (first-pull.ts), or none when the replication resumed from a checkpoint.
   */
  readonly firstPart: Promise<string[]>;
  /** Resolves when the configuration is in sync and the first events pull has answered (a join's "usable"). */
  awaitUsable(): Promise<string[]>;
  /** Emits the collection each time a pull that brought documents has completed (the projector reconciles then). */
  readonly pulled$: Observable<ReplicatedCollection>;
  /** Config pushes carry this administrator session until it expires (data/admin-session.ts). */
  useAdminSession(session: AdminSessionResponse): void;
  /** Attachment bodies to and from the server (body-transfer.ts), when this desk has a body store. */
  readonly bodies?: BodyTransfer;
  stop(): Promise<void>;
}

type PulledPage = { documents: never[]; checkpoint: Checkpoint; latest?: number; historyLength?: number };

const OFFLINE_ERROR: SyncError = {
  code: 'offline',
  message: messageFor('sync.offline', ''),
};

class SyncHttpError extends Error {
  constructor(readonly error: SyncError) {
    super(error.message.en);
  }
}

/** A push body stays well under the server's 8 MB limit even with signature images. */
const PUSH_BODY_BYTES = 4 * 1024 * 1024;

function chunkRows<T>(rows: readonly T[]): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let bytes = 2;
  for (const row of rows) {
    const size = JSON.stringify(row).length + 1;
    if (current.length > 0 && (current.length >= PUSH_BATCH_MAX || bytes + size > PUSH_BODY_BYTES)) {
      chunks.push(current);
      current = [];
      bytes = 2;
    }
    current.push(row);
    bytes += size;
  }
  if (current.length) chunks.push(current);
  return chunks;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const t = setTimeout(done, ms);
    signal.addEventListener('abort', done);
  });
}

/** A short, non-secret tag of an older desk's token (FNV-1a): keeps its replication when the token moves to the host. */
function tokenTag(token: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < token.length; i++) h = Math.imul(h ^ token.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

function baseUrl(serverUrl: string): string {
  return serverUrl.replace(/\/+$/, '');
}

async function errorFrom(res: Response): Promise<SyncError> {
  let body: {
    error?: string;
    messages?: { 'zh-CN': string; en: string };
    errors?: { index?: unknown; id?: unknown; errors?: { code?: unknown; message?: RefusedDoc['message'] }[] }[];
  } = {};
  try {
    body = (await res.json()) as typeof body;
  } catch {
    // Not our server's JSON (a proxy page); fall back to a generic message.
  }
  return {
    code: body.error ?? `http${res.status}`,
    status: res.status,
    message: body.messages ?? messageFor('sync.http', '', { status: res.status }),
    ...(Array.isArray(body.errors)
      ? {
          rows: body.errors.map((e) => e.index).filter((i): i is number => typeof i === 'number'),
          refusedRows: body.errors.flatMap((e) => {
            const first = Array.isArray(e.errors) ? e.errors[0] : undefined;
            if (typeof e.index !== 'number' || !first?.message || typeof first.code !== 'string') return [];
            return [{ index: e.index, ...(typeof e.id === 'string' ? { id: e.id } : {}), code: first.code, message: first.message }];
          }),
        }
      : {}),
  };
}

/** What the status bar says about documents the server refused. */
export function refusedMessage(count: number): SyncError['message'] {
  return messageFor('sync.refusedCount', '', { count });
}

export function syncErrorOf(e: unknown): SyncError {
  if (e instanceof SyncHttpError) return e.error;
  return OFFLINE_ERROR;
}

/**
 * Pulled events as this desk stores them: a confidential identity the server sent in clear is encrypted
 * (at-rest-crypto.ts). An event already stored keeps its stored form, so a pulled-back event equals the stored
 * one and RxDB writes nothing for it (the ciphertext's IV is random). Pages without such an identity (every
 * ordinary case) are returned as they came, after one synchronous look at each event.
 */
async function storedFormOf(db: DeskDatabase, pulled: EventDoc[]): Promise<EventDoc[]> {
  const clear = pulled.filter(holdsClearIdentity);
  if (clear.length === 0) return pulled;
  const stored = await db.events.findByIds(clear.map((e) => e.id)).exec();
  const replaced = new Map<string, EventDoc>();
  for (const e of clear) {
    const kept = stored.get(e.id)?.toJSON() as EventDoc | undefined;
    const keptAtRest = kept && isIdentityAtRest((kept.payload as { complainant?: object }).complainant);
    replaced.set(e.id, keptAtRest ? ({ ...e, payload: kept.payload } as EventDoc) : await identityAtRest(e));
  }
  return pulled.map((e) => replaced.get(e.id) ?? e);
}

/** Pushed rows with each event as written: the server seals a confidential identity itself (src-server/confidential/). */
async function inClear<R extends { newDocumentState: unknown }>(rows: R[]): Promise<R[]> {
  const stored = (r: R) => r.newDocumentState as EventDoc;
  // An ordinary batch is sent as it is, after one synchronous look at each event.
  if (!rows.some((r) => stored(r).type === 'case.registered' && isIdentityAtRest((stored(r).payload as { complainant?: object }).complainant))) return rows;
  return Promise.all(rows.map(async (r) => ({ ...r, newDocumentState: await identityInClear(stored(r)) })));
}

/**
 * Events are immutable and named by ids their desk created, so the server's copy of an event is the desk's
 * copy: RxDB's record of "what the server holds" (a copy of every replicated document in the replication's
 * meta collection, read and written beside each pulled event) guards against nothing for them, and was half
 * of what a joining desk wrote (docs/performance.md "Joining: where the writes go"). RxDB runs its protocol
 * without that record for pull-only replications (`skipStoringPullMeta`, set by replicateRxCollection when
 * there is no push), marking each pulled document with its origin (`_meta.o`) instead; the events
 * replication, which also pushes, switches it on here, before its first pulled page is written. A local event
 * the server has not acknowledged is still pushed (the push checkpoint, not the record, says what is left),
 * and one pulled back from the server equals the stored one, so nothing is written for it.
 */
function withoutPullMeta(replication: RxReplicationState<unknown, Checkpoint>): void {
  const internal = replication.internalReplicationState;
  if (internal) internal.skipStoringPullMeta = true;
}

/** Starts live replication of `events` and `config`; stop() ends it (checkpoints stay in the database). */
export function startDeskReplication(db: DeskDatabase, opts: DeskReplicationOptions): DeskReplication {
  const fetchImpl = opts.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
  const base = baseUrl(opts.syncUrl);
  const headers = {};
  const retryMs = opts.retryMs ?? 2_000;
  // A desk that was offline should be back in sync within seconds of the server returning: RxDB waits the
  // whole retryTime before retrying a failed push, so the back-off stops doubling at 15 s.
  const maxRetryMs = opts.maxRetryMs ?? 15_000;
  const stopper = new AbortController();
  const state$ = new BehaviorSubject<SyncState>({ configured: true, online: false, pending: 0, refused: 0 });
  const update = (patch: Partial<SyncState>) => state$.next({ ...state$.value, ...patch });
  const replications: RxReplicationState<unknown, Checkpoint>[] = [];
  const subs: Subscription[] = [];
  const pulled$ = new Subject<ReplicatedCollection>();
  let firstPartDone!: (caseIds: string[]) => void;
  const firstPart = new Promise<string[]>((resolve) => (firstPartDone = resolve));
  // Events already received in the first part: the history sends them again, and they are counted once.
  let firstIds = new Set<string>();

  const succeeded = () => {
    for (const r of replications) r.retryTime = retryMs;
    update({ online: true, lastSyncAt: Date.now(), error: undefined });
  };
  const failed = (error: SyncError) => {
    // Back-off: RxDB retries failed handlers after `retryTime`; double it on each failure.
    for (const r of replications) r.retryTime = Math.min(maxRetryMs, Math.max(retryMs, (r.retryTime ?? retryMs) * 2));
    update({ online: false, error });
  };

  // The administrator session of the latest 管理员确认 (src-server/admin-sessions.ts): sent beside the desk
  // token on config pushes only, and forgotten once the server's expiry has passed by this desk's clock.
  let adminSession: AdminSessionResponse | undefined;
  const adminHeaders = (): Record<string, string> => {
    if (adminSession && adminSession.expiresAt <= Date.now()) adminSession = undefined;
    return adminSession ? { [ADMIN_SESSION_HEADER]: adminSession.token } : {};
  };

  async function request<T>(method: 'GET' | 'POST', path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<T> {
    let res: Response;
    try {
      res = await fetchImpl(base + path, {
        method,
        headers: body === undefined ? { ...headers, ...extraHeaders } : { ...headers, ...extraHeaders, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: stopper.signal,
      });
    } catch {
      failed(OFFLINE_ERROR);
      throw new SyncHttpError(OFFLINE_ERROR);
    }
    if (!res.ok) {
      const error = await errorFrom(res);
      failed(error);
      throw new SyncHttpError(error);
    }
    const json = (await res.json()) as T;
    succeeded();
    return json;
  }

  /**
   * Pushes one chunk. Rows the server refuses as invalid or unauthorised are set aside (they stay on this desk and the
   * status says so) and the rest is pushed again, so one bad document never blocks the queue behind it. The rest may
   * be refused in its turn for another reason (a malformed row and an unauthorised one in one chunk: the server names
   * only the first kind it finds), so this repeats until the server takes what is left; each round sets aside at least
   * one row, or the error is thrown as it came.
   */
  async function pushChunk<R>(name: ReplicatedCollection, chunk: R[]): Promise<never[]> {
    let rest = chunk;
    for (;;) {
      try {
        return await request<never[]>('POST', pushPath(name), rest, name === 'config' ? adminHeaders() : {});
      } catch (e) {
        const error = e instanceof SyncHttpError ? e.error : undefined;
        // 400: invalid rows; 403 eventsRefused / configRefused: rows the server does not authorise
        // (src-server/sync/authorise.ts, authorise-config.ts).
        const setAside = error && (error.status === 400 || error.code === 'eventsRefused' || error.code === 'configRefused') && error.rows?.length;
        if (!setAside) throw e;
        const refused = new Set(error.rows);
        const left = rest.filter((_, i) => !refused.has(i));
        if (left.length === rest.length) throw e;
        await noteRefused(name, rest, error);
        // The server answered: the desk is online, and the refusal is listed rather than shown as a lost link.
        succeeded();
        if (left.length === 0) return [];
        rest = left;
      }
    }
  }

  // Refusals are kept in the desk's store (refused-store.ts), so the list outlives this replication; the
  // writes are chained so two refused chunks never overwrite each other's record.
  let refusals = readRefused(db)
    .then((kept) => {
      if (!stopper.signal.aborted && kept.count) update({ refused: kept.count, refusedList: kept.list });
    })
    .catch(() => undefined);
  function noteRefused<R>(name: ReplicatedCollection, chunk: R[], error: SyncError): Promise<void> {
    const at = Date.now();
    const docs = (error.rows ?? []).map((index): RefusedDoc => {
      const listed = error.refusedRows?.find((r) => r.index === index);
      const id = listed?.id ?? (chunk[index] as { newDocumentState?: { id?: unknown } } | undefined)?.newDocumentState?.id;
      return { id: typeof id === 'string' ? id : undefined, code: listed?.code ?? error.code, message: listed?.message ?? error.message, at, collection: name };
    });
    refusals = refusals
      .then(async () => {
        const kept = await addRefused(db, docs);
        if (!stopper.signal.aborted) update({ refused: kept.count, refusedList: kept.list });
      })
      .catch(() => undefined); // only when the database is closing under it; keep the chain usable
    return refusals;
  }

  for (const name of REPLICATED_COLLECTIONS) {
    const collection = db[name] as unknown as RxCollection<unknown>;
    const stream$ = new Subject<StreamMessage<unknown>>();
    const replication = replicateRxCollection<unknown, Checkpoint>({
      collection,
      // A new enrolment (new token) starts a fresh replication: everything local is offered again and
      // everything on the server pulled again — how a desk heals a server restored from an older backup.
      replicationIdentifier: `jiesu-${name}-${baseUrl(opts.serverUrl)}-${opts.enrolment}`,
      live: true,
      retryTime: retryMs,
      waitForLeadership: opts.waitForLeadership ?? true,
      pull: {
        batchSize: Math.min(opts.pullBatchSize ?? 500, PULL_LIMIT_MAX),
        async handler(checkpoint, batchSize) {
          const seq = checkpoint?.seq ?? 0;
          const limit = Math.min(batchSize, PULL_LIMIT_MAX);
          const pageOf = () => request<PulledPage>('GET', `${pullPath(name)}?seq=${seq}&limit=${limit}`);
          if (name !== 'events') return pageOf();
          withoutPullMeta(replication);
          if (checkpoint) {
            firstPartDone([]);
            await opts.historyAfter;
          }
          // A fresh replication (no checkpoint: a new desk, or a new enrolment) is sent what it needs first
          // beside the history's first page, in one answer with that page's checkpoint (firstPullOf).
          const page = checkpoint ? await pageOf() : await firstPullOf(pageOf);
          if (!stopper.signal.aborted) {
            const was = state$.value.history;
            const latest = page.latest ?? page.checkpoint.seq;
            const fresh = checkpoint && firstIds.size ? page.documents.filter((d) => !firstIds.has((d as { id: string }).id)).length : page.documents.length;
            update({
              history: {
                received: (was?.received ?? 0) + fresh,
                fromSeq: was?.fromSeq ?? seq,
                seq: page.checkpoint.seq,
                latest,
                startedAt: was?.startedAt ?? Date.now(),
                caughtUp: (page.historyLength ?? page.documents.length) < limit,
              },
            });
          }
          return { ...page, documents: (await storedFormOf(db, page.documents as EventDoc[])) as never[] };
        },
        stream$: stream$.asObservable() as never,
      },
      push: {
        batchSize: opts.pushBatchSize ?? 200,
        async handler(rows) {
          const conflicts: never[] = [];
          const ours = opts.orgId ? rows.filter((r) => (r.newDocumentState as { orgId?: unknown }).orgId === opts.orgId) : rows;
          const mine = name === 'events' ? await inClear(ours) : ours;
          // Split by size; a retried batch re-sends earlier chunks, which the server treats as no-ops.
          for (const chunk of chunkRows(mine)) conflicts.push(...(await pushChunk(name, chunk)));
          return conflicts;
        },
      },
    });
    replications.push(replication);
    subs.push(replication.error$.subscribe(() => undefined));
    let received = false;
    subs.push(replication.received$.subscribe(() => void (received = true)));
    subs.push(
      replication.active$.subscribe((active) => {
        if (active || !received) return;
        received = false;
        pulled$.next(name);
      }),
    );
    void runStream(name, stream$);
  }

  /**
   * The first pull of a fresh events replication: the events of open and recently changed cases first
   * (FIRST_EVENTS_PATH), then the history's first page without the ones already there. The checkpoint is
   * the page's, so the history still runs from 0 and every event arrives through it, in sequence order;
   * the first part's events come again later and RxDB writes nothing for a document equal to the one the
   * store holds, so nothing is folded twice. Listing them first in the answer makes them the first written
   * and so the first folded (the projector reads the store in write order). A server without the route
   * (404) just starts the history.
   */
  async function firstPullOf(pageOf: () => Promise<PulledPage>): Promise<PulledPage & { historyLength: number }> {
    const [first, page] = await Promise.all([
      request<{ documents: { id: string; caseId: string }[]; latest: number }>('GET', FIRST_EVENTS_PATH).catch((e: unknown) => {
        if (e instanceof SyncHttpError && e.error.status === 404) return { documents: [], latest: 0 };
        throw e;
      }),
      pageOf(),
    ]);
    firstIds = new Set(first.documents.map((d) => d.id));
    firstPartDone([...new Set(first.documents.map((d) => d.caseId))]);
    const rest = page.documents.filter((d) => !firstIds.has((d as { id: string }).id));
    return { ...page, documents: [...first.documents, ...rest] as never[], historyLength: page.documents.length };
  }

  /** Reads the SSE stream with fetch (so the host's token travels in a header, never in a URL) and reconnects with back-off. */
  async function runStream(name: ReplicatedCollection, out: Subject<StreamMessage<unknown>>): Promise<void> {
    let delay = retryMs;
    while (!stopper.signal.aborted) {
      try {
        const res = await fetchImpl(base + streamPath(name), { headers, signal: stopper.signal });
        if (!res.ok || !res.body) {
          failed(await errorFrom(res));
        } else {
          delay = retryMs;
          const reader = res.body.getReader();
          const decoder = new TextDecoder();
          let buffer = '';
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            buffer += decoder.decode(value, { stream: true });
            let end: number;
            while ((end = buffer.indexOf('\n\n')) >= 0) {
              const block = buffer.slice(0, end);
              buffer = buffer.slice(end + 2);
              const data = block
                .split('\n')
                .filter((l) => l.startsWith('data:'))
                .map((l) => l.slice(5).trim())
                .join('\n');
              if (!data) continue;
              try {
                out.next(JSON.parse(data) as StreamMessage<unknown>);
              } catch {
                out.next('RESYNC');
              }
            }
          }
        }
      } catch {
        if (!stopper.signal.aborted) failed(OFFLINE_ERROR);
      }
      if (stopper.signal.aborted) break;
      // After a gap we may have missed changes: RESYNC makes RxDB pull from its checkpoint once reconnected.
      await sleep(delay, stopper.signal);
      delay = Math.min(maxRetryMs, delay * 2);
      out.next('RESYNC');
    }
  }

  // Pending = local documents after the upstream checkpoint that differ from what the desk knows the
  // server holds (documents that came from the server are not pending), counted up to a cap.
  let counting = false;
  let again = false;
  async function countPending(): Promise<void> {
    if (counting) return void (again = true);
    counting = true;
    try {
      let pending = 0;
      for (const r of replications) {
        const internal = r.internalReplicationState;
        if (!internal) continue;
        const checkpoint = await getLastCheckpointDoc(internal, 'up');
        const changed = await getChangedDocumentsSince(internal.input.forkInstance, PENDING_CAP + 1, checkpoint as never);
        const docs = changed.documents as unknown as StoredDoc[];
        pending += docs.length - (await heldByServer(internal, docs)).size;
      }
      if (!stopper.signal.aborted) update({ pending: Math.min(pending, PENDING_CAP) });
    } catch {
      // The database is closing; the count simply stays as it was.
    } finally {
      counting = false;
      if (again) {
        again = false;
        void countPending();
      }
    }
  }
  let countTimer: ReturnType<typeof setTimeout> | undefined;
  const scheduleCount = () => {
    countTimer ??= setTimeout(() => {
      countTimer = undefined;
      void countPending();
    }, 300);
  };
  for (const name of REPLICATED_COLLECTIONS) subs.push((db[name] as unknown as RxCollection<unknown>).$.subscribe(scheduleCount));
  for (const r of replications) subs.push(r.active$.subscribe(scheduleCount));
  const poll = setInterval(() => void countPending(), 5_000);

  // Attachment bodies travel beside the events (body-transfer.ts): the uploader runs where replication runs
  // (the leading window) and tries after every push or pull that brought or sent something.
  const idb = opts.indexedDB ?? globalThis.indexedDB;
  const eventsReplication = replications[REPLICATED_COLLECTIONS.indexOf('events')];
  const bodies = idb
    ? startBodyTransfer(db, bodyStoreFor(db, idb), {
        syncUrl: base,
        fetch: fetchImpl,
        retryMs,
        events: eventsReplication,
        leader: (opts.waitForLeadership ?? true) ? () => db.waitForLeadership() : undefined,
      })
    : undefined;
  if (bodies) for (const r of replications) subs.push(r.active$.subscribe((active) => active || bodies.uploader.poke()));

  const onOnline = () => {
    replications.forEach((r) => r.reSync());
    bodies?.uploader.poke();
  };
  globalThis.addEventListener?.('online', onOnline);

  return {
    state$: state$.asObservable(),
    pulled$: pulled$.asObservable(),
    firstPart,
    async awaitUsable() {
      const config = replications[REPLICATED_COLLECTIONS.indexOf('config')];
      await config?.awaitInSync();
      return firstPart;
    },
    get state() {
      return state$.value;
    },
    async awaitInSync() {
      await Promise.all(replications.map((r) => r.awaitInSync()));
      await countPending();
    },
    resync() {
      replications.forEach((r) => r.reSync());
    },
    useAdminSession(session) {
      adminSession = session;
    },
    ...(bodies ? { bodies } : {}),
    async stop() {
      stopper.abort();
      bodies?.stop();
      clearInterval(poll);
      if (countTimer) clearTimeout(countTimer);
      globalThis.removeEventListener?.('online', onOnline);
      subs.forEach((s) => s.unsubscribe());
      await Promise.all(replications.map((r) => r.cancel()));
      update({ online: false });
      state$.complete();
      pulled$.complete();
    },
  };
}

// ——— The desk's one running replication, driven by the connection stored on this computer ———

/** Where the connection lives: a local (never replicated) document of the desk database. */
const CONNECTION_KEY = 'sync-connection';

/** The host call (src-renderer/bridge/host.ts); Node tests pass a host of their own. */
export type HostCall = typeof callHost;

/** What the page keeps of its server link: no token (the host keeps it). Older desks stored `token` here too. */
interface StoredConnection {
  serverUrl: string;
  enrolment?: string;
  token?: string;
}

export interface ServerConnection {
  serverUrl: string;
  syncUrl: string;
  enrolment: string;
}

export interface LinkOptions {
  host?: HostCall;
  profile?: string;
}

/**
 * The desk's server link. An older desk kept the desk token in this page store: on first start it is handed to
 * the host (`sync.adopt`) and deleted here, keeping the same replication (its tag is derived from the old token).
 */
export async function getServerConnection(db: DeskDatabase, opts: LinkOptions = {}): Promise<ServerConnection | undefined> {
  const host = opts.host ?? callHost;
  const profile = opts.profile ?? deskProfile();
  const doc = await db.getLocal<StoredConnection>(CONNECTION_KEY);
  if (!doc) return undefined;
  const stored = doc.toJSON().data;
  if (!stored.serverUrl) return undefined;
  if (stored.token) {
    const adopted = await host('sync.adopt', { profile, serverUrl: stored.serverUrl, token: stored.token });
    // Without a host the token stays until one answers: deleting it would cut the desk off its server.
    if (!adopted.ok || !adopted.value) return undefined;
    const enrolment = tokenTag(stored.token);
    await db.upsertLocal<StoredConnection>(CONNECTION_KEY, { serverUrl: stored.serverUrl, enrolment });
    return { serverUrl: adopted.value.serverUrl, syncUrl: adopted.value.syncUrl, enrolment };
  }
  if (!stored.enrolment) return undefined;
  const link = await host('sync.link', { profile });
  return link.ok && link.value ? { serverUrl: link.value.serverUrl, syncUrl: link.value.syncUrl, enrolment: stored.enrolment } : undefined;
}

const NOT_CONFIGURED: SyncState = { configured: false, online: false, pending: 0, refused: 0 };
const current$ = new BehaviorSubject<SyncState>(NOT_CONFIGURED);
let running: { db: DeskDatabase; replication: DeskReplication; sub: Subscription } | undefined;
const pulledAny$ = new Subject<ReplicatedCollection>();

/** The status of this desk's replication, for the status bar. */
export const deskSyncState$: Observable<SyncState> = current$.asObservable();
/** A pull of this desk's running replication completed (the projector's reconciliation listens). */
export const deskPulled$: Observable<ReplicatedCollection> = pulledAny$.asObservable();
export function currentDeskSyncState(): SyncState {
  return current$.value;
}
/** The running replication's body transfer for this database (the case page downloads through it). */
export function deskBodies(db: DeskDatabase): BodyTransfer | undefined {
  return running?.db === db ? running.replication.bodies : undefined;
}

/** Starts replication for this desk if a server is configured (idempotent). */
export async function ensureDeskSync(db: DeskDatabase, overrides: Partial<DeskReplicationOptions> & LinkOptions = {}): Promise<DeskReplication | undefined> {
  if (running?.db === db) return running.replication;
  const { host, profile, ...replicationOverrides } = overrides;
  const connection = await getServerConnection(db, { ...(host ? { host } : {}), ...(profile ? { profile } : {}) });
  if (!connection) return undefined;
  if (running?.db === db) return running.replication;
  await stopDeskSync();
  const identity = await getDeskIdentity(db);
  const replication = startDeskReplication(db, { ...connection, ...(identity ? { orgId: identity.orgId } : {}), ...replicationOverrides });
  const sub = replication.state$.subscribe((s) => current$.next(s));
  sub.add(replication.pulled$.subscribe((name) => pulledAny$.next(name)));
  running = { db, replication, sub };
  return replication;
}

export async function stopDeskSync(): Promise<void> {
  const r = running;
  running = undefined;
  if (!r) return;
  r.sub.unsubscribe();
  await r.replication.stop();
  current$.next(NOT_CONFIGURED);
}

/**
 * "Join a server": enrols with a one-time code, stores the connection, takes on the desk identity the
 * server assigned, starts replication and waits until the organisation's configuration has arrived.
 */
export async function joinServer(
  db: DeskDatabase,
  input: { serverUrl: string; code: string; deskName?: string },
  overrides: Partial<DeskReplicationOptions> & LinkOptions = {},
): Promise<Omit<EnrolResponse, 'token'>> {
  const host = overrides.host ?? callHost;
  const profile = overrides.profile ?? deskProfile();
  // The host enrols and keeps the token (src-main/desk-link.ts); the answer carries everything else.
  const enrolled = await host('sync.enrol', {
    profile,
    serverUrl: baseUrl(input.serverUrl),
    code: input.code,
    ...(input.deskName ? { deskName: input.deskName } : {}),
  });
  if (!enrolled.ok) throw new SyncHttpError({ code: enrolled.error.code, message: enrolled.error.message });
  const { serverUrl: _server, syncUrl: _sync, ...enrolment } = enrolled.value;
  await db.upsertLocal<StoredConnection>(CONNECTION_KEY, { serverUrl: enrolled.value.serverUrl, enrolment: newEnrolmentTag() });
  await setDeskIdentity(db, { orgId: enrolment.orgId, siteId: enrolment.siteId, deskId: enrolment.deskId });
  // A new enrolment offers every event again (a restored server heals); the bodies too, asked about one by one.
  const idb = overrides.indexedDB ?? globalThis.indexedDB;
  if (idb) await bodyStoreFor(db, idb).recheckUploaded();
  if (enrolment.caseNumbers?.length) await keepCaseNumberFloor(db, enrolment.caseNumbers);
  await stopDeskSync();
  // Usable first (issue 14 item 1): the join returns once the configuration is in and the cases the desk
  // needs first are folded; the history is held back until then (so it does not compete with that fold)
  // and follows in the background, its progress in the status bar.
  let releaseHistory!: () => void;
  const historyAfter = new Promise<void>((resolve) => (releaseHistory = resolve));
  try {
    const replication = await ensureDeskSync(db, { historyAfter, ...overrides, host, profile });
    const caseIds = (await replication?.awaitUsable()) ?? [];
    // Folded by this desk's projector (any window's: the cases collection is shared); a process that runs
    // none (a simulated desk in Node) has nothing to wait for.
    if (projectorOf(db) && caseIds.length) await casesReady(db, caseIds);
  } finally {
    releaseHistory();
  }
  return enrolment;
}

/** A fresh, random tag for a new enrolment (names its replication; not a secret). */
function newEnrolmentTag(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
