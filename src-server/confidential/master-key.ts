import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';

// The master key wraps each organisation's data key (data-keys.ts). It never enters the database: it comes
// from JIESU_MASTER_KEY (base64 of 32 bytes, e.g. from a KMS or a secrets manager), from the file named by
// JIESU_MASTER_KEY_FILE, or — the embedded default — from a file beside the PGlite data folder
// (`jiesu-server-data.key` next to `jiesu-server-data/`), written on first start so `npm run server` needs
// no set-up. A copy of the data folder alone therefore holds no readable identity; a backup needs both
// (docs/operations.md "保密信息的密钥").

export const MASTER_KEY_BYTES = 32;

export class MasterKeyError extends Error {}

export interface MasterKeySource {
  /** Explicit key (tests, embedding). */
  masterKey?: Buffer;
  env?: NodeJS.ProcessEnv;
  databaseUrl?: string;
  dataDir?: string;
}

/** The default key file of a PGlite data folder: its sibling, so copying the folder does not copy the key. */
export function defaultKeyFile(dataDir: string): string {
  return `${dataDir.replace(/[\\/]+$/, '')}.key`;
}

function decode(text: string, from: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== MASTER_KEY_BYTES) {
    throw new MasterKeyError(`主密钥格式不对（${from}）：应为 32 字节的 base64 文本。 / The master key (${from}) must be 32 bytes, base64-encoded.`);
  }
  return key;
}

function readKeyFile(file: string): Buffer {
  try {
    return decode(readFileSync(file, 'utf8'), file);
  } catch (e) {
    if (e instanceof MasterKeyError) throw e;
    throw new MasterKeyError(`无法读取主密钥文件 ${file}：${(e as Error).message} / Cannot read the master key file ${file}.`);
  }
}

/**
 * The master key and where it came from. `mayCreate`: whether a missing key file may be written now — only
 * while the database holds no wrapped data key yet, since a new key could not open the old ones.
 */
export function resolveMasterKey(src: MasterKeySource, mayCreate: boolean): { key: Buffer; source: string; created: boolean } {
  if (src.masterKey) return { key: decode(src.masterKey.toString('base64'), 'option'), source: 'option', created: false };
  const env = src.env ?? process.env;
  if (env.JIESU_MASTER_KEY) return { key: decode(env.JIESU_MASTER_KEY, 'JIESU_MASTER_KEY'), source: 'JIESU_MASTER_KEY', created: false };
  const memory = !src.databaseUrl && (!src.dataDir || src.dataDir.startsWith('memory://'));
  const file = env.JIESU_MASTER_KEY_FILE || (src.databaseUrl || memory ? undefined : defaultKeyFile(src.dataDir!));
  if (!file) {
    // An in-memory database lives as long as the process: so may its key.
    if (memory) return { key: randomBytes(MASTER_KEY_BYTES), source: 'memory', created: true };
    throw new MasterKeyError(
      '使用 PostgreSQL 时必须设置主密钥：JIESU_MASTER_KEY（32 字节 base64）或 JIESU_MASTER_KEY_FILE（密钥文件路径），所有服务器实例用同一个。 / With PostgreSQL set JIESU_MASTER_KEY (32 bytes, base64) or JIESU_MASTER_KEY_FILE, the same for every instance.',
    );
  }
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
