import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../db/types';
import {
  ADMIN_SESSION_HEADER,
  FIRST_EVENTS_PATH,
  PULL_LIMIT_MAX,
  PUSH_BATCH_MAX,
  REPLICATED_COLLECTIONS,
  pullPath,
  pushPath,
  streamPath,
  type ReplicatedCollection,
} from '../../src-shared/sync/contract';
import { ApiError, errorResponseSchema } from '../errors';
import { bearerSecurity, deskOf, requireDesk } from '../auth';
import { checkConfigRows, checkEventRows, type CheckedEvent } from '../sync/validate';
import type { DeskScope } from '../sync/scope';
import { pullEvents, pushEvents, type StoredRow, type WrittenRange } from '../sync/events-store';
import { GroupCommitter } from '../sync/group-commit';
import { CaseFolds, authoriseEvents, type AuthoriseOptions } from '../sync/authorise';
import { pullConfig, pushConfig } from '../sync/config-store';
import { latestSeq } from '../sync/seq';
import { firstEvents } from '../sync/first-events';
import { authoriseConfig } from '../sync/authorise-config';
import type { ChangeHub } from '../sync/hub';
import { CORS_HEADERS } from '../cors';
import type { Keyring } from '../confidential/keyring';

// RxDB's HTTP replication protocol (rxdb.info/replication-http): pull after a checkpoint, push rows of
// {assumedMasterState, newDocumentState} and get the conflicting master states back, and an SSE stream
// whose messages tell the desk to pull ("RESYNC"; RxDB then pulls from its last checkpoint).

const HEARTBEAT_MS = 20_000;
/** Open change streams per desk on one instance: a desk needs two (events, config), a few windows or a
 * reconnect overlapping its old socket need some more; 300 from one token were all held open. */
export const STREAMS_PER_DESK = 8;
const WAKE_DEBOUNCE_MS = 25;

const pullQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    // A checkpoint beyond a safe integer is the sender's fault (400), never a database error (500).
    seq: {
      type: 'integer',
      minimum: 0,
      maximum: Number.MAX_SAFE_INTEGER,
      default: 0,
      description: 'Checkpoint: the server sequence number of the last document the desk holds.',
    },
    limit: { type: 'integer', minimum: 1, maximum: PULL_LIMIT_MAX, default: 200 },
  },
} as const;

const pullResponse = {
  type: 'object',
  required: ['documents', 'checkpoint'],
  properties: {
    documents: { type: 'array', items: { type: 'object', additionalProperties: true } },
    checkpoint: { type: 'object', required: ['seq'], properties: { seq: { type: 'integer' } } },
    latest: { type: 'integer', description: "The organisation's sequence number now: how far the pull has to go (a joining desk's progress)." },
  },
} as const;

const firstResponse = {
  type: 'object',
  required: ['documents', 'latest'],
  properties: { documents: pullResponse.properties.documents, latest: pullResponse.properties.latest },
} as const;

const pushBody = {
  type: 'array',
  maxItems: PUSH_BATCH_MAX,
  items: {
    type: 'object',
    properties: { assumedMasterState: { type: ['object', 'null'] }, newDocumentState: { type: 'object' } },
    required: ['newDocumentState'],
  },
} as const;

/** Authorisation of pushed events (sync/authorise.ts); `authorise: false` and `groupCommit: false` only for the benches' baselines. */
export interface SyncOptions extends AuthoriseOptions {
  authorise?: boolean;
  /** false: each push written in its own transaction (sync/group-commit.ts is what the server does). */
  groupCommit?: boolean;
}

export function syncPlugin(db: Database, hub: ChangeHub, keyring: Keyring, opts: SyncOptions = {}) {
  const committer = new GroupCommitter(db, keyring);
  // The authoriser's folds of recently pushed cases, checked against what is stored on every push (sync/authorise.ts).
  const authorising: SyncOptions = { ...opts, folds: opts.folds ?? new CaseFolds() };
  const events: EventWriter =
    opts.groupCommit === false
      ? async (scope, rows, found) => ({ conflicts: await pushEvents(db, keyring, scope, rows, found) })
      : (scope, rows, found) => committer.store(scope, rows, found);
  return async function sync(app: FastifyInstance): Promise<void> {
    app.addHook('onRequest', requireDesk(db));

    app.get(
      FIRST_EVENTS_PATH,
      {
        schema: {
          tags: ['sync'],
          security: bearerSecurity,
          summary:
            'A new desk pulls these first: every event of the open cases and of the cases changed in the last month, most recently active first (capped). The ordinary pull from checkpoint 0 sends them again.',
          response: { 200: firstResponse, 401: errorResponseSchema },
        },
      },
      async (request, reply) => {
        const desk = deskOf(request);
        // The organisation's sequence is read first: the documents can only be as new or newer than it.
        const latest = await latestSeq(db, desk.orgId);
        const docs = await firstEvents(db, keyring, desk, (opts.now ?? Date.now)());
        return reply.type('application/json').send(`{"documents":[${docs.join(',')}],"latest":${latest}}`);
      },
    );

    for (const collection of REPLICATED_COLLECTIONS) {
      const tags = ['sync'];
      app.get(
        pullPath(collection),
        {
          schema: {
            tags,
            security: bearerSecurity,
            summary: `Pull ${collection} documents after a checkpoint (in server sequence order).`,
            querystring: pullQuery,
            response: { 200: pullResponse, 401: errorResponseSchema },
          },
        },
        async (request, reply) => {
          const desk = deskOf(request);
          const { seq, limit } = request.query as { seq: number; limit: number };
          const page = collection === 'events' ? await pullEvents(db, keyring, desk, seq, limit) : await pullConfig(db, desk, seq, limit);
          const latest = await latestSeq(db, desk.orgId);
          // Stored documents are already JSON: splice them instead of parsing and re-serialising.
          return reply.type('application/json').send(`{"documents":[${page.docs.join(',')}],"checkpoint":{"seq":${page.seq}},"latest":${latest}}`);
        },
      );

      app.post(
        pushPath(collection),
        {
          schema: {
            tags,
            security: bearerSecurity,
            summary: `Push ${collection} documents; returns the master state of every conflicting row (empty when all were accepted).`,
            body: pushBody,
            response: {
              200: { type: 'array', items: { type: 'object', additionalProperties: true } },
              400: errorResponseSchema,
              401: errorResponseSchema,
              403: errorResponseSchema,
              413: errorResponseSchema,
            },
          },
        },
        async (request, reply) => {
          const desk = deskOf(request);
          const rows = request.body as unknown[];
          const conflicts = await pushRows(db, events, collection, desk, rows, authorising, adminSessionToken(request));
          return reply.type('application/json').send(`[${conflicts.join(',')}]`);
        },
      );

      app.get(
        streamPath(collection),
        {
          schema: {
            tags,
            security: bearerSecurity,
            summary: `Server-sent events: "RESYNC" whenever ${collection} change for this desk (and once on connect).`,
            produces: ['text/event-stream'],
          },
        },
        (request, reply) => {
          if (hub.openFor(deskOf(request)) >= STREAMS_PER_DESK) throw new ApiError(429, 'tooManyStreams');
          reply.hijack();
          openStream(request, reply, collection, hub);
        },
      );
    }
  };
}

