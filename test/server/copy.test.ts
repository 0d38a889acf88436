import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-server/db/open';
import { copyDatabase } from '../../src-server/db/copy';
import { buildApp } from '../../src-server/app';
import { createDemoOrg } from '../../src-server/demo';
import { enrolDesk } from '../../src-server/orgs';
import { checkEventRows } from '../../src-server/sync/validate';
import { pushEvents } from '../../src-server/sync/events-store';
import { databaseBodyStore } from '../../src-server/sync/attachment-store';
import { createTestDatabase, type TestDatabase } from './backends';
import { generateDeskWork } from '../sync/fixtures';
import type { Database } from '../../src-server/db/types';
import { openKeyring } from '../../src-server/confidential/open-keyring';
import { createHash, randomBytes } from 'node:crypto';
import { openS3BodyStore } from '../../src-server/sync/s3-body-store';
import { startTestBucket, type TestBucket } from './object-store';

// Moving from the embedded PGlite to PostgreSQL (docs/operations.md): everything is copied, desks keep
// their tokens and checkpoints. The target is PostgreSQL when DATABASE_URL_TEST is set, else a second PGlite.

describe('copy-to-postgres', () => {
  const open: Database[] = [];
  let target: TestDatabase | undefined;
  let s3Target: TestDatabase | undefined;
  let bucket: TestBucket | undefined;
  afterAll(async () => {
    for (const db of open) await db.close();
    await target?.drop();
    await s3Target?.drop();
    await bucket?.stop();
  });

  /** A PGlite installation with one organisation and one enrolled desk. */
  async function pgliteWithDesk() {
    const source = await openDatabase({});
    open.push(source);
    const org = await createDemoOrg(source, { presetId: 'starter' });
    const desk = await enrolDesk(source, org.code);
    return { source, org, desk, scope: { orgId: desk.orgId, siteId: desk.siteId, deskId: desk.deskId, scope: 'org' as const } };
  }

  it('copies every table; the same token pulls the same documents after the move; a second copy is refused', async () => {
    const { source, org, desk, scope } = await pgliteWithDesk();
    const events = generateDeskWork(3, { ...desk, actorIds: org.staffIds, start: Date.UTC(2026, 10, 1), days: 3, casesPerDay: 5 });
    const checked = checkEventRows(
      events.map((e) => ({ newDocumentState: e })),
      scope,
    );
    if (!checked.ok) throw new Error('fixture invalid');
    // The PostgreSQL server is given the PGlite server's master key (docs/operations.md): the copied data keys open.
    const masterKey = randomBytes(32);
    await pushEvents(source, (await openKeyring(source, { masterKey })).keyring, scope, checked.docs);
    // An attachment body (issue 13) travels with the rest, byte for byte.
    const body = new Uint8Array(300_000).map((_, i) => (i * 7) & 0xff);
    await databaseBodyStore(source).put(scope, 'b'.repeat(64), 'image/jpeg', body, Date.UTC(2026, 10, 4));

    target = await createTestDatabase(process.env.DATABASE_URL_TEST ? 'postgres' : 'pglite');
    const to = await openDatabase(target.options);
    open.push(to);
    const counts = await copyDatabase(source, to);
    expect(counts.events).toBe(events.length);
    expect(counts.desk_tokens).toBe(1);
    expect(counts.attachment_bodies).toBe(1);
    const copied = await databaseBodyStore(to).get(desk.orgId, 'b'.repeat(64));
    expect(Buffer.from(copied!.bytes).equals(Buffer.from(body))).toBe(true);

    const pull = async (db: Database) => {
      const { app } = await buildApp({ db, keyring: (await openKeyring(db, { masterKey })).keyring });
      const r = await app.inject({ method: 'GET', url: '/sync/v1/events/pull?seq=0&limit=1000', headers: { authorization: `Bearer ${desk.token}` } });
      const config = await app.inject({ method: 'GET', url: '/sync/v1/config/pull?seq=0&limit=1000', headers: { authorization: `Bearer ${desk.token}` } });
      await app.close();
      return { events: r.json(), config: config.json() };
    };
    const before = await pull(source);
    const after = await pull(to);
    expect(after.events.documents).toHaveLength(events.length);
    expect(after).toEqual(before);
    await expect(copyDatabase(source, to)).rejects.toThrow(/不是空的/);
  });

  it('with an S3 bucket: move-bodies-to-s3 empties the rows into the bucket, and the copy carries the index while the bodies stay in the bucket', async () => {
    const { source, desk, scope } = await pgliteWithDesk();
    const bodies = [0, 1].map((seed) => new Uint8Array(200_000).map((_, i) => (i * 11 + seed) & 0xff));
    const [before, after] = bodies.map((b) => createHash('sha256').update(b).digest('hex')) as [string, string];
    // One body kept while the server used the database, one after the bucket was configured.
    await databaseBodyStore(source).put(scope, before, 'image/jpeg', bodies[0]!, Date.UTC(2026, 10, 4));
    bucket = await startTestBucket();
    const store = await openS3BodyStore(source, bucket.options);
    await store.put(scope, after, 'image/jpeg', bodies[1]!, Date.UTC(2026, 10, 5));
    expect((await bucket.objects()).map((o) => o.key)).toEqual([`${desk.orgId}/${after}`]);

    expect(await store.moveFromDatabase()).toBe(1);
    expect(await store.moveFromDatabase()).toBe(0);
    expect((await bucket.objects()).map((o) => o.key).sort()).toEqual([`${desk.orgId}/${before}`, `${desk.orgId}/${after}`].sort());
    expect(await source.query('select hash from attachment_bodies where bytes is not null')).toEqual([]);
    await store.close();

    s3Target = await createTestDatabase(process.env.DATABASE_URL_TEST ? 'postgres' : 'pglite');
    const to = await openDatabase(s3Target.options);
    open.push(to);
    expect((await copyDatabase(source, to)).attachment_bodies).toBe(2);
    // The new database, given the same bucket, serves both.
    const moved = await openS3BodyStore(to, bucket.options);
    for (const [i, hash] of [before, after].entries())
      expect(Buffer.from((await moved.get(desk.orgId, hash))!.bytes).equals(Buffer.from(bodies[i]!))).toBe(true);
    await moved.close();
  });
});
