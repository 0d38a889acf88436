import {
  backupRefusal,
  databaseRestoreTarget,
  exportDeskBackup,
  restoreBackup,
  type BackupBody,
  type BackupCollection,
  type BackupDatabase,
  type RestoreTarget,
  type BackupRefusal,
  type DeskBackup,
  type RestoreResult,
} from '../../src-shared/backup-format';
import { sha256Hex } from '../../src-shared/domain/attachments';
import { base64ToBytes, bytesToBase64 } from '../../src-shared/base64';
import { bodyStoreFor } from './body-store';
import { localDateKey } from '../../src-shared/domain/numbering';
import { bridgeError, type BridgeError } from '../../src-shared/bridge';
import { messageFor } from '../../src-shared/i18n/validation';
import { callHost } from '../bridge/host';
import { configFromDocs, getDeskIdentity, loadConfig, setDeskIdentity, type DeskIdentity } from './config';
import type { DeskDatabase } from './database';
import { keepCaseNumberFloor } from './register';
import type { EventDoc, StoredConfigDoc } from './schemas';
import { confidentialBodies, identityAtRest, identityInClear } from './at-rest-crypto';

// Backing up and restoring the desk (issues 10 and 13: the attachment files the server lacks go with it): the page serialises its store (src-shared/backup-format.ts),
// the host seals it with the administrator's backup passphrase and writes it into the backup folder
// (src-main/backups.ts). A restore opens a sealed file — one of the folder's, or one the person chose —
// and fills an empty desk, then makes this computer that desk again.

export type BackupOutcome<T> = { ok: true; value: T } | { ok: false; error: BridgeError };

/** Writes a backup of everything this desk holds; `manual` backups are kept, scheduled ones rotate. */
export async function backUpDesk(db: DeskDatabase, manual: boolean, now = Date.now()): Promise<BackupOutcome<{ name: string; bytes: number; events: number }>> {
  const identity = await getDeskIdentity(db);
  const config = await loadConfig(db);
  const deskCode = config.desks.find((d) => d.id === identity?.deskId)?.code;
  const bodies = await bodiesNotOnTheServer(db);
  const content = await exportDeskBackup(
    inClear(db),
    now,
    identity && deskCode ? { orgId: identity.orgId, deskId: identity.deskId, deskCode } : undefined,
    bodies,
  );
  const written = await callHost('backup.write', { content, manual });
  if (!written.ok) return written;
  return { ok: true, value: { ...written.value, events: await db.events.count().exec() } };
}

/**
 * The store as a backup reads it: the events as written, confidential identities in clear. A backup is sealed
 * with the administrator's passphrase and restores on another computer, whose field key differs; the restore
 * encrypts them again under that desk's key (`atRestTarget`). Bodies are read in clear by `BodyStore.get`.
 */
function inClear(db: DeskDatabase): BackupDatabase {
  const events = db.events as unknown as BackupCollection;
  return {
    config: db.config as unknown as BackupCollection,
    events: {
      count: () => events.count(),
      bulkInsert: (docs) => events.bulkInsert(docs),
      find: () => ({
        exec: async () =>
          Promise.all(
            (await db.events.find().exec()).map(async (d) => {
              const event = await identityInClear(d.toJSON() as EventDoc);
              return { toJSON: () => event };
            }),
          ),
      }),
    },
  };
}

/** The desk's restore target, encrypting each confidential identity under this desk's key before it is written. */
function atRestTarget(db: DeskDatabase): RestoreTarget {
  const target = databaseRestoreTarget(db);
  return { ...target, insertEvents: async (events) => target.insertEvents(await Promise.all(events.map(identityAtRest))) };
}

/**
 * The attachment files the server does not hold yet (all of a desk's files while it works alone). The ones it
 * holds are left out: a restored desk downloads them again when a case shows them, and a backup of a desk
 * with years of photos stays a size a browser can write.
 */
async function bodiesNotOnTheServer(db: DeskDatabase): Promise<BackupBody[]> {
  const store = bodyStoreFor(db);
  const out: BackupBody[] = [];
  for (let page = await store.notUploaded(100); page.length > 0; page = await store.notUploaded(100, page.at(-1))) {
    for (const p of page) {
      const body = await store.get(p.hash);
      if (body) out.push({ hash: body.hash, type: body.type, data: bytesToBase64(body.bytes) });
    }
  }
  return out;
}

interface RestoredBody {
  type: string;
  bytes: ArrayBuffer;
  /** A confidential case's file: kept encrypted under this desk's key. */
  confidential: boolean;
}

/**
 * The backup's files decoded, each checked against its address; a refusal when one is not the file its
 * address names (altered, or damaged in a way the checksum missed). Decoded once, written from here.
 */
async function checkedBodies(bodies: readonly BackupBody[] | undefined, confidential: ReadonlySet<string>): Promise<RestoredBody[] | BackupRefusal> {
  const out: RestoredBody[] = [];
  for (const [i, b] of (bodies ?? []).entries()) {
    const bytes = base64ToBytes(b.data).buffer;
    if ((await sha256Hex(bytes)) !== b.hash) {
      return backupRefusal('backup.bodyHash', { index: i + 1 });
    }
    out.push({ type: b.type, bytes, confidential: confidential.has(b.hash) });
  }
  return out;
}

