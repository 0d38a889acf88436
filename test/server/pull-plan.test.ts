import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from './backends';
import { startTestServer, demoDesk, type TestServer, type EnrolledDesk } from './setup';
import { enrol, pullAll, pullPage, push } from './client';
import { generateDeskWork } from '../sync/fixtures';
import { issueEnrolmentCode } from '../../src-server/orgs';
import type { Queryable } from '../../src-server/db/types';
import type { CaseEvent } from '../../src-shared/domain/events';
import type { EnrolResponse } from '../../src-shared/sync/contract';

// A new desk's first sync pulls the organisation's whole history page by page. Each page must cost the
// same however long that history is: a walk of the sequence index that stops at the page limit, never
// a read of every event after the checkpoint followed by a sort. Checked on the plan the database runs
// for the pull functions (migration 2) under their own settings, on tables that were never analysed
// (PGlite never analyses) and again after ANALYZE, so no timing; and the pages, put together, must be
// exactly the ordered history the desk may see.

type SqlParam = string | number;

/** The plan of a pull function's statement, run as the function runs it: under its own SET clause. */
async function pullPlan(db: { transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> }, fn: string, params: SqlParam[]): Promise<string> {
  return db.transaction(async (tx) => {
    const [def] = await tx.query<{ prosrc: string; proconfig: string[] }>('select prosrc, proconfig from pg_proc where proname = $1', [fn]);
    if (!def) throw new Error(`no function ${fn}`);
    for (const setting of def.proconfig) {
      const [name, value] = setting.split('=') as [string, string];
      await tx.query('select set_config($1, $2, true)', [name, value]);
    }
    const plan = await tx.query<{ 'QUERY PLAN': string }>(`explain (analyze, costs off, timing off) ${def.prosrc}`, params);
    return plan.map((r) => r['QUERY PLAN']).join('\n');
  });
}

/** Asserts an index walk of `index` under a Limit that read exactly `limit` rows: no sort, no full read. */
function expectIndexWalk(plan: string, index: string, limit: number): void {
  expect(plan).toMatch(/^Limit/);
  expect(plan).toMatch(new RegExp(`Index Scan using ${index} on \\w+ \\(actual rows=${limit}(\\.00)? loops=1\\)`));
  expect(plan).not.toMatch(/Sort|Seq Scan|Bitmap Heap Scan|Rows Removed by Filter/);
}

describe.each(BACKENDS)('pull plan and pages (%s)', (backend) => {
  let t: TestServer;
  let desk: EnrolledDesk;
  let east: EnrolResponse;
  let history: CaseEvent[];

  beforeAll(async () => {
    t = await startTestServer(backend);
    desk = await demoDesk(t, { sites: ['总部接待处', '东区接待处'] });
    const sites = await t.server.db.query<{ id: string }>('select id from sites where org_id = $1 and id <> $2', [desk.orgId, desk.siteId]);
    const eastSite = sites[0]!.id;
    east = await enrol(t.url, (await issueEnrolmentCode(t.server.db, { orgId: desk.orgId, scope: 'site', siteId: eastSite })).code);
    const work = (siteId: string, seed: number) =>
      generateDeskWork(seed, {
        orgId: desk.orgId,
        siteId,
        deskId: desk.deskId,
        deskCode: desk.deskCode,
        actorIds: desk.org.staffIds,
        start: Date.UTC(2026, 10, 2),
        days: 8,
        casesPerDay: 25,
      });
    const head = work(desk.siteId, 31);
    const eastWork = work(eastSite, 32);
    // Both sites' events interleaved in the sequence, as desks of both sites working the same days would.
    history = head.flatMap((e, i) => (eastWork[i] ? [e, eastWork[i]] : [e]));
    for (let i = 0; i < history.length; i += 500) expect((await push(t.url, desk.token, 'events', history.slice(i, i + 500))).body).toEqual([]);
  });
  afterAll(async () => t?.stop());

  it('walks the (organisation, sequence) index and stops at the page limit, with or without table statistics', async () => {
    expect(history.length).toBeGreaterThan(1000);
    const [{ seq: middle } = { seq: 0 }] = await t.server.db.query<{ seq: string }>(
      'select seq from events where org_id = $1 order by seq offset 100 limit 1',
      [desk.orgId],
    );
    for (const analysed of [false, true]) {
      if (analysed) await t.server.db.query('analyze');
      expectIndexWalk(await pullPlan(t.server.db, 'pull_events_page', [desk.orgId, Number(middle), 200]), 'events_seq', 200);
      expectIndexWalk(await pullPlan(t.server.db, 'pull_site_events_page', [desk.orgId, east.siteId, Number(middle), 200]), 'events_site_seq', 200);
      expectIndexWalk(await pullPlan(t.server.db, 'pull_config_docs_page', [desk.orgId, 0, 1]), 'config_docs_seq', 1);
    }
  });

  it('a new desk pulling page by page gets the whole history once, in sequence order; a site desk only its own site', async () => {
    const stored = await t.server.db.query<{ id: string; site_id: string; seq: string }>('select id, site_id, seq from events where org_id = $1 order by seq', [
      desk.orgId,
    ]);
    expect(stored).toHaveLength(history.length);

    const fresh = await enrol(t.url, (await issueEnrolmentCode(t.server.db, { orgId: desk.orgId, scope: 'org' })).code);
    const all = await pullAll<CaseEvent & { _deleted: boolean }>(t.url, fresh.token, 'events', 0, 137);
    expect(all.documents.map((d) => d.id)).toEqual(stored.map((r) => r.id));
    expect(all.seq).toBe(Number(stored.at(-1)!.seq));
    expect(all.documents.map(({ _deleted, ...e }) => e)).toEqual(expect.arrayContaining(history));

    const site = await pullAll<CaseEvent>(t.url, east.token, 'events', 0, 137);
    const eastStored = stored.filter((r) => r.site_id === east.siteId);
    expect(eastStored.length).toBeGreaterThan(0);
    expect(eastStored.length).toBeLessThan(stored.length);
    expect(site.documents.map((d) => d.id)).toEqual(eastStored.map((r) => r.id));
    expect(site.seq).toBe(Number(eastStored.at(-1)!.seq));

    // A page's checkpoint is its last document's number; after the last one, the checkpoint stays put.
    const page = await pullPage<CaseEvent>(t.url, east.token, 'events', Number(eastStored[9]!.seq), 5);
    expect(page.documents.map((d) => d.id)).toEqual(eastStored.slice(10, 15).map((r) => r.id));
    expect(page.checkpoint.seq).toBe(Number(eastStored[14]!.seq));
    const end = await pullPage<CaseEvent>(t.url, fresh.token, 'events', all.seq, 50);
    // `latest` is the organisation's sequence number now (events and configuration share it, 902ded2).
    expect(end).toEqual({ documents: [], checkpoint: { seq: all.seq }, latest: expect.any(Number) });
    expect((end as unknown as { latest: number }).latest).toBeGreaterThanOrEqual(all.seq);
  });
});
