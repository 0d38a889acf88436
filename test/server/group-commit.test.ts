import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BACKENDS } from './backends';
import { startTestServer, type TestServer } from './setup';
import { enrol, pullAll, push } from './client';
import { startServer, type RunningServer } from '../../src-server/server';
import { createDemoOrg, type DemoOrg } from '../../src-server/demo';
import { issueEnrolmentCode } from '../../src-server/orgs';
import { GroupCommitter } from '../../src-server/sync/group-commit';
import { pushEvents } from '../../src-server/sync/events-store';
import { checkEventRows, type CheckedEvent } from '../../src-server/sync/validate';
import { CHANGES_CHANNEL, type ChangeNotice, type DeskScope } from '../../src-server/sync/scope';
import { ApiError } from '../../src-server/errors';
import type { Database, Queryable, SqlParam } from '../../src-server/db/types';
import { generateDeskWork, withoutDeletedFlag } from '../sync/fixtures';
import { TEST_NOW } from '../helpers/clock';
import type { CaseEvent } from '../../src-shared/domain/events';
import type { EnrolResponse } from '../../src-shared/sync/contract';

// Group commit (src-server/sync/group-commit.ts, docs/architecture.md §Sync): pushes of one organisation
// that arrive while a write of it is in flight are written together in one transaction, in arrival order,
// each answered with its own conflicts or error; and instances sharing one PostgreSQL keep every
// organisation's sequence unique and gap-free. The first write is held at a gate so the arrival order is
// the test's, not the scheduler's.

const DAY = 86_400_000;
const WAIT = { timeout: 20_000, interval: 20 };

/** The server's database, with its transactions counted, held while `hold()` is in force, and statements refused on demand. */
function watched(db: Database, refuse: (sql: string, params: readonly SqlParam[]) => boolean = () => false) {
  let gate: Promise<void> | undefined;
  let open = () => undefined as void;
  const refusing = (tx: Queryable): Queryable => ({
    query: <T extends object>(sql: string, params: readonly SqlParam[] = []) =>
      refuse(sql, params) ? Promise.reject(new Error('the database refused the statement')) : tx.query<T>(sql, params),
  });
  const w = {
    transactions: 0,
    hold() {
      gate = new Promise<void>((resolve) => (open = resolve));
    },
    release() {
      gate = undefined;
      open();
    },
    db: {
      kind: db.kind,
      query: <T extends object>(sql: string, params?: readonly SqlParam[]) => db.query<T>(sql, params),
      async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
        w.transactions++;
        await gate;
        return db.transaction((tx) => fn(refusing(tx)));
      },
      listen: (channel, onPayload) => db.listen(channel, onPayload),
      notify: (channel, payload) => db.notify(channel, payload),
      close: () => db.close(),
    } satisfies Database,
  };
  return w;
}

function checked(events: readonly CaseEvent[], scope: DeskScope): CheckedEvent[] {
  const result = checkEventRows(
    events.map((e) => ({ newDocumentState: e })),
    scope,
  );
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.docs;
}

/** Seq and id of the organisation's events after `afterSeq`, in sequence order. */
async function storedAfter(db: Queryable, orgId: string, afterSeq: number): Promise<{ id: string; seq: number }[]> {
  const rows = await db.query<{ id: string; seq: number | string }>('select id, seq from events where org_id = $1 and seq > $2 order by seq', [
    orgId,
    afterSeq,
  ]);
  return rows.map((r) => ({ id: r.id, seq: Number(r.seq) }));
}

async function orgSeq(db: Queryable, orgId: string): Promise<number> {
  const [row] = await db.query<{ seq: number | string }>('select seq from org_seq where org_id = $1', [orgId]);
  return Number(row!.seq);
}

const conflictDocs = (conflicts: string[]) => conflicts.map((c) => withoutDeletedFlag(JSON.parse(c) as CaseEvent & { _deleted?: boolean }));

