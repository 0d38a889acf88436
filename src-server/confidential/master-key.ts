import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';

// The master key wraps each organisation's data key (data-keys.ts). It never enters the database: it comes
// from JIESU_MASTER_KEY (base64 of 32 bytes, e.g. from a KMS or a secrets manager), from the file named by
// JIESU_MASTER_KEY_FILE, or — the embedded default — from a file beside the PGlite data folder
// (`jiesu-server-data.key` next to `jiesu-server-data/`), written on first start so `npm run server` needs
// no set-up. A copy of the data folder alone therefore holds no readable identity; a backup needs both
// (docs/operations.md "保密信息的密钥"). Previous keys only unwrap, so a master key can be replaced with
// no downtime (rotate-master-key.ts).

export const MASTER_KEY_BYTES = 32;

export class MasterKeyError extends Error {}

export interface MasterKeySource {
  /** Explicit key (tests, embedding). */
  masterKey?: Buffer;
  /** With `masterKey`: keys that only unwrap (instead of JIESU_MASTER_KEY_PREVIOUS and …_FILE). */
  previousMasterKeys?: readonly Buffer[];
  env?: NodeJS.ProcessEnv;
  databaseUrl?: string;
  dataDir?: string;
}

/** The default key file of a PGlite data folder: its sibling, so copying the folder does not copy the key. */
export function defaultKeyFile(dataDir: string): string {
  return `${dataDir.replace(/[\\/]+$/, '')}.key`;
}

/** Where a rotation of the embedded default writes the new key before it takes the key file's place. */
export const pendingKeyFile = (keyFile: string) => `${keyFile}.new`;

/** A key with where it came from (a file path or a variable's name; never the key). */
export interface SourcedKey {
  key: Buffer;
  source: string;
}

/** The master key, and the keys that only open data keys wrapped before a rotation. */
export interface MasterKeys extends SourcedKey {
  created: boolean;
  /** JIESU_MASTER_KEY_PREVIOUS, JIESU_MASTER_KEY_PREVIOUS_FILE, and an unfinished rotation's `<keyfile>.new`. */
  previous: SourcedKey[];
  /** The embedded default's key file, which `admin rotate-master-key` replaces itself; unset for keys the operator gives. */
  defaultFile?: string;
  /** `<keyfile>.new` of a rotation of the embedded default that stopped half-way (also among `previous`). */
  unfinished?: string;
}

function decode(text: string, from: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== MASTER_KEY_BYTES) {
    throw new MasterKeyError(`主密钥格式不对（${from}）：应为 32 字节的 base64 文本。 / The master key (${from}) must be 32 bytes, base64-encoded.`);
  }
  return key;
}

export function readKeyFile(file: string): Buffer {
  try {
    return decode(readFileSync(file, 'utf8'), file);
  } catch (e) {
    if (e instanceof MasterKeyError) throw e;
    throw new MasterKeyError(`无法读取主密钥文件 ${file}：${(e as Error).message} / Cannot read the master key file ${file}.`);
  }
}

/** Previous keys from the environment: JIESU_MASTER_KEY_PREVIOUS (comma-separated) and the file of …_FILE (one a line or comma-separated). */
function previousFromEnv(env: NodeJS.ProcessEnv): SourcedKey[] {
  const list = (text: string, from: string) =>
    text
      .split(/[,\s]+/)
      .filter(Boolean)
      .map((k, i) => ({ key: decode(k, `${from} #${i + 1}`), source: `${from} #${i + 1}` }));
  const file = env.JIESU_MASTER_KEY_PREVIOUS_FILE;
  let fromFile: SourcedKey[] = [];
  if (file) {
    try {
      fromFile = list(readFileSync(file, 'utf8'), file);
    } catch (e) {
      if (e instanceof MasterKeyError) throw e;
      throw new MasterKeyError(`无法读取旧主密钥文件 ${file}：${(e as Error).message} / Cannot read the previous master key file ${file}.`);
    }
  }
  return [...list(env.JIESU_MASTER_KEY_PREVIOUS ?? '', 'JIESU_MASTER_KEY_PREVIOUS'), ...fromFile];
}

/**
 * The master key, the previous keys, and where each came from. `mayCreate`: whether a missing key file may be
 * written now — only while the database holds no wrapped data key yet, since a new key could not open the old ones.
 */
export function resolveMasterKeys(src: MasterKeySource, mayCreate: boolean): MasterKeys {
  const env = src.env ?? process.env;
  if (src.masterKey) {
    const previous = (src.previousMasterKeys ?? []).map((k, i) => ({ key: decode(k.toString('base64'), `option #${i + 1}`), source: `option #${i + 1}` }));
    return { key: decode(src.masterKey.toString('base64'), 'option'), source: 'option', created: false, previous };
  }
  const previous = previousFromEnv(env);
  if (env.JIESU_MASTER_KEY) return { key: decode(env.JIESU_MASTER_KEY, 'JIESU_MASTER_KEY'), source: 'JIESU_MASTER_KEY', created: false, previous };
  const memory = !src.databaseUrl && (!src.dataDir || src.dataDir.startsWith('memory://'));
  const file = env.JIESU_MASTER_KEY_FILE || (src.databaseUrl || memory ? undefined : defaultKeyFile(src.dataDir!));
  if (!file) {
    // An in-memory database lives as long as the process: so may its key.
    if (memory) return { key: randomBytes(MASTER_KEY_BYTES), source: 'memory', created: true, previous };
    throw new MasterKeyError(
      '使用 PostgreSQL 时必须设置主密钥：JIESU_MASTER_KEY（32 字节 base64）或 JIESU_MASTER_KEY_FILE（密钥文件路径），所有服务器实例用同一个。 / With PostgreSQL set JIESU_MASTER_KEY (32 bytes, base64) or JIESU_MASTER_KEY_FILE, the same for every instance.',
    );
  }
  if (env.JIESU_MASTER_KEY_FILE) return { ...readOrCreate(file, mayCreate), previous };
  // The embedded default: a `.new` beside it is a rotation stopped half-way, whose key may already wrap rows.
  const pending = pendingKeyFile(file);
  const unfinished = existsSync(pending) ? { key: readKeyFile(pending), source: pending } : undefined;
  return {
    ...readOrCreate(file, mayCreate),
    previous: unfinished ? [...previous, unfinished] : previous,
    defaultFile: file,
    ...(unfinished ? { unfinished: pending } : {}),
  };
}

function readOrCreate(file: string, mayCreate: boolean): { key: Buffer; source: string; created: boolean } {
  if (existsSync(file)) return { key: readKeyFile(file), source: file, created: false };
  if (!mayCreate) {
    throw new MasterKeyError(
      `找不到主密钥文件 ${file}，而数据库中已有加密的保密信息：请从备份恢复该文件。 / The master key file ${file} is missing but the database holds encrypted data: restore the file from your backup.`,
    );
  }
  const key = randomBytes(MASTER_KEY_BYTES);
  mkdirSync(dirname(file), { recursive: true });
  // Readable by the server's user only; `wx` never overwrites a key another process wrote meanwhile.
  writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  return { key, source: file, created: true };
}
