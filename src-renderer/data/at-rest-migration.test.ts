import { indexedDB } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src-shared/domain/attachments';
import type { CaseEvent } from '../../src-shared/domain/events';
import { TEST_NOW } from '../../test/helpers/clock';
import { everyStoredValue } from '../../test/helpers/raw-indexeddb';
import { revealedComplainant, useAtRestKey } from './at-rest-crypto';
import { encryptStoredIdentities } from './at-rest-migration';
import { bodyStoreFor } from './body-store';
import { butlerDesk, butlerIntake } from './desk.fixtures';
import { registrationEvent } from './domain';
import { loadDraft } from './drafts';
import { reprojectCase } from './projector';
import type { CaseDoc } from './schemas';

// A desk from before at-rest-crypto.ts holds a confidential identity in clear in its events, its case
// document, a draft and a photo's body. On start it encrypts them once (at-rest-migration.ts): afterwards no
// store holds them in clear, everything still reads, the events keep their place in RxDB's change order (so
// nothing is pushed again or refolded), and a second run finds nothing to do.

const NAME = '司马保密';
const PHONE = '13711112222';

describe('S1-5 encrypting what an older desk kept in clear', () => {
  it('encrypts the identity, the draft and the photo once, losing nothing', async () => {
    useAtRestKey(crypto.getRandomValues(new Uint8Array(32)));
    const { db, ctx } = await butlerDesk('at_rest_migration');
    const bodies = bodyStoreFor(db, indexedDB);
    const caseId = 'case-old-confidential';
    const intake = butlerIntake('投诉邻居噪音', TEST_NOW);
    const registered = registrationEvent(
      ctx.policy,
      { ...intake, complainant: { ...intake.complainant, confidential: true, name: NAME, phone: PHONE } },
      'YG01-20261127-001',
      ctx.actor.id,
    );
    const photo = new Uint8Array(3000);
    photo.set([0xff, 0xd8, 0xff, 0xe0]);
    photo.set(crypto.getRandomValues(new Uint8Array(2996)), 4);
    const hash = await sha256Hex(photo.buffer);
    const envelope = { caseId, orgId: ctx.orgId, siteId: ctx.siteId, deskId: ctx.deskId, actorId: ctx.actor.id, policyRevision: ctx.policy.revision, v: 1 };
    const events = [
      { ...envelope, id: '01KB0000000000000000000001', at: TEST_NOW, ...registered },
      {
        ...envelope,
        id: '01KB0000000000000000000002',
        at: TEST_NOW + 1,
        type: 'case.attachment_added',
        payload: { hash, name: '现场.jpg', type: 'image/jpeg', size: photo.byteLength, kind: 'evidence' },
      },
    ] as CaseEvent[];
    // As an older desk wrote them: in clear.
    await db.events.bulkInsert(events);
    await reprojectCase(db, caseId, ctx.policyFor, TEST_NOW);
    await bodies.put(photo.slice().buffer, 'image/jpeg', TEST_NOW);
    await db.drafts.insert({
      id: 'intake-draft',
      staffId: ctx.actor.id,
      updatedAt: TEST_NOW,
      data: { subject: '草稿', complainant: { confidential: true, name: NAME, phone: PHONE } },
    });
    const before = await everyStoredValue(indexedDB);
    expect(before.text).toContain(NAME);
    const metaBefore = (await db.events.storageInstance.findDocumentsById([events[0]!.id], false))[0]!._meta;

    expect(await encryptStoredIdentities(db)).toBe(4);

    const after = await everyStoredValue(indexedDB);
    expect(after.stores).toContain(`${db.name}_bodies/bodies`);
    for (const secret of [NAME, PHONE]) expect(after.text, secret).not.toContain(secret);
    expect(after.bytes).not.toContain(Buffer.from(photo.subarray(100, 164)).toString('hex'));
    // RxDB sees no change to push or to fold: the event keeps its write time and origin.
    expect((await db.events.storageInstance.findDocumentsById([events[0]!.id], false))[0]!._meta).toEqual(metaBefore);

    // Everything still reads.
    const doc = (await db.cases.findOne(caseId).exec())!.toJSON() as CaseDoc;
    expect(doc.state.complainant).toMatchObject({ name: '司**', phone: '137****2222' });
    const stored = (await db.events.find({ selector: { caseId } }).exec()).map((e) => e.toJSON() as CaseEvent);
    expect(await revealedComplainant(doc.state.complainant, stored)).toMatchObject({ name: NAME, phone: PHONE });
    expect(doc.log.find((e) => e.type === 'case.registered')).toEqual(stored.find((e) => e.type === 'case.registered'));
    expect((await loadDraft(db, 'intake-draft'))?.data).toEqual({ subject: '草稿', complainant: { confidential: true, name: NAME, phone: PHONE } });
    expect(new Uint8Array((await bodies.get(hash))!.bytes)).toEqual(photo);

    // Done once; run again (an interrupted start) it changes nothing and loses nothing.
    expect(await encryptStoredIdentities(db)).toBe(0);
    await (await db.getLocal('at-rest-v1'))!.remove();
    expect(await encryptStoredIdentities(db)).toBe(0);
    expect(await revealedComplainant(doc.state.complainant, stored)).toMatchObject({ name: NAME });
    await db.close();
  });
});
