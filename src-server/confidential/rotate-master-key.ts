import { closeSync, copyFileSync, constants, existsSync, fsyncSync, linkSync, openSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname } from 'node:path';
import type { Database } from '../db/types';
import { Keyring, checkDataKeys, rewrapDataKeys } from './keyring';
import { MASTER_KEY_BYTES, MasterKeyError, pendingKeyFile, readKeyFile, resolveMasterKeys, type MasterKeySource } from './master-key';

// `admin rotate-master-key` (docs/operations.md "更换主密钥", docs/decisions.md). Only the wrapped data keys
// change (one row per organisation, in one transaction); events stay as they are. Keys the operator gives
// (JIESU_MASTER_KEY…): the new key is already the current one and the old one a previous one, so this only
// re-wraps. The embedded default's key file: the command makes the new key itself, in steps that each leave a
// state every server start opens (the `.new` file is an unwrapping key until it has taken the key file's place):
//   1. `<keyfile>.new` written (temporary file, fsync, hard link: never overwritten, never half-written)
//   2. every row re-wrapped with it, in one transaction
//   3. the old key kept as `<keyfile>.retired-<UTC yyyymmddHHMMSS>` (a hard link: the key file never goes missing)
//   4. `.new` renamed over the key file.

export type RotationStep = 'new-key-written' | 'row-rewrapped' | 'rewrapped' | 'old-key-kept';

export interface RotationResult {
  /** 'embedded': the command replaced the default key file; 'configured': it re-wrapped under the key the operator set. */
  mode: 'embedded' | 'configured';
  rows: number;
  rewrapped: number;
  /** Rows still needing a previous key afterwards (an instance not yet on the new key wrapped a new one meanwhile). */
  stillPrevious: number;
  /** The old key file's new name (embedded). */
  retired?: string;
  /** A rotation that had stopped half-way was finished. */
  resumed: boolean;
}

export interface RotationOptions {
  /** Now, for the retired file's name. */
  now: number;
  /** Called after each step; tests throw from it to stop the rotation there as a crash would. */
  onStep?: (step: RotationStep) => void;
}

const refuse = (zh: string, en: string) => new MasterKeyError(`未做任何更改：${zh} / Nothing was changed: ${en}`);

export async function rotateMasterKey(db: Database, src: MasterKeySource, opts: RotationOptions): Promise<RotationResult> {
  const keys = resolveMasterKeys(src, !(await Keyring.hasWrappedKeys(db)));
  const previous = keys.previous.map((p) => p.key);
  const step = opts.onStep ?? (() => undefined);
  // Every row must open before anything is written: a key missing now would be missing after the rotation too.
  const verify = () =>
    new Keyring(db, keys.key, previous).verify().catch((e: unknown) => {
      throw e instanceof MasterKeyError ? new MasterKeyError(`${e.message} 未做任何更改。/ Nothing was changed.`) : e;
    });

  if (!keys.defaultFile) {
    const same = keys.previous.find((p) => p.key.equals(keys.key));
    if (same)
      throw refuse(
        `旧主密钥（${same.source}）与当前主密钥相同，请把新主密钥设为 JIESU_MASTER_KEY（或 JIESU_MASTER_KEY_FILE）。`,
        `the previous key (${same.source}) equals the current master key; set the new key as JIESU_MASTER_KEY (or JIESU_MASTER_KEY_FILE).`,
      );
    if (previous.length === 0)
      throw refuse(
        '没有设置旧主密钥。请把新主密钥设为 JIESU_MASTER_KEY（或 JIESU_MASTER_KEY_FILE），旧主密钥设为 JIESU_MASTER_KEY_PREVIOUS（或 JIESU_MASTER_KEY_PREVIOUS_FILE），再运行本命令（docs/operations.md）。',
        'no previous master key is set. Set the new key as JIESU_MASTER_KEY (or JIESU_MASTER_KEY_FILE) and the old one as JIESU_MASTER_KEY_PREVIOUS (or JIESU_MASTER_KEY_PREVIOUS_FILE), then run this command (docs/operations.md).',
      );
    await verify();
    const r = await rewrapDataKeys(db, keys.key, previous, () => step('row-rewrapped'));
    step('rewrapped');
    const after = await checkDataKeys(db, [keys.key]);
    return { mode: 'configured', ...r, stillPrevious: after.unopened.length, resumed: false };
  }

  await verify();
  const file = keys.defaultFile;
  const pending = pendingKeyFile(file);
  const resumed = keys.unfinished !== undefined;
  const next = resumed ? readKeyFile(pending) : randomBytes(MASTER_KEY_BYTES);
  if (next.equals(keys.key))
    throw refuse(
      `${pending} 中的新主密钥与当前主密钥相同；请删除该文件后重新运行。`,
      `the new key in ${pending} equals the current master key; delete that file and run again.`,
    );
  if (!resumed) writeNewKeyFile(pending, next);
  step('new-key-written');

  const r = await rewrapDataKeys(db, next, [keys.key, ...previous], () => step('row-rewrapped'));
  step('rewrapped');
  // The database is single-process (folder lock), so nothing can have wrapped a row with another key meanwhile.
  const after = await checkDataKeys(db, [next]);
  if (after.unopened.length > 0)
    throw new MasterKeyError(
      `重新包装后仍有 ${after.unopened.length} 个数据密钥打不开，密钥文件没有更换；请再运行一次。 / ${after.unopened.length} data keys do not open after re-wrapping; the key file was not replaced. Run the command again.`,
    );

  const retired = retiredName(file, opts.now);
  keepOldKey(file, retired);
  step('old-key-kept');
  renameSync(pending, file);
  syncFolder(dirname(file));
  return { mode: 'embedded', ...r, stillPrevious: 0, retired, resumed };
}

