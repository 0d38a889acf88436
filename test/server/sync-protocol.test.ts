import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from './backends';
import { startTestServer, demoDesk, type TestServer, type EnrolledDesk } from './setup';
import { enrol, http, pullAll, pullPage, push } from './client';
import { issueEnrolmentCode } from '../../src-server/orgs';
import { generateDeskWork, seededRandom, withoutDeletedFlag } from '../sync/fixtures';
import { ENROL_PATH, pushPath, streamPath, type ConfigDoc } from '../../src-shared/sync/contract';
import type { CaseEvent } from '../../src-shared/domain/events';
import { HOUR } from '../../src-shared/domain/projection.fixtures';

// The replication protocol end to end over HTTP: enrolment, append-only events, config LWW, checkpoints
// that never depend on desk clocks, resumable pulls, and the SSE stream.

const WEEK_START = Date.UTC(2026, 10, 16, 0, 0, 0);

function work(desk: EnrolledDesk, seed: number, extra: { days?: number; casesPerDay?: number; clockSkewMs?: number } = {}): CaseEvent[] {
  return generateDeskWork(seed, {
    orgId: desk.orgId,
    siteId: desk.siteId,
    deskId: desk.deskId,
    deskCode: desk.deskCode,
    actorIds: desk.org.staffIds,
    start: WEEK_START,
    days: extra.days ?? 2,
    casesPerDay: extra.casesPerDay ?? 5,
    clockSkewMs: extra.clockSkewMs ?? 0,
  });
}

