import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from './backends';
import { startTestServer, demoDesk, type TestServer, type EnrolledDesk } from './setup';
import { enrol, http, pullAll, pullPage } from './client';
import { issueEnrolmentCode } from '../../src-server/orgs';
import { checkEventRows } from '../../src-server/sync/validate';
import { pushEvents } from '../../src-server/sync/events-store';
import { firstEvents, RECENT_WINDOW_MS } from '../../src-server/sync/first-events';
import { FIRST_EVENTS_PATH, type EnrolResponse } from '../../src-shared/sync/contract';
import type { CaseEvent } from '../../src-shared/domain/events';
import { makeEvent, makeRegistration, storyPayload } from '../../src-shared/domain/projection.fixtures';

// Issue 14 item 1, "usable first": a new desk is sent the events of the cases a clerk works on before the
// history — every open case, and the cases changed within the recent window — whole cases, open ones first,
// under a cap; a site desk only its site's. It is a prefetch: it moves no checkpoint, and the ordinary pull
// from 0 still returns the whole history once, in sequence order, so an event of the first part arrives
// again and none is missed. On a fixed server clock.

const NOW = Date.UTC(2026, 10, 28, 4, 0, 0);
const DAY = 86_400_000;
const OLD = NOW - 100 * DAY;

type Doc = CaseEvent & { _deleted: boolean };

