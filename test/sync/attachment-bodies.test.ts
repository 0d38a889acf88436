import { createHash } from 'node:crypto';
import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import { indexedDB } from 'fake-indexeddb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../server/backends';
import { startTestServer, type TestServer } from '../server/setup';
import { STORES } from '../server/object-store';
import { createDemoOrg } from '../../src-server/demo';
import { issueEnrolmentCode } from '../../src-server/orgs';
import { loadConfig } from '../../src-renderer/data/config';
import { attachFile } from '../../src-renderer/data/attachments';
import { bodyStoreFor } from '../../src-renderer/data/body-store';
import { startProjector, type Projector } from '../../src-renderer/data/projection-runner';
import type { WriteContext } from '../../src-renderer/data/write-event';
import type { CaseState } from '../../src-shared/domain/case-state';
import { liveAttachments } from '../../src-shared/domain/attachments';
import { attachmentPath } from '../../src-shared/sync/contract';
import { generateDeskWork } from './fixtures';
import { eventually } from './network';
import { closeSimDesk, joinSimDesk, type SimDesk } from './sim-desk';
import { ensureDeskSync, joinServer, stopDeskSync } from '../../src-renderer/data/replication';

// Issue 13: two desks joined to one server each attach files to the same case while offline — one file
// each, and the same picture at both. Back online, every body reaches the server once (the uploader
// asks before it sends and never sends a body twice), each desk fetches the other's files as its case
// page would, verifies them by their hash and keeps them; both desks end with every body, byte for byte.
// With the server's bodies in the database and again in an S3-compatible bucket (test/server/object-store.ts).

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
/** Bytes behind a format's magic number (the server checks the magic against the recorded type), distinct by seed. */
function fileBytes(magic: number[] | string, seed: number, size = 3000): Uint8Array {
  const head = typeof magic === 'string' ? [...Buffer.from(magic, 'latin1')] : magic;
  const out = new Uint8Array(size);
  out.set(head);
  for (let i = head.length; i < size; i++) out[i] = (i * 29 + seed * 11) & 0xff;
  return out;
}
const JPEG = [0xff, 0xd8, 0xff, 0xe0];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

