import { indexedDB } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src-shared/domain/attachments';
import { openBodyStore, type BodyStore, type PendingBody } from './body-store';
import { createBodyUploader, IN_FLIGHT, type BodyReadiness, type BodyUploaderOptions } from './body-uploader';

// The uploader's decisions (issue 13): ask before sending, send each body once, wait for the event, back
// off after failures, keep a refusal and never send that body again, resume from the store after a restart.

const SYNC = 'http://server.test';
let serial = 0;

/** A JPEG-looking body, distinct per call. */
function body(): ArrayBuffer {
  const b = new Uint8Array(600);
  b.set([0xff, 0xd8, 0xff, 0xe0]);
  const seed = ++serial;
  for (let i = 4; i < b.length; i++) b[i] = (i * 13 + seed * 31) & 0xff;
  return b.buffer;
}

type Answer = number | 'offline' | { status: number; json: unknown };

/** A server that holds bodies by hash, answers as scripted and records every request. */
function fakeServer() {
  const held = new Map<string, number>();
  const requests: string[] = [];
  /** Scripted answers by method, used before the default behaviour (first in, first out). */
  const script: { HEAD: Answer[]; PUT: Answer[] } = { HEAD: [], PUT: [] };
  const serve = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const method = (init?.method ?? 'GET') as 'HEAD' | 'PUT';
    const hash = String(input).split('/').pop()!;
    requests.push(`${method} ${hash.slice(0, 8)}`);
    const scripted = script[method]?.shift();
    if (scripted === 'offline') throw new TypeError('fetch failed');
    if (typeof scripted === 'number') return new Response(null, { status: scripted });
    if (scripted) return new Response(JSON.stringify(scripted.json), { status: scripted.status, headers: { 'content-type': 'application/json' } });
    if (method === 'HEAD') return new Response(null, { status: held.has(hash) ? 200 : 404 });
    expect(await sha256Hex(init!.body as ArrayBuffer)).toBe(hash);
    const stored = !held.has(hash);
    held.set(hash, (held.get(hash) ?? 0) + 1);
    return new Response(JSON.stringify({ hash, stored }), { status: stored ? 201 : 200 });
  };
  return { held, requests, script, fetch: serve as typeof fetch };
}

/** Readiness by hash, set by the test (default: the event is on the server). */
function readinessOf(map: Map<string, BodyReadiness>): BodyUploaderOptions['readiness'] {
  return async (bodies: readonly PendingBody[]) => new Map(bodies.map((b) => [b.hash, map.get(b.hash) ?? 'pushed']));
}

function timers() {
  const scheduled: { ms: number; fn: () => void }[] = [];
  return { scheduled, setTimer: (fn: () => void, ms: number) => scheduled.push({ fn, ms }), clearTimer: () => undefined };
}

async function setUp(name = `uploader_${Date.now()}_${++serial}`) {
  const store = openBodyStore(name, indexedDB);
  const server = fakeServer();
  const ready = new Map<string, BodyReadiness>();
  const t = timers();
  const make = (s: BodyStore = store) =>
    createBodyUploader({ store: s, syncUrl: SYNC, fetch: server.fetch, readiness: readinessOf(ready), retryMs: 2_000, maxRetryMs: 60_000, ...t });
  return { name, store, server, ready, t, uploader: make(), make };
}

