import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from './backends';
import { startTestServer, demoDesk, type TestServer, type EnrolledDesk } from './setup';
import { enrol, http, pullAll, push } from './client';
import { ENROL_PATH, pullPath, pushPath, streamPath, type ConfigDoc } from '../../src-shared/sync/contract';
import { createAdminToken, issueEnrolmentCode, revokeDesk } from '../../src-server/orgs';
import { openDatabase } from '../../src-server/db/open';
import { AUTH_LIMITS, ENROL_LIMITS } from '../../src-server/throttle';
import { STREAMS_PER_DESK } from '../../src-server/plugins/sync';

// The server's own hygiene (issue 10 item 6): numbers out of range are the sender's fault (400, never
// 500); no token from any source — header, query string, path — reaches the log; a request without a
// valid token is refused before its body is parsed; failed enrolments and authentications are
// throttled per address; a desk holds a bounded number of change streams, and revoking it closes them.

interface OpenedStream {
  status: number;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

async function openStream(url: string, token: string): Promise<OpenedStream> {
  const controller = new AbortController();
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal: controller.signal });
  const reader = res.body!.getReader();
  const ended = (async () => {
    try {
      while (!(await reader.read()).done);
    } catch {
      // aborted by close()
    }
  })();
  return { status: res.status, ended, close: () => controller.abort() };
}