describe.each(BACKENDS.flatMap((b) => STORES.map((s) => [b, s] as const)))('attachment bodies between two desks (%s, bodies in the %s)', (backend, store) => {
  let t: TestServer;
  const desks: SimDesk[] = [];
  const projectors: Projector[] = [];

  beforeAll(async () => {
    t = await startTestServer(backend, { store });
    const org = await createDemoOrg(t.server.db, { presetId: 's7-property', scope: 'org' });
    const codes = [org.code, (await issueEnrolmentCode(t.server.db, { orgId: org.orgId, scope: 'org' })).code];
    for (const code of codes) desks.push(await joinSimDesk(t.url, code, 'sync_bodies', { bodies: true }));
    for (const d of desks) projectors.push(await startProjector(d.db, undefined, Date.now, { waitForLeadership: false, settleMs: 50, log: () => undefined }));
  });

  afterAll(async () => {
    // A re-joined desk runs the module's one replication (ensureDeskSync); closing the desk stops it too.
    await stopDeskSync();
    for (const p of projectors) await p.stop();
    for (const d of desks) await closeSimDesk(d);
    await t?.stop();
  });

  async function contextOf(d: SimDesk): Promise<WriteContext> {
    const config = await loadConfig(d.db);
    const policy = config.policies[0]!;
    return {
      orgId: d.orgId,
      siteId: d.siteId,
      deskId: d.deskId,
      actor: config.staff[0]!,
      policy,
      policyFor: (rev) => config.policies.find((p) => p.revision === rev),
    };
  }
  const caseOf = async (d: SimDesk, caseId: string) => (await d.db.cases.findOne(caseId).exec())?.toJSON().state as CaseState | undefined;

  it('files attached offline at both desks reach the server once and every desk, verified by their hash', { timeout: 120_000 }, async () => {
    const [a, b] = desks as [SimDesk, SimDesk];
    const config = await loadConfig(a.db);
    const staff = config.staff.map((s) => s.id);
    const [registration] = generateDeskWork(700, {
      orgId: a.orgId,
      siteId: a.siteId,
      deskId: a.deskId,
      deskCode: a.deskCode,
      actorIds: staff,
      start: Date.now() - 86_400_000,
      days: 1,
      casesPerDay: 1,
      org: { policy: config.policies[0]!, staff: config.staff },
    }).filter((e) => e.type === 'case.registered');
    const caseId = registration!.caseId;
    await a.db.events.insert(registration!);
    // Both desks hold the case before the network goes.
    await eventually(
      async () => {
        b.replication.resync();
        return (await caseOf(a, caseId)) && (await caseOf(b, caseId));
      },
      30_000,
      'the case at both desks',
    );

    for (const d of desks) d.net.down();
    const photo = fileBytes(JPEG, 1);
    const letter = fileBytes('%PDF-1.4\n', 2);
    const shared = fileBytes(PNG, 3);
    const files = [
      { desk: a, name: '现场照片.jpg', type: 'image/jpeg', bytes: photo },
      { desk: a, name: '截图.png', type: 'image/png', bytes: shared },
      { desk: b, name: '业主来函.pdf', type: 'application/pdf', bytes: letter },
      { desk: b, name: '截图.png', type: 'image/png', bytes: shared },
    ];
    for (const f of files) {
      const r = await attachFile(
        f.desk.db,
        await contextOf(f.desk),
        caseId,
        { bytes: f.bytes.slice().buffer, type: f.type, name: f.name },
        { kind: 'evidence' },
      );
      expect(r.ok, JSON.stringify(!r.ok && r.errors)).toBe(true);
    }
    const hashes = [photo, letter, shared].map(sha256);
    // Offline: each desk's own files wait to upload (待上传); the server has none.
    for (const d of desks) for (const f of files.filter((x) => x.desk === d)) expect((await bodyStoreFor(d.db).get(sha256(f.bytes)))?.uploaded).toBe(0);
    expect(await t.server.db.query('select hash from attachment_bodies')).toEqual([]);

    for (const d of desks) d.net.restore();
    // Back online: the events go up, then each desk's bodies (已同步).
    await eventually(
      async () => {
        for (const d of desks) d.replication.resync();
        for (const f of files) if ((await bodyStoreFor(f.desk.db).get(sha256(f.bytes)))?.uploaded !== 1) return false;
        return true;
      },
      30_000,
      'every desk to upload its own files',
    );

    // Each desk opens the case: its page shows every file and fetches those it does not hold.
    for (const d of desks) {
      const state = await eventually(
        async () => {
          d.replication.resync();
          const s = await caseOf(d, caseId);
          return s && liveAttachments(s).length === 4 ? s : undefined;
        },
        30_000,
        'the four files in the case',
      );
      for (const att of liveAttachments(state)) {
        if (await bodyStoreFor(d.db).has(att.hash)) continue;
        expect(await d.replication.bodies!.download(att.hash, att.type)).toBe('stored');
      }
    }

    // Every desk holds every body, byte for byte, and each hashes to its address; downloaded ones count as synced.
    for (const d of desks) {
      for (const [i, bytes] of [photo, letter, shared].entries()) {
        const kept = await bodyStoreFor(d.db).get(hashes[i]!);
        expect(kept, `${d.deskCode} ${i}`).toBeDefined();
        expect(sha256(new Uint8Array(kept!.bytes))).toBe(hashes[i]);
        expect(new Uint8Array(kept!.bytes)).toEqual(bytes);
        expect(kept!.uploaded).toBe(1);
      }
    }
    // The server stored each body once, with its own bytes.
    const rows = await t.server.db.query<{ hash: string; size: number }>('select hash, size from attachment_bodies where org_id = $1 order by hash', [a.orgId]);
    expect(rows.map((r) => r.hash)).toEqual([...hashes].sort());
    // No desk sent a body twice, and no desk sent a body that was not its own; the other desk's files came down.
    for (const d of desks) {
      const puts = d.net.sent.filter((s) => s.startsWith('PUT '));
      expect(new Set(puts).size, `${d.deskCode}: ${puts.join(', ')}`).toBe(puts.length);
      const own = files.filter((f) => f.desk === d).map((f) => `PUT ${attachmentPath(sha256(f.bytes))}`);
      for (const put of puts) expect(own).toContain(put);
      const gets = d.net.sent.filter((s) => s.startsWith('GET /sync/v1/attachments/'));
      const others = files.filter((f) => f.desk !== d && !files.some((g) => g.desk === d && sha256(g.bytes) === sha256(f.bytes)));
      expect(gets.sort()).toEqual(others.map((f) => `GET ${attachmentPath(sha256(f.bytes))}`).sort());
    }
    // The photo and the letter were each sent by their desk once; the shared picture at most once per desk.
    const allPuts = desks.flatMap((d) => d.net.sent.filter((s) => s.startsWith('PUT ')));
    expect(allPuts.filter((p) => p.endsWith(hashes[0]!))).toHaveLength(1);
    expect(allPuts.filter((p) => p.endsWith(hashes[1]!))).toHaveLength(1);
    expect(allPuts.filter((p) => p.endsWith(hashes[2]!)).length).toBeGreaterThanOrEqual(1);
  });

  it(
    'a server restored without the bodies heals when a desk re-joins: every body it holds is asked about and the missing ones sent',
    { timeout: 120_000 },
    async () => {
      const b = desks[1]!;
      const held = (await t.server.db.query<{ hash: string }>('select hash from attachment_bodies where org_id = $1 order by hash', [b.orgId])).map(
        (r) => r.hash,
      );
      expect(held).toHaveLength(3);
      // The server comes back from a backup taken before the uploads (its events are re-offered by the new enrolment anyway);
      // with a bucket, the bucket comes back from a copy without them while the database keeps its rows.
      if (t.bucket) {
        expect((await t.bucket.objects()).map((o) => o.key)).toEqual(held.map((h) => `${b.orgId}/${h}`));
        for (const h of held) await t.bucket.client.send(new DeleteObjectCommand({ Bucket: t.bucket.options.bucket, Key: `${b.orgId}/${h}` }));
      } else await t.server.db.query('delete from attachment_bodies');
      // The administrator hands desk B a new code (docs/operations.md §4); desk B holds its own files and desk A's photo.
      await b.replication.stop();
      b.net.sent.length = 0;
      const { code } = await issueEnrolmentCode(t.server.db, { orgId: b.orgId, scope: 'org' });
      const opts = { fetch: b.host.fetch, host: b.host.call, waitForLeadership: false, retryMs: 40, maxRetryMs: 300, indexedDB };
      await joinServer(b.db, { serverUrl: t.url, code }, opts);
      // The desk goes on with the replication the join started, as the app does.
      b.replication = (await ensureDeskSync(b.db, opts))!;
      await eventually(
        async () => {
          b.replication.resync();
          const rows = await t.server.db.query<{ hash: string }>('select hash from attachment_bodies where org_id = $1 order by hash', [b.orgId]);
          if (rows.length !== 3) return false;
          if (t.bucket && (await t.bucket.objects()).length !== 3) return false;
          for (const hash of held) if ((await bodyStoreFor(b.db).get(hash))?.uploaded !== 1) return false;
          return true;
        },
        30_000,
        'the three bodies back on the server',
      );
      const puts = b.net.sent.filter((x) => x.startsWith('PUT '));
      expect(puts.sort()).toEqual(held.map((h) => `PUT ${attachmentPath(h)}`).sort());
    },
  );
});