/** Writes the key so that `file` either does not exist or holds the whole key, and is never overwritten. */
function writeNewKeyFile(file: string, key: Buffer): void {
  const temp = `${file}.tmp`;
  // A leftover temporary file is from a run that stopped before the link: it wrapped nothing.
  if (existsSync(temp)) unlinkSync(temp);
  const fd = openSync(temp, 'wx', 0o600);
  try {
    writeFileSync(fd, `${key.toString('base64')}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  linkSync(temp, file);
  unlinkSync(temp);
  syncFolder(dirname(file));
}

/** `<keyfile>.retired-<UTC yyyymmddHHMMSS>`, with a counter when a rotation in the same second kept one already. */
function retiredName(file: string, now: number): string {
  const stamp = new Date(now).toISOString().replace(/\D/g, '').slice(0, 14);
  let name = `${file}.retired-${stamp}`;
  for (let n = 2; existsSync(name); n++) name = `${file}.retired-${stamp}-${n}`;
  return name;
}

function keepOldKey(file: string, retired: string): void {
  try {
    linkSync(file, retired);
  } catch {
    // A file system without hard links: a copy, as private as the original.
    copyFileSync(file, retired, constants.COPYFILE_EXCL);
  }
  syncFolder(dirname(file));
}

/** Makes a rename or link durable (a folder cannot be opened for fsync on Windows: there it is skipped). */
function syncFolder(folder: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(folder, 'r');
    fsyncSync(fd);
  } catch {
    // Best effort.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** What the command prints: counts and the next step, in zh-CN and English; never a key. */
export function rotationReport(r: RotationResult): string[] {
  const lines = [
    `数据密钥 ${r.rows} 个，本次重新包装 ${r.rewrapped} 个，其余已是当前主密钥包装的。 / ${r.rows} data keys; ${r.rewrapped} re-wrapped now, the rest were already wrapped with the current master key.`,
  ];
  if (r.resumed) lines.push('上次没有完成的主密钥更换已完成。 / The rotation that had stopped half-way is finished.');
  if (r.mode === 'embedded') {
    lines.push(
      `新主密钥已写入密钥文件；旧主密钥保存为 ${r.retired}。 / The key file now holds the new master key; the old one is kept as ${r.retired}.`,
      '下一步：启动服务器；把新密钥文件另行备份；旧密钥文件要保留到更换之前做的数据库备份全部过期为止（恢复那些备份需要它），之后再删除。 / Next: start the server and back up the new key file; keep the retired file as long as you keep database backups made before today (restoring them needs it), then delete it.',
    );
  } else if (r.stillPrevious > 0) {
    lines.push(
      `仍有 ${r.stillPrevious} 个数据密钥需要旧主密钥：还有实例在用旧主密钥运行。请把所有实例换上新主密钥后再运行一次。 / ${r.stillPrevious} data keys still need a previous key: an instance still runs on the old key. Restart every instance on the new key and run this again.`,
    );
  } else {
    lines.push(
      '下一步：逐个重启各实例，去掉 JIESU_MASTER_KEY_PREVIOUS / JIESU_MASTER_KEY_PREVIOUS_FILE；旧主密钥要保留到更换之前做的数据库备份全部过期为止。 / Next: restart the instances one by one without JIESU_MASTER_KEY_PREVIOUS(_FILE); keep the old key as long as you keep database backups made before today.',
    );
  }
  return lines;
}
