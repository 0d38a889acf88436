import { indexedDB } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src-shared/domain/attachments';
import { openBodyStore } from './body-store';
import { createBodyDownloader } from './body-downloader';

// Fetching another desk's body (issue 13): kept only when the bytes hash to the address, fetched once when
// asked for twice, and "not yet" or "failed" without keeping anything.

let serial = 0;
function jpeg(): Uint8Array<ArrayBuffer> {
  const b = new Uint8Array(500);
  b.set([0xff, 0xd8, 0xff, 0xe0]);
  const seed = ++serial;
  for (let i = 4; i < b.length; i++) b[i] = (i * 17 + seed * 5) & 0xff;
  return b;
}

function setUp(answer: (hash: string) => Response | Promise<Response>) {
  const store = openBodyStore(`download_${Date.now()}_${++serial}`, indexedDB);
  const gets: string[] = [];
  const fetch = (async (input: RequestInfo | URL) => {
    const hash = String(input).split('/').pop()!;
    gets.push(hash);
    return answer(hash);
  }) as typeof globalThis.fetch;
  return { store, gets, downloader: createBodyDownloader({ store, syncUrl: 'http://server.test/', fetch }) };
}

describe('body downloader', () => {
  it('keeps a body that hashes to its address, as held by the server, and fetches it once when two ask', async () => {
    const bytes = jpeg();
    const hash = await sha256Hex(bytes);
    const { store, gets, downloader } = setUp(() => new Response(bytes.slice(), { status: 200, headers: { 'content-type': 'application/octet-stream' } }));
    const [one, two] = await Promise.all([downloader.download(hash, 'image/jpeg'), downloader.download(hash, 'image/jpeg')]);
    expect([one, two]).toEqual(['stored', 'stored']);
    expect(gets).toEqual([hash]);
    // The type is the one the case's event records, not the server's label; it counts as on the server.
    expect(await store.get(hash)).toMatchObject({ type: 'image/jpeg', size: bytes.length, uploaded: 1 });
    expect(await downloader.download(hash, 'image/jpeg')).toBe('stored');
    expect(gets).toHaveLength(1);
  });

  it('keeps nothing when the bytes do not hash to the address', async () => {
    const hash = await sha256Hex(jpeg());
    const { store, downloader } = setUp(() => new Response(jpeg(), { status: 200 }));
    expect(await downloader.download(hash, 'image/jpeg')).toBe('corrupt');
    expect(await store.has(hash)).toBe(false);
  });

  it('the server has none yet, errs or cannot be reached: nothing kept, asked again next time', async () => {
    const hash = await sha256Hex(jpeg());
    const answers: (() => Response)[] = [
      () => new Response(null, { status: 404 }),
      () => new Response(null, { status: 503 }),
      () => {
        throw new TypeError('fetch failed');
      },
    ];
    const { store, gets, downloader } = setUp(() => answers.shift()!());
    expect(await downloader.download(hash, 'image/jpeg')).toBe('notYet');
    expect(await downloader.download(hash, 'image/jpeg')).toBe('failed');
    expect(await downloader.download(hash, 'image/jpeg')).toBe('failed');
    expect(gets).toHaveLength(3);
    expect(await store.has(hash)).toBe(false);
  });
});
