import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseBackup, restoreBackup, serializeBackup, type RestoreTarget } from '../../src-shared/backup-format';
import { parseEvent } from '../../src-shared/domain/parse';
import type { CaseEvent } from '../../src-shared/domain/events';
import type { ConfigDoc } from '../../src-shared/sync/contract';
import type { BridgeError } from '../../src-shared/bridge';
import { backupFileName, createBackupFolder, isBackupDue, type BackupFolder } from '../../src-main/backups';
import { deriveBackupKey, sealBackup } from '../../src-main/backup-crypto';
import { HostError } from '../../src-main/host-error';
import { deskStore } from './fixtures';

const tmp = mkdtempSync(join(tmpdir(), 'jiesu-backup-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const PASSPHRASE = '前台备份口令 2026';

/** What a person's restore does: the host opens the file, the page restores it; the error shown, if any. */
async function attemptRestoreError(
  folder: BackupFolder,
  name: string,
  passphrase: string | undefined,
  desk: ReturnType<typeof memoryDesk>,
): Promise<BridgeError | undefined> {
  let content: string;
  try {
    content = folder.read(name, passphrase).content;
  } catch (e) {
    if (e instanceof HostError) return e.bridgeError;
    throw e;
  }
  const r = await restoreBackup(content, desk.target);
  return r.ok ? undefined : r.error;
}

async function attemptRestore(...args: Parameters<typeof attemptRestoreError>): Promise<string | undefined> {
  return (await attemptRestoreError(...args))?.code;
}

/** An in-memory desk: what RxDB holds, as arrays. */
function memoryDesk(initial: CaseEvent[] = []) {
  const events = [...initial];
  const config: ConfigDoc[] = [];
  const target: RestoreTarget = {
    countEvents: async () => events.length,
    insertEvents: async (e) => void events.push(...e),
    putConfig: async (d) => void config.push(...d),
  };
  return { events, config, target };
}

describe('backup and restore of a 10k-case desk', () => {
  const store = deskStore(10_000);
  // The desk's events as the renderer holds them: already validated by the shared schema.
  const original = store.events.map((e) => {
    const r = parseEvent(e);
    if (!r.ok) throw new Error(JSON.stringify(r.errors[0]));
    return r.value;
  });
  const key = deriveBackupKey(PASSPHRASE);
  const folder = createBackupFolder({ folder: () => join(tmp, 'round-trip'), keep: () => 3, key: () => key });
  let genuine = Buffer.alloc(0);

  it('writes the backup sealed through the host and restores identical events into an empty desk', async () => {
    expect(original.length).toBe(15_000);
    const text = serializeBackup({
      events: original,
      config: store.config,
      createdAt: Date.UTC(2026, 10, 27),
      desk: { orgId: 'org-demo', deskId: 'desk-hz01', deskCode: 'HZ01' },
    });
    const written = folder.write(text, true);
    genuine = readFileSync(join(tmp, 'round-trip', written.name));
    expect(written.bytes).toBe(genuine.length);
    expect(folder.list().map((b) => b.name)).toEqual([written.name]);
    // Nothing of the desk is readable on disk: no case text, no format marker, no desk code.
    for (const plain of ['电梯故障', 'jiesu.desk-backup', 'desk-hz01', '"events"']) expect(genuine.includes(Buffer.from(plain)), plain).toBe(false);

    const desk = memoryDesk();
    const result = await restoreBackup(folder.read(written.name).content, desk.target);
    expect(result).toEqual({ ok: true, events: 15_000, config: 2 });
    expect(desk.events).toEqual(original);
    expect(desk.config).toEqual(store.config);
    expect(new Set(desk.events.filter((e) => e.type === 'case.registered').map((e) => e.caseId)).size).toBe(10_000);
  });

  it('restores on a replacement machine with the passphrase, and only with it', async () => {
    // A new computer: no stored key (its keychain never held this desk's), the file copied into its folder.
    const fresh = join(tmp, 'replacement');
    const other = createBackupFolder({ folder: () => fresh, keep: () => 3, key: () => undefined });
    const name = 'jiesu-backup-20261127-080000-000-manual.jbak';
    mkdirSync(fresh, { recursive: true });
    writeFileSync(join(fresh, name), genuine);
    const desk = memoryDesk();
    expect(await attemptRestore(other, name, undefined, desk)).toBe('backup.passphraseNeeded');
    expect(await attemptRestore(other, name, '错误的口令 2026', desk)).toBe('backup.passphrase');
    expect(desk.events).toHaveLength(0);
    expect(await restoreBackup(other.read(name, PASSPHRASE).content, desk.target)).toEqual({ ok: true, events: 15_000, config: 2 });
  });

  it('refuses a wrong passphrase, a flipped byte, a cut file and forged backups with a clear message, and leaves the desk unchanged', async () => {
    const headerEnd = 12 + genuine.readUInt32BE(8);
    const flip = (at: number) => {
      const b = Buffer.from(genuine);
      b[at] = (b[at] as number) ^ 0x01;
      return b;
    };
    const forgedEvents = original.slice(0, 5).map((e) => ({ ...e, actorId: 'staff-forger' }) as CaseEvent);
    const forgedText = serializeBackup({ events: forgedEvents, config: [], createdAt: 1 });
    // The forger knows the format and even copies the genuine header (salt, check, iv) but not the key.
    const forgerKey = deriveBackupKey('伪造者自己的口令');
    const forgedSealed = sealBackup(forgedText, forgerKey);
    const underGenuineSalt = sealBackup(forgedText, { ...forgerKey, salt: key.salt, check: key.check });
    const forgedUnderGenuineHeader = Buffer.concat([genuine.subarray(0, headerEnd), underGenuineSalt.subarray(12 + underGenuineSalt.readUInt32BE(8))]);
    // A header byte changed to another valid base64 character, so the header still parses.
    const ivAt = genuine.indexOf('"iv":"') + 7;
    const headerChanged = Buffer.from(genuine);
    headerChanged[ivAt] = genuine[ivAt] === 0x41 ? 0x42 : 0x41;

    const cases: [label: string, file: Buffer, passphrase: string | undefined, code: string, message: RegExp][] = [
      ['wrong passphrase', genuine, '错误的口令 2026', 'backup.passphrase', /备份口令不正确/],
      ['one byte flipped in the middle', flip(Math.floor(genuine.length / 2)), undefined, 'backup.tampered', /未通过完整性验证/],
      ['one byte flipped at the start of the ciphertext', flip(headerEnd), undefined, 'backup.tampered', /未通过完整性验证/],
      ['one byte flipped in the tag', flip(genuine.length - 1), undefined, 'backup.tampered', /未通过完整性验证/],
      ['one byte of the header changed (the iv)', headerChanged, undefined, 'backup.tampered', /未通过完整性验证/],
      ['cut short by half', genuine.subarray(0, Math.floor(genuine.length / 2)), undefined, 'backup.tampered', /未通过完整性验证/],
      ['cut inside the header', genuine.subarray(0, headerEnd - 5), undefined, 'backup.damaged', /不完整，可能已损坏或被截断/],
      ['plain backup with a valid CRC (the old format, or a forgery)', Buffer.from(forgedText), undefined, 'backup.unsealed', /没有加密/],
      ['forged and sealed under another passphrase', forgedSealed, undefined, 'backup.passphraseNeeded', /另一个备份口令/],
      ["forged and sealed under another passphrase, this desk's passphrase typed", forgedSealed, PASSPHRASE, 'backup.passphrase', /备份口令不正确/],
      ['forged under the genuine header', forgedUnderGenuineHeader, undefined, 'backup.tampered', /未通过完整性验证/],
      ['not a backup at all', Buffer.from('PK\u0003\u0004 a zip file'), undefined, 'backup.notBackup', /不是接诉台备份文件/],
    ];
    const desk = memoryDesk();
    const bad = join(tmp, 'round-trip', 'jiesu-backup-20261127-090000-000-manual.jbak');
    for (const [label, file, passphrase, code, message] of cases) {
      writeFileSync(bad, file);
      const error = await attemptRestoreError(folder, basename(bad), passphrase, desk);
      expect(error?.code, label).toBe(code);
      expect(error?.message['zh-CN'], label).toMatch(message);
      expect(error?.message['zh-CN'], label).toMatch(/桌面数据没有任何改动/);
      expect(error?.message.en, label).toMatch(/Nothing on this desk was changed/);
    }
    expect(desk.events).toHaveLength(0);
    expect(desk.config).toHaveLength(0);
    rmSync(bad);
  });

  it('refuses a damaged export inside the seal with a clear message and leaves the desk unchanged', async () => {
    const good = serializeBackup({ events: original.slice(0, 20), config: [], createdAt: 1 });
    const desk = memoryDesk();
    const corruptions: [string, string, RegExp][] = [
      ['cut short', good.slice(0, Math.floor(good.length / 2)), /无法读取，可能已损坏或被截断/],
      ['one character changed', good.replace(/电梯故障 第(\d+)号/, '电梯故障 第x号'), /校验值不符/],
      ['not a backup', JSON.stringify({ hello: 'world' }), /不是接诉台备份文件/],
      ['future version', good.replace('"version":1', '"version":99'), /不兼容的接诉台版本/],
    ];
    for (const [label, text, message] of corruptions) {
      const r = await restoreBackup(text, desk.target);
      expect(r.ok, label).toBe(false);
      if (!r.ok) {
        expect(r.error.message['zh-CN'], label).toMatch(message);
        expect(r.error.message['zh-CN'], label).toMatch(/桌面数据没有任何改动/);
        expect(r.error.message.en, label).toMatch(/Nothing on this desk was changed/);
      }
    }
    expect(desk.events).toHaveLength(0);
    expect(desk.config).toHaveLength(0);
  });

  it('refuses a backup whose checksum matches but holds an invalid event, naming the record', () => {
    const bad = original.slice(0, 3).map((e) => ({ ...e }));
    (bad[1] as { at: number }).at = 12; // a clock in 1970: outside the allowed range
    const r = parseBackup(serializeBackup({ events: bad as CaseEvent[], config: [], createdAt: 1 }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message['zh-CN']).toMatch(/第 2 条记录无效/);
  });

  it('restores only into an empty desk, and writes nothing into a desk that has records', async () => {
    const first = original[0] as CaseEvent;
    const desk = memoryDesk([first]);
    const r = await restoreBackup(serializeBackup({ events: original.slice(0, 10), config: [], createdAt: 1 }), desk.target);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('backup.notEmpty');
    expect(desk.events).toEqual([first]);
  });

  it('the host refuses to write a corrupt backup, or any backup before a passphrase is set, so the folder never holds one', () => {
    const f = createBackupFolder({ folder: () => join(tmp, 'refuse'), keep: () => 3, key: () => key });
    expect(() => f.write('{"format":"jiesu.desk-backup"', false)).toThrow(HostError);
    const unset = createBackupFolder({ folder: () => join(tmp, 'refuse'), keep: () => 3, key: () => undefined });
    try {
      unset.write(serializeBackup({ events: [], config: [], createdAt: 1 }), true);
      expect.unreachable('written without a passphrase');
    } catch (e) {
      expect((e as HostError).bridgeError.message['zh-CN']).toMatch(/还没有设定备份口令，备份没有写入/);
    }
    expect(f.list()).toEqual([]);
  });
});

describe('backup folder rotation', () => {
  it('keeps the newest N scheduled backups and every manual export', () => {
    let t = new Date(2026, 10, 27, 8, 0, 0).getTime();
    const folder = join(tmp, 'rotate');
    const key = deriveBackupKey(PASSPHRASE);
    const f = createBackupFolder({ folder: () => folder, keep: () => 3, key: () => key, now: () => new Date((t += 3_600_000)) });
    const text = serializeBackup({ events: [], config: [], createdAt: 1 });
    const manual = f.write(text, true).name;
    const autos = Array.from({ length: 5 }, () => f.write(text, false).name);
    const names = f.list().map((b) => b.name);
    expect(names).toEqual([autos[4], autos[3], autos[2], manual]);
    expect(readdirSync(folder).sort()).toEqual([...names].sort());
  });

  it('reads only files it named, never a path outside the folder', () => {
    const folder = join(tmp, 'read');
    const f = createBackupFolder({ folder: () => folder, keep: () => 3, key: () => undefined });
    writeFileSync(join(tmp, 'secret.json'), '{}');
    for (const name of ['../secret.json', 'secret.json', 'jiesu-backup-20261127-010203-004-auto.jbak', 'jiesu-backup-20261127-010203-004-auto.json']) {
      expect(() => f.read(name)).toThrow(HostError);
    }
  });

  it('names files by local time and kind; a scheduled backup is due after the interval', () => {
    expect(backupFileName(new Date(2026, 10, 27, 9, 5, 7, 42), false)).toBe('jiesu-backup-20261127-090507-042-auto.jbak');
    expect(isBackupDue(undefined, 24, 0)).toBe(true);
    expect(isBackupDue(0, 24, 23 * 3_600_000)).toBe(false);
    expect(isBackupDue(0, 24, 24 * 3_600_000)).toBe(true);
  });
});
