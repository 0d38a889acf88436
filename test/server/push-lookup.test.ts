import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from './backends';
import { startTestServer, demoDesk, type TestServer, type EnrolledDesk } from './setup';
import { push } from './client';
import { generateDeskWork } from '../sync/fixtures';
import { STORED_EVENTS_SQL, newlineJoined } from '../../src-server/sync/events-store';
import type { CaseEvent } from '../../src-shared/domain/events';

// Every push first looks its ids up among the stored events (an identical re-push is a no-op, a changed
// one is refused). That look-up must cost the same however long the organisation's history is: one
// primary-key probe per pushed id, never a pass over the organisation's events. Checked on the plan the
// database actually runs, on a table that was never analysed (PGlite never analyses), so no timing.

describe.each(BACKENDS)('push duplicate check (%s)', (backend) => {
  let t: TestServer;
  let desk: EnrolledDesk;
  let events: CaseEvent[];

  beforeAll(async () => {
    t = await startTestServer(backend);
    desk = await demoDesk(t);
    events = generateDeskWork(21, {
      orgId: desk.orgId,
      siteId: desk.siteId,
      deskId: desk.deskId,
      deskCode: desk.deskCode,
      actorIds: desk.org.staffIds,
      start: Date.UTC(2026, 10, 2),
      days: 12,
      casesPerDay: 20,
    });
    for (let i = 0; i < events.length; i += 500) expect((await push(t.url, desk.token, 'events', events.slice(i, i + 500))).body).toEqual([]);
  });
  afterAll(async () => t?.stop());

  it('finds exactly the stored events among the pushed ids, probing each id by primary key without reading the rest of the history', async () => {
    expect(events.length).toBeGreaterThan(500);
    const stored = events.slice(0, 50).map((e) => e.id);
    const unknown = ['01KAZZZZZZZZZZZZZZZZZZZZZ0', '01KAZZZZZZZZZZZZZZZZZZZZZ1'];
    const params = [desk.orgId, newlineJoined([...stored, ...unknown])];
    const found = await t.server.db.query<{ id: string; doc: string }>(STORED_EVENTS_SQL, params);
    expect(found.map((r) => r.id).sort()).toEqual([...stored].sort());
    expect(found.map((r) => JSON.parse(r.doc) as CaseEvent)).toEqual(expect.arrayContaining([events[0]]));

    const plan = (await t.server.db.query<{ 'QUERY PLAN': string }>(`explain (analyze, costs off) ${STORED_EVENTS_SQL}`, params))
      .map((r) => r['QUERY PLAN'])
      .join('\n');
    expect(plan).toMatch(/Index Scan using events_pkey on events/);
    expect(plan).not.toMatch(/Seq Scan on events|Bitmap Heap Scan on events|Rows Removed by Filter/);
  });
});