describe.each(BACKENDS)('group commit (%s)', (backend) => {
  let t: TestServer;

  beforeAll(async () => {
    t = await startTestServer(backend, { sync: { now: () => TEST_NOW } });
  });
  afterAll(async () => t?.stop());

  /** A desk's scope and a few days of its work (its events need no enrolled desk: the committer is below authorisation). */
  function deskOf(org: DemoOrg, deskId: string, siteId: string, scope: DeskScope['scope'], seed: number) {
    const desk: DeskScope = { orgId: org.orgId, siteId, deskId, scope };
    const work = generateDeskWork(seed, {
      orgId: org.orgId,
      siteId,
      deskId,
      deskCode: deskId.toUpperCase().replace(/[^A-Z0-9]/g, ''),
      actorIds: org.staffIds,
      start: TEST_NOW - 10 * DAY,
      days: 3,
      casesPerDay: 4,
    });
    return { scope: desk, work };
  }

  /**
   * Holds the first push's write at the gate, then sends the others one by one, each once it waits, and
   * opens the gate: the arrival order is the order of `pushes`.
   */
  async function inArrivalOrder(w: ReturnType<typeof watched>, committer: GroupCommitter, orgId: string, pushes: [DeskScope, CheckedEvent[]][]) {
    w.hold();
    const answers: Promise<string[]>[] = [];
    for (const [k, [scope, rows]] of pushes.entries()) {
      const answer = committer.push(scope, rows);
      answer.catch(() => undefined);
      answers.push(answer);
      if (k === 0) await vi.waitFor(() => expect(w.transactions).toBe(1), WAIT);
      else await vi.waitFor(() => expect(committer.waiting(orgId)).toBe(k), WAIT);
    }
    w.release();
    return Promise.allSettled(answers);
  }

  it('pushes that arrive while a write is in flight are written in one transaction with one change notice, numbered in arrival order, each answered with its own conflicts', async () => {
    const org = await createDemoOrg(t.server.db, { name: '合并提交单位' });
    const a = deskOf(org, 'desk-ga', org.siteIds[0]!, 'org', 31);
    const b = deskOf(org, 'desk-gb', org.siteIds[0]!, 'org', 32);
    expect(a.work.length).toBeGreaterThanOrEqual(16);
    expect(b.work.length).toBeGreaterThanOrEqual(16);
    // Stored before: a changed copy of it is a conflict whose answer is the stored event.
    const before = a.work[15]!;
    expect(await pushEvents(t.server.db, t.server.keyring, a.scope, checked([before], a.scope))).toEqual([]);
    const base = await orgSeq(t.server.db, org.orgId);

    const notices: ChangeNotice[] = [];
    const unlisten = await t.server.db.listen(CHANGES_CHANNEL, (payload) => notices.push(JSON.parse(payload) as ChangeNotice));
    const w = watched(t.server.db);
    const committer = new GroupCommitter(w.db, t.server.keyring);
    const chunk = (work: CaseEvent[], k: number) => work.slice(k * 5, k * 5 + 5);
    const changed = (e: CaseEvent): CaseEvent => ({ ...e, actorId: 'someone-else' });
    const pushes: [DeskScope, CaseEvent[]][] = [
      [a.scope, chunk(a.work, 0)],
      [b.scope, chunk(b.work, 0)],
      [a.scope, [changed(before), ...chunk(a.work, 1)]],
      [b.scope, chunk(b.work, 1)],
      // The same desk again before its earlier push was answered: one event changed, one identical.
      [b.scope, [changed(b.work[5]!), b.work[6]!, ...chunk(b.work, 2)]],
      [a.scope, chunk(a.work, 2)],
    ];
    const answers = await inArrivalOrder(
      w,
      committer,
      org.orgId,
      pushes.map(([scope, events]) => [scope, checked(events, scope)]),
    );

    expect(answers.map((r) => r.status)).toEqual(Array(6).fill('fulfilled'));
    const conflicts = answers.map((r) => (r.status === 'fulfilled' ? conflictDocs(r.value) : undefined));
    expect(conflicts).toEqual([[], [], [before], [], [b.work[5]], []]);
    // One transaction for the first push, one for the five that waited for it.
    expect(w.transactions).toBe(2);

    const expected = [...chunk(a.work, 0), ...chunk(b.work, 0), ...chunk(a.work, 1), ...chunk(b.work, 1), ...chunk(b.work, 2), ...chunk(a.work, 2)];
    const stored = await storedAfter(t.server.db, org.orgId, base);
    expect(stored.map((r) => r.id)).toEqual(expected.map((e) => e.id));
    expect(stored.map((r) => r.seq)).toEqual(expected.map((_, i) => base + 1 + i));
    expect(await orgSeq(t.server.db, org.orgId)).toBe(base + expected.length);

    // Notices of different transactions arrive in commit order: once a later one is here, all of ours are.
    await t.server.db.notify(CHANGES_CHANNEL, JSON.stringify({ orgId: `${org.orgId}-end`, collection: 'events', seq: 0 }));
    await vi.waitFor(() => expect(notices.some((n) => n.orgId === `${org.orgId}-end`)).toBe(true), WAIT);
    await unlisten();
    // (Notices of the organisation's creation and of the push before may still arrive after listening began.)
    const ours = notices.filter((n) => n.orgId === org.orgId && n.seq > base);
    expect(ours).toEqual([
      { orgId: org.orgId, collection: 'events', seq: base + 5, sites: [org.siteIds[0]] },
      { orgId: org.orgId, collection: 'events', seq: base + expected.length, sites: [org.siteIds[0]] },
    ]);
  });

  it("a push that fails on its own rows inside the group's transaction is answered with its error and stores nothing; the rest of its group is written", async () => {
    const org = await createDemoOrg(t.server.db, { name: '合并失败单位', sites: ['一号接待处', '二号接待处'] });
    const [one, two] = org.siteIds as [string, string];
    const wide = deskOf(org, 'desk-gw', two, 'org', 41);
    const site = deskOf(org, 'desk-gs', one, 'site', 42);
    const base = await orgSeq(t.server.db, org.orgId);
    const w = watched(t.server.db);
    const committer = new GroupCommitter(w.db, t.server.keyring);
    // The site desk's first event bears the id of an event of the other site that an earlier push of the
    // same group stores: its check before the lock found nothing, the re-check after it refuses (403).
    const taken = { ...site.work[0]!, id: wide.work[5]!.id };
    const answers = await inArrivalOrder(w, committer, org.orgId, [
      [wide.scope, checked(wide.work.slice(0, 5), wide.scope)],
      [wide.scope, checked(wide.work.slice(5, 10), wide.scope)],
      [site.scope, checked([taken, ...site.work.slice(1, 5)], site.scope)],
      [wide.scope, checked(wide.work.slice(10, 15), wide.scope)],
    ]);

    expect(answers.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    const third = answers[2]!;
    const refused: unknown = third.status === 'rejected' ? third.reason : undefined;
    expect(refused).toBeInstanceOf(ApiError);
    expect(refused).toMatchObject({ statusCode: 403, code: 'forbidden' });
    // The first push; the group, rolled back for the refused push; the group again without it.
    expect(w.transactions).toBe(3);
    const stored = await storedAfter(t.server.db, org.orgId, base);
    expect(stored.map((r) => r.id)).toEqual(wide.work.slice(0, 15).map((e) => e.id));
    expect(stored.map((r) => r.seq)).toEqual(stored.map((_, i) => base + 1 + i));
  });

  it('a row the database refuses fails only its own push: the group is written again push by push', async () => {
    const org = await createDemoOrg(t.server.db, { name: '合并拒绝单位' });
    const a = deskOf(org, 'desk-gr', org.siteIds[0]!, 'org', 51);
    const poisoned = a.work[7]!.id;
    const w = watched(t.server.db, (sql, params) => sql.includes('insert into events') && String(params[3]).split('\n').includes(poisoned));
    const committer = new GroupCommitter(w.db, t.server.keyring);
    const base = await orgSeq(t.server.db, org.orgId);
    const answers = await inArrivalOrder(w, committer, org.orgId, [
      [a.scope, checked(a.work.slice(0, 5), a.scope)],
      [a.scope, checked(a.work.slice(5, 10), a.scope)],
      [a.scope, checked(a.work.slice(10, 15), a.scope)],
    ]);

    expect(answers.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    // The first push; the group that failed; each of its pushes alone.
    expect(w.transactions).toBe(4);
    const stored = await storedAfter(t.server.db, org.orgId, base);
    expect(stored.map((r) => r.id)).toEqual([...a.work.slice(0, 5), ...a.work.slice(10, 15)].map((e) => e.id));
    expect(stored.map((r) => r.seq)).toEqual(stored.map((_, i) => base + 1 + i));
  });

  // Only PostgreSQL has other instances (a PGlite folder has one owner).
  if (backend === 'postgres')
    it('two instances on one database, desks of two organisations pushing at once through both (some deliveries through both at the same time): every sequence unique and gap-free, every event pulled exactly once', async () => {
      const other: RunningServer = await startServer({ ...t.database, port: 0, sync: { now: () => TEST_NOW } });
      try {
        const urls = [t.url, other.url];
        const orgs = [await createDemoOrg(t.server.db, { name: '双实例一' }), await createDemoOrg(t.server.db, { name: '双实例二' })];
        const desks: { org: DemoOrg; desk: EnrolResponse }[] = [];
        for (const org of orgs) {
          desks.push({ org, desk: await enrol(t.url, org.code) });
          for (let i = 1; i < 4; i++)
            desks.push({ org, desk: await enrol(t.url, (await issueEnrolmentCode(t.server.db, { orgId: org.orgId, scope: 'org' })).code) });
        }
        const bases = await Promise.all(orgs.map((o) => orgSeq(t.server.db, o.orgId)));
        const works = desks.map(({ org, desk }, i) =>
          generateDeskWork(60 + i, {
            orgId: org.orgId,
            siteId: desk.siteId,
            deskId: desk.deskId,
            deskCode: desk.deskCode,
            actorIds: org.staffIds,
            start: TEST_NOW - 10 * DAY,
            days: 3,
            casesPerDay: 4,
          }),
        );
        const statuses: { status: number; conflicts: number }[] = [];
        await Promise.all(
          desks.map(async ({ desk }, i) => {
            const work = works[i]!;
            for (let b = 0; b * 6 < work.length; b++) {
              const batch = work.slice(b * 6, b * 6 + 6);
              // Every third batch is delivered through both instances at once (a retry through the other address).
              const through = b % 3 === 2 ? urls : [urls[(i + b) % 2]!];
              const results = await Promise.all(through.map((url) => push(url, desk.token, 'events', batch)));
              for (const r of results) statuses.push({ status: r.status, conflicts: r.body.length });
            }
          }),
        );
        expect(statuses.filter((s) => s.status !== 200 || s.conflicts !== 0)).toEqual([]);

        for (const [k, org] of orgs.entries()) {
          const pushed = works.filter((_, i) => desks[i]!.org === org).flat();
          const stored = await storedAfter(t.server.db, org.orgId, bases[k]!);
          expect(stored).toHaveLength(pushed.length);
          expect(stored.map((r) => r.seq)).toEqual(stored.map((_, i) => bases[k]! + 1 + i));
          expect(await orgSeq(t.server.db, org.orgId)).toBe(bases[k]! + pushed.length);
          const reader = await enrol(other.url, (await issueEnrolmentCode(t.server.db, { orgId: org.orgId, scope: 'org' })).code);
          const pulled = await pullAll<CaseEvent>(other.url, reader.token, 'events');
          expect(pulled.documents.map((d) => d.id).sort()).toEqual(pushed.map((e) => e.id).sort());
        }
      } finally {
        await other.close();
      }
    }, 120_000);
});
