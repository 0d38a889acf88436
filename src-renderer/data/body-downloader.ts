import { attachmentPath } from '../../src-shared/sync/contract';
import type { BodyStore } from './body-store';

// Fetching a body another desk attached (issue 13, docs/architecture.md §Attachments): on demand, when the
// case page shows the file, from the server by its SHA-256; kept only when the bytes hash to it
// (`putVerified`), and then for good — the desk shows it offline from then on. A body asked for twice while
// on its way is fetched once.

export type DownloadOutcome =
  /** The body is on this desk now. */
  | 'stored'
  /** The server has no body for it yet (the attaching desk has not uploaded it): try again later. */
  | 'notYet'
  /** The bytes did not hash to the address: nothing was kept. */
  | 'corrupt'
  /** No answer, or an error that is not about this body. */
  | 'failed';

/** Long enough for 20 MB over a slow office line (1 Mbit/s: under three minutes). */
const DOWNLOAD_TIMEOUT_MS = 300_000;

export interface BodyDownloader {
  /** `confidential`: the body of a confidential case, kept encrypted (at-rest-crypto.ts). */
  download(hash: string, type: string, confidential?: boolean): Promise<DownloadOutcome>;
}

export function createBodyDownloader(opts: { store: Pick<BodyStore, 'has' | 'putVerified'>; syncUrl: string; fetch: typeof fetch }): BodyDownloader {
  const base = opts.syncUrl.replace(/\/+$/, '');
  const inFlight = new Map<string, Promise<DownloadOutcome>>();

  async function fetchOne(hash: string, type: string, confidential: boolean): Promise<DownloadOutcome> {
    if (await opts.store.has(hash)) return 'stored';
    let res: Response;
    try {
      // A link that drops packets would leave the file 下载中 for good: give up after five minutes and ask again later.
      res = await opts.fetch(base + attachmentPath(hash), { method: 'GET', signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
    } catch {
      return 'failed';
    }
    if (res.status === 404) return 'notYet';
    if (!res.ok) return 'failed';
    let bytes: ArrayBuffer;
    try {
      bytes = await res.arrayBuffer();
    } catch {
      return 'failed';
    }
    // The server's label is not trusted: the type recorded in the case's event is.
    return (await opts.store.putVerified(hash, bytes, type, Date.now(), confidential)) ? 'stored' : 'corrupt';
  }

  return {
    download(hash, type, confidential = false) {
      let p = inFlight.get(hash);
      if (!p) {
        p = fetchOne(hash, type, confidential).finally(() => inFlight.delete(hash));
        inFlight.set(hash, p);
      }
      return p;
    },
  };
}
