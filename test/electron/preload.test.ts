import { describe, expect, it, vi } from 'vitest';

// The preload exposes exactly one object, `jiesu`, with `call` and `on`, and reaches the host only through
// ipcRenderer.invoke on the `jiesu:<channel>` names ipc.ts registers.

const electron = vi.hoisted(() => {
  const exposed: Record<string, unknown> = {};
  const invoked: [string, unknown][] = [];
  const listeners = new Map<string, Set<(...a: unknown[]) => void>>();
  return {
    exposed,
    invoked,
    listeners,
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => void (exposed[key] = api) },
    ipcRenderer: {
      invoke: async (channel: string, input: unknown) => (invoked.push([channel, input]), { ok: true, value: { shown: true } }),
      on: (channel: string, l: (...a: unknown[]) => void) => void (listeners.get(channel) ?? listeners.set(channel, new Set()).get(channel))?.add(l),
      removeListener: (channel: string, l: (...a: unknown[]) => void) => void listeners.get(channel)?.delete(l),
    },
  };
});
vi.mock('electron', () => ({ contextBridge: electron.contextBridge, ipcRenderer: electron.ipcRenderer }));

await import('../../src-main/preload');

describe('preload', () => {
  it('exposes only window.jiesu with call and on', () => {
    expect(Object.keys(electron.exposed)).toEqual(['jiesu']);
    expect(Object.keys(electron.exposed.jiesu as object).sort()).toEqual(['call', 'on']);
  });

  it('call forwards to ipcRenderer.invoke on the channel name', async () => {
    const jiesu = electron.exposed.jiesu as { call: (c: string, i: unknown) => Promise<unknown> };
    expect(await jiesu.call('tray.update', { warning: 1, breached: 0 })).toEqual({ ok: true, value: { shown: true } });
    expect(electron.invoked).toEqual([['jiesu:tray.update', { warning: 1, breached: 0 }]]);
  });

  it('on delivers only the named host event, passes no Electron event object, and unsubscribes', () => {
    const jiesu = electron.exposed.jiesu as { on: (e: string, l: (p: unknown) => void) => () => void };
    const got: unknown[][] = [];
    const off = jiesu.on('intake.open', (...args) => got.push(args));
    const emit = (...a: unknown[]) => electron.listeners.get('jiesu:event')?.forEach((l) => l({ sender: 'ipc-event' }, ...a));
    emit('intake.open', { from: 'tray' });
    emit('navigate', { caseId: 'c1' });
    expect(got).toEqual([[{ from: 'tray' }]]);
    off();
    emit('intake.open', {});
    expect(got).toHaveLength(1);
    expect(jiesu.on('not-an-event', () => undefined)()).toBeUndefined();
  });
});
