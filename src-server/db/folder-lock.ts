import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

// One process at a time owns a PGlite data folder (issue 10 item 6). PGlite has no lock of its own:
// two servers (or a server and an admin command) on one folder both ran and the folder lost
// acknowledged events. The lock is a file created exclusively (O_EXCL) inside the folder, holding the
// owner's pid and host. A lock whose process is gone (killed, crashed) on this host is stale and taken
// over at once, so a restart after `kill -9` is never blocked. Why not proper-lockfile: its staleness is
// an mtime refreshed by a timer, and PGlite runs queries on the main thread — a long query would
// starve the timer and let a second process take a lock that is still held.

export const LOCK_FILE = 'jiesu-server.lock';

interface LockOwner {
  pid: number;
  host: string;
  since: number;
  nonce: string;
}

export interface FolderLock {
  release(): void;
}

/** A data folder that cannot be used: names the folder and the cause in zh-CN and en. */
export class DataFolderError extends Error {
  constructor(
    readonly folder: string,
    readonly reason: 'locked' | 'readOnly' | 'notAFolder' | 'full' | 'other',
    zh: string,
    en: string,
  ) {
    super(`${zh}\n${en}`);
  }
}

/** Turns a file-system error on the data folder into a sentence naming the folder and the cause. */
export function dataFolderError(folder: string, e: unknown): DataFolderError {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
    return new DataFolderError(
      folder,
      'readOnly',
      `数据文件夹 ${folder} 不可写（${code}）：请检查文件夹权限或磁盘是否只读挂载。`,
      `The data folder ${folder} is not writable (${code}): check its permissions or whether the disk is mounted read-only.`,
    );
  if (code === 'ENOTDIR' || code === 'EEXIST')
    return new DataFolderError(
      folder,
      'notAFolder',
      `数据文件夹 ${folder} 不是文件夹（该路径或其上级是一个文件，${code}）：请用 --data-dir 指定一个文件夹。`,
      `The data folder ${folder} is not a folder (the path or a parent is a file, ${code}): pass a folder with --data-dir.`,
    );
  if (code === 'ENOSPC' || code === 'EDQUOT')
    return new DataFolderError(
      folder,
      'full',
      `数据文件夹 ${folder} 所在磁盘已满（${code}）：请释放空间后再启动；已确认的数据没有丢失。`,
      `The disk holding the data folder ${folder} is full (${code}): free some space and start again; acknowledged data is not lost.`,
    );
  const message = e instanceof Error ? e.message : String(e);
  return new DataFolderError(folder, 'other', `无法使用数据文件夹 ${folder}：${message}`, `Cannot use the data folder ${folder}: ${message}`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(path: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockOwner>;
    return typeof owner.pid === 'number' && typeof owner.host === 'string' ? (owner as LockOwner) : undefined;
  } catch {
    return undefined;
  }
}

function lockedError(folder: string, path: string, owner: LockOwner | undefined): DataFolderError {
  const who = owner ? `pid ${owner.pid}，主机 ${owner.host}，自 ${new Date(owner.since).toISOString()} 起` : '另一进程正在写入锁文件';
  const whoEn = owner ? `pid ${owner.pid} on ${owner.host}, since ${new Date(owner.since).toISOString()}` : 'another process is writing the lock file';
  return new DataFolderError(
    folder,
    'locked',
    `数据文件夹 ${folder} 正被另一个接诉台服务器或管理命令使用（${who}）。请先停止它，或改用管理 API；若确认该进程已不存在，删除 ${path} 后重试。`,
    `The data folder ${folder} is in use by another Jiesu server or admin command (${whoEn}). Stop it first or use the admin API; if that process is surely gone, delete ${path} and try again.`,
  );
}

function tryCreate(path: string, owner: LockOwner): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o644);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    writeSync(fd, JSON.stringify(owner));
  } finally {
    closeSync(fd);
  }
  return true;
}

/** Takes the folder's lock (creating the folder), or throws a DataFolderError naming it and the cause. */
export function lockDataFolder(folder: string): FolderLock {
  const path = join(folder, LOCK_FILE);
  const me: LockOwner = { pid: process.pid, host: hostname(), since: Date.now(), nonce: randomBytes(8).toString('hex') };
  try {
    mkdirSync(folder, { recursive: true });
    if (!tryCreate(path, me)) {
      const owner = readOwner(path);
      // Only a lock of this host can be judged stale: a pid means nothing on another machine.
      const stale = owner !== undefined && owner.host === me.host && !alive(owner.pid);
      if (!stale) throw lockedError(folder, path, owner);
      unlinkSync(path);
      // Two processes taking over one stale lock: exactly one exclusive create wins.
      if (!tryCreate(path, me)) throw lockedError(folder, path, readOwner(path));
    }
  } catch (e) {
    throw e instanceof DataFolderError ? e : dataFolderError(folder, e);
  }
  const release = () => {
    if (!held.delete(release)) return;
    // Never remove a lock that another process has taken over meanwhile.
    if (readOwner(path)?.nonce === me.nonce) unlinkSync(path);
  };
  held.add(release);
  return { release };
}

const held = new Set<() => void>();
// A process that exits without closing its database (an error, process.exit) leaves no lock behind.
process.on('exit', () => {
  for (const release of [...held]) release();
});
