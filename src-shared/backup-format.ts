import { z } from 'zod';
import { parseEvent } from './domain/parse';
import type { CaseEvent } from './domain/events';
import { configDocSchema, type ConfigDoc } from './sync/contract';
import { bridgeError, type BridgeError } from './bridge';
import type { MessageCode } from './i18n/validation';
import { crc32Step } from './crc32';

// The desk backup file (issue 6 "Backups"): one JSON document holding every event and configuration
// document of a desk, plus a checksum. The renderer writes it through `backup.write`; a restore reads it
// back, validates *everything* before writing anything, and only then fills an empty desk, so a corrupt
// file leaves the desk exactly as it was. Pure TypeScript: used by the renderer, the main process and tests.
// On disk the host seals this text with the backup passphrase (src-main/backup-crypto.ts): the CRC here
// catches damage, the seal catches tampering and forgery.

export const BACKUP_FORMAT = 'jiesu.desk-backup';
export const BACKUP_VERSION = 1;

export interface BackupDesk {
  orgId: string;
  deskId: string;
  deskCode: string;
}

/**
 * An attachment body the server does not hold yet (issue 13): without it in the backup, a restore would
 * bring back the attachment's event but not its file. Bodies the server holds are downloaded again on demand.
 */
export interface BackupBody {
  hash: string;
  type: string;
  /** The bytes, base64. */
  data: string;
}

export interface DeskBackup {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  createdAt: number;
  desk?: BackupDesk;
  counts: { events: number; config: number; bodies?: number };
  /** CRC-32 (hex) of `JSON.stringify([events, config])`, or of `[events, config, bodies]` when it has bodies. */
  checksum: string;
  events: CaseEvent[];
  config: ConfigDoc[];
  bodies?: BackupBody[];
}

const bodySchema = z.strictObject({ hash: z.string().regex(/^[0-9a-f]{64}$/), type: z.string().max(200), data: z.base64() });

const envelopeSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.number().int(),
  createdAt: z.number().int(),
  desk: z.strictObject({ orgId: z.string().max(64), deskId: z.string().max(64), deskCode: z.string().max(12) }).optional(),
  counts: z.strictObject({ events: z.number().int().min(0), config: z.number().int().min(0), bodies: z.number().int().min(0).optional() }),
  checksum: z.string().regex(/^[0-9a-f]{8}$/),
  events: z.array(z.unknown()),
  config: z.array(z.unknown()),
  bodies: z.array(z.unknown()).optional(),
});

/** What the checksum covers: the bodies too when the backup carries some (older backups had none). */
function checksummed(events: readonly unknown[], config: readonly unknown[], bodies: readonly unknown[] | undefined): string {
  return crc32(JSON.stringify(bodies && bodies.length > 0 ? [events, config, bodies] : [events, config]));
}

/** CRC-32 over the UTF-16 code units of a string: catches truncation and bit rot, not tampering. */
export function crc32(text: string): string {
  let crc = 0xffffffff;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    crc = crc32Step(crc32Step(crc, code & 0xff), code >>> 8);
  }
  return ((crc ^ 0xffffffff) >>> 0).toString(16).padStart(8, '0');
}

/** Serialises a desk's events and configuration as a backup file's text. */
export function serializeBackup(input: {
  events: readonly CaseEvent[];
  config: readonly ConfigDoc[];
  desk?: BackupDesk;
  createdAt: number;
  bodies?: readonly BackupBody[];
}): string {
  const bodies = input.bodies && input.bodies.length > 0 ? [...input.bodies] : undefined;
  const backup: DeskBackup = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt: input.createdAt,
    ...(input.desk ? { desk: input.desk } : {}),
    counts: { events: input.events.length, config: input.config.length, ...(bodies ? { bodies: bodies.length } : {}) },
    checksum: checksummed(input.events, input.config, bodies),
    events: [...input.events],
    config: [...input.config],
    ...(bodies ? { bodies } : {}),
  };
  return JSON.stringify(backup);
}

export type BackupParseResult = { ok: true; value: DeskBackup } | BackupRefusal;

export type BackupRefusal = { ok: false; error: BridgeError };

/**
 * A refused backup: a code of the catalogue's backup namespace (src-shared/i18n/messages/backup.ts), whose
 * every refusal says in both languages that the desk was left as it was.
 */
export function backupRefusal(code: MessageCode & `backup.${string}`, detail?: object): BackupRefusal {
  return { ok: false, error: bridgeError(code, detail) };
}

