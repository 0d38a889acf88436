import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from './backends';
import { startTestServer, demoDesk, type TestServer, type EnrolledDesk } from './setup';
import { enrol, http, pullAll, push } from './client';
import { createAdminToken, issueEnrolmentCode, revokeDesk } from '../../src-server/orgs';
import { checkEventRows } from '../../src-server/sync/validate';
import { generateDeskWork, seededRandom } from '../sync/fixtures';
import { hostileVariant } from './hostile';
import { pushPath, streamPath, type ConfigDoc } from '../../src-shared/sync/contract';
import type { CaseEvent } from '../../src-shared/domain/events';

// Security as a feature: organisations are sealed from each other on every route, site-scoped desks
// from other sites, revoked tokens stop working at once, secrets never reach the log, and hostile input
// is refused without harming the server or storing anything.

const START = Date.UTC(2026, 10, 16);
/** Every case the tests push (all received on START's day), counted by the statistics route. */
const ALL_TIME_STATISTICS = `/api/v1/statistics?from=${START - 86_400_000}&to=${START + 2 * 86_400_000}`;

function workOf(d: EnrolledDesk, seed: number, casesPerDay = 2): CaseEvent[] {
  // Case numbers embed the desk code; both organisations' first desks are D01, so the seed's parity picks a prefix for distinct case ids.
  return generateDeskWork(seed, {
    orgId: d.orgId,
    siteId: d.siteId,
    deskId: d.deskId,
    deskCode: `${seed % 2 ? 'A' : 'B'}${d.deskCode}`,
    actorIds: d.org.staffIds,
    start: START,
    days: 1,
    casesPerDay,
  });
}

