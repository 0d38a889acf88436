import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from './backends';
import { STORES } from './object-store';
import { startTestServer, demoDesk, type TestServer, type EnrolledDesk } from './setup';
import { enrol, getBody, http, push, putBody } from './client';
import { issueEnrolmentCode, revokeDesk } from '../../src-server/orgs';
import { ATTACHMENTS_BASE, attachmentPath } from '../../src-shared/sync/contract';
import { ATTACHMENT_LIMITS } from '../../src-shared/domain/attachments';
import type { CaseEvent } from '../../src-shared/domain/events';
import { makeEvent, makeRegistration, ulidAt, DAY } from '../../src-shared/domain/projection.fixtures';
import { TEST_NOW } from '../helpers/clock';

// Issue 13 slice 3: attachment bodies through the server (src-server/plugins/attachments.ts), sent as a
// hostile desk would. Each refusal is a 4xx with its reason, and the table of bodies is unchanged after it.
// Every case runs with the bodies in the database and again in an S3-compatible bucket (s3rver, object-store.ts),
// where a refusal must leave the bucket unchanged too.

const T0 = TEST_NOW - DAY;
let serial = 0;

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
/** Distinct bytes behind a format's magic number (the server checks the magic, not the rest). */
function bytesOf(magic: number[] | string, size = 2000): Uint8Array {
  const head = typeof magic === 'string' ? [...Buffer.from(magic, 'latin1')] : magic;
  const out = new Uint8Array(size);
  out.set(head);
  const seed = ++serial;
  for (let i = head.length; i < size; i++) out[i] = (i * 31 + seed * 7) & 0xff;
  return out;
}
const JPEG = [0xff, 0xd8, 0xff, 0xe0];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

