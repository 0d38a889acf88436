import { contactKeyOf, lookupKeysOf, TEXT_KEY_MAX } from '../../src-shared/domain/contact-key';
import type { RxJsonSchema } from 'rxdb';
import type { CaseEvent, CaseState } from '../../src-shared/domain';
import type { Policy } from '../../src-shared/domain/policy';
import type { ConfigDoc } from '../../src-shared/sync/contract';

// RxDB JSON schemas of the desk's collections. The zod schemas in src-shared stay the validators of
// record (parseEvent, configDocSchema); these only describe storage shape and indexes for Dexie.

export type EventDoc = CaseEvent;

/** The local projection of one case plus the fields the queue filters and sorts by. */
export interface CaseDoc {
  id: string;
  number: string;
  /** 'open' until the case is closed or rejected; the queue reads this index. */
  bucket: 'open' | 'done';
  status: string;
  kind: string;
  departmentId: string;
  registeredAt: number;
  /** Next deadline of the running stage when last projected; the queue recomputes it live. */
  dueAt: number;
  flagged: boolean;
  /** Number, visible names, subject, description and demand, for search in Chinese (never a masked name). */
  search: string;
  /** The complainant's phone as a lookup key (domain/contact-key.ts), '' when they may not be looked up. */
  contact: string;
  /** The complainant's name as a lookup key (contact-key.ts nameKeyOf), '' when they may not be looked up. */
  nameKey: string;
  /** The form's place field (房号 …) as a lookup key (contact-key.ts placeKeyOf), '' when none or not to be looked up. */
  placeKey: string;
  /** The earlier case this one was linked to at intake (state.relatedCaseId), '' if none: its page lists this one. */
  related: string;
  state: CaseState;
  /**
   * The case's events while it is open (signature images left out), so the queue can run the SLA engine
   * for every open case from one query. Empty once closed or rejected; the event log stays the source.
   */
  log: CaseEvent[];
  /**
   * How many distinct events this document was folded from (case-doc.ts), skipped ones included — unlike
   * `state.eventCount`, which counts the events the fold applied. Indexed so the reconciliation pass
   * (reconcile.ts) reads it with the id from index keys alone, beside each case's stored event count.
   */
  sourceEvents: number;
}

export type StoredConfigDoc = Omit<ConfigDoc, '_deleted'>;

export interface DraftDoc {
  id: string;
  updatedAt: number;
  staffId: string;
  data: Record<string, unknown>;
}

const MAX_TIME = 9_999_999_999_999;
/** Events of one case an index can hold; far beyond any real case. */
const MAX_EVENTS = 1_000_000_000;

export const eventSchema: RxJsonSchema<EventDoc> = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 40 },
    caseId: { type: 'string', maxLength: 64 },
    orgId: { type: 'string', maxLength: 64 },
    siteId: { type: 'string', maxLength: 64 },
    deskId: { type: 'string', maxLength: 64 },
    actorId: { type: 'string', maxLength: 64 },
    type: { type: 'string', maxLength: 64 },
    at: { type: 'number', minimum: 0, maximum: MAX_TIME, multipleOf: 1 },
    payload: { type: 'object' },
    policyRevision: { type: 'number' },
    v: { type: 'number' },
  },
  required: ['id', 'caseId', 'orgId', 'siteId', 'deskId', 'actorId', 'type', 'at', 'payload', 'policyRevision', 'v'],
  indexes: ['caseId', 'at'],
} as unknown as RxJsonSchema<EventDoc>;

/**
 * The intake's look-up walks these keys only (store-reads.ts `casesMatching`): whether the case is open and
 * when it was registered come with its id from the index, so only the cases listed are read. Version 4
 * replaced [contact, registeredAt] with [contact, bucket, registeredAt].
 */
const LOOKUP_INDEXES = [
  ['contact', 'bucket', 'registeredAt'],
  ['nameKey', 'bucket', 'registeredAt'],
  ['placeKey', 'bucket', 'registeredAt'],
];

