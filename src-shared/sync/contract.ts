import { z } from 'zod';
import { idString } from '../domain/limits';

// The replication contract both ends share (docs/architecture.md §Sync): RxDB's HTTP replication protocol.
// Pull after a server-assigned monotonic sequence, push with conflicts returned, an SSE stream that
// tells desks to pull. Events never conflict (fresh ULIDs, append-only); config documents are whole
// documents with a revision number, last writer wins. Besides the organisation's configuration, the
// `config` collection carries the small shared records of the analysis desk: the S10-14 survey tallies
// of a site and year, and the S8-10 (and other) period duties marked done.

export const SYNC_BASE = '/sync/v1';
export const REPLICATED_COLLECTIONS = ['events', 'config'] as const;
export type ReplicatedCollection = (typeof REPLICATED_COLLECTIONS)[number];

export const pullPath = (c: ReplicatedCollection) => `${SYNC_BASE}/${c}/pull`;
export const pushPath = (c: ReplicatedCollection) => `${SYNC_BASE}/${c}/push`;
export const streamPath = (c: ReplicatedCollection) => `${SYNC_BASE}/${c}/stream`;
/**
 * A new desk's first events (issue 14 item 1): the events of open and recently changed cases, before the
 * history. A prefetch beside the ordinary pull from checkpoint 0, which sends them again; answers
 * `{ documents, latest }` and moves no checkpoint (src-server/sync/first-events.ts).
 */
export const FIRST_EVENTS_PATH = `${SYNC_BASE}/events/first`;
export const ENROL_PATH = '/api/v1/enrol';

/** Server-assigned, strictly increasing per organisation. Never a client clock. */
export const checkpointSchema = z.strictObject({ seq: z.number().int().min(0) });
export type Checkpoint = z.infer<typeof checkpointSchema>;

export const PULL_LIMIT_MAX = 1000;
export const PUSH_BATCH_MAX = 500;

/** What kinds of configuration documents replicate in the `config` collection (data schemas: sync/config-kinds.ts). */
export const CONFIG_KINDS = ['organisation', 'site', 'desk', 'staff', 'policy', 'survey', 'duty'] as const;
export type ConfigKind = (typeof CONFIG_KINDS)[number];

/**
 * A configuration document: `data` is validated by the schema for its kind (sync/config-kinds.ts).
 * `id` is `${kind}:${entityId}` (a policy revision: `policy:${policyId}:${revision}`; a survey:
 * `survey:${siteId}:${year}`; a duty mark: `duty:${dutyId}:${periodKey}`).
 */
/** The server stores `rev` in a PostgreSQL `integer`: a larger one is refused (400), never a database error. */
export const CONFIG_REV_MAX = 2_147_483_647;

export const configDocSchema = z.strictObject({
  id: z
    .string()
    .min(3)
    .max(140)
    .regex(/^[a-z]+:[A-Za-z0-9_.:-]+$/),
  orgId: idString,
  kind: z.enum(CONFIG_KINDS),
  rev: z.number().int().min(0).max(CONFIG_REV_MAX),
  updatedAt: z.number().int(),
  data: z.record(z.string(), z.unknown()),
  _deleted: z.boolean().default(false),
});
export type ConfigDoc = z.infer<typeof configDocSchema>;

export interface PullResponse<D> {
  documents: D[];
  checkpoint: Checkpoint;
}

export interface PushRow<D> {
  assumedMasterState?: D | null;
  newDocumentState: D;
}

/** Push returns the master state of every row that conflicted (RxDB protocol). */
export type PushResponse<D> = D[];

/** SSE message: either documents changed after `checkpoint`, or RESYNC after a reconnect. */
export type StreamMessage<D> = PullResponse<D> | 'RESYNC';

export const enrolRequestSchema = z.strictObject({
  code: z.string().regex(/^[A-Z0-9-]{6,40}$/),
  deskName: z.string().min(1).max(100).optional(),
});
export interface EnrolResponse {
  token: string;
  orgId: string;
  siteId: string;
  deskId: string;
  deskCode: string;
  /** A re-enrolled desk: the last case number its code issued on each recent day, to continue from (issue 12). */
  caseNumbers?: string[];
}

// An administrator session (issue 10 item 2, docs/decisions.md "Configuration needs an administrator"):
// a desk asks for one with the administrator's staff id and passphrase, checked by the server; the
// session's token then travels beside the desk token on config pushes, in its own header.
export const ADMIN_SESSION_PATH = '/api/v1/admin-session';
export const ADMIN_SESSION_HEADER = 'x-jiesu-admin-session';

export const adminSessionRequestSchema = z.strictObject({
  staffId: idString,
  secret: z.string().min(1).max(200),
});
export interface AdminSessionResponse {
  token: string;
  staffId: string;
  /** Server time (ms) after which the session is refused. */
  expiresAt: number;
}

/** Attachment bodies by SHA-256 (issue 13; src-server/plugins/attachments.ts): PUT uploads, GET downloads, HEAD asks. */
export const ATTACHMENTS_BASE = `${SYNC_BASE}/attachments`;
export const attachmentPath = (hash: string) => `${ATTACHMENTS_BASE}/${hash}`;
/** What a body upload answers: `stored` is false when the server held the body already (a repeated upload). */
export interface AttachmentUploadResponse {
  hash: string;
  size: number;
  type: string;
  stored: boolean;
}
