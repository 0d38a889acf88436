import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serializeBackup } from '../../src-shared/backup-format';
import { bridgeInputs } from '../../src-shared/bridge';
import { dispatchBridgeCall } from '../../src-main/dispatch';
import { HostError } from '../../src-main/host-error';
import { signedRequestHeaders } from '../../src-main/desk-link';
import { storedLanguage } from '../../src-main/settings';
import { testHost } from './host';

// Every bridge handler called as a plain function, then through the validating dispatcher both transports use.

describe('bridge handlers as plain functions', () => {
  it('app.info tells the page which host it runs in and where the data lives', async () => {
    const h = testHost();
    expect(await h.handlers['app.info']({})).toEqual({ version: '0.1.0', host: 'electron', dataFolder: h.dataFolder });
  });

  it('notify.show passes the alert and its escalation roles to the OS notifier', async () => {
    const h = testHost();
    const input = { title: '超时：HZ01-20261127-007', body: '回复时限已过', urgency: 'critical' as const, caseId: 'c1', roles: ['主管'] };
    expect(await h.handlers['notify.show'](input)).toEqual({ shown: true });
    expect(h.notified).toEqual([input]);
  });

  it('settings.get returns defaults; settings.set stores them in the file', async () => {
    const h = testHost();
    const first = await h.handlers['settings.get']({});
    expect(first).toMatchObject({ serverUrl: '', language: 'zh-CN', backupKeep: 14, backupEveryHours: 24 });
    expect(first.backupFolder).toBe(join(h.dataFolder, 'backups'));
    const next = await h.handlers['settings.set']({ serverUrl: 'http://127.0.0.1:8787', printer: '前台打印机', startAtLogin: true });
    expect(next).toMatchObject({ serverUrl: 'http://127.0.0.1:8787', printer: '前台打印机', startAtLogin: true });
    expect(readFileSync(join(h.dataFolder, 'settings.json'), 'utf8')).toContain('127.0.0.1:8787');
    expect(h.settingsChanges).toHaveLength(1);
    expect(await h.handlers['settings.get']({})).toMatchObject({ serverUrl: 'http://127.0.0.1:8787', printer: '前台打印机' });
  });

  it("sync.adopt takes a page-held token into the secret store; no answer carries it, and the host signs only its own server's API", async () => {
    const h = testHost();
    expect(await h.handlers['sync.link']({ profile: 'default' })).toBeNull();
    const adopted = await h.handlers['sync.adopt']({ profile: 'default', serverUrl: 'http://127.0.0.1:8787/', token: 'dt_secret_abcdef' });
    expect(adopted).toEqual({ serverUrl: 'http://127.0.0.1:8787', syncUrl: 'http://desk-host.invalid/sync/default' });
    expect(await h.handlers['sync.link']({ profile: 'default' })).toEqual(adopted);
    expect(await h.handlers['sync.link']({ profile: 'other' })).toBeNull();
    for (const f of ['settings.json']) expect(existsSync(join(h.dataFolder, f)) ? readFileSync(join(h.dataFolder, f), 'utf8') : '').not.toContain('dt_secret');
    expect(JSON.stringify(await h.handlers['settings.get']({}))).not.toContain('dt_secret');
    expect(signedRequestHeaders(h.links, 'http://127.0.0.1:8787/api/v1/events/pull?seq=0', { Accept: '*/*', authorization: 'Bearer forged' })).toEqual({
      Accept: '*/*',
      Authorization: 'Bearer dt_secret_abcdef',
    });
    for (const elsewhere of ['http://127.0.0.1:8788/api/v1/events/pull', 'http://evil.example/api/v1/events/pull', 'http://127.0.0.1:8787/docs']) {
      expect(signedRequestHeaders(h.links, elsewhere, { Accept: '*/*' }), elsewhere).toEqual({ Accept: '*/*' });
    }
  });

  it('the stored language can be read before the app is ready (Chromium --lang), zh-CN by default', async () => {
    const h = testHost();
    expect(storedLanguage(h.dataFolder)).toBe('zh-CN');
    await h.handlers['settings.set']({ language: 'en' });
    expect(storedLanguage(h.dataFolder)).toBe('en');
  });

  it('refuses a relative archive or backup folder and changes nothing', async () => {
    const h = testHost();
    await expect(h.handlers['settings.set']({ printer: 'P1', backupFolder: 'backups' })).rejects.toThrow(/full path/);
    const r = await dispatchBridgeCall(h.handlers, 'settings.set', { archiveFolder: '../x' });
    expect(r.ok === false && r.error.message['zh-CN']).toMatch(/归档文件夹必须是完整路径/);
    expect((await h.handlers['settings.get']({})).printer).toBe('');
    expect((await h.handlers['settings.set']({ backupFolder: join(h.dataFolder, 'elsewhere') })).backupFolder).toBe(join(h.dataFolder, 'elsewhere'));
  });

  it('the field-encryption key is created once and then stays the same', () => {
    const h = testHost();
    const key = h.settings.fieldKey();
    expect(Buffer.from(key, 'base64')).toHaveLength(32);
    expect(h.settings.fieldKey()).toBe(key);
  });

  it('printers.list returns the host printers', async () => {
    expect(await testHost().handlers['printers.list']({})).toEqual([{ name: '前台打印机', isDefault: true }]);
  });

  it('backup.write, backup.list and backup.read round-trip a desk export, sealed with the backup passphrase', async () => {
    const h = testHost();
    const content = serializeBackup({ events: [], config: [], createdAt: 1 });
    // No passphrase yet: nothing is written, and the page is told why.
    await expect(h.handlers['backup.write']({ content, manual: false })).rejects.toThrow(HostError);
    expect(await h.handlers['backup.list']({})).toEqual([]);
    // Too short a passphrase changes nothing.
    await expect(h.handlers['settings.set']({ backupPassphrase: '1234567', printer: 'P1' })).rejects.toThrow(/at least 8/);
    expect(await h.handlers['settings.get']({})).toMatchObject({ hasBackupPassphrase: false, printer: '' });

    const set = await h.handlers['settings.set']({ backupPassphrase: '前台备份口令 2026' });
    expect(set.hasBackupPassphrase).toBe(true);
    expect(JSON.stringify(set)).not.toContain('前台备份口令');
    // Only the derived key is kept, in the secret store; the passphrase is nowhere on disk.
    for (const f of ['settings.json', 'secrets.json'])
      expect(readFileSync(join(h.dataFolder, f), 'utf8')).not.toContain(Buffer.from('前台备份口令 2026').toString('base64'));
    expect(readFileSync(join(h.dataFolder, 'settings.json'), 'utf8')).not.toContain('前台备份口令');

    const written = await h.handlers['backup.write']({ content, manual: false });
    expect(existsSync(join(h.dataFolder, 'backups', written.name))).toBe(true);
    expect(readFileSync(join(h.dataFolder, 'backups', written.name)).includes(Buffer.from('jiesu.desk-backup'))).toBe(false);
    expect((await h.handlers['backup.list']({})).map((b) => b.name)).toEqual([written.name]);
    expect(await h.handlers['backup.read']({ name: written.name })).toEqual({ content });
    expect(await h.handlers['backup.read']({ name: written.name, passphrase: '前台备份口令 2026' })).toEqual({ content });
    await expect(h.handlers['backup.read']({ name: written.name, passphrase: '别的口令 2026' })).rejects.toThrow(/passphrase is wrong/);
  });

  it('replacing the backup passphrase needs the one in force; a chosen file opens like a listed one (issue 10)', async () => {
    const h = testHost();
    await h.handlers['settings.set']({ backupPassphrase: '前台备份口令 2026' });
    const content = serializeBackup({ events: [], config: [], createdAt: 1 });
    const written = await h.handlers['backup.write']({ content, manual: true });
    const file = readFileSync(join(h.dataFolder, 'backups', written.name));
    // Someone who does not know the current passphrase cannot reseal the desk's future backups.
    for (const current of [undefined, '猜的口令 12345']) {
      await expect(
        h.handlers['settings.set']({ backupPassphrase: '新的备份口令 2027', ...(current ? { currentBackupPassphrase: current } : {}) }),
      ).rejects.toThrow(/current backup passphrase is wrong/);
    }
    expect(await h.handlers['backup.open']({ file: file.toString('base64') })).toEqual({ content });
    await h.handlers['settings.set']({ backupPassphrase: '新的备份口令 2027', currentBackupPassphrase: '前台备份口令 2026' });
    // The file sealed under the old passphrase now needs it typed; the new one does not open it.
    await expect(h.handlers['backup.open']({ file: file.toString('base64') })).rejects.toThrow(/another backup passphrase/);
    await expect(h.handlers['backup.open']({ file: file.toString('base64'), passphrase: '新的备份口令 2027' })).rejects.toThrow(/passphrase is wrong/);
    expect(await h.handlers['backup.open']({ file: file.toString('base64'), passphrase: '前台备份口令 2026' })).toEqual({ content });
    const tampered = Buffer.from(file);
    tampered[tampered.length - 5]! ^= 1;
    await expect(h.handlers['backup.open']({ file: tampered.toString('base64'), passphrase: '前台备份口令 2026' })).rejects.toThrow(/integrity/);
  });

  it('tray.update shows the warning and breached counts', async () => {
    const h = testHost();
    expect(await h.handlers['tray.update']({ warning: 2, breached: 1 })).toEqual({ shown: true });
    expect(h.trays).toEqual([{ warning: 2, breached: 1 }]);
  });

  it('documents.* answer a clear error until the documents service is wired, then delegate to it', async () => {
    const h = testHost();
    await expect(h.handlers['documents.render']({ document: 'notice', data: {} })).rejects.toBeInstanceOf(HostError);
    const calls: string[] = [];
    const withDocs = testHost({
      'documents.render': async (i) => (calls.push(`render:${i.document}`), { pdfBase64: 'JVBERi0=', pages: 1, fileName: 'n.pdf', renderId: 'r1' }),
      'documents.print': async (i) => (calls.push(`print:${i.document}`), { printed: true }),
      'documents.save': async (i) => (calls.push(`save:${i.folder}`), { path: '/tmp/x.pdf' }),
    });
    expect((await withDocs.handlers['documents.render']({ document: 'notice', data: {} })).pages).toBe(1);
    expect(await withDocs.handlers['documents.print']({ document: 'notice', data: {} })).toEqual({ printed: true });
    expect(await withDocs.handlers['documents.save']({ document: 'archive', data: {}, folder: 'HZ01-20261127-007' })).toEqual({ path: '/tmp/x.pdf' });
    expect(calls).toEqual(['render:notice', 'print:notice', 'save:HZ01-20261127-007']);
  });

  it('every channel of the contract has a handler', () => {
    expect(Object.keys(testHost().handlers).sort()).toEqual(Object.keys(bridgeInputs).sort());
  });
});

