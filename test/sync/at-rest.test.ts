import { createHash, randomBytes } from 'node:crypto';
import { indexedDB } from 'fake-indexeddb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../server/setup';
import { createDemoOrg } from '../../src-server/demo';
import { issueEnrolmentCode } from '../../src-server/orgs';
import { loadConfig } from '../../src-renderer/data/config';
import { attachFile } from '../../src-renderer/data/attachments';
import { bodyStoreFor } from '../../src-renderer/data/body-store';
import { registerCase } from '../../src-renderer/data/register';
import { revealedComplainant, useAtRestKey } from '../../src-renderer/data/at-rest-crypto';
import { startProjector, type Projector } from '../../src-renderer/data/projection-runner';
import { writeEvent, type WriteContext } from '../../src-renderer/data/write-event';
import type { CaseState } from '../../src-shared/domain/case-state';
import type { CaseEvent } from '../../src-shared/domain/events';
import { acceptedIntake } from '../../src-shared/presets/presets.fixtures';
import { eventually } from './network';
import { closeSimDesk, joinSimDesk, type SimDesk } from './sim-desk';
import { everyStoredValue } from '../helpers/raw-indexeddb';

// Issue 10 item 4 / issue 13 item 2: a confidential complainant's identity and the photos of a confidential case
// are encrypted at rest on the desk (src-renderer/data/at-rest-crypto.ts). Desk A registers such a case and
// attaches a photo; desk B, where the director may reveal identity, pulls it in clear from the server and
// downloads the photo. Every IndexedDB database both desks hold is then read raw: the name, the phone and the
// photo's bytes are nowhere in clear, while the server received the identity (it sealed it and sends it to B)
// and a reveal at either desk shows the name.

const NAME = '欧阳保密';
const PHONE = '13987654321';
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
/** A JPEG's magic number, then bytes no other record holds. */
function photoBytes(): Uint8Array {
  const out = new Uint8Array(4000);
  out.set([0xff, 0xd8, 0xff, 0xe0]);
  out.set(randomBytes(out.length - 4), 4);
  return out;
}

/** How many rows the server refused from this desk (the status bar's 「N 条未能同步」). */
function refusedAt(d: SimDesk): number {
  let refused = -1;
  d.replication.state$.subscribe((s) => void (refused = s.refused)).unsubscribe();
  return refused;
}