describe.each(BACKENDS)('first events for a new desk (%s)', (backend) => {
  let t: TestServer;
  let desk: EnrolledDesk;
  let eastSite: string;
  /** Case id → its events, as pushed. */
  const cases = new Map<string, CaseEvent[]>();

  beforeAll(async () => {
    t = await startTestServer(backend, { sync: { now: () => NOW } });
    desk = await demoDesk(t, { sites: ['总部接待处', '东区接待处'] });
    eastSite = (await t.server.db.query<{ id: string }>('select id from sites where org_id = $1 and id <> $2', [desk.orgId, desk.siteId]))[0]!.id;
    const actorId = desk.org.staffIds[0]!;
    let n = 0;
    /** A case registered at `at` whose further events are `then` (type, minutes after the registration). */
    const add = (name: string, at: number, then: [CaseEvent['type'], number][], siteId = desk.siteId) => {
      const env = { orgId: desk.orgId, siteId, deskId: desk.deskId, actorId, policyRevision: 1, caseId: name };
      const list: CaseEvent[] = [makeRegistration(at, { number: `HZ01-20261127-${String(++n).padStart(3, '0')}`, firstReceiverId: actorId }, env)];
      for (const [type, minutes] of then) {
        list.push(makeEvent(type, storyPayload(type) as never, at + minutes * 60_000, env));
      }
      cases.set(name, list);
    };
    add('old-closed', OLD, [
      ['case.accepted', 1],
      ['case.closed', 60],
    ]);
    add('old-open', OLD + 1000, [['case.accepted', 1]]);
    add('old-reopened', OLD + 2000, [
      ['case.accepted', 1],
      ['case.closed', 60],
      ['case.reopened', 120],
    ]);
    add('old-rejected', OLD + 3000, [['case.rejected', 5]]);
    add('recent-closed', NOW - 10 * DAY, [
      ['case.accepted', 1],
      ['case.closed', 60],
    ]);
    // Closed long ago, but written to within the window (a note after closing): recently changed.
    add('old-closed-noted', OLD + 4000, [
      ['case.closed', 60],
      ['case.note', 95 * 24 * 60],
    ]);
    add('east-open', OLD + 5000, [['case.accepted', 1]], eastSite);
    add('east-old-closed', OLD + 6000, [['case.closed', 60]], eastSite);
    // In the order of time, as desks would have pushed them, so a case's events are spread over the sequence.
    const all = [...cases.values()].flat().sort((a, b) => a.at - b.at);
    const scope = { orgId: desk.orgId, siteId: desk.siteId, deskId: desk.deskId, scope: 'org' as const };
    const checked = checkEventRows(
      all.map((e) => ({ newDocumentState: e })),
      scope,
    );
    if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
    await pushEvents(t.server.db, t.server.keyring, scope, checked.docs);
  });
  afterAll(async () => t?.stop());

  const idsOf = (...names: string[]) => names.flatMap((n) => cases.get(n)!.map((e) => e.id)).sort();
  const first = async (token: string) => http<{ documents: Doc[]; latest: number; checkpoint?: unknown }>(t.url, 'GET', FIRST_EVENTS_PATH, { token });

  it('sends every event of the open and recently changed cases, and of no other, in sequence order; the rest comes with the history', async () => {
    const fresh = await enrol(t.url, (await issueEnrolmentCode(t.server.db, { orgId: desk.orgId, scope: 'org' })).code);
    const r = await first(fresh.token);
    expect(r.status).toBe(200);
    const got = r.body.documents;
    expect(got.map((d) => d.id).sort()).toEqual(idsOf('old-open', 'old-reopened', 'recent-closed', 'old-closed-noted', 'east-open'));
    expect(got.every((d) => d._deleted === false)).toBe(true);
    const stored = await t.server.db.query<{ id: string; seq: string }>('select id, seq from events where org_id = $1 order by seq', [desk.orgId]);
    const seqOf = new Map(stored.map((s) => [s.id, Number(s.seq)]));
    const seqs = got.map((d) => seqOf.get(d.id)!);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    // The organisation's sequence now, as every pull page says it (the join's progress is measured against it).
    expect(r.body.latest).toBe((await pullPage(t.url, fresh.token, 'events', 0, 1)).latest);
    // No checkpoint is given: the desk's history pull still starts at 0 and returns everything once, in order.
    expect(r.body).not.toHaveProperty('checkpoint');
    const history = await pullAll<Doc>(t.url, fresh.token, 'events', 0, 3);
    expect(history.documents.map((d) => d.id)).toEqual(stored.map((s) => s.id));
    // What the first part sent is exactly what the history sends for those events.
    const byId = new Map(history.documents.map((d) => [d.id, d]));
    for (const d of got) expect(byId.get(d.id)).toEqual(d);
  });

  it('a site desk is sent its own site only', async () => {
    const east: EnrolResponse = await enrol(t.url, (await issueEnrolmentCode(t.server.db, { orgId: desk.orgId, scope: 'site', siteId: eastSite })).code);
    expect((await first(east.token)).body.documents.map((d) => d.id).sort()).toEqual(idsOf('east-open'));
    const head = await enrol(t.url, (await issueEnrolmentCode(t.server.db, { orgId: desk.orgId, scope: 'site', siteId: desk.siteId })).code);
    expect((await first(head.token)).body.documents.map((d) => d.id).sort()).toEqual(idsOf('old-open', 'old-reopened', 'recent-closed', 'old-closed-noted'));
  });

  it('under the cap: whole cases, open ones first, then the most recently changed', async () => {
    const scope = { orgId: desk.orgId, siteId: desk.siteId, deskId: desk.deskId, scope: 'org' as const };
    const ids = async (max: number) => (await firstEvents(t.server.db, t.server.keyring, scope, NOW, max)).map((d) => (JSON.parse(d) as Doc).id).sort();
    // Open cases, by their last change: old-reopened (4 events, reopened last), east-open (2), old-open (2).
    expect(await ids(3)).toEqual([]);
    expect(await ids(4)).toEqual(idsOf('old-reopened'));
    expect(await ids(7)).toEqual(idsOf('old-reopened', 'east-open'));
    expect(await ids(8)).toEqual(idsOf('old-reopened', 'east-open', 'old-open'));
    // Then the closed ones changed in the window: old-closed-noted (a note 5 days ago) before recent-closed (10 days ago).
    expect(await ids(13)).toEqual(idsOf('old-reopened', 'east-open', 'old-open', 'old-closed-noted'));
    expect(await ids(14)).toEqual(idsOf('old-reopened', 'east-open', 'old-open', 'old-closed-noted', 'recent-closed'));
    // The window is the server's clock: a day later than the window's end, recent-closed is no longer sent.
    expect(
      (await firstEvents(t.server.db, t.server.keyring, scope, NOW - 10 * DAY + RECENT_WINDOW_MS + DAY)).map((d) => (JSON.parse(d) as Doc).id).sort(),
    ).toEqual(idsOf('old-reopened', 'east-open', 'old-open', 'old-closed-noted'));
  });

  it('refuses a request without a valid desk token and reads nothing of another organisation', async () => {
    expect((await http(t.url, 'GET', FIRST_EVENTS_PATH)).status).toBe(401);
    expect((await http(t.url, 'GET', FIRST_EVENTS_PATH, { token: 'not-a-token' })).status).toBe(401);
    const other = await demoDesk(t);
    expect((await first(other.token)).body.documents).toEqual([]);
  });
});