/** Where the backup to restore comes from: a file of this computer's backup folder, or one the person chose. */
export type RestoreSource = { name: string } | { file: ArrayBuffer };

/** Which desk of the backup's organisation this computer becomes, or a refusal when the file does not say. */
function identityOf(backup: DeskBackup): DeskIdentity | undefined {
  if (!backup.desk) return undefined;
  const desk = configFromDocs(backup.config as StoredConfigDoc[]).desks.find((d) => d.id === backup.desk?.deskId);
  return desk ? { orgId: backup.desk.orgId, siteId: desk.siteId, deskId: desk.id } : undefined;
}

/**
 * The numbers the restored desk issued on the backup's last two days: kept as the case-number floor, so
 * a registration made before the restored cases are folded does not take one of them again.
 */
function recentNumbers(backup: DeskBackup): string[] {
  const code = backup.desk?.deskCode;
  if (!code) return [];
  const offset = configFromDocs(backup.config as StoredConfigDoc[]).policies.at(-1)?.utcOffsetMinutes;
  const days = new Set([localDateKey(backup.createdAt, offset), localDateKey(backup.createdAt - 86_400_000, offset)]);
  const numbers: string[] = [];
  for (const e of backup.events) {
    if (e.type !== 'case.registered') continue;
    const number = (e.payload as { number?: unknown }).number;
    if (typeof number === 'string' && number.startsWith(`${code}-`) && days.has(number.slice(code.length + 1, code.length + 9))) numbers.push(number);
  }
  return numbers;
}

/** Restores a backup into this (empty) desk; a wrong passphrase, a damaged or forged file writes nothing. */
export async function restoreDesk(
  db: DeskDatabase,
  source: RestoreSource,
  passphrase?: string,
): Promise<BackupOutcome<{ events: number; config: number; files: number }>> {
  const secret = passphrase?.trim() ? { passphrase } : {};
  const opened =
    'name' in source
      ? await callHost('backup.read', { name: source.name, ...secret })
      : await callHost('backup.open', { file: bytesToBase64(source.file), ...secret });
  if (!opened.ok) return opened;
  let identity: DeskIdentity | undefined;
  let numbers: string[] = [];
  let bodies: RestoredBody[] = [];
  let restored: RestoreResult;
  try {
    restored = await restoreBackup(opened.value.content, atRestTarget(db), async (backup) => {
      identity = identityOf(backup);
      numbers = recentNumbers(backup);
      if (!identity) return backupRefusal('backup.noDesk');
      const checked = await checkedBodies(backup.bodies, confidentialBodies(backup.events));
      if (!Array.isArray(checked)) return checked;
      bodies = checked;
      return undefined;
    });
    // Every file was checked above; kept as waiting for the server, whose uploader asks before it sends.
    const store = bodyStoreFor(db);
    if (restored.ok) for (const b of bodies) await store.put(b.bytes, b.type, Date.now(), 0, b.confidential);
  } catch (e) {
    // The store refused a write after the file passed every check (disk full, a second window): say so.
    const detail = e instanceof Error ? e.message : String(e);
    return { ok: false, error: bridgeError('backup.store', { detail }) };
  }
  if (!restored.ok) return restored;
  if (numbers.length > 0) await keepCaseNumberFloor(db, numbers);
  if (identity) await setDeskIdentity(db, identity);
  return { ok: true, value: { events: restored.events, config: restored.config, files: bodies.length } };
}

const LAST_SCHEDULED_KEY = 'backup-last-scheduled';
const scheduledListeners = new Set<() => void>();

/** Calls `listener` after each scheduled backup (written or failed), so a screen showing backups refreshes. */
export function onScheduledBackup(listener: () => void): () => void {
  scheduledListeners.add(listener);
  return () => void scheduledListeners.delete(listener);
}

/** How the last scheduled backup went, kept on this desk so 设置 can say when it failed and why. */
export interface ScheduledBackupOutcome {
  at: number;
  ok: boolean;
  error?: BridgeError['message'];
}

/** The host's `backup.due`: writes a rotated backup and remembers how it went. */
export async function runScheduledBackup(db: DeskDatabase, now = Date.now()): Promise<ScheduledBackupOutcome> {
  let outcome: ScheduledBackupOutcome;
  try {
    const r = await backUpDesk(db, false, now);
    outcome = r.ok ? { at: now, ok: true } : { at: now, ok: false, error: r.error.message };
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    outcome = { at: now, ok: false, error: messageFor('backup.failed', '', { detail }) };
  }
  await db.upsertLocal<ScheduledBackupOutcome>(LAST_SCHEDULED_KEY, outcome);
  scheduledListeners.forEach((l) => l());
  return outcome;
}

export async function lastScheduledBackup(db: DeskDatabase): Promise<ScheduledBackupOutcome | undefined> {
  return (await db.getLocal<ScheduledBackupOutcome>(LAST_SCHEDULED_KEY))?.toJSON().data;
}
