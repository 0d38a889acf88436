import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseBackup, restoreBackup, serializeBackup, type RestoreTarget } from '../../src-shared/backup-format';
import { parseEvent } from '../../src-shared/domain/parse';
import type { CaseEvent } from '../../src-shared/domain/events';
import type { ConfigDoc } from '../../src-shared/sync/contract';
import { backupFileName, createBackupFolder, isBackupDue } from '../../src-main/backups';
import { HostError } from '../../src-main/host-error';
import { deskStore } from './fixtures';

const tmp = mkdtempSync(join(tmpdir(), 'jiesu-backup-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

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
  let fileName = '';
  const folder = createBackupFolder({ folder: () => join(tmp, 'round-trip'), keep: () => 3 });

  it('writes the backup through the host and restores identical events into an empty desk', async () => {
    expect(original.length).toBe(15_000);
    const text = serializeBackup({ events: original, config: store.config, createdAt: Date.now(), desk: { orgId: 'org-demo', deskId: 'desk-hz01', deskCode: 'HZ01' } });
    const written = folder.write(text, true);
    fileName = written.name;
    expect(written.bytes).toBe(Buffer.byteLength(text));
    expect(folder.list().map((b) => b.name)).toEqual([written.name]);

    const desk = memoryDesk();
    const result = await restoreBackup(folder.read(written.name).content, desk.target);
    expect(result).toEqual({ ok: true, events: 15_000, config: 2 });
    expect(desk.events).toEqual(original);
    expect(desk.config).toEqual(store.config);
    expect(new Set(desk.events.filter((e) => e.type === 'case.registered').map((e) => e.caseId)).size).toBe(10_000);
  });

  it('refuses a corrupt backup with a clear message and leaves the desk unchanged', async () => {
    const file = join(tmp, 'round-trip', fileName);
    const good = readFileSync(file, 'utf8');
    const desk = memoryDesk();
    const corruptions: [string, string, RegExp][] = [
      ['cut short', good.slice(0, Math.floor(good.length / 2)), /无法读取，可能已损坏或被截断/],
      ['one byte changed', good.replace('电梯故障 第5000号', '电梯故障 第5001号'), /校验值不符/],
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

  it('the host refuses to write a corrupt backup, so the folder never holds one', () => {
    const f = createBackupFolder({ folder: () => join(tmp, 'refuse'), keep: () => 3 });
    expect(() => f.write('{"format":"jiesu.desk-backup"', false)).toThrow(HostError);
    expect(f.list()).toEqual([]);
  });
});

describe('backup folder rotation', () => {
  it('keeps the newest N scheduled backups and every manual export', () => {
    let t = new Date(2026, 10, 27, 8, 0, 0).getTime();
    const folder = join(tmp, 'rotate');
    const f = createBackupFolder({ folder: () => folder, keep: () => 3, now: () => new Date((t += 3_600_000)) });
    const text = serializeBackup({ events: [], config: [], createdAt: 1 });
    const manual = f.write(text, true).name;
    const autos = Array.from({ length: 5 }, () => f.write(text, false).name);
    const names = f.list().map((b) => b.name);
    expect(names).toEqual([autos[4], autos[3], autos[2], manual]);
    expect(readdirSync(folder).sort()).toEqual([...names].sort());
  });

  it('reads only files it named, never a path outside the folder', () => {
    const folder = join(tmp, 'read');
    const f = createBackupFolder({ folder: () => folder, keep: () => 3 });
    writeFileSync(join(tmp, 'secret.json'), '{}');
    for (const name of ['../secret.json', 'secret.json', 'jiesu-backup-20261127-010203-004-auto.json']) {
      expect(() => f.read(name)).toThrow(HostError);
    }
  });

  it('names files by local time and kind; a scheduled backup is due after the interval', () => {
    expect(backupFileName(new Date(2026, 10, 27, 9, 5, 7, 42), false)).toBe('jiesu-backup-20261127-090507-042-auto.json');
    expect(isBackupDue(undefined, 24, 0)).toBe(true);
    expect(isBackupDue(0, 24, 23 * 3_600_000)).toBe(false);
    expect(isBackupDue(0, 24, 24 * 3_600_000)).toBe(true);
  });
});
