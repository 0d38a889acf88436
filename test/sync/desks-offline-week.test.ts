import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexedDB } from 'fake-indexeddb';
import { BACKENDS } from '../server/backends';
import { startTestServer, type TestServer } from '../server/setup';
import { createDemoOrg } from '../../src-server/demo';
import { issueEnrolmentCode } from '../../src-server/orgs';
import { pullAll } from '../server/client';
import type { DeskDatabase } from '../../src-renderer/data/database';
import { loadConfig, getDeskIdentity } from '../../src-renderer/data/config';
import { refusedMessage } from '../../src-renderer/data/replication';
import { projectCases } from '../../src-shared/domain/projection';
import type { CaseEvent } from '../../src-shared/domain/events';
import { generateDeskWork, withoutDeletedFlag } from './fixtures';
import { eventually } from './network';
import { closeSimDesk, joinSimDesk, type SimDesk } from './sim-desk';

// Two desks (real RxDB over fake-indexeddb, the desk's own replication code) join one server, lose the
// network for a simulated week in which each registers and handles its cases, then reconnect. Both desks
// and the server must end with the same events and the same case projections: none lost, none doubled.

const WEEK_START = Date.UTC(2026, 10, 16, 0, 0, 0);

async function deskEvents(db: DeskDatabase): Promise<CaseEvent[]> {
  return (await db.events.find().exec()).map((d) => withoutDeletedFlag(d.toJSON() as CaseEvent) as CaseEvent);
}

/** Documents in the desk's replication records (RxDB's `rx-replication-meta-…` collections), all replications together. */
async function replicationRecords(dbName: string): Promise<number> {
  let n = 0;
  for (const { name } of await indexedDB.databases()) {
    if (!name?.includes(dbName) || !name.includes('rx-replication-meta')) continue;
    n += await new Promise<number>((resolve, reject) => {
      const open = indexedDB.open(name);
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const db = open.result;
        const count = db.transaction('docs', 'readonly').objectStore('docs').count();
        count.onsuccess = () => (db.close(), resolve(count.result));
        count.onerror = () => reject(count.error);
      };
    });
  }
  return n;
}

const sortById = (xs: CaseEvent[]) => [...xs].sort((a, b) => a.id.localeCompare(b.id));