describe('confidential identity and bodies at rest on the desk', () => {
  let t: TestServer;
  const desks: SimDesk[] = [];
  const projectors: Projector[] = [];

  beforeAll(async () => {
    useAtRestKey(new Uint8Array(randomBytes(32)));
    t = await startTestServer('pglite');
    const org = await createDemoOrg(t.server.db, { presetId: 'starter', scope: 'org' });
    const codes = [org.code, (await issueEnrolmentCode(t.server.db, { orgId: org.orgId, scope: 'org' })).code];
    for (const code of codes) desks.push(await joinSimDesk(t.url, code, 'at_rest', { bodies: true }));
    for (const d of desks) projectors.push(await startProjector(d.db, undefined, Date.now, { waitForLeadership: false, settleMs: 50, log: () => undefined }));
  });

  afterAll(async () => {
    for (const p of projectors) await p.stop();
    for (const d of desks) await closeSimDesk(d);
    await t?.stop();
  });

  async function contextOf(d: SimDesk, role?: string): Promise<WriteContext> {
    const config = await loadConfig(d.db);
    const actor = role ? config.staff.find((s) => s.roles.includes(role))! : config.staff[0]!;
    return {
      orgId: d.orgId,
      siteId: d.siteId,
      deskId: d.deskId,
      actor,
      policy: config.policies[0]!,
      policyFor: (rev) => config.policies.find((p) => p.revision === rev),
    };
  }

  it(
    'S1-5 keeps the name, phone and photo encrypted in every store of both desks; the server gets the identity, a reveal shows it',
    { timeout: 120_000 },
    async () => {
      const [a, b] = desks as [SimDesk, SimDesk];
      const ctx = await contextOf(a);
      const intake = acceptedIntake(ctx.policy);
      const registered = await registerCase(a.db, ctx, a.deskCode, {
        ...intake,
        complainant: { ...intake.complainant, confidential: true, name: NAME, phone: PHONE, address: '保密路1号' },
        subject: '反映食堂卫生问题',
        receivedAt: Date.now(),
        riskFlags: [],
      } as never);
      expect(registered.ok, JSON.stringify(!registered.ok && registered.errors)).toBe(true);
      if (!registered.ok) return;
      const caseId = registered.state.id;
      const photo = photoBytes();
      const attached = await attachFile(a.db, ctx, caseId, { bytes: photo.slice().buffer, type: 'image/jpeg', name: '现场照片.jpg' }, { kind: 'evidence' });
      expect(attached.ok, JSON.stringify(!attached.ok && attached.errors)).toBe(true);
      const hash = createHash('sha256').update(photo).digest('hex');

      // The server received the identity: it keeps it sealed beside the event, and sends it to desk B, where the
      // director may reveal it; B downloads the photo as its case page would.
      await eventually(
        async () => {
          for (const d of desks) d.replication.resync();
          const rows = await t.server.db.query<{ sealed: string | null }>('select sealed from events where id = $1', [registered.event.id]);
          return rows[0]?.sealed && (await bodyStoreFor(a.db).get(hash))?.uploaded === 1 && (await b.db.cases.findOne(caseId).exec());
        },
        30_000,
        'the case on the server and at desk B',
      );
      expect(await b.replication.bodies!.download(hash, 'image/jpeg', true)).toBe('stored');
      // Desk A pulled its registration back in clear (its director may reveal): the stored ciphertext was kept, so
      // RxDB wrote nothing for it (a new ciphertext would be a second revision, and a refold).
      await eventually(async () => (await t.server.db.query('select id from events')).length >= 2, 30_000, 'both events on the server');
      a.replication.resync();
      await a.replication.awaitInSync();
      expect((await a.db.events.findOne(registered.event.id).exec())!.revision).toMatch(/^1-/);

      const raw = await everyStoredValue(indexedDB);
      expect(raw.stores).toContain(`${a.db.name}_bodies/bodies`);
      expect(raw.text).toContain('反映食堂卫生问题');
      for (const secret of [NAME, PHONE, '保密路1号']) expect(raw.text, secret).not.toContain(secret);
      expect(raw.bytes).not.toContain(hex(photo.subarray(100, 164)));

      // Each desk still reads everything: the reveal opens the identity, the store opens the photo.
      for (const d of [a, b]) {
        const state = (await d.db.cases.findOne(caseId).exec())!.toJSON().state as CaseState;
        const events = (await d.db.events.find({ selector: { caseId } }).exec()).map((e) => e.toJSON() as CaseEvent);
        expect(await revealedComplainant(state.complainant, events)).toMatchObject({ name: NAME, phone: PHONE });
        expect(new Uint8Array((await bodyStoreFor(d.db).get(hash))!.bytes)).toEqual(photo);
      }
      // The desk shows the masks without a reveal, as before.
      const state = (await a.db.cases.findOne(caseId).exec())!.toJSON();
      expect(state.state.complainant).toMatchObject({ confidential: true, name: '欧**', phone: '139****4321' });
      expect(state.search).toContain('欧**');

      // A later event of the case (the reveal itself, at B) goes up, and A's registration is not pushed again.
      const revealed = await writeEvent(b.db, await contextOf(b, 'director'), caseId, { type: 'case.identity_viewed', payload: { reason: '核实' } });
      expect(revealed.ok, JSON.stringify(!revealed.ok && revealed.errors)).toBe(true);
      await eventually(
        async () => {
          b.replication.resync();
          return (await t.server.db.query('select id from events where type = $1', ['case.identity_viewed'])).length === 1;
        },
        30_000,
        'the reveal on the server',
      );
      for (const d of desks) expect(refusedAt(d)).toBe(0);
    },
  );
});
