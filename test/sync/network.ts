// A switchable network for desks simulated in Node: while it is down every request fails like a pulled
// cable, and requests in flight (the SSE stream) are cut.

export interface FakeNetwork {
  fetch: typeof fetch;
  up: boolean;
  /** Every request that went out while the network was up: `METHOD path`. */
  sent: string[];
  down(): void;
  restore(): void;
}

export function fakeNetwork(): FakeNetwork {
  const inFlight = new Set<AbortController>();
  const net: FakeNetwork = {
    up: true,
    sent: [],
    fetch: async (input, init) => {
      if (!net.up) throw new TypeError('fetch failed: network is down');
      net.sent.push(
        `${init?.method ?? (input instanceof Request ? input.method : 'GET')} ${new URL(input instanceof Request ? input.url : String(input)).pathname}`,
      );
      const controller = new AbortController();
      // Remember the last requests (the open streams among them) so down() can cut them.
      inFlight.add(controller);
      if (inFlight.size > 50) inFlight.delete(inFlight.values().next().value!);
      const signal = init?.signal ? AbortSignal.any([init.signal, controller.signal]) : controller.signal;
      return fetch(input, { ...init, signal });
    },
    down() {
      net.up = false;
      for (const c of inFlight) c.abort();
      inFlight.clear();
    },
    restore() {
      net.up = true;
    },
  };
  return net;
}

export async function eventually<T>(fn: () => Promise<T | undefined | false>, timeoutMs = 20_000, what = 'condition'): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