describe.each(BACKENDS.flatMap((b) => STORES.map((s) => [b, s] as const)))('attachment bodies (%s, bodies in the %s)', (backend, store) => {
  let t: TestServer;
  /** The organisation's desk at the first site (organisation scope). */
  let hq: EnrolledDesk;
  /** A site-scoped desk of the same organisation's second site. */
  let west: EnrolledDesk;
  /** A desk of another organisation. */
  let other: EnrolledDesk;

  beforeAll(async () => {
    t = await startTestServer(backend, { sync: { now: () => TEST_NOW }, store });
    hq = await demoDesk(t, { sites: ['东区接待处', '西区接待处'] });
    const westSite = hq.org.siteIds.find((s) => s !== hq.siteId)!;
    west = { ...(await enrol(t.url, (await issueEnrolmentCode(t.server.db, { orgId: hq.orgId, siteId: westSite, scope: 'site' })).code)), org: hq.org };
    other = await demoDesk(t, { name: '另一单位' });
  });
  afterAll(async () => t?.stop());

  /** Registers a case at the desk's site and attaches a file declared as `type` and `size`; returns the events pushed. */
  async function caseWithAttachment(d: EnrolledDesk, payload: { hash: string; type: string; size: number }): Promise<CaseEvent[]> {
    const actorId = d.org.staffIds[0]!;
    const caseId = `${d.deskCode}-20261127-${String(++serial).padStart(5, '0')}`;
    const env = { caseId, orgId: d.orgId, siteId: d.siteId, deskId: d.deskId, actorId, policyRevision: 1 };
    const reg = makeRegistration(T0, { number: caseId, firstReceiverId: actorId }, { ...env, id: ulidAt(T0, ++serial) });
    const added = makeEvent('case.attachment_added', { ...payload, name: '现场.jpg', kind: 'evidence' }, T0 + 60_000, {
      ...env,
      id: ulidAt(T0 + 60_000, ++serial),
    });
    const r = await push(t.url, d.token, 'events', [reg, added]);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toEqual([]);
    return [reg, added as CaseEvent];
  }

  /** The index rows, and with an S3 store every object in the bucket too. */
  const storedHashes = async () => ({
    rows: (await t.server.db.query<{ hash: string }>('select hash from attachment_bodies order by hash')).map((r) => r.hash),
    objects: (await t.bucket?.objects()) ?? [],
  });

  /** Runs a hostile request and checks its status, error code and that no body was stored or changed. */
  async function refused(send: () => Promise<{ status: number; body?: unknown; error?: string }>, status: number | number[], error?: string): Promise<void> {
    const before = await storedHashes();
    const r = await send();
    expect(Array.isArray(status) ? status : [status]).toContain(r.status);
    const code = r.error ?? (r.body as { error?: string } | undefined)?.error;
    if (error) expect(code).toBe(error);
    expect(await storedHashes()).toEqual(before);
  }

  it('an upload of a referenced body is stored once, checked and served back byte for byte; a repeat changes nothing', async () => {
    const bytes = bytesOf(JPEG);
    const hash = sha256(bytes);
    await caseWithAttachment(hq, { hash, type: 'image/jpeg', size: bytes.length });
    // Not uploaded yet: HEAD and GET say so (the desk retries later).
    expect((await http(t.url, 'HEAD', attachmentPath(hash), { token: hq.token })).status).toBe(404);
    expect((await getBody(t.url, hq.token, hash)).error).toBe('attachmentNotUploaded');

    const first = await putBody(t.url, hq.token, hash, bytes);
    expect([first.status, first.body]).toEqual([201, { hash, size: bytes.length, type: 'image/jpeg', stored: true }]);
    const again = await putBody(t.url, hq.token, hash, bytes);
    expect([again.status, again.body.stored]).toEqual([200, false]);
    expect((await t.server.db.query('select 1 from attachment_bodies where hash = $1', [hash])).length).toBe(1);
    // Where the bytes are: in the row, or in the bucket under <org>/<sha256> with the row holding none.
    const [row] = await t.server.db.query<{ bytes: Uint8Array | null; size: number }>('select bytes, size from attachment_bodies where hash = $1', [hash]);
    expect(Number(row!.size)).toBe(bytes.length);
    if (store === 'database') expect(Buffer.from(row!.bytes!).equals(Buffer.from(bytes))).toBe(true);
    else {
      expect(row!.bytes).toBeNull();
      expect(Buffer.from((await t.bucket!.read(`${hq.orgId}/${hash}`))!).equals(Buffer.from(bytes))).toBe(true);
    }

    expect((await http(t.url, 'HEAD', attachmentPath(hash), { token: hq.token })).status).toBe(200);
    const got = await getBody(t.url, hq.token, hash);
    expect(got.status).toBe(200);
    expect(got.type).toBe('image/jpeg');
    expect(sha256(got.bytes)).toBe(hash);
    expect(Buffer.from(got.bytes).equals(Buffer.from(bytes))).toBe(true);
  });

  it('a body whose bytes do not hash to its address is refused (400), nothing stored', async () => {
    const bytes = bytesOf(JPEG);
    const hash = sha256(bytes);
    await caseWithAttachment(hq, { hash, type: 'image/jpeg', size: bytes.length });
    const tampered = bytes.slice();
    tampered[500] = tampered[500]! ^ 1;
    await refused(() => putBody(t.url, hq.token, hash, tampered), 400, 'attachmentHashMismatch');
    // A truncated upload (an interrupted send replayed half) is the same mismatch.
    await refused(() => putBody(t.url, hq.token, hash, bytes.subarray(0, 1000)), 400, 'attachmentHashMismatch');
    await refused(() => putBody(t.url, hq.token, hash, new Uint8Array(0)), 400);
  });

  it(`a body over ${ATTACHMENT_LIMITS.maxBytes / 1024 / 1024} MB is refused (413) with the attachment limit in the message, nothing stored`, async () => {
    const huge = bytesOf(JPEG, ATTACHMENT_LIMITS.maxBytes + 1);
    const hash = sha256(huge);
    // The event may claim any size the domain allows; the server still refuses bytes over the limit.
    await caseWithAttachment(hq, { hash, type: 'image/jpeg', size: ATTACHMENT_LIMITS.maxBytes });
    const before = await storedHashes();
    const r = await putBody(t.url, hq.token, hash, huge);
    expect(r.status).toBe(413);
    expect(r.body.error).toBe('attachmentTooLarge');
    expect(r.body.message).toContain('20 MB');
    expect(await storedHashes()).toEqual(before);
  }, 60_000);

  it('bytes not of the declared type (an executable called a photo, a PNG called a JPEG, binary called text) are refused (415), whatever the header says', async () => {
    const cases: [string, Uint8Array, string?][] = [
      ['image/jpeg', bytesOf('MZ\x90\x00')], // a Windows executable
      ['image/png', bytesOf(JPEG)],
      ['text/plain', bytesOf('\x7fELF')],
      ['application/pdf', bytesOf('<html><script>')],
      ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', bytesOf(PNG)],
      // The request's own Content-Type claims a picture: never trusted (and not a type the route parses).
      ['image/jpeg', bytesOf('MZ\x90\x00'), 'image/jpeg'],
    ];
    for (const [type, bytes, header] of cases) {
      const hash = sha256(bytes);
      await caseWithAttachment(hq, { hash, type, size: bytes.length });
      await refused(() => putBody(t.url, hq.token, hash, bytes, header ? { contentType: header } : {}), 415, header ? undefined : 'attachmentTypeRefused');
    }
  });

  it('a body whose size differs from its event is refused (400), nothing stored', async () => {
    const bytes = bytesOf(PNG, 3000);
    const hash = sha256(bytes);
    await caseWithAttachment(hq, { hash, type: 'image/png', size: 2999 });
    await refused(() => putBody(t.url, hq.token, hash, bytes), 400, 'attachmentSizeMismatch');
  });

  it("another site's and another organisation's files can be neither downloaded nor uploaded; orphan bodies are refused (404, the same answer as for no file)", async () => {
    const bytes = bytesOf(JPEG);
    const hash = sha256(bytes);
    await caseWithAttachment(hq, { hash, type: 'image/jpeg', size: bytes.length });
    expect((await putBody(t.url, hq.token, hash, bytes)).status).toBe(201);
    for (const d of [west, other]) {
      const got = await getBody(t.url, d.token, hash);
      expect([got.status, got.error]).toEqual([404, 'attachmentUnknown']);
      expect(got.bytes.length).toBeLessThan(1000);
      expect((await http(t.url, 'HEAD', attachmentPath(hash), { token: d.token })).status).toBe(404);
    }
    // The other organisation sends the same bytes, named by none of its events: not stored for it.
    await refused(() => putBody(t.url, other.token, hash, bytes), 404, 'attachmentUnknown');
    expect((await t.server.db.query('select 1 from attachment_bodies where hash = $1', [hash])).length).toBe(1);
    // Orphans: bytes no event names, from any desk.
    const orphan = bytesOf(JPEG);
    for (const d of [hq, west, other]) await refused(() => putBody(t.url, d.token, sha256(orphan), orphan), 404, 'attachmentUnknown');
    // The west desk's own case is its to upload and read; the organisation-wide desk reads it too.
    const mine = bytesOf(PNG);
    await caseWithAttachment(west, { hash: sha256(mine), type: 'image/png', size: mine.length });
    expect((await putBody(t.url, west.token, sha256(mine), mine)).status).toBe(201);
    expect((await getBody(t.url, hq.token, sha256(mine))).status).toBe(200);
    expect((await getBody(t.url, other.token, sha256(mine))).status).toBe(404);
  });

  it('no token, a wrong token and a revoked token are refused (401) before the body is read; nothing stored', async () => {
    const revokedDesk = { ...(await enrol(t.url, (await issueEnrolmentCode(t.server.db, { orgId: hq.orgId, scope: 'org' })).code)), org: hq.org };
    const bytes = bytesOf(JPEG);
    const hash = sha256(bytes);
    await caseWithAttachment(revokedDesk, { hash, type: 'image/jpeg', size: bytes.length });
    await revokeDesk(t.server.db, hq.orgId, revokedDesk.deskId);
    await refused(() => putBody(t.url, undefined, hash, bytes), 401, 'unauthorized');
    await refused(() => putBody(t.url, 'x'.repeat(43), hash, bytes), 401, 'unauthorized');
    await refused(() => putBody(t.url, revokedDesk.token, hash, bytes), 401, 'tokenRevoked');
    expect((await getBody(t.url, revokedDesk.token, hash)).status).toBe(401);
    expect((await getBody(t.url, undefined, hash)).status).toBe(401);
  });

  it('garbage in the path is refused (400 or 404) without touching the store', async () => {
    const bytes = bytesOf(JPEG);
    const hash = sha256(bytes);
    await caseWithAttachment(hq, { hash, type: 'image/jpeg', size: bytes.length });
    for (const path of [
      hash.toUpperCase(),
      hash.slice(1),
      `${hash}0`,
      `${hash.slice(0, 63)}g`,
      `%2e%2e%2f%2e%2e%2fetc%2fpasswd`,
      `${hash}%00`,
      `${hash}/..`,
      "'%20or%201=1--",
      '__proto__',
      '',
    ]) {
      await refused(() => putBody(t.url, hq.token, hash, bytes, { path: `${ATTACHMENTS_BASE}/${path}` }), [400, 404]);
      const got = await fetch(`${t.url}${ATTACHMENTS_BASE}/${path}`, { headers: { authorization: `Bearer ${hq.token}` } });
      expect([400, 404], path).toContain(got.status);
    }
    expect((await putBody(t.url, hq.token, hash, bytes, { path: `${ATTACHMENTS_BASE}/${hash.toUpperCase()}` })).body.error).toBe('attachmentHashInvalid');
  });

  it('the OpenAPI document describes the routes', async () => {
    const doc = (await http<{ paths: Record<string, Record<string, unknown>> }>(t.url, 'GET', '/docs/json')).body;
    expect(Object.keys(doc.paths[`${ATTACHMENTS_BASE}/{hash}`] ?? {}).sort()).toEqual(['get', 'head', 'put']);
  });
});
