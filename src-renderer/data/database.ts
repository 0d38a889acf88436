import { addRxPlugin, createRxDatabase, type RxCollection, type RxDatabase } from 'rxdb';
import { getRxStorageDexie, type RxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents';
import { RxDBLeaderElectionPlugin } from 'rxdb/plugins/leader-election';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { withGetAllQueries } from './storage-getall';
import {
  caseMigrations,
  caseSchema,
  configSchema,
  draftSchema,
  eventSchema,
  type CaseDoc,
  type DraftDoc,
  type EventDoc,
  type StoredConfigDoc,
} from './schemas';
import { configFromDocs } from './config';
import { policyByRevision } from './policy-select';
import type { Policy } from '../../src-shared/domain/policy';

// The desk store (docs/architecture.md §The desk store): RxDB over Dexie on Chromium's IndexedDB, or over
// fake-indexeddb in Node tests. Validation is done with the shared zod schemas before any insert
// (writeEvent, putConfig), so no eval-based JSON-schema validator is needed under the strict CSP.

addRxPlugin(RxDBLocalDocumentsPlugin);
// Replication and the projector run only in the leading window of a desk (projection-runner.ts).
addRxPlugin(RxDBLeaderElectionPlugin);
// A schema version bump migrates the stored documents on open (caseMigrations).
addRxPlugin(RxDBMigrationSchemaPlugin);

export interface DeskCollections {
  events: RxCollection<EventDoc>;
  cases: RxCollection<CaseDoc>;
  config: RxCollection<StoredConfigDoc>;
  drafts: RxCollection<DraftDoc>;
}
export type DeskDatabase = RxDatabase<DeskCollections>;

/** Database name for a desk: one IndexedDB database per desk profile on this computer. */
export function deskDatabaseName(profile: string): string {
  const safe =
    profile
      .toLowerCase()
      .replace(/[^a-z0-9_-]/g, '_')
      .slice(0, 40) || 'default';
  return `jiesu_${safe}`;
}

/**
 * Dexie on Chromium's IndexedDB, or Dexie over fake-indexeddb in Node tests; index-answerable queries
 * take one `getAll` (storage-getall.ts) unless `cursorQueries` asks for RxDB's plain path (the bench's baseline).
 */
export async function createDeskDatabase(
  name: string,
  storage: RxStorageDexie = getRxStorageDexie(),
  opts: { cursorQueries?: boolean } = {},
): Promise<DeskDatabase> {
  const db = await createRxDatabase<DeskCollections>({
    name,
    storage: opts.cursorQueries ? storage : withGetAllQueries(storage),
    // Several windows (wall display) share the store; only the leader replicates (docs/architecture.md).
    multiInstance: true,
    eventReduce: true,
    closeDuplicates: true,
    // The desk's own identity (which desk this computer is) lives in a local document that never replicates.
    localDocuments: true,
  });
  // The configuration first: migrating older case documents reads the cases' policy revisions from it.
  await db.addCollections({
    events: { schema: eventSchema },
    config: { schema: configSchema },
    drafts: { schema: draftSchema },
  });
  let policies: Promise<Policy[]> | undefined;
  const policyFor = async (revision: number) => {
    policies ??= db.config
      .find({ selector: { kind: 'policy' } })
      .exec()
      .then((docs) => configFromDocs(docs.map((d) => d.toJSON() as StoredConfigDoc)).policies);
    return policyByRevision(await policies, revision);
  };
  await db.addCollections({ cases: { schema: caseSchema, migrationStrategies: caseMigrations(policyFor) } });
  return db;
}
