import { dispatchBridgeCall } from '../../src-main/dispatch';
import type { BridgeChannel, BridgeResult } from '../../src-shared/bridge';
import type { HostCall } from '../../src-renderer/data/replication';
import { testHost } from '../electron/host';

// A desk's host in Node: the real host handlers and desk link (src-main/desk-link.ts) of the browser shell,
// without its HTTP. The page's sync requests to `http://desk-host.invalid/sync/<profile>/…` go through the
// host's relay, which adds the desk token the page never sees; everything else goes out unchanged.

export interface NodeDeskHost {
  call: HostCall;
  fetch: typeof fetch;
  /** The desk token the host holds, for tests that play a hostile desk with it. */
  token(profile?: string): string | undefined;
}

export function nodeDeskHost(network: typeof fetch = fetch): NodeDeskHost {
  const host = testHost(undefined, network);
  const relayFetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const match = /^\/sync\/([^/]+)(\/.*)$/.exec(url.pathname);
    if (url.host !== 'desk-host.invalid' || !match) return network(input, init);
    return host.links.relay(match[1]!, match[2]! + url.search, new Request(url, init));
  }) as typeof fetch;
  return {
    call: (async (channel: BridgeChannel, input: unknown) => dispatchBridgeCall(host.handlers, channel, input)) as unknown as HostCall,
    fetch: relayFetch,
    token: (profile = 'default') => host.links.token(profile),
  };
}

export type { BridgeResult };
