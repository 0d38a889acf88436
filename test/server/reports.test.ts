import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from './backends';
import { startTestServer, demoDesk, type TestServer, type EnrolledDesk } from './setup';
import { http, push } from './client';
import { makeEvent, makeRegistration, ulidAt, HOUR, MINUTE, DAY } from '../../src-shared/domain/projection.fixtures';
import type { CaseEvent } from '../../src-shared/domain/events';
import type { StageStatus } from '../../src-shared/domain/sla-types';
import type { CaseState } from '../../src-shared/domain/case-state';
import type { CaseStatistics } from '../../src-shared/analytics/stats';
import { acceptedIntake, policyOf } from '../../src-shared/presets/presets.fixtures';
import { propertyPreset } from '../../src-shared/presets/s7-property';

const PROPERTY = policyOf(propertyPreset);

// The supervisors' read API: cases folded on the server with the shared projection and SLA engine of
// the S7 property preset (important complaint: reply within 3 h, resolve within 3 days; general: 1 h / 2 days).

interface Summary {
  id: string;
  status: string;
  overdue: boolean;
  departmentId?: string;
  next?: { stageId: string; state: string; dueAt?: number };
}

describe.each(BACKENDS)('server read API (%s)', (backend) => {
  let t: TestServer;
  let desk: EnrolledDesk;
  // Relative to the server's own clock: the read API folds with the machine's now (src-server/plugins/reports.ts).
  const now = Date.now();
  let seq = 0;

  function caseEvents(n: number, registeredAt: number, severity: string, extra: (env: object) => CaseEvent[], confidential = false): CaseEvent[] {
    const caseId = `${desk.deskCode}-20261127-00${n}`;
    const env = { caseId, orgId: desk.orgId, siteId: desk.siteId, deskId: desk.deskId, actorId: desk.org.staffIds[0]!, policyRevision: 1 };
    const reg = makeRegistration(
      registeredAt,
      {
        ...acceptedIntake(PROPERTY),
        number: caseId,
        kind: 'complaint',
        channel: 'hotline',
        severity,
        category: 'facilities',
        firstReceiverId: env.actorId,
        complainant: { anonymous: false, confidential, name: '张三丰', phone: '13812345678' },
      },
      { ...env, id: ulidAt(registeredAt, ++seq) },
    );
    return [reg, ...extra(env)];
  }
  const ev = <T extends Parameters<typeof makeEvent>[0]>(type: T, payload: Parameters<typeof makeEvent<T>>[1], at: number, env: object) =>
    makeEvent(type, payload, at, { ...env, id: ulidAt(at, ++seq) }) as CaseEvent;

  beforeAll(async () => {
    t = await startTestServer(backend);
    desk = await demoDesk(t, { presetId: 's7-property' });
    const events = [
      // 1: important, 5 h old, handed to engineering, never answered → reply breached.
      ...caseEvents(1, now - 5 * HOUR, 'important', (env) => [ev('case.assigned', { departmentId: 'engineering' }, now - 4 * HOUR, env)]),
      // 2: general, 10 minutes old, confidential complainant → running, masked.
      ...caseEvents(2, now - 10 * MINUTE, 'general', () => [], true),
      // 3: important, answered and resolved in time, called back satisfied.
      ...caseEvents(3, now - 2 * HOUR, 'important', (env) => [
        ev('case.replied', { to: 'complainant', method: 'phone', content: '已安排维修。' }, now - 90 * MINUTE, env),
        ev('case.resolved', { result: '已修复。' }, now - 60 * MINUTE, env),
        ev('case.callback_done', { method: 'phone', satisfied: true, satisfaction: 5, outcome: '满意' }, now - 30 * MINUTE, env),
      ]),
      // 4: general, 40 days ago, answered late, resolved: outside a "last day" period.
      ...caseEvents(4, now - 40 * DAY, 'general', (env) => [
        ev('case.replied', { to: 'complainant', method: 'phone', content: '已处理。' }, now - 40 * DAY + 2 * HOUR, env),
        ev('case.resolved', { result: '已处理完毕。' }, now - 40 * DAY + 3 * HOUR, env),
      ]),
    ];
    expect((await push(t.url, desk.token, 'events', events)).body).toEqual([]);
  });
  afterAll(async () => t?.stop());

  const list = async (query: string) => (await http<{ total: number; items: Summary[] }>(t.url, 'GET', `/api/v1/cases${query}`, { token: desk.token })).body;
  const ids = (r: { items: Summary[] }) => r.items.map((c) => c.id.slice(-1)).sort();

  it('S7-13 lists cases with filters: overdue (important complaint unanswered after 3 h), status, department, period', async () => {
    expect((await list('')).total).toBe(4);
    expect(ids(await list('?overdue=true'))).toEqual(['1']);
    expect(ids(await list('?overdue=false'))).toEqual(['2', '3', '4']);
    expect(ids(await list('?status=resolved'))).toEqual(['3', '4']);
    expect(ids(await list('?departmentId=engineering'))).toEqual(['1']);
    expect(ids(await list(`?from=${now - DAY}&to=${now + 1}`))).toEqual(['1', '2', '3']);
    const page = await list('?limit=2&offset=1');
    expect(page.total).toBe(4);
    expect(page.items).toHaveLength(2);
    const first = (await list('?overdue=true')).items[0]!;
    expect(first.next).toMatchObject({ stageId: 'important_reply', state: 'breached', dueAt: now - 5 * HOUR + 3 * HOUR });
    expect((await http(t.url, 'GET', '/api/v1/cases?status=lost', { token: desk.token })).status).toBe(400);
  });

  it('S1-5 one case with every deadline; a confidential complainant stays sealed (the server never holds the identity in clear)', async () => {
    const r = await http<{ case: CaseState; stages: StageStatus[] }>(t.url, 'GET', `/api/v1/cases/${desk.deskCode}-20261127-002`, { token: desk.token });
    expect(r.status).toBe(200);
    expect(r.body.case.complainant).toEqual({ anonymous: false, confidential: true, sealed: true });
    expect(JSON.stringify(r.body)).not.toMatch(/张|13812345678|5678/);
    const reply = r.body.stages.find((s) => s.stageId === 'general_reply')!;
    expect(reply.state).toBe('running');
    expect(reply.dueAt).toBe(now - 10 * MINUTE + HOUR);
    expect(r.body.stages.map((s) => s.stageId)).toEqual(expect.arrayContaining(['general_reply', 'general_resolve']));
    expect((await http(t.url, 'GET', '/api/v1/cases/NOPE-1', { token: desk.token })).status).toBe(404);
  });

  it('S7-13 X-6 period statistics count what supervisors report: totals, breaches, on-time rate per stage, callbacks', async () => {
    const r = await http<CaseStatistics & { now: number }>(t.url, 'GET', `/api/v1/statistics?from=${now - DAY}&to=${now + MINUTE}`, { token: desk.token });
    expect(r.status).toBe(200);
    const s = r.body;
    expect(s.granularity).toBe('week'); // the finest of the S7 preset's analysis periods (weekly, monthly)
    expect(s.total.count).toBe(3);
    expect(s.breakdowns.severity.map((row) => [row.key, row.count])).toEqual([
      ['important', 2],
      ['general', 1],
    ]);
    expect(s.breakdowns.department.find((row) => row.key === 'engineering')).toMatchObject({ label: '工程部', count: 1 });
    // Case 3 answered in time, case 1 is past its 3 hours.
    expect(s.onTime.find((o) => o.stageId === 'important_reply')).toMatchObject({ onTime: { count: 1 }, overdue: { count: 1 }, rate: { rate: 0.5 } });
    expect(s.callback).toMatchObject({ eligible: { count: 1 }, done: { count: 1 }, rate: { rate: 1 }, satisfactionMean: 5, satisfied: { count: 1 } });
    const all = await http<CaseStatistics>(t.url, 'GET', `/api/v1/statistics?from=0&to=${now + MINUTE}&granularity=year`, { token: desk.token });
    // Case 4, 40 days old, was answered late and resolved; its callback is overdue.
    expect(all.body.total.count).toBe(4);
    expect(all.body.resolveTime.n).toBe(2);
    expect(all.body.onTime.find((o) => o.stageId === 'general_reply')).toMatchObject({ late: { count: 1 }, running: { count: 1 }, rate: { rate: 0 } });
    expect(all.body.callback).toMatchObject({ eligible: { count: 2 }, done: { count: 1 }, overdue: { count: 1 }, rate: { rate: 0.5 } });
  });

  it('a new push shows up in the next report (incremental refresh)', async () => {
    const more = caseEvents(5, now - 20 * MINUTE, 'general', () => []);
    expect((await push(t.url, desk.token, 'events', more)).body).toEqual([]);
    expect((await list('')).total).toBe(5);
  });
});