describe.each(BACKENDS)('server hygiene (%s)', (backend) => {
  let t: TestServer;
  let a: EnrolledDesk;

  beforeAll(async () => {
    t = await startTestServer(backend);
    a = await demoDesk(t);
  });
  afterAll(async () => t?.stop());

  it('a pull checkpoint beyond any sequence number is refused with 400, not 500', async () => {
    for (const seq of ['99999999999999999999999', '9007199254740993', '1e30']) {
      const r = await http<{ error: string; message: string }>(t.url, 'GET', `${pullPath('events')}?seq=${seq}`, { token: a.token });
      expect(r.status, `seq=${seq}`).toBe(400);
      expect(r.body.message).toMatch(/请求格式不正确/);
    }
    expect((await http(t.url, 'GET', `${pullPath('config')}?seq=99999999999999999999999`, { token: a.token })).status).toBe(400);
    // The largest checkpoint a desk can hold still works.
    expect((await http(t.url, 'GET', `${pullPath('events')}?seq=${Number.MAX_SAFE_INTEGER}`, { token: a.token })).status).toBe(200);
  });

  it('a configuration revision or timestamp beyond what the database stores is refused with 400 and nothing changes', async () => {
    const before = await pullAll<ConfigDoc>(t.url, a.token, 'config');
    const site = before.documents.find((d) => d.kind === 'site')!;
    for (const bad of [{ rev: 3_000_000_000 }, { rev: 2 ** 31 }, { updatedAt: 1e300 }, { updatedAt: 2 ** 63 }]) {
      const r = await push(t.url, a.token, 'config', [{ ...site, ...bad }]);
      expect(r.status, JSON.stringify(bad)).toBe(400);
    }
    const after = await pullAll<ConfigDoc>(t.url, a.token, 'config');
    expect(after.seq).toBe(before.seq);
  });

  it('a token in a query string, a path or a header never reaches the log', async () => {
    const fake = 'jsd_' + 'R'.repeat(43);
    await http(t.url, 'GET', `${pullPath('events')}?token=${a.token}&seq=0`);
    await http(t.url, 'GET', `${pullPath('events')}?access_token=${a.token}`);
    await http(t.url, 'GET', `/sync/v1/${a.token}/pull?x=${encodeURIComponent(`Bearer ${fake}`)}`);
    await http(t.url, 'GET', `${pullPath('events')}?seq=0`, { token: a.token });
    await http(t.url, 'POST', '/api/v1/enrol', { body: { code: a.org.code } });
    const log = t.logs.join('');
    expect(log).toContain(pullPath('events'));
    for (const secret of [a.token, fake, a.org.code]) expect(log.includes(secret), 'a secret was logged').toBe(false);
    // The path and the harmless numbers stay readable for whoever reads the log.
    expect(log).toContain('seq=0');
  });

  it('a request without a valid token is refused 401 before its body is parsed or validated', async () => {
    const garbage = '{not json' + 'x'.repeat(2 * 1024 * 1024);
    for (const path of [pushPath('events'), pushPath('config'), '/api/v1/admin/orgs']) {
      for (const token of [undefined, 'jsd_' + 'W'.repeat(43)]) {
        const r = await http<{ error: string }>(t.url, 'POST', path, { rawBody: garbage, ...(token ? { token } : {}) });
        expect(r.status, path).toBe(401);
      }
    }
    // With a valid token the same body is parsed, and refused as malformed.
    expect((await http(t.url, 'POST', pushPath('events'), { token: a.token, rawBody: garbage })).status).toBe(400);
  });

  it('150 wrong enrolment codes at once are throttled (429, zh-CN and en), and so is a right one after them', async () => {
    const fresh = await startTestServer(backend);
    try {
      const good = await issueEnrolmentCode(fresh.server.db, { orgId: (await demoDesk(fresh)).orgId, scope: 'org' });
      const wrong = Array.from({ length: 150 }, (_, i) => `WRNG-${String(i).padStart(4, '0')}-CODE`);
      const answers = await Promise.all(
        wrong.map((code) => fetch(fresh.url + ENROL_PATH, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) })),
      );
      const statuses = answers.map((r) => r.status);
      expect(statuses.filter((s) => s === 400).length).toBeLessThanOrEqual(ENROL_LIMITS.max);
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(150 - ENROL_LIMITS.max);
      const refused = answers.find((r) => r.status === 429)!;
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      const body = (await refused.json()) as { message: string; messages: { en: string } };
      expect(body.message).toMatch(/失败的尝试次数过多/);
      expect(body.messages.en).toMatch(/Too many failed attempts/);
      const right = await http(fresh.url, 'POST', ENROL_PATH, { body: { code: good.code } });
      expect(right.status).toBe(429);
    } finally {
      await fresh.stop();
    }
  });

  it('unknown tokens are throttled per address; a revoked desk retrying is not counted as guessing', async () => {
    const fresh = await startTestServer(backend);
    try {
      const desk = await demoDesk(fresh);
      const doomed = await enrol(fresh.url, (await issueEnrolmentCode(fresh.server.db, { orgId: desk.orgId, scope: 'org' })).code);
      const admin = await createAdminToken(fresh.server.db, 'test');
      expect((await http(fresh.url, 'POST', `/api/v1/admin/orgs/${desk.orgId}/desks/${doomed.deskId}/revoke`, { token: admin, body: {} })).status).toBe(200);
      for (let i = 0; i < AUTH_LIMITS.max * 2; i++) {
        const r = await http<{ error: string }>(fresh.url, 'GET', pullPath('events'), { token: doomed.token });
        expect(r.body.error).toBe('tokenRevoked');
      }
      expect((await http(fresh.url, 'GET', pullPath('events'), { token: desk.token })).status).toBe(200);
      const guesses = [];
      for (let i = 0; i < AUTH_LIMITS.max + 5; i++)
        guesses.push((await http(fresh.url, 'GET', pullPath('events'), { token: `jsd_${String(i).padStart(43, 'G')}` })).status);
      expect(guesses.slice(0, AUTH_LIMITS.max).every((s) => s === 401)).toBe(true);
      expect(guesses.slice(AUTH_LIMITS.max).every((s) => s === 429)).toBe(true);
      // Administrator guesses count too, and while the address is throttled nothing from it is served.
      expect((await http(fresh.url, 'GET', `/api/v1/admin/orgs/${desk.orgId}/desks`, { token: 'jsa_' + 'G'.repeat(43) })).status).toBe(429);
      expect((await http(fresh.url, 'GET', pullPath('events'), { token: desk.token })).status).toBe(429);
    } finally {
      await fresh.stop();
    }
  });

  it('300 change streams from one token do not all open; closing them lets the desk open one again', async () => {
    const desk = await demoDesk(t, { name: '多流单位' });
    const streams = await Promise.all(Array.from({ length: 300 }, (_, i) => openStream(t.url + streamPath(i % 2 ? 'events' : 'config'), desk.token)));
    const open = streams.filter((s) => s.status === 200);
    expect(open.length).toBe(STREAMS_PER_DESK);
    expect(streams.filter((s) => s.status === 429).length).toBe(300 - STREAMS_PER_DESK);
    // Another desk of the same server is not affected.
    const other = await openStream(t.url + streamPath('events'), a.token);
    expect(other.status).toBe(200);
    for (const s of [...streams, other]) s.close();
    await expect
      .poll(async () => {
        const again = await openStream(t.url + streamPath('events'), desk.token);
        again.close();
        return again.status;
      })
      .toBe(200);
  });

  it('revoking a desk closes its open change streams at once, and only its own', async () => {
    const desk = await demoDesk(t, { name: '吊销单位' });
    const admin = await createAdminToken(t.server.db, 'test');
    const mine = [await openStream(t.url + streamPath('events'), desk.token), await openStream(t.url + streamPath('config'), desk.token)];
    const other = await openStream(t.url + streamPath('events'), a.token);
    expect([...mine, other].map((s) => s.status)).toEqual([200, 200, 200]);
    expect((await http(t.url, 'POST', `/api/v1/admin/orgs/${desk.orgId}/desks/${desk.deskId}/revoke`, { token: admin, body: {} })).status).toBe(200);
    // Both end without any further request, long before the first heartbeat (20 s) could notice.
    await Promise.all(mine.map((s) => s.ended));
    let otherEnded = false;
    void other.ended.then(() => (otherEnded = true));
    expect((await push(t.url, a.token, 'events', [])).status).toBe(200);
    expect(otherEnded).toBe(false);
    other.close();
  }, 10_000);

  // Only PostgreSQL has other instances (a PGlite folder has one owner), so the case exists only there.
  if (backend === 'postgres')
    it('a desk revoked on another instance (or by the admin command) loses its streams on this one', async () => {
      const desk = await demoDesk(t, { name: '他处吊销单位' });
      const stream = await openStream(t.url + streamPath('events'), desk.token);
      expect(stream.status).toBe(200);
      const elsewhere = await openDatabase(t.database);
      try {
        expect(await revokeDesk(elsewhere, desk.orgId, desk.deskId)).toBe(1);
      } finally {
        await elsewhere.close();
      }
      await stream.ended;
    }, 10_000);
});
