import { bridgeError, type BridgeChannel, type BridgeInput, type BridgeResult, type JiesuBridge } from '../../src-shared/bridge';

// The renderer's only way to its host (docs/architecture.md §The host bridge and the browser shell): `window.jiesu` from the Electron
// preload, else the browser shell's HTTP bridge on 127.0.0.1. When neither is there (a bare static
// page) every call answers with a clear "host not available" error instead of throwing.

declare global {
  interface Window {
    jiesu?: JiesuBridge;
  }
}

let httpBridge: Promise<JiesuBridge | undefined> | undefined;

async function loadHttpBridge(): Promise<JiesuBridge | undefined> {
  try {
    // The HTTP client belongs to the desktop shell; a glob import keeps the desk loadable without it.
    const loaders = import.meta.glob<Record<string, unknown>>('../../src-shared/bridge-http-client.ts');
    const load = Object.values(loaders)[0];
    if (!load) return undefined;
    const mod = await load();
    const factory = (mod.createHttpBridge ?? mod.createBridgeHttpClient ?? mod.httpBridge) as ((base?: string) => JiesuBridge) | JiesuBridge | undefined;
    if (typeof factory === 'function') return factory(globalThis.location?.origin);
    return factory;
  } catch {
    return undefined;
  }
}

async function bridge(): Promise<JiesuBridge | undefined> {
  if (typeof window !== 'undefined' && window.jiesu) return window.jiesu;
  httpBridge ??= loadHttpBridge();
  return httpBridge;
}

/** Calls the host; never throws. */
export async function callHost<C extends BridgeChannel>(channel: C, input: BridgeInput<C>): Promise<BridgeResult<C>> {
  const b = await bridge();
  if (!b) {
    // Said to a clerk: what does not work and what to do, no command names (issue 11 finding 12).
    return { ok: false, error: bridgeError('host.unavailable') };
  }
  try {
    return await b.call(channel, input);
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    return { ok: false, error: bridgeError('host.failed', { detail }) };
  }
}

/** Host → page events (e.g. the tray's "new intake"). */
export async function onHostEvent(event: 'backup.due' | 'intake.open' | 'navigate', listener: (payload: unknown) => void): Promise<() => void> {
  const b = await bridge();
  return b ? b.on(event, listener) : () => undefined;
}