async function streamRecorder(url: string, token: string) {
  const controller = new AbortController();
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal: controller.signal });
  let text = '';
  const reader = res.body!.getReader();
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        text += new TextDecoder().decode(value);
      }
    } catch {
      // aborted
    }
  })();
  return { count: () => text.split('RESYNC').length - 1, close: () => controller.abort() };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(BACKENDS)('security (%s)', (backend) => {
  let t: TestServer;
  let a: EnrolledDesk;
  let b: EnrolledDesk;
  let adminToken: string;
  const secrets: string[] = [];

  beforeAll(async () => {
    t = await startTestServer(backend);
    a = await demoDesk(t, { name: '甲单位' });
    b = await demoDesk(t, { name: '乙单位' });
    adminToken = await createAdminToken(t.server.db, 'test');
    secrets.push(a.token, b.token, a.org.code, b.org.code, adminToken);
    expect((await push(t.url, a.token, 'events', workOf(a, 1))).status).toBe(200);
    expect((await push(t.url, b.token, 'events', workOf(b, 2))).status).toBe(200);
  });
  afterAll(async () => t?.stop());

  it('every route is covered by the organisation checks below', async () => {
    const doc = await http<{ paths: Record<string, Record<string, unknown>> }>(t.url, 'GET', '/docs/json');
    const routes = Object.entries(doc.body.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
    const covered = [
      'GET /healthz',
      'POST /api/v1/enrol',
      'POST /api/v1/admin-session',
      'GET /sync/v1/events/pull',
      'POST /sync/v1/events/push',
      'GET /sync/v1/events/stream',
      // A joining desk's first part: tokens, organisations and site scope in first-events.test.ts.
      'GET /sync/v1/events/first',
      'GET /sync/v1/config/pull',
      'POST /sync/v1/config/push',
      'GET /sync/v1/config/stream',
      // Attachment bodies: organisations, sites, tokens and hostile paths in attachment-bodies.test.ts.
      'PUT /sync/v1/attachments/{hash}',
      'GET /sync/v1/attachments/{hash}',
      'HEAD /sync/v1/attachments/{hash}',
      'GET /api/v1/cases',
      'GET /api/v1/cases/{caseId}',
      'GET /api/v1/statistics',
      'POST /api/v1/admin/orgs',
      'POST /api/v1/admin/orgs/{orgId}/enrolment-codes',
      'GET /api/v1/admin/orgs/{orgId}/desks',
      'POST /api/v1/admin/orgs/{orgId}/desks/{deskId}/revoke',
    ];
    expect(routes.sort()).toEqual(covered.sort());
  });

  it('a desk of organisation A reads nothing of organisation B (pull, cases, statistics)', async () => {
    for (const collection of ['events', 'config'] as const) {
      const docs = (await pullAll<{ orgId: string }>(t.url, a.token, collection)).documents;
      expect(docs.length).toBeGreaterThan(0);
      expect(docs.every((d) => d.orgId === a.orgId)).toBe(true);
    }
    const cases = await http<{ total: number; items: { id: string; deskId: string }[] }>(t.url, 'GET', '/api/v1/cases', { token: a.token });
    expect(cases.status).toBe(200);
    expect(cases.body.total).toBe(2);
    expect(cases.body.items.every((c) => c.deskId === a.deskId)).toBe(true);
    const bCase = workOf(b, 2)[0]!.caseId;
    expect((await http(t.url, 'GET', `/api/v1/cases/${bCase}`, { token: a.token })).status).toBe(404);
    expect((await http(t.url, 'GET', `/api/v1/cases/${bCase}`, { token: b.token })).status).toBe(200);
    const stats = await http<{ total: { count: number } }>(t.url, 'GET', ALL_TIME_STATISTICS, { token: a.token });
    expect(stats.body.total.count).toBe(2);
  });

  it('a desk of organisation A cannot write into organisation B (events and config), and nothing is stored', async () => {
    const before = await pullAll(t.url, b.token, 'events');
    const forged = workOf(b, 3).map((e) => ({ ...e, id: e.id.slice(0, -1) + 'Z' }));
    const r = await push(t.url, a.token, 'events', forged);
    expect(r.status).toBe(403);
    expect(r.body).toMatchObject({ error: 'forbidden' });
    const bConfig = (await pullAll<ConfigDoc>(t.url, b.token, 'config')).documents.find((d) => d.kind === 'site')!;
    const hijack = { ...bConfig, rev: bConfig.rev + 5, data: { ...bConfig.data, name: '被篡改' } };
    expect((await push(t.url, a.token, 'config', [hijack])).status).toBe(403);
    // The same document relabelled as A's organisation still names B inside its data.
    expect((await push(t.url, a.token, 'config', [{ ...hijack, orgId: a.orgId }])).status).toBe(403);
    const after = await pullAll(t.url, b.token, 'events');
    expect(after.seq).toBe(before.seq);
    const site = (await pullAll<ConfigDoc>(t.url, b.token, 'config')).documents.find((d) => d.id === bConfig.id)!;
    expect(site.data.name).not.toBe('被篡改');
  });

  it("a desk's change stream only wakes for its own organisation", async () => {
    const streamA = await streamRecorder(t.url + streamPath('events'), a.token);
    await sleep(200);
    const initial = streamA.count();
    expect(initial).toBe(1);
    await push(t.url, b.token, 'events', workOf(b, 4));
    await sleep(300);
    expect(streamA.count()).toBe(initial);
    await push(t.url, a.token, 'events', workOf(a, 5));
    for (let i = 0; i < 40 && streamA.count() === initial; i++) await sleep(50);
    expect(streamA.count()).toBe(initial + 1);
    streamA.close();
  });

  it('a site-scoped desk neither reads nor writes another site', async () => {
    const org = a.org;
    // A second site for organisation A, with a site-scoped desk on it.
    await t.server.db.query('insert into sites (org_id, id, name) values ($1, $2, $3)', [org.orgId, 'SITE-EAST', '东区']);
    const code = await issueEnrolmentCode(t.server.db, { orgId: org.orgId, siteId: 'SITE-EAST', scope: 'site' });
    const east = { ...(await enrol(t.url, code.code)), org };
    secrets.push(east.token, code.code);
    expect(east.siteId).toBe('SITE-EAST');
    expect((await pullAll(t.url, east.token, 'events')).documents).toHaveLength(0);
    const intoOtherSite = workOf({ ...east, siteId: a.siteId }, 6);
    expect((await push(t.url, east.token, 'events', intoOtherSite)).status).toBe(403);
    expect((await push(t.url, east.token, 'events', workOf(east, 7))).status).toBe(200);
    const mine = (await pullAll<CaseEvent>(t.url, east.token, 'events')).documents;
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((e) => e.siteId === 'SITE-EAST')).toBe(true);
    expect((await http<{ total: { count: number } }>(t.url, 'GET', ALL_TIME_STATISTICS, { token: east.token })).body.total.count).toBe(2);
  });

  it('administration needs an administrator token; a desk token is refused', async () => {
    const routes: [string, string, unknown?][] = [
      ['POST', '/api/v1/admin/orgs', { name: 'X', presetId: 'starter', sites: ['S'] }],
      ['POST', `/api/v1/admin/orgs/${b.orgId}/enrolment-codes`, {}],
      ['GET', `/api/v1/admin/orgs/${b.orgId}/desks`],
      ['POST', `/api/v1/admin/orgs/${b.orgId}/desks/${b.deskId}/revoke`, {}],
    ];
    for (const [method, path, body] of routes) {
      expect((await http(t.url, method, path, { token: a.token, body })).status).toBe(401);
      expect((await http(t.url, method, path, { body })).status).toBe(401);
    }
    const created = await http<{ orgId: string }>(t.url, 'POST', '/api/v1/admin/orgs', {
      token: adminToken,
      body: { name: '丙单位', presetId: 's4-hospital', sites: ['门诊楼'] },
    });
    expect(created.status).toBe(200);
    const issued = await http<{ code: string }>(t.url, 'POST', `/api/v1/admin/orgs/${created.body.orgId}/enrolment-codes`, {
      token: adminToken,
      body: { deskCode: 'MZ01' },
    });
    expect(issued.status).toBe(200);
    secrets.push(issued.body.code);
    const desk = await enrol(t.url, issued.body.code);
    secrets.push(desk.token);
    expect(desk.deskCode).toBe('MZ01');
    const desks = await http<{ id: string }[]>(t.url, 'GET', `/api/v1/admin/orgs/${created.body.orgId}/desks`, { token: adminToken });
    expect(desks.body.map((d) => d.id)).toEqual([desk.deskId]);
  });

  it('a revoked token is refused on every desk route at once', async () => {
    const code = await issueEnrolmentCode(t.server.db, { orgId: a.orgId, scope: 'org' });
    const doomed = await enrol(t.url, code.code);
    secrets.push(doomed.token, code.code);
    expect((await http(t.url, 'GET', '/sync/v1/events/pull', { token: doomed.token })).status).toBe(200);
    expect(await revokeDesk(t.server.db, a.orgId, doomed.deskId)).toBe(1);
    const routes: [string, string, unknown?][] = [
      ['GET', '/sync/v1/events/pull'],
      ['GET', '/sync/v1/config/pull'],
      ['POST', pushPath('events'), []],
      ['POST', pushPath('config'), []],
      ['POST', '/api/v1/admin-session', { staffId: 'x', secret: 'correct horse battery' }],
      ['GET', streamPath('events')],
      ['GET', streamPath('config')],
      ['GET', '/api/v1/cases'],
      ['GET', '/api/v1/statistics'],
    ];
    for (const [method, path, body] of routes) {
      const r = await http<{ error: string; message: string }>(t.url, method, path, { token: doomed.token, body });
      expect(r.status).toBe(401);
      expect(r.body.error).toBe('tokenRevoked');
      expect(r.body.message).toMatch(/吊销/);
    }
    // Revoking by the administrator API answers 404 for a desk already revoked.
    expect((await http(t.url, 'POST', `/api/v1/admin/orgs/${a.orgId}/desks/${doomed.deskId}/revoke`, { token: adminToken, body: {} })).status).toBe(404);
  });

  it('thousands of malformed and hostile pushes are refused, the server keeps serving, nothing invalid is stored', async () => {
    const rnd = seededRandom(20261127);
    const valid = workOf(a, 8, 4);
    // The validator itself, directly: 2000 hostile documents, each refused with a named field.
    const kinds = new Map<string, number>();
    for (let i = 0; i < 2000; i++) {
      const h = hostileVariant(rnd, valid[i % valid.length]!, b.orgId);
      kinds.set(h.kind, (kinds.get(h.kind) ?? 0) + 1);
      let doc: unknown;
      try {
        doc = 'raw' in h ? JSON.parse(h.raw) : h.doc;
      } catch {
        continue;
      }
      const checked = checkEventRows([{ newDocumentState: doc }], { orgId: a.orgId, siteId: a.siteId, deskId: a.deskId, scope: 'org' });
      expect(checked.ok, `${h.kind} accepted`).toBe(false);
    }
    expect(kinds.size).toBeGreaterThanOrEqual(14);

    // Over HTTP: 300 pushes of valid events mixed with 1–3 hostile ones each, about 600 hostile documents.
    const before = await pullAll(t.url, a.token, 'events');
    const statuses = new Map<number, number>();
    for (let i = 0; i < 300; i++) {
      const rows: string[] = valid.slice(0, 2).map((e) => JSON.stringify({ newDocumentState: { ...e, id: e.id.slice(0, -2) + 'ZZ' } }));
      const n = 1 + Math.floor(rnd() * 3);
      for (let j = 0; j < n; j++) {
        const h = hostileVariant(rnd, valid[(i + j) % valid.length]!, b.orgId);
        rows.splice(Math.floor(rnd() * (rows.length + 1)), 0, `{"newDocumentState":${'raw' in h ? h.raw : JSON.stringify(h.doc)}}`);
      }
      const r = await http(t.url, 'POST', pushPath('events'), { token: a.token, rawBody: `[${rows.join(',')}]` });
      statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      expect([400, 403, 413]).toContain(r.status);
    }
    expect(statuses.get(400)).toBeGreaterThan(150);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();

    // Nothing stored, and the server still serves a valid push.
    const after = await pullAll<CaseEvent>(t.url, a.token, 'events');
    expect(after.seq).toBe(before.seq);
    expect((await http(t.url, 'GET', '/healthz')).status).toBe(200);
    expect((await push(t.url, a.token, 'events', valid)).body).toEqual([]);
    const stored = await t.server.db.query<{ n: number | string }>('select count(*) as n from events where org_id = $1 and doc like $2', [
      a.orgId,
      '%polluted%',
    ]);
    expect(Number(stored[0]!.n)).toBe(0);
  }, 180_000);

  it('no token or enrolment code ever appears in the log', async () => {
    // Failed requests with token-shaped garbage are logged too; make sure those stay clean as well.
    const fake = 'jsd_' + 'Q'.repeat(43);
    await http(t.url, 'GET', '/sync/v1/events/pull', { token: fake });
    secrets.push(fake);
    const log = t.logs.join('');
    expect(log.length).toBeGreaterThan(1000);
    expect(log).toContain('/sync/v1/events/pull');
    for (const s of secrets) expect(log.includes(s), 'a secret was logged').toBe(false);
    expect(log).not.toMatch(/Bearer\s+js[ad]_/);
  });
});
