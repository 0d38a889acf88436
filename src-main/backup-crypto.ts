import { createCipheriv, createDecipheriv, createHash, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { backupRefusal, type BackupRefusal } from '../src-shared/backup-format';

// The sealed backup file (issue 10 item 5): the desk export (src-shared/backup-format.ts) encrypted and
// authenticated with AES-256-GCM under a key derived from the backup passphrase the administrator sets
// (scrypt, a random salt kept in the file). A passphrase rather than the desk's safeStorage key, because a
// backup exists to be restored on a *replacement* machine, whose keychain never held this desk's keys
// (docs/decisions.md "Sealed backups"). The CRC inside the export catches bit rot; only the GCM tag proves
// that whoever wrote the file knew the passphrase, so a forged file with a valid CRC is refused here.
//
// Layout: MAGIC (8 bytes) · header length (uint32 BE) · header JSON · ciphertext · GCM tag (16 bytes).
// Everything before the ciphertext is the GCM additional data, so the header cannot be changed either.

const MAGIC = Buffer.from('JIESUBK1', 'ascii');
const TAG_BYTES = 16;
const PREFIX_BYTES = MAGIC.length + 4;
/** A header is a few hundred bytes; anything larger is not ours. */
const HEADER_MAX = 4096;

/**
 * The KDF and its cost are fixed by this code, never taken from the file (as for PINs, src-shared/credentials.ts):
 * a forged header cannot lower the cost or ask for gigabytes of memory. N = 2^15, r = 8 → 32 MB, ~0.1 s.
 */
const KDF = { name: 'scrypt', N: 32_768, r: 8, p: 1 } as const;
const SCRYPT_MAXMEM = 64 * 1024 * 1024;
export const BACKUP_PASSPHRASE_MIN = 8;

/** A key derived from the backup passphrase; `check` lets a wrong passphrase be told apart from an altered file. */
export interface BackupKey {
  salt: Buffer;
  key: Buffer;
  check: Buffer;
}

const headerSchema = z.strictObject({
  kdf: z.literal(KDF.name),
  N: z.literal(KDF.N),
  r: z.literal(KDF.r),
  p: z.literal(KDF.p),
  salt: z.base64().length(24),
  check: z.base64().length(24),
  iv: z.base64().length(16),
});

export function deriveBackupKey(passphrase: string, salt: Buffer = randomBytes(16)): BackupKey {
  const out = scryptSync(passphrase.normalize('NFC'), salt, 64, { N: KDF.N, r: KDF.r, p: KDF.p, maxmem: SCRYPT_MAXMEM });
  const check = createHash('sha256').update('jiesu-backup-check').update(out.subarray(32)).digest().subarray(0, 16);
  return { salt, key: out.subarray(0, 32), check };
}

/** Is `passphrase` the one `k` was derived from? (Compared in constant time.) */
export function passphraseOpens(k: BackupKey, passphrase: string): boolean {
  return timingSafeEqual(deriveBackupKey(passphrase, k.salt).check, k.check);
}

/** How the key travels through the SecretStore (safeStorage): salt, key and check, base64, dot-separated. */
export function encodeBackupKey(k: BackupKey): string {
  return [k.salt, k.key, k.check].map((b) => b.toString('base64')).join('.');
}

export function decodeBackupKey(text: string): BackupKey | undefined {
  const [salt, key, check] = text.split('.').map((p) => Buffer.from(p, 'base64'));
  return salt?.length === 16 && key?.length === 32 && check?.length === 16 ? { salt, key, check } : undefined;
}

export function sealBackup(text: string, k: BackupKey): Buffer {
  const iv = randomBytes(12);
  const header = Buffer.from(
    JSON.stringify({
      kdf: KDF.name,
      N: KDF.N,
      r: KDF.r,
      p: KDF.p,
      salt: k.salt.toString('base64'),
      check: k.check.toString('base64'),
      iv: iv.toString('base64'),
    }),
    'utf8',
  );
  const length = Buffer.alloc(4);
  length.writeUInt32BE(header.length);
  const aad = Buffer.concat([MAGIC, length, header]);
  const cipher = createCipheriv('aes-256-gcm', k.key, iv);
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return Buffer.concat([aad, body, cipher.getAuthTag()]);
}

export type OpenResult = { ok: true; text: string } | BackupRefusal;

/**
 * Opens a sealed backup with the passphrase typed for it, or else with the desk's stored key when the file
 * was sealed under it. Never throws; every refusal says that nothing on the desk was changed.
 */
export function openBackup(file: Buffer, keys: { stored?: BackupKey; passphrase?: string }): OpenResult {
  if (file.subarray(0, 1).toString('latin1') === '{') {
    return backupRefusal('backup.unsealed');
  }
  if (file.length < PREFIX_BYTES || !file.subarray(0, MAGIC.length).equals(MAGIC)) {
    return backupRefusal('backup.notBackup');
  }
  const headerLength = file.readUInt32BE(MAGIC.length);
  const damaged = backupRefusal('backup.damaged');
  if (headerLength > HEADER_MAX || file.length < PREFIX_BYTES + headerLength + TAG_BYTES) return damaged;
  let header: z.infer<typeof headerSchema>;
  try {
    const parsed = headerSchema.safeParse(JSON.parse(file.subarray(PREFIX_BYTES, PREFIX_BYTES + headerLength).toString('utf8')));
    if (!parsed.success) return damaged;
    header = parsed.data;
  } catch {
    return damaged;
  }
  const salt = Buffer.from(header.salt, 'base64');
  const k = keys.passphrase !== undefined ? deriveBackupKey(keys.passphrase, salt) : keys.stored?.salt.equals(salt) ? keys.stored : undefined;
  if (!k) {
    return backupRefusal('backup.passphraseNeeded');
  }
  if (!timingSafeEqual(k.check, Buffer.from(header.check, 'base64'))) {
    return backupRefusal('backup.passphrase');
  }
  const aadEnd = PREFIX_BYTES + headerLength;
  const decipher = createDecipheriv('aes-256-gcm', k.key, Buffer.from(header.iv, 'base64'));
  decipher.setAAD(file.subarray(0, aadEnd));
  decipher.setAuthTag(file.subarray(file.length - TAG_BYTES));
  try {
    const text = Buffer.concat([decipher.update(file.subarray(aadEnd, file.length - TAG_BYTES)), decipher.final()]).toString('utf8');
    return { ok: true, text };
  } catch {
    return backupRefusal('backup.tampered');
  }
}
