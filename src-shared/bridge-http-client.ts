import { bridgeError, type BridgeChannel, type BridgeError, type BridgeInput, type BridgeResult, type JiesuBridge } from './bridge';

// The browser shell's side of the host bridge (docs/architecture.md §The host bridge and the browser shell): the same
// `JiesuBridge` the Electron preload exposes, spoken over HTTP to the shell on 127.0.0.1. The page calls
// `window.jiesu ?? createHttpBridge(location.origin)`. Pure fetch/EventSource, no Node or Electron.

export const BRIDGE_HTTP_PREFIX = '/bridge/';
export const BRIDGE_EVENTS_PATH = '/bridge-events';
export const HOST_EVENTS = ['backup.due', 'intake.open', 'navigate'] as const;
export type HostEvent = (typeof HOST_EVENTS)[number];

/**
 * The page lost its local host (the program that serves it was closed or crashed). The clerk is told what
 * stopped working and what to do in plain words, never a command or a network error (issue 11 findings
 * 10, 12); the technical detail goes to the console for whoever supports the desk.
 */
function unreachable(detail: string): BridgeError {
  console.warn(`host bridge unreachable: ${detail}`);
  return bridgeError('host.unreachable');
}

function isBridgeResult(value: unknown): value is BridgeResult<BridgeChannel> {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { ok?: unknown; error?: unknown };
  return v.ok === true ? 'value' in v : v.ok === false && typeof v.error === 'object' && v.error !== null;
}

export function createHttpBridge(origin: string, fetchImpl: typeof fetch = (...args) => globalThis.fetch(...args)) {
  const base = origin.replace(/\/+$/, '');
  let source: EventSource | undefined;
  const listeners = new Map<HostEvent, Set<(payload: unknown) => void>>();

  function ensureSource(): void {
    if (source || typeof EventSource === 'undefined') return;
    source = new EventSource(`${base}${BRIDGE_EVENTS_PATH}`);
    for (const name of HOST_EVENTS) {
      source.addEventListener(name, (ev) => {
        let payload: unknown;
        try {
          payload = JSON.parse((ev as MessageEvent<string>).data);
        } catch {
          return;
        }
        for (const l of listeners.get(name) ?? []) l(payload);
      });
    }
  }

  const bridge = {
    async call<C extends BridgeChannel>(channel: C, input: BridgeInput<C>): Promise<BridgeResult<C>> {
      let response: Response;
      try {
        response = await fetchImpl(`${base}${BRIDGE_HTTP_PREFIX}${channel}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(input),
          credentials: 'same-origin',
        });
      } catch (err) {
        return { ok: false, error: unreachable(err instanceof Error ? err.message : String(err)) };
      }
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        return { ok: false, error: unreachable(`HTTP ${response.status}`) };
      }
      if (!isBridgeResult(body)) return { ok: false, error: unreachable(`HTTP ${response.status}`) };
      return body as BridgeResult<C>;
    },
    on(event: HostEvent, listener: (payload: unknown) => void): () => void {
      ensureSource();
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => {
        set.delete(listener);
        if ([...listeners.values()].every((s) => s.size === 0)) {
          source?.close();
          source = undefined;
        }
      };
    },
  } satisfies JiesuBridge;
  return bridge;
}