describe('dispatchBridgeCall validates before any handler runs', () => {
  it('refuses invalid input with a sentence in both languages and changes nothing', async () => {
    const h = testHost();
    const r = await dispatchBridgeCall(h.handlers, 'settings.set', { serverUrl: 'not a url', printer: 'x' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('bridge.input');
      expect(r.error.message['zh-CN']).toMatch(/请求的内容无效，未做任何改动/);
      expect(r.error.message.en).toMatch(/nothing was changed/);
    }
    expect((await h.handlers['settings.get']({})).printer).toBe('');
  });

  it('refuses unknown keys, unknown channels and prototype tricks', async () => {
    const h = testHost();
    expect((await dispatchBridgeCall(h.handlers, 'app.info', { extra: 1 })).ok).toBe(false);
    const unknown = await dispatchBridgeCall(h.handlers, 'shell.openExternal', {});
    expect(unknown.ok === false && unknown.error.code).toBe('bridge.channel');
    expect((await dispatchBridgeCall(h.handlers, 'constructor', {})).ok).toBe(false);
    expect((await dispatchBridgeCall(h.handlers, 'backup.read', { name: '../../etc/passwd' })).ok).toBe(false);
    expect((await dispatchBridgeCall(h.handlers, 'notify.show', { title: '', body: 'x', urgency: 'info' })).ok).toBe(false);
  });

  it('turns handler failures into BridgeErrors: HostError as is, anything else as host.internal without details', async () => {
    const h = testHost();
    const missing = await dispatchBridgeCall(h.handlers, 'backup.read', { name: 'jiesu-backup-20261127-010203-004-auto.jbak' });
    expect(missing.ok === false && missing.error.message['zh-CN']).toMatch(/备份文件「.*」不存在/);
    const logged: unknown[] = [];
    const boom = await dispatchBridgeCall(
      { ...h.handlers, 'app.info': async () => Promise.reject(new Error('disk on fire /home/x')) },
      'app.info',
      {},
      { error: (...d) => logged.push(d) },
    );
    expect(boom.ok === false && boom.error.code).toBe('host.internal');
    expect(JSON.stringify(boom)).not.toContain('disk on fire');
    expect(logged).toHaveLength(1);
  });

  it('a valid call answers ok with the handler value', async () => {
    const h = testHost();
    expect(await dispatchBridgeCall(h.handlers, 'tray.update', { warning: 1, breached: 0 })).toEqual({ ok: true, value: { shown: true } });
  });
});