describe.each(BACKENDS)('sync protocol (%s)', (backend) => {
  let t: TestServer;
  let desk: EnrolledDesk;
  let second: EnrolledDesk;

  beforeAll(async () => {
    t = await startTestServer(backend);
    desk = await demoDesk(t);
    const code = await issueEnrolmentCode(t.server.db, { orgId: desk.orgId, scope: 'org' });
    second = { ...(await enrol(t.url, code.code, '二号台')), org: desk.org };
  });
  afterAll(async () => t?.stop());

  it('an enrolment code works once; the desk gets its own code and the organisation configuration', async () => {
    expect(second.deskCode).not.toBe(desk.deskCode);
    const again = await http(t.url, 'POST', ENROL_PATH, { body: { code: desk.org.code } });
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ error: 'codeInvalid' });
    expect((again.body as { message: string }).message).toMatch(/加入码无效/);
    const config = await pullAll<ConfigDoc>(t.url, desk.token, 'config');
    const kinds = config.documents.map((d) => d.kind);
    expect(kinds).toEqual(expect.arrayContaining(['organisation', 'site', 'policy', 'staff', 'desk']));
    expect(config.documents.filter((d) => d.kind === 'desk')).toHaveLength(2);
  });

  it('an identical re-push is a no-op; a changed event is refused and the stored one comes back as the conflict', async () => {
    const events = work(desk, 11);
    const first = await push(t.url, desk.token, 'events', events);
    expect(first).toEqual({ status: 200, body: [] });
    const before = await pullAll<CaseEvent>(t.url, desk.token, 'events');
    expect(await push(t.url, desk.token, 'events', events)).toEqual({ status: 200, body: [] });
    const tampered = { ...events[0]!, actorId: 'intruder' };
    const conflict = await push(t.url, desk.token, 'events', [tampered, events[1]!]);
    expect(conflict.status).toBe(200);
    expect(conflict.body.map((d) => withoutDeletedFlag(d))).toEqual([events[0]]);
    const after = await pullAll<CaseEvent>(t.url, desk.token, 'events');
    expect(after.documents).toHaveLength(before.documents.length);
    expect(after.seq).toBe(before.seq);
  });

  it('duplicate and reordered deliveries store every event exactly once', async () => {
    const events = work(second, 12);
    const rnd = seededRandom(99);
    // Deliver in random order, in overlapping batches, each batch possibly twice, with in-batch duplicates.
    // Registrations go first: an event of a case the server has not seen registered cannot be authorised
    // (src-server/sync/authorise.ts), and a desk pushes in the order it wrote; within a batch any order goes.
    const registered = (e: CaseEvent) => (e.type === 'case.registered' ? 0 : 1);
    const shuffled = [...events].sort(() => rnd() - 0.5).sort((a, b) => registered(a) - registered(b));
    for (let i = 0; i < shuffled.length; i += 7) {
      const batch = shuffled.slice(Math.max(0, i - 3), i + 7);
      batch.push(batch[0]!);
      expect((await push(t.url, second.token, 'events', batch)).body).toEqual([]);
      if (rnd() < 0.5) expect((await push(t.url, second.token, 'events', batch.reverse())).body).toEqual([]);
    }
    const all = (await pullAll<CaseEvent>(t.url, desk.token, 'events')).documents.filter((d) => d.deskId === second.deskId);
    expect(all).toHaveLength(events.length);
    expect(new Set(all.map((d) => d.id)).size).toBe(events.length);
    expect(all.map(withoutDeletedFlag).sort((a, b) => a.id.localeCompare(b.id))).toEqual([...events].sort((a, b) => a.id.localeCompare(b.id)));
  });

  it('a desk whose clock is hours behind still reaches desks that already pulled past its times', async () => {
    const seen = await pullAll<CaseEvent>(t.url, desk.token, 'events');
    // Second desk's clock runs 9 hours slow: its events carry times long before what desk 1 already holds.
    const late = work(second, 13, { days: 1, casesPerDay: 3, clockSkewMs: -9 * HOUR });
    expect(Math.min(...late.map((e) => e.at))).toBeLessThan(Math.max(...seen.documents.map((e) => e.at)));
    expect((await push(t.url, second.token, 'events', late)).body).toEqual([]);
    const next = await pullAll<CaseEvent>(t.url, desk.token, 'events', seen.seq);
    expect(next.documents.map((d) => d.id).sort()).toEqual(late.map((e) => e.id).sort());
  });

  it('a pull interrupted mid-page resumes from the last checkpoint without losing or repeating documents', async () => {
    const everything = await pullAll<CaseEvent>(t.url, desk.token, 'events');
    const received = new Map<string, number>();
    let checkpoint = 0;
    let interrupted = 0;
    for (;;) {
      const controller = new AbortController();
      const res = fetch(`${t.url}/sync/v1/events/pull?seq=${checkpoint}&limit=7`, {
        headers: { authorization: `Bearer ${desk.token}` },
        signal: controller.signal,
      });
      if (interrupted < 3 && checkpoint > 0) {
        // The connection drops before the page arrives: the checkpoint is not advanced.
        controller.abort();
        await expect(res).rejects.toThrow();
        interrupted++;
        continue;
      }
      const page = (await (await res).json()) as { documents: CaseEvent[]; checkpoint: { seq: number } };
      if (page.documents.length === 0) break;
      for (const d of page.documents) received.set(d.id, (received.get(d.id) ?? 0) + 1);
      checkpoint = page.checkpoint.seq;
    }
    expect(interrupted).toBe(3);
    expect(received.size).toBe(everything.documents.length);
    expect([...received.values()].every((n) => n === 1)).toBe(true);
    const again = await pullPage<CaseEvent>(t.url, desk.token, 'events', 0, 5);
    expect(again.documents.map((d) => d.id)).toEqual(everything.documents.slice(0, 5).map((d) => d.id));
  });

  it("every pull page says the organisation's sequence number now, so a joining desk can show how far it has come", async () => {
    const everything = await pullAll<CaseEvent>(t.url, desk.token, 'events');
    const first = await pullPage<CaseEvent>(t.url, desk.token, 'events', 0, 5);
    expect(first.latest).toBeGreaterThanOrEqual(everything.seq);
    expect(first.checkpoint.seq).toBeLessThan(first.latest);
    const last = await pullPage<CaseEvent>(t.url, desk.token, 'events', everything.seq, 5);
    expect(last.documents).toEqual([]);
    expect(last.latest).toBe(first.latest);
    // A push moves it on for the next pull.
    expect((await push(t.url, desk.token, 'events', work(desk, 23, { days: 1, casesPerDay: 1 }))).status).toBe(200);
    expect((await pullPage<CaseEvent>(t.url, desk.token, 'events', everything.seq, 5)).latest).toBeGreaterThan(first.latest);
  });

  it('config documents: last writer wins by revision; a stale write gets the master back as its conflict', async () => {
    // A site's survey: a config document both desks may write (the organisation's own configuration needs
    // an administrator session, test/server/config-authorisation.test.ts).
    const id = `${desk.siteId}:2026`;
    const site: ConfigDoc = {
      id: `survey:${id}`,
      orgId: desk.orgId,
      kind: 'survey',
      rev: 0,
      updatedAt: 1_000,
      _deleted: false,
      data: { id, orgId: desk.orgId, siteId: desk.siteId, year: 2026, title: '年度满意度调查', tallies: [{ item: '供电', respondents: 10, satisfied: 9 }] },
    };
    expect((await push<ConfigDoc>(t.url, desk.token, 'config', [site])).body).toEqual([]);
    const renamed: ConfigDoc = { ...site, rev: site.rev + 1, updatedAt: site.updatedAt + 1, data: { ...site.data, title: '东门接待处调查' } };
    expect((await push<ConfigDoc>(t.url, desk.token, 'config', [renamed], () => site)).body).toEqual([]);
    // The second desk still believes the old master and writes the same revision number.
    const stale: ConfigDoc = { ...site, rev: site.rev + 1, updatedAt: site.updatedAt, data: { ...site.data, title: '西门接待处调查' } };
    const refused = await push<ConfigDoc>(t.url, second.token, 'config', [stale], () => site);
    expect(refused.body).toHaveLength(1);
    expect(refused.body[0]!.data.title).toBe('东门接待处调查');
    const later: ConfigDoc = { ...stale, rev: site.rev + 2 };
    expect((await push<ConfigDoc>(t.url, second.token, 'config', [later], () => site)).body).toEqual([]);
    const now = (await pullAll<ConfigDoc>(t.url, desk.token, 'config')).documents.find((d) => d.id === site.id)!;
    expect(now.data.title).toBe('西门接待处调查');
    expect(now.rev).toBe(site.rev + 2);
  });

  it('the SSE stream says RESYNC on connect and again after a push by another desk', async () => {
    const controller = new AbortController();
    const res = await fetch(t.url + streamPath('events'), { headers: { authorization: `Bearer ${desk.token}` }, signal: controller.signal });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const until = async (pred: (s: string) => boolean) => {
      while (!pred(text)) {
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        text += decoder.decode(value);
      }
    };
    await until((s) => s.includes('data: "RESYNC"'));
    const count = () => text.split('data: "RESYNC"').length - 1;
    const before = count();
    expect((await push(t.url, second.token, 'events', work(second, 14, { days: 1, casesPerDay: 1 }))).status).toBe(200);
    await until(() => count() > before);
    controller.abort();
  });

  it('oversize, malformed and unauthenticated requests get a clear 4xx and store nothing', async () => {
    const before = await pullAll<CaseEvent>(t.url, desk.token, 'events');
    const huge = JSON.stringify([{ newDocumentState: { blob: 'x'.repeat(9 * 1024 * 1024) } }]);
    const tooLarge = await http(t.url, 'POST', pushPath('events'), { token: desk.token, rawBody: huge });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body).toMatchObject({ error: 'bodyTooLarge' });
    expect((await http(t.url, 'POST', pushPath('events'), { token: desk.token, rawBody: '[{"newDocumentState":' })).status).toBe(400);
    expect((await http(t.url, 'POST', pushPath('events'), { token: desk.token, body: { not: 'an array' } })).status).toBe(400);
    const tooMany = Array.from({ length: 501 }, () => ({ newDocumentState: {} }));
    expect((await http(t.url, 'POST', pushPath('events'), { token: desk.token, body: tooMany })).status).toBe(400);
    const unauth = await http(t.url, 'POST', pushPath('events'), { body: [] });
    expect(unauth.status).toBe(401);
    expect((unauth.body as { message: string }).message).toMatch(/重新加入服务器/);
    // One invalid row refuses the whole batch, naming the row and field.
    const good = work(desk, 15, { days: 1, casesPerDay: 2 });
    const bad = { ...good[0]!, id: 'not-a-ulid' };
    const mixed = await push(t.url, desk.token, 'events', [...good, bad]);
    expect(mixed.status).toBe(400);
    expect(mixed.body).toMatchObject({ error: 'invalidDocuments', errors: [{ index: good.length, errors: [{ path: 'id' }] }] });
    const after = await pullAll<CaseEvent>(t.url, desk.token, 'events');
    expect(after.seq).toBe(before.seq);
  });

  it('desks on another origin (Electron renderer, browser shell) may call: CORS preflight and headers, never credentials', async () => {
    const origin = 'http://127.0.0.1:5999';
    const pre = await fetch(t.url + pushPath('events'), {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
    expect(pre.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    expect(pre.headers.get('access-control-allow-credentials')).toBeNull();
    const pull = await fetch(`${t.url}/sync/v1/events/pull?seq=0&limit=1`, { headers: { origin, authorization: `Bearer ${desk.token}` } });
    expect(pull.headers.get('access-control-allow-origin')).toBe('*');
    const controller = new AbortController();
    const stream = await fetch(t.url + streamPath('config'), { headers: { origin, authorization: `Bearer ${desk.token}` }, signal: controller.signal });
    expect(stream.headers.get('access-control-allow-origin')).toBe('*');
    controller.abort();
  });

  it('serves the OpenAPI document with every route and its schemas', async () => {
    const doc = await http<{ openapi: string; paths: Record<string, unknown> }>(t.url, 'GET', '/docs/json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/enrol', '/sync/v1/events/pull', '/sync/v1/events/push', '/sync/v1/config/stream', '/api/v1/admin/orgs']),
    );
    expect((await http(t.url, 'GET', '/docs')).status).toBeLessThan(400);
  });
});
