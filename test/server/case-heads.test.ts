import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from './backends';
import { startTestServer, demoDesk, type TestServer, type EnrolledDesk } from './setup';
import { checkEventRows } from '../../src-server/sync/validate';
import { pushEvents } from '../../src-server/sync/events-store';
import { migrate } from '../../src-server/db/migrate';
import type { CaseEvent } from '../../src-shared/domain/events';
import { makeEvent, makeRegistration, storyPayload } from '../../src-shared/domain/projection.fixtures';

// The cases' heads (migration 8) that GET /sync/v1/events/first reads instead of the history: kept by every
// push in the statement that stores its events, they must always equal what the stored events say — per case
// and site, the last sequence number and time, the count, and whether the last closing, rejection or
// reopening (by sequence) left the case open. Checked against a fold of the stored events written here, after
// pushes in small batches that split cases across pushes, re-deliveries, and events of one case on two sites;
// and the migration's fill of a database whose events were stored before it.

const NOW = Date.UTC(2026, 10, 28, 4, 0, 0);
const CLOSING = new Set(['case.closed', 'case.rejected', 'case.reopened']);

interface Head {
  case_id: string;
  site_id: string;
  last_seq: number;
  last_at: number;
  n: number;
  open_seq: number;
  open: boolean;
}

describe.each(BACKENDS)('case heads (%s)', (backend) => {
  let t: TestServer;
  let desk: EnrolledDesk;

  beforeAll(async () => {
    t = await startTestServer(backend, { sync: { now: () => NOW } });
    desk = await demoDesk(t, { sites: ['总部接待处', '东区接待处'] });
  });
  afterAll(async () => t?.stop());

  /** What the stored events say, folded here in sequence order. */
  async function expected(): Promise<Head[]> {
    const rows = await t.server.db.query<{ case_id: string; site_id: string; seq: string; at: string; type: string }>(
      'select case_id, site_id, seq, at, type from events where org_id = $1 order by seq',
      [desk.orgId],
    );
    const heads = new Map<string, Head>();
    for (const r of rows) {
      const key = `${r.case_id} ${r.site_id}`;
      const h = heads.get(key) ?? { case_id: r.case_id, site_id: r.site_id, last_seq: 0, last_at: 0, n: 0, open_seq: 0, open: true };
      h.last_seq = Number(r.seq);
      h.last_at = Math.max(h.last_at, Number(r.at));
      h.n++;
      if (CLOSING.has(r.type)) {
        h.open_seq = Number(r.seq);
        h.open = r.type === 'case.reopened';
      }
      heads.set(key, h);
    }
    return [...heads.values()].sort((a, b) => a.case_id.localeCompare(b.case_id) || a.site_id.localeCompare(b.site_id));
  }

  async function stored(): Promise<Head[]> {
    const rows = await t.server.db.query<Record<keyof Head, string | number | boolean>>(
      'select case_id, site_id, last_seq, last_at, n, open_seq, open from case_heads where org_id = $1 order by case_id, site_id',
      [desk.orgId],
    );
    return rows.map((r) => ({
      case_id: String(r.case_id),
      site_id: String(r.site_id),
      last_seq: Number(r.last_seq),
      last_at: Number(r.last_at),
      n: Number(r.n),
      open_seq: Number(r.open_seq),
      open: r.open === true || r.open === 't',
    }));
  }

  it('equal the stored events after pushes in small batches, re-deliveries, events out of time order, and a case on two sites', async () => {
    const east = (await t.server.db.query<{ id: string }>('select id from sites where org_id = $1 and id <> $2', [desk.orgId, desk.siteId]))[0]!.id;
    const actorId = desk.org.staffIds[0]!;
    const start = NOW - 20 * 86_400_000;
    const events: CaseEvent[] = [];
    // Twelve cases, each with its own story of closings, rejections and reopenings.
    const stories: CaseEvent['type'][][] = [
      [],
      ['case.accepted'],
      ['case.accepted', 'case.closed'],
      ['case.accepted', 'case.closed', 'case.reopened'],
      ['case.accepted', 'case.closed', 'case.reopened', 'case.closed'],
      ['case.rejected'],
      ['case.rejected', 'case.reopened'],
      ['case.accepted', 'case.note', 'case.closed', 'case.note'],
      ['case.accepted', 'case.closed', 'case.reopened', 'case.note', 'case.closed', 'case.reopened'],
      ['case.note', 'case.note'],
      ['case.accepted', 'case.closed'],
      ['case.accepted'],
    ];
    for (const [k, story] of stories.entries()) {
      const at = start + k * 3_600_000;
      const env = { orgId: desk.orgId, siteId: desk.siteId, deskId: desk.deskId, actorId, policyRevision: 1, caseId: `case-${k}` };
      events.push(makeRegistration(at, { number: `HZ01-20261108-${String(k + 1).padStart(3, '0')}`, firstReceiverId: actorId }, env));
      for (const [j, type] of story.entries()) {
        // The last two cases get their later events written on the other site.
        const siteId = k >= 10 && j > 0 ? east : desk.siteId;
        events.push(makeEvent(type, storyPayload(type) as never, at + (j + 1) * 60_000, { ...env, siteId }));
      }
    }
    // Interleaved across cases (each case's events stay in their order), in batches of 1–5.
    const order = [...events].sort((a, b) => (a.at % 3_600_000) - (b.at % 3_600_000) || a.at - b.at);
    const batches: CaseEvent[][] = [];
    for (let i = 0, size = 1; i < order.length; i += size, size = (size % 5) + 1) batches.push(order.slice(i, i + size));
    // Straight to the store, as the first-events suite does: the stories' actions are not what is tested here.
    const scope = { orgId: desk.orgId, siteId: desk.siteId, deskId: desk.deskId, scope: 'org' as const };
    const store = async (batch: CaseEvent[]) => {
      const checked = checkEventRows(
        batch.map((e) => ({ newDocumentState: e })),
        scope,
      );
      if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
      await pushEvents(t.server.db, t.server.keyring, scope, checked.docs);
    };
    for (const [i, batch] of batches.entries()) {
      await store(batch);
      // Every third batch is delivered again with the one before (a lost answer): stored once, counted once.
      if (i % 3 === 2) await store([...batches[i - 1]!, ...batch]);
    }
    const want = await expected();
    expect(want.filter((h) => !h.open).length).toBeGreaterThan(0);
    expect(new Set(want.map((h) => h.site_id)).size).toBe(2);
    expect(await stored()).toEqual(want);
  });

  it('the migration fills them from the events stored before it', async () => {
    const before = await stored();
    expect(before.length).toBeGreaterThan(0);
    await t.server.db.query('drop table case_heads');
    await t.server.db.query('delete from schema_migrations where version = 8');
    expect(await migrate(t.server.db)).toEqual([8]);
    expect(await stored()).toEqual(await expected());
    expect(await stored()).toEqual(before);
  });
});