export const caseSchema: RxJsonSchema<CaseDoc> = {
  // 1: sourceEvents (issue 15's cheap reconciliation); 2: contact (the complainant's history at intake);
  // 3: related (the later cases linked to a case at intake); 4: nameKey and placeKey (the history at intake
  // by name and place as well as phone). database.ts migrates older documents (caseMigrations).
  version: 4,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 64 },
    number: { type: 'string', maxLength: 40 },
    bucket: { type: 'string', maxLength: 8 },
    status: { type: 'string', maxLength: 20 },
    kind: { type: 'string', maxLength: 64 },
    departmentId: { type: 'string', maxLength: 64 },
    registeredAt: { type: 'number', minimum: 0, maximum: MAX_TIME, multipleOf: 1 },
    dueAt: { type: 'number', minimum: 0, maximum: MAX_TIME, multipleOf: 1 },
    flagged: { type: 'boolean' },
    search: { type: 'string' },
    contact: { type: 'string', maxLength: 16 },
    related: { type: 'string', maxLength: 64 },
    nameKey: { type: 'string', maxLength: TEXT_KEY_MAX },
    placeKey: { type: 'string', maxLength: TEXT_KEY_MAX },
    state: { type: 'object' },
    log: { type: 'array', items: { type: 'object' } },
    sourceEvents: { type: 'number', minimum: 0, maximum: MAX_EVENTS, multipleOf: 1 },
  },
  required: [
    'id',
    'number',
    'bucket',
    'status',
    'kind',
    'departmentId',
    'registeredAt',
    'dueAt',
    'flagged',
    'search',
    'contact',
    'related',
    'nameKey',
    'placeKey',
    'state',
    'log',
    'sourceEvents',
  ],
  indexes: [['bucket', 'dueAt'], 'registeredAt', 'number', 'sourceEvents', ['related', 'registeredAt'], ...LOOKUP_INDEXES],
} as unknown as RxJsonSchema<CaseDoc>;

type V3 = Omit<CaseDoc, 'nameKey' | 'placeKey'>;

/**
 * Version 0 documents had no `sourceEvents`: the timeline's length stands in (the events the fold
 * applied). Where the fold skipped an event the next reconciliation pass finds the case and refolds it
 * once, which writes the true count. Version 4's place key needs the case's policy revision (which form
 * field is the place): `policyFor` reads it from the desk's stored configuration (database.ts).
 */
export function caseMigrations(policyFor: (revision: number) => Promise<Policy | undefined>) {
  return {
    1: (doc: Omit<V3, 'sourceEvents' | 'contact' | 'related'>): Omit<V3, 'contact' | 'related'> => ({ ...doc, sourceEvents: doc.state.timeline.length }),
    2: (doc: Omit<V3, 'contact' | 'related'>): Omit<V3, 'related'> => ({ ...doc, contact: contactKeyOf(doc.state) }),
    // No desk could link cases before version 3, and the fold kept no link: none to carry over.
    3: (doc: Omit<V3, 'related'>): V3 => ({ ...doc, related: doc.state.relatedCaseId ?? '' }),
    // The same keys the projector writes (caseDocOf): a closed case is never refolded, so this is its only chance.
    4: async (doc: V3): Promise<CaseDoc> => ({ ...doc, ...lookupKeysOf(doc.state, await policyFor(doc.state.policyRevision)) }),
  };
}

export const configSchema: RxJsonSchema<StoredConfigDoc> = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 140 },
    orgId: { type: 'string', maxLength: 64 },
    kind: { type: 'string', maxLength: 20 },
    rev: { type: 'number' },
    updatedAt: { type: 'number' },
    data: { type: 'object' },
  },
  required: ['id', 'orgId', 'kind', 'rev', 'updatedAt', 'data'],
  indexes: ['kind'],
} as unknown as RxJsonSchema<StoredConfigDoc>;

export const draftSchema: RxJsonSchema<DraftDoc> = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 64 },
    updatedAt: { type: 'number' },
    staffId: { type: 'string', maxLength: 64 },
    data: { type: 'object' },
  },
  required: ['id', 'updatedAt', 'staffId', 'data'],
} as unknown as RxJsonSchema<DraftDoc>;

export const NO_DUE = MAX_TIME;
