import { bridgeError, bridgeInputs, type BridgeChannel, type BridgeError, type BridgeHandlers, type BridgeResult } from '../src-shared/bridge';
import { fieldErrorsOf } from '../src-shared/domain/parse';
import { HostError } from './host-error';

// The one entry point both transports (Electron IPC, the browser shell's HTTP) call: it refuses unknown
// channels, validates the input with the channel's zod schema before any handler runs, and turns every
// failure into a BridgeError with zh-CN and en sentences. Never throws.

export function isBridgeChannel(name: string): name is BridgeChannel {
  return Object.prototype.hasOwnProperty.call(bridgeInputs, name);
}

export interface DispatchLog {
  error(...data: unknown[]): void;
}

export async function dispatchBridgeCall(handlers: BridgeHandlers, channel: string, input: unknown, log?: DispatchLog): Promise<BridgeResult<BridgeChannel>> {
  if (!isBridgeChannel(channel)) {
    const name = channel.slice(0, 60);
    return { ok: false, error: bridgeError('bridge.channel', { name }) };
  }
  const parsed = bridgeInputs[channel].safeParse(input);
  if (!parsed.success) {
    // The first field error's sentence is appended: enough to tell what was wrong.
    const first = fieldErrorsOf(parsed.error)[0];
    return { ok: false, error: bridgeError('bridge.input', { first: first?.message }) };
  }
  try {
    // The schema for `channel` produced `parsed.data`, so the handler for `channel` accepts it.
    const handler = handlers[channel] as (input: unknown) => Promise<unknown>;
    const value = await handler(parsed.data);
    return { ok: true, value } as BridgeResult<BridgeChannel>;
  } catch (err) {
    if (err instanceof HostError) return { ok: false, error: err.bridgeError };
    // Other modules' errors (e.g. the documents service's DocumentError) carry their own BridgeError.
    const maybe = err as { bridgeError?: BridgeError; toBridgeError?: () => BridgeError } | null;
    if (maybe && typeof maybe === 'object') {
      if (maybe.bridgeError) return { ok: false, error: maybe.bridgeError };
      if (typeof maybe.toBridgeError === 'function') return { ok: false, error: maybe.toBridgeError() };
    }
    log?.error(`bridge ${channel} failed`, err);
    return { ok: false, error: bridgeError('host.internal') };
  }
}
