import type { z } from 'zod';
import { configDocSchema, type ConfigKind } from '../../src-shared/sync/contract';
import { CONFIG_DATA_SCHEMAS as dataSchemas } from '../../src-shared/sync/config-kinds';
import type { Desk, Organisation, Site, Staff } from '../../src-shared/domain/org';
import type { Policy } from '../../src-shared/domain/policy';
import { fieldErrorsOf, type FieldError } from '../../src-shared/domain/parse';
import type { DeskDatabase } from './database';
import type { StoredConfigDoc } from './schemas';

// Organisation configuration (policy revisions, staff, desks) as `config` documents per the sync contract,
// and the analysis desk's shared records (survey tallies, duty marks) the same way. Every write is
// validated with the shared zod schemas first; bad input changes nothing.

/** Kinds read by their own stores (features/analysis), not part of DeskConfig. */
const NOT_CONFIGURATION: ReadonlySet<string> = new Set<ConfigKind>(['survey', 'duty']);

export type ConfigData<K extends ConfigKind> = z.infer<(typeof dataSchemas)[K]>;

export function configId(kind: ConfigKind, entityId: string, revision?: number): string {
  return revision === undefined ? `${kind}:${entityId}` : `${kind}:${entityId}:${revision}`;
}

export type WriteResult<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/** Validates and stores one configuration document (new or replacing, with rev + 1). */
/** `orgId` is needed only for policies, whose data does not name the organisation. */
export async function putConfig<K extends ConfigKind>(
  db: DeskDatabase,
  kind: K,
  data: z.input<(typeof dataSchemas)[K]>,
  orgId?: string,
): Promise<WriteResult<ConfigData<K>>> {
  const parsed = dataSchemas[kind].safeParse(data);
  if (!parsed.success) return { ok: false, errors: fieldErrorsOf(parsed.error) };
  const value = parsed.data as ConfigData<K> & { id: string; orgId?: string };
  const id = kind === 'policy' ? configId(kind, value.id, (value as unknown as Policy).revision) : configId(kind, value.id);
  const owner = kind === 'organisation' ? value.id : (value.orgId ?? orgId);
  const existing = await db.config.findOne(id).exec();
  const doc = { id, orgId: owner ?? '', kind, rev: (existing?.rev ?? -1) + 1, updatedAt: Date.now(), data: value as Record<string, unknown> };
  const checked = configDocSchema.safeParse(doc);
  if (!checked.success) return { ok: false, errors: fieldErrorsOf(checked.error) };
  await db.config.upsert(doc);
  return { ok: true, value: parsed.data as ConfigData<K> };
}

/** The organisation's configuration as the desk sees it; documents that fail validation are skipped. */
export interface DeskConfig {
  organisation?: Organisation;
  sites: Site[];
  desks: Desk[];
  staff: Staff[];
  /** Every policy revision, oldest first. */
  policies: Policy[];
}

export function configFromDocs(docs: StoredConfigDoc[]): DeskConfig {
  const out: DeskConfig = { sites: [], desks: [], staff: [], policies: [] };
  for (const d of docs) {
    if (NOT_CONFIGURATION.has(d.kind)) continue;
    const parsed = dataSchemas[d.kind as ConfigKind]?.safeParse(d.data);
    if (!parsed?.success) continue;
    switch (d.kind) {
      case 'organisation':
        out.organisation = parsed.data as Organisation;
        break;
      case 'site':
        out.sites.push(parsed.data as Site);
        break;
      case 'desk':
        out.desks.push(parsed.data as Desk);
        break;
      case 'staff':
        out.staff.push(parsed.data as Staff);
        break;
      case 'policy':
        out.policies.push(parsed.data as Policy);
        break;
    }
  }
  out.policies.sort((a, b) => a.revision - b.revision);
  out.staff.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  return out;
}

export async function loadConfig(db: DeskDatabase): Promise<DeskConfig> {
  const docs = await db.config.find().exec();
  return configFromDocs(docs.map((d) => d.toJSON() as StoredConfigDoc));
}

/** Which desk this computer is. Kept in a local (never replicated) document. */
export interface DeskIdentity {
  orgId: string;
  siteId: string;
  deskId: string;
}

const IDENTITY_KEY = 'desk-identity';

export async function getDeskIdentity(db: DeskDatabase): Promise<DeskIdentity | undefined> {
  const doc = await db.getLocal<DeskIdentity>(IDENTITY_KEY);
  if (!doc) return undefined;
  const d = doc.toJSON().data;
  return { orgId: d.orgId, siteId: d.siteId, deskId: d.deskId };
}

export async function setDeskIdentity(db: DeskDatabase, identity: DeskIdentity): Promise<void> {
  await db.upsertLocal<DeskIdentity>(IDENTITY_KEY, identity);
}