/** Stores a push's new events and returns its conflicts (and the numbers its group took); `found`: the rows' stored events, when read already. */
type EventWriter = (scope: DeskScope, rows: readonly CheckedEvent[], found?: readonly StoredRow[]) => Promise<{ conflicts: string[]; written?: WrittenRange }>;

async function pushRows(
  db: Database,
  events: EventWriter,
  collection: ReplicatedCollection,
  desk: ReturnType<typeof deskOf>,
  rows: unknown[],
  opts: SyncOptions,
  adminToken: string | undefined,
): Promise<string[]> {
  if (collection === 'events') {
    const checked = checkEventRows(rows, desk);
    if (!checked.ok) throw new ApiError(checked.forbidden ? 403 : 400, checked.forbidden ? 'forbidden' : 'invalidDocuments', checked.errors);
    // All or nothing, like the shape check (docs/decisions.md): a refused event stores no event of its batch,
    // and the 403 lists every refused row with its reason so the desk can set them aside and push the rest.
    if (opts.authorise !== false) {
      const authorised = await authoriseEvents(db, desk, checked.docs, opts);
      if (authorised.refused.length) throw new ApiError(403, 'eventsRefused', authorised.refused);
      // The store compares the push with the stored events the authoriser read, rather than reading them again.
      const { conflicts, written } = await events(desk, checked.docs, authorised.storedRows);
      // Stored whole as judged: the authoriser's folds of these cases move on without reading them back.
      if (conflicts.length === 0) authorised.stored(written);
      return conflicts;
    }
    return (await events(desk, checked.docs)).conflicts;
  }
  const checked = checkConfigRows(rows, desk);
  if (!checked.ok) throw new ApiError(checked.forbidden ? 403 : 400, checked.forbidden ? 'forbidden' : 'invalidDocuments', checked.errors);
  // Configuration needs an administrator session beside the desk token (sync/authorise-config.ts).
  const refused = await authoriseConfig(db, desk, checked.docs, adminToken, (opts.now ?? Date.now)());
  if (refused.length) throw new ApiError(403, 'configRefused', refused);
  return pushConfig(db, desk, checked.docs);
}

/** The administrator session token a config push carries beside the desk token (admin-sessions.ts). */
function adminSessionToken(request: FastifyRequest): string | undefined {
  const value = request.headers[ADMIN_SESSION_HEADER];
  return typeof value === 'string' && /^[A-Za-z0-9_-]{10,200}$/.test(value) ? value : undefined;
}

function openStream(request: FastifyRequest, reply: FastifyReply, collection: ReplicatedCollection, hub: ChangeHub): void {
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    // Proxies (nginx) must not buffer the stream.
    'x-accel-buffering': 'no',
    // The reply is hijacked, so the CORS hook's headers must be written here too.
    ...(request.headers.origin ? CORS_HEADERS : {}),
  });
  const send = (data: string) => {
    if (!res.writableEnded) res.write(data);
  };
  // Tell the client how soon to reconnect, and make it pull once now: it may have missed changes.
  send('retry: 3000\n\ndata: "RESYNC"\n\n');
  let pending: NodeJS.Timeout | undefined;
  const heartbeat = setInterval(() => send(': ping\n\n'), HEARTBEAT_MS);
  const unsubscribe = hub.subscribe({
    scope: deskOf(request),
    collection,
    wake() {
      // A burst of commits becomes one message.
      pending ??= setTimeout(() => {
        pending = undefined;
        send('data: "RESYNC"\n\n');
      }, WAKE_DEBOUNCE_MS);
    },
    close() {
      cleanup();
      res.end();
    },
  });
  function cleanup() {
    clearInterval(heartbeat);
    if (pending) clearTimeout(pending);
    unsubscribe();
  }
  request.raw.on('close', cleanup);
}