describe('body uploader', () => {
  it('asks first, sends a body once and marks it uploaded; the next pass sends nothing', async () => {
    const { store, server, uploader } = await setUp();
    const bytes = body();
    const hash = await store.put(bytes, 'image/jpeg', 1_000);
    const outcomes = await uploader.pass();
    expect(outcomes.get(hash)).toBe('uploaded');
    expect(server.requests).toEqual([`HEAD ${hash.slice(0, 8)}`, `PUT ${hash.slice(0, 8)}`]);
    expect((await store.get(hash))?.uploaded).toBe(1);
    expect(await store.notUploaded()).toEqual([]);
    await uploader.pass();
    expect(server.requests).toHaveLength(2);
    expect(server.held.get(hash)).toBe(1);
  });

  it('a body the server holds already (the same file sent by another desk) is not sent again', async () => {
    const { store, server, uploader } = await setUp();
    const bytes = body();
    const hash = await sha256Hex(bytes);
    server.held.set(hash, 1);
    await store.put(bytes, 'image/jpeg', 1_000);
    expect((await uploader.pass()).get(hash)).toBe('uploaded');
    expect(server.requests).toEqual([`HEAD ${hash.slice(0, 8)}`]);
    expect((await store.get(hash))?.uploaded).toBe(1);
  });

  it('waits for its event: nothing is sent before the event is on the server, or ever for a body no event names', async () => {
    const { store, server, ready, uploader, t } = await setUp();
    // More unreferenced bodies (a crash between keeping a body and writing its event) than one page holds:
    // they never hide the body behind them.
    for (let i = 0; i < 25; i++) ready.set(await store.put(body(), 'image/jpeg', 500 + i), 'unreferenced');
    const hash = await store.put(body(), 'image/jpeg', 1_000);
    ready.set(hash, 'unpushed');
    expect((await uploader.pass()).get(hash)).toBe('waiting');
    expect(server.requests).toEqual([]);
    // Waiting for a push is not a failure: no timer, the next push pokes the uploader.
    expect(t.scheduled).toEqual([]);
    ready.set(hash, 'pushed');
    expect((await uploader.pass()).get(hash)).toBe('uploaded');
    expect(server.requests).toEqual([`HEAD ${hash.slice(0, 8)}`, `PUT ${hash.slice(0, 8)}`]);
    // The server does not know the event after all (PUT 404): still waiting, not refused.
    const later = await store.put(body(), 'image/jpeg', 2_000);
    server.script.PUT.push({ status: 404, json: { error: 'attachmentUnknown', messages: { 'zh-CN': '…', en: '…' } } });
    expect((await uploader.pass()).get(later)).toBe('waiting');
    expect((await store.get(later))?.uploaded).toBe(0);
    expect(t.scheduled).toEqual([]);
  });

  it('no network, a server error or a revoked token: the pass stops, and is tried again after a back-off that doubles up to a minute', async () => {
    const { store, server, uploader, t } = await setUp();
    const first = await store.put(body(), 'image/jpeg', 1_000);
    const second = await store.put(body(), 'image/jpeg', 2_000);
    server.script.HEAD.push('offline', 503, 401, 'offline', 'offline', 'offline', 'offline');
    const outcomes = await uploader.pass();
    // The first failure stops the pass: the second body is not tried against a dead network.
    expect([...outcomes]).toEqual([[first, 'failed']]);
    for (let i = 0; i < 6; i++) {
      const next = t.scheduled.at(-1)!;
      next.fn();
      await expect.poll(() => t.scheduled.length).toBe(i + 2);
    }
    expect(t.scheduled.map((s) => s.ms)).toEqual([2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000]);
    expect((await store.get(first))?.uploaded).toBe(0);
    // Back: both go, and the back-off starts again from 2 s after the next failure.
    const back = await uploader.pass();
    expect(back.get(first)).toBe('uploaded');
    expect(back.get(second)).toBe('uploaded');
    server.script.HEAD.push('offline');
    await store.put(body(), 'image/jpeg', 3_000);
    await uploader.pass();
    expect(t.scheduled.at(-1)!.ms).toBe(2_000);
  });

  it("a body the server refuses keeps the server's reason and is never sent again; the bodies behind it still go", async () => {
    const { store, server, uploader, t } = await setUp();
    const refusedHash = await store.put(body(), 'image/jpeg', 1_000);
    const next = await store.put(body(), 'image/jpeg', 2_000);
    const reason = {
      'zh-CN': '文件内容与登记的类型不符，或不是允许的类型（图片、PDF、录音、Word/Excel 文档、文本），未保存。',
      en: 'The file’s bytes are not of its recorded type…',
    };
    server.script.PUT.push({ status: 415, json: { error: 'attachmentTypeRefused', messages: reason } });
    const outcomes = await uploader.pass();
    expect(outcomes.get(refusedHash)).toBe('refused');
    expect(outcomes.get(next)).toBe('uploaded');
    expect(await store.get(refusedHash)).toMatchObject({ uploaded: 2, refusal: { code: 'attachmentTypeRefused', message: reason } });
    expect(t.scheduled).toEqual([]);
    const before = server.requests.length;
    await uploader.pass();
    await uploader.pass();
    expect(server.requests).toHaveLength(before);
    expect(await store.notUploaded()).toEqual([]);
  });

  it('resumes after a restart: a new uploader on the same store sends what the first left, and nothing it sent', async () => {
    const { name, store, server, uploader, make } = await setUp();
    const sent = await store.put(body(), 'image/jpeg', 1_000);
    const left = await store.put(body(), 'image/jpeg', 2_000);
    // The first is sent, then the network goes while the second is on its way.
    server.script.PUT.push(201, 'offline');
    await uploader.pass();
    uploader.stop();
    expect((await store.get(left))?.uploaded).toBe(0);
    server.requests.length = 0;
    const reopened = make(openBodyStore(name, indexedDB));
    expect((await reopened.pass()).get(left)).toBe('uploaded');
    expect(server.requests).toEqual([`HEAD ${left.slice(0, 8)}`, `PUT ${left.slice(0, 8)}`]);
    expect(server.requests.some((r) => r.includes(sent.slice(0, 8)))).toBe(false);
  });

  it('sends the first body alone, then up to IN_FLIGHT at once; after a failure starts no other body, and those on their way finish', async () => {
    const { store, server, uploader, t } = await setUp();
    const hashes: string[] = [];
    for (let i = 0; i < 8; i++) hashes.push(await store.put(body(), 'image/jpeg', 1_000 + i));
    // Every PUT is held until the test lets it answer.
    const held: { hash: string; answer(): void }[] = [];
    const plain = server.fetch;
    const holding = (async (input: RequestInfo | URL, init?: RequestInit) => {
      if (init?.method !== 'PUT') return plain(input, init);
      await new Promise<void>((answer) => held.push({ hash: String(input).split('/').pop()!, answer }));
      return plain(input, init);
    }) as typeof fetch;
    const concurrent = createBodyUploader({ store, syncUrl: SYNC, fetch: holding, readiness: readinessOf(new Map()), retryMs: 2_000, ...t });
    uploader.stop();
    const pass = concurrent.pass();
    // The first body alone: the network is not known to work yet.
    await expect.poll(() => held.length).toBe(1);
    await new Promise((r) => setTimeout(r, 20));
    expect(held.map((h) => h.hash)).toEqual([hashes[0]]);
    expect(server.requests).toEqual([`HEAD ${hashes[0]!.slice(0, 8)}`]);
    held.shift()!.answer();
    // It went through: the next IN_FLIGHT are on their way together.
    await expect.poll(() => held.length).toBe(IN_FLIGHT);
    expect(IN_FLIGHT).toBeGreaterThan(1);
    expect(held.map((h) => h.hash)).toEqual(hashes.slice(1, 1 + IN_FLIGHT));
    // The network goes under the first of them: the others on their way finish, no new body starts.
    server.script.PUT.push('offline');
    for (const h of held.splice(0)) h.answer();
    const outcomes = await pass;
    expect(outcomes.get(hashes[1]!)).toBe('failed');
    for (const h of hashes.slice(2, 1 + IN_FLIGHT)) expect(outcomes.get(h)).toBe('uploaded');
    expect(outcomes.size).toBe(1 + IN_FLIGHT);
    expect(held).toEqual([]);
    expect(server.requests.filter((r) => r.startsWith('PUT'))).toHaveLength(1 + IN_FLIGHT);
    expect((await store.notUploaded()).map((b) => b.hash)).toEqual([hashes[1], ...hashes.slice(1 + IN_FLIGHT)]);
    expect(t.scheduled.map((s) => s.ms)).toEqual([2_000]);
    concurrent.stop();
  });
});