describe.each(BACKENDS)('two desks offline for a week converge (%s)', (backend) => {
  let t: TestServer;
  const desks: SimDesk[] = [];

  beforeAll(async () => {
    t = await startTestServer(backend);
    const org = await createDemoOrg(t.server.db, { presetId: 's7-property', scope: 'org' });
    const codes = [org.code, (await issueEnrolmentCode(t.server.db, { orgId: org.orgId, scope: 'org' })).code];
    for (const code of codes) desks.push(await joinSimDesk(t.url, code, 'sync_week'));
  });

  afterAll(async () => {
    for (const d of desks) await closeSimDesk(d);
    await t?.stop();
  });

  it('joining a server gives the desk its identity and the organisation configuration', async () => {
    for (const d of desks) {
      expect(await getDeskIdentity(d.db)).toEqual({ orgId: d.orgId, siteId: d.siteId, deskId: d.deskId });
      const config = await loadConfig(d.db);
      expect(config.organisation?.id).toBe(d.orgId);
      expect(config.policies[0]?.presetId).toBe('s7-property');
      expect(config.desks.map((x) => x.id)).toContain(d.deskId);
      expect(config.staff.length).toBeGreaterThan(0);
      // What came from the server is not "waiting to upload".
      await d.replication.awaitInSync();
      expect(d.replication.state).toMatchObject({ online: true, pending: 0, refused: 0 });
    }
  });

  it('a week offline, then back online: same events and projections on both desks and the server', async () => {
    const written: CaseEvent[][] = [];
    for (const d of desks) d.net.down();
    for (const [i, d] of desks.entries()) {
      const config = await loadConfig(d.db);
      const staff = config.staff.map((s) => s.id);
      const work = generateDeskWork(500 + i, {
        org: { policy: config.policies[0]!, staff: config.staff },
        orgId: d.orgId,
        siteId: d.siteId,
        deskId: d.deskId,
        deskCode: d.deskCode,
        actorIds: staff,
        start: WEEK_START,
        days: 7,
        casesPerDay: 6,
      });
      // Written day by day, as the desk would, while the network is gone.
      for (let day = 0; day < 7; day++) {
        const slice = work.filter((e) => e.at >= WEEK_START + day * 86_400_000 && e.at < WEEK_START + (day + 1) * 86_400_000);
        if (slice.length) await d.db.events.bulkInsert(slice);
      }
      const rest = work.filter((e) => e.at >= WEEK_START + 7 * 86_400_000);
      if (rest.length) await d.db.events.bulkInsert(rest);
      written.push(work);
    }
    const total = written.flat().length;

    // Offline: the status shows it, and counts what waits to upload.
    for (const [i, d] of desks.entries()) {
      const state = await eventually(
        async () => (d.replication.state.pending >= Math.min(written[i]!.length, 999) ? d.replication.state : undefined),
        10_000,
        'pending count',
      );
      expect(state.online).toBe(false);
      expect(state.error?.code).toBe('offline');
    }
    const token = desks[0]!.token;
    expect((await pullAll(t.url, token, 'events')).documents).toHaveLength(0);

    for (const d of desks) d.net.restore();
    await eventually(
      async () => {
        for (const d of desks) d.replication.resync();
        const counts = await Promise.all(desks.map(async (d) => (await deskEvents(d.db)).length));
        return counts.every((c) => c === total);
      },
      30_000,
      'both desks to hold every event',
    );

    const server = (await pullAll<CaseEvent>(t.url, token, 'events')).documents.map((d) => withoutDeletedFlag(d) as CaseEvent);
    const expected = sortById(written.flat());
    expect(server).toHaveLength(total);
    expect(new Set(server.map((e) => e.id)).size).toBe(total);
    expect(sortById(server)).toEqual(expected);
    const a = sortById(await deskEvents(desks[0]!.db));
    const b = sortById(await deskEvents(desks[1]!.db));
    expect(a).toEqual(expected);
    expect(b).toEqual(expected);

    const projections = [projectCases(a), projectCases(b), projectCases(server)];
    expect(projections[0]!.size).toBe(desks.length * 7 * 6);
    expect(projections[1]).toEqual(projections[0]);
    expect(projections[2]).toEqual(projections[0]);

    for (const d of desks) {
      const state = await eventually(
        async () => {
          await d.replication.awaitInSync();
          return d.replication.state.pending === 0 && d.replication.state.online ? d.replication.state : undefined;
        },
        10_000,
        'status to settle',
      );
      expect(state.lastSyncAt).toBeGreaterThan(0);
      expect(state.error).toBeUndefined();
      // Each event is stored once: the replication keeps no second copy of the events it pulled or pushed
      // (server-record.ts), only of the organisation's configuration documents and its checkpoints.
      const configDocs = await d.db.config.count().exec();
      expect(await replicationRecords(d.db.name)).toBeLessThanOrEqual(configDocs + 4);
    }
  });

  it('a document the server refuses, or one of another organisation, stays on the desk and never blocks the rest', async () => {
    const d = desks[0]!;
    const config = await loadConfig(d.db);
    const staff = config.staff.map((x) => x.id);
    const [good1, bad, good2, foreign] = generateDeskWork(900, {
      orgId: d.orgId,
      siteId: d.siteId,
      deskId: d.deskId,
      deskCode: d.deskCode,
      actorIds: staff,
      start: WEEK_START + 10 * 86_400_000,
      days: 1,
      casesPerDay: 4,
      org: { policy: config.policies[0]!, staff: config.staff },
    }).filter((e) => e.type === 'case.registered');
    // The desk's store does not check envelopes the way the server does: a corrupt id slips in locally.
    await d.db.events.bulkInsert([good1!, { ...bad!, id: 'corrupt-id' }, good2!, { ...foreign!, orgId: 'SOME-OTHER-ORG' }]);
    const token = d.token;
    await eventually(
      async () => {
        const ids = new Set((await pullAll<CaseEvent>(t.url, token, 'events')).documents.map((e) => e.id));
        return ids.has(good1!.id) && ids.has(good2!.id);
      },
      20_000,
      'good events on the server',
    );
    const server = (await pullAll<CaseEvent>(t.url, token, 'events')).documents;
    expect(server.some((e) => e.id === 'corrupt-id' || e.orgId !== d.orgId)).toBe(false);
    const state = await eventually(async () => (d.replication.state.refused > 0 ? d.replication.state : undefined), 10_000, 'refusal in the status');
    expect(state.refused).toBe(1);
    expect(state.refusedList?.[0]).toMatchObject({ id: 'corrupt-id' });
    // An event the server does not authorise (an actor who is no staff member) is set aside with its reason,
    // and never retried: the status lists it until the desk is restarted.
    const [forged] = generateDeskWork(901, {
      orgId: d.orgId,
      siteId: d.siteId,
      deskId: d.deskId,
      deskCode: d.deskCode,
      actorIds: ['NOT-STAFF'],
      start: WEEK_START + 10 * 86_400_000,
      days: 1,
      casesPerDay: 1,
    });
    await d.db.events.insert(forged!);
    const after = await eventually(async () => (d.replication.state.refused > 1 ? d.replication.state : undefined), 20_000, 'unauthorised event in the status');
    expect(after.refusedList?.at(-1)).toMatchObject({
      id: forged!.id,
      code: 'sync.actorUnknown',
      message: { 'zh-CN': expect.stringMatching(/不是本单位的在册人员/) },
    });
    expect((await pullAll<CaseEvent>(t.url, token, 'events')).documents.some((e) => e.id === forged!.id)).toBe(false);
    expect(refusedMessage(state.refused)['zh-CN']).toMatch(/1 条记录未通过服务器校验，仅保存在本台/);
    expect(await d.db.events.findOne('corrupt-id').exec()).not.toBeNull();
  });

  it('a malformed and an unauthorised document in one push are both set aside, each with its reason, and the rest is stored', async () => {
    // The server judges shape before authority, so the first answer names only the malformed row; the rest, pushed
    // again, is refused for the unauthorised one. Both must be set aside (the desk used to retry the chunk forever).
    const d = desks[1]!;
    const config = await loadConfig(d.db);
    const work = (seed: number, actorIds: string[]) =>
      generateDeskWork(seed, {
        orgId: d.orgId,
        siteId: d.siteId,
        deskId: d.deskId,
        deskCode: d.deskCode,
        actorIds,
        start: WEEK_START + 11 * 86_400_000,
        days: 1,
        casesPerDay: 2,
        org: { policy: config.policies[0]!, staff: config.staff },
      }).filter((e) => e.type === 'case.registered');
    const [good, malformed] = work(
      910,
      config.staff.map((x) => x.id),
    );
    const [forged] = work(911, ['NOT-STAFF']);
    await d.db.events.bulkInsert([good!, { ...malformed!, id: 'malformed-id' }, forged!]);
    await eventually(
      async () => (await pullAll<CaseEvent>(t.url, d.token, 'events')).documents.some((e) => e.id === good!.id),
      20_000,
      'the good event on the server',
    );
    const state = await eventually(
      async () => (d.replication.state.refusedList?.some((r) => r.id === forged!.id) ? d.replication.state : undefined),
      20_000,
      'both refusals in the status',
    );
    expect(state.refusedList).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: 'malformed-id', code: 'format' }),
        expect.objectContaining({ id: forged!.id, code: 'sync.actorUnknown' }),
      ]),
    );
    const stored = (await pullAll<CaseEvent>(t.url, d.token, 'events')).documents;
    expect(stored.some((e) => e.id === 'malformed-id' || e.id === forged!.id)).toBe(false);
  });
});