/** Validates a backup file completely (envelope, checksum, every event and config document). Never throws. */
export function parseBackup(text: string): BackupParseResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return backupRefusal('backup.notJson');
  }
  if (typeof raw !== 'object' || raw === null || (raw as { format?: unknown }).format !== BACKUP_FORMAT) {
    return backupRefusal('backup.notBackup');
  }
  if ((raw as { version?: unknown }).version !== BACKUP_VERSION) {
    return backupRefusal('backup.version');
  }
  const envelope = envelopeSchema.safeParse(raw);
  if (!envelope.success) {
    return backupRefusal('backup.envelope');
  }
  const env = envelope.data;
  if (env.events.length !== env.counts.events || env.config.length !== env.counts.config) {
    return backupRefusal('backup.counts', { expected: env.counts.events, actual: env.events.length });
  }
  if ((env.bodies?.length ?? 0) !== (env.counts.bodies ?? 0)) {
    return backupRefusal('backup.counts', { bodies: true, expected: env.counts.bodies ?? 0, actual: env.bodies?.length ?? 0 });
  }
  if (checksummed(env.events, env.config, env.bodies) !== env.checksum) {
    return backupRefusal('backup.checksum');
  }
  const events: CaseEvent[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < env.events.length; i++) {
    const parsed = parseEvent(env.events[i]);
    if (!parsed.ok) {
      return backupRefusal('backup.event', { index: i + 1, first: parsed.errors[0]?.message });
    }
    if (seen.has(parsed.value.id)) {
      return backupRefusal('backup.duplicate', { index: i + 1 });
    }
    seen.add(parsed.value.id);
    events.push(parsed.value);
  }
  const config: ConfigDoc[] = [];
  for (let i = 0; i < env.config.length; i++) {
    const parsed = configDocSchema.safeParse(env.config[i]);
    if (!parsed.success) {
      return backupRefusal('backup.config', { index: i + 1 });
    }
    config.push(parsed.data);
  }
  const bodies: BackupBody[] = [];
  for (let i = 0; i < (env.bodies?.length ?? 0); i++) {
    const parsed = bodySchema.safeParse(env.bodies![i]);
    if (!parsed.success) return backupRefusal('backup.body', { index: i + 1 });
    bodies.push(parsed.data);
  }
  return {
    ok: true,
    value: {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      createdAt: env.createdAt,
      ...(env.desk ? { desk: env.desk } : {}),
      counts: env.counts,
      checksum: env.checksum,
      events,
      config,
      ...(bodies.length > 0 ? { bodies } : {}),
    },
  };
}

/** Where a restore writes; the renderer implements it over RxDB, tests over arrays. */
export interface RestoreTarget {
  countEvents(): Promise<number>;
  insertEvents(events: readonly CaseEvent[]): Promise<void>;
  putConfig(docs: readonly ConfigDoc[]): Promise<void>;
}

export type RestoreResult = { ok: true; events: number; config: number } | BackupRefusal;

/**
 * Restores a backup into an empty desk. Validates the whole file first, and `accept` may refuse a valid
 * file the caller cannot use (a desk restore needs the desk's identity), so a refused file writes nothing.
 */
export async function restoreBackup(
  text: string,
  target: RestoreTarget,
  accept?: (backup: DeskBackup) => BackupRefusal | undefined | Promise<BackupRefusal | undefined>,
): Promise<RestoreResult> {
  const parsed = parseBackup(text);
  if (!parsed.ok) return parsed;
  const refused = await accept?.(parsed.value);
  if (refused) return refused;
  if ((await target.countEvents()) > 0) {
    return backupRefusal('backup.notEmpty');
  }
  await target.putConfig(parsed.value.config);
  await target.insertEvents(parsed.value.events);
  return { ok: true, events: parsed.value.events.length, config: parsed.value.config.length };
}

/**
 * The slice of an RxDB collection the desk's backup needs, typed structurally so this module does not
 * depend on RxDB (the renderer passes its collections; tests may pass anything shaped the same).
 */
export interface BackupCollection {
  find(): { exec(): Promise<{ toJSON(): unknown }[]> };
  count(): { exec(): Promise<number> };
  bulkInsert(docs: never[]): Promise<{ error: unknown[] }>;
}

export interface BackupDatabase {
  events: BackupCollection;
  config: BackupCollection;
}

/** Serialises every event and configuration document of a desk database as a backup file's text. */
export async function exportDeskBackup(db: BackupDatabase, createdAt: number, desk?: BackupDesk, bodies?: readonly BackupBody[]): Promise<string> {
  const events = (await db.events.find().exec()).map((d) => d.toJSON() as CaseEvent).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const config = (await db.config.find().exec()).map((d) => {
    const { _deleted: _ignored, ...doc } = d.toJSON() as ConfigDoc;
    return { ...doc, _deleted: false } as ConfigDoc;
  });
  return serializeBackup({ events, config, createdAt, ...(desk ? { desk } : {}), ...(bodies ? { bodies } : {}) });
}

/** A restore target over the desk's RxDB collections; inserts in batches and fails loudly on any refusal. */
export function databaseRestoreTarget(db: BackupDatabase, batch = 2_000): RestoreTarget {
  const insertAll = async (collection: BackupCollection, docs: readonly object[]) => {
    for (let i = 0; i < docs.length; i += batch) {
      const result = await collection.bulkInsert(docs.slice(i, i + batch) as never[]);
      if (result.error.length > 0) throw new Error(`restore: ${result.error.length} documents were refused`);
    }
  };
  return {
    countEvents: () => db.events.count().exec(),
    insertEvents: (events) => insertAll(db.events, events),
    // RxDB keeps deletion state itself; the stored config document has no `_deleted` field.
    putConfig: (docs) =>
      insertAll(
        db.config,
        docs.filter((d) => !d._deleted).map(({ _deleted: _ignored, ...doc }) => doc),
      ),
  };
}
