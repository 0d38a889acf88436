import { describe, expect, it, vi } from 'vitest';
import { serializeBackup } from '../../src-shared/backup-format';
import { bridgeInputs, type BridgeChannel } from '../../src-shared/bridge';
import { testHost } from './host';

// The bridge through a fake ipcMain: every channel from our own renderer's top frame works; the same call
// from another origin, from a sub-frame or without a frame is refused before any handler runs.

const ipc = vi.hoisted(() => {
  const handlers = new Map<string, (event: unknown, input: unknown) => Promise<unknown>>();
  return {
    handlers,
    ipcMain: {
      handle: (channel: string, fn: (event: unknown, input: unknown) => Promise<unknown>) => void handlers.set(channel, fn),
      removeHandler: (channel: string) => void handlers.delete(channel),
    },
  };
});
vi.mock('electron', () => ({ ipcMain: ipc.ipcMain }));

const { registerBridgeIpc } = await import('../../src-main/ipc');

const ORIGIN = 'app://desk';
const trusted = { senderFrame: { url: 'app://desk/index.html#/queue', parent: null } };
const untrustedSenders: [string, unknown][] = [
  ['another web site', { senderFrame: { url: 'https://evil.example/index.html', parent: null } }],
  ['a look-alike host', { senderFrame: { url: 'app://desk.evil/index.html', parent: null } }],
  ['a file: page', { senderFrame: { url: 'file:///tmp/index.html', parent: null } }],
  ['a sub-frame of the desk', { senderFrame: { url: 'app://desk/index.html', parent: { url: 'app://desk/index.html' } } }],
  ['a destroyed frame', { senderFrame: null }],
];

const host = testHost();
// backup.write seals with the backup passphrase's key, so this desk has one.
host.settings.set({ backupPassphrase: '前台备份口令 2026' });
const validInputs: { [C in BridgeChannel]: unknown } = {
  'app.info': {},
  'notify.show': { title: '临期提醒', body: 'HZ01-20261127-007 还有 30 分钟到期', urgency: 'warning' },
  'settings.get': {},
  'settings.set': { printer: '前台打印机' },
  'documents.render': { document: 'notice', data: {} },
  'documents.print': { document: 'notice', data: {} },
  'documents.save': { document: 'notice', data: {}, folder: 'HZ01' },
  'printers.list': {},
  'backup.write': { content: serializeBackup({ events: [], config: [], createdAt: 1 }), manual: true },
  'backup.list': {},
  'backup.read': { name: 'jiesu-backup-20261127-010203-004-auto.jbak' },
  'backup.open': { file: Buffer.from('not a backup').toString('base64') },
  'tray.update': { warning: 3, breached: 1 },
  'desk.fieldKey': {},
  // The host cannot reach this server (nothing listens on port 9), so it answers offline, not as a refused sender.
  'sync.enrol': { profile: 'default', serverUrl: 'http://127.0.0.1:9', code: 'K7QM-3XWA-PZ9D' },
  'sync.adopt': { profile: 'default', serverUrl: 'http://127.0.0.1:9', token: 'dt_old_page_token' },
  'sync.link': { profile: 'default' },
};

describe('registerBridgeIpc', () => {
  const unregister = registerBridgeIpc(host.handlers, ORIGIN, { error: () => undefined, warn: () => undefined });

  it('registers exactly one handler per bridge channel', () => {
    expect([...ipc.handlers.keys()].sort()).toEqual(
      Object.keys(bridgeInputs)
        .map((c) => `jiesu:${c}`)
        .sort(),
    );
  });

  for (const channel of Object.keys(bridgeInputs) as BridgeChannel[]) {
    it(`${channel}: answered for the desk's top frame, refused for untrusted senders`, async () => {
      const fn = ipc.handlers.get(`jiesu:${channel}`);
      if (!fn) throw new Error('not registered');
      const before = { notified: host.notified.length, trays: host.trays.length, settings: JSON.stringify(await host.handlers['settings.get']({})) };
      for (const [label, event] of untrustedSenders) {
        const r = (await fn(event, validInputs[channel])) as { ok: boolean; error?: { code: string; message: Record<string, string> } };
        expect(r.ok, label).toBe(false);
        expect(r.error?.code, label).toBe('bridge.sender');
        expect(r.error?.message['zh-CN'], label).toMatch(/拒绝了来自非接诉台页面的请求/);
      }
      // Nothing happened on the host while the untrusted calls were refused.
      expect(host.notified.length).toBe(before.notified);
      expect(host.trays.length).toBe(before.trays);
      expect(JSON.stringify(await host.handlers['settings.get']({}))).toBe(before.settings);

      const r = (await fn(trusted, validInputs[channel])) as { ok: boolean; error?: { code: string } };
      // documents.* are not wired in this host and backup.read names a file that does not exist:
      // both are answered by the handler itself (not refused as a sender).
      if (channel.startsWith('documents.')) expect(r.error?.code).toBe('documents.unavailable');
      else if (channel === 'backup.read') expect(r.error?.code).toBe('backup.missing');
      else if (channel === 'backup.open') expect(r.error?.code).toBe('backup.notBackup');
      else if (channel === 'sync.enrol') expect(r.error?.code).toBe('offline');
      else expect(r.ok).toBe(true);
    });
  }

  it('validates input arriving over IPC', async () => {
    const fn = ipc.handlers.get('jiesu:settings.set');
    const r = (await fn?.(trusted, { serverUrl: 42 })) as { ok: boolean; error?: { code: string } };
    expect(r.error?.code).toBe('bridge.input');
  });

  it('unregisters every handler', () => {
    unregister();
    expect(ipc.handlers.size).toBe(0);
  });
});
