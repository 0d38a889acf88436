import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from './backends';
import { startTestServer, demoDesk, type TestServer, type EnrolledDesk } from './setup';
import { http, pullAll, push } from './client';
import { pullPath, type ConfigDoc } from '../../src-shared/sync/contract';

// The server's own hygiene (issue 10 item 6): numbers out of range are the sender's fault (400, never
// 500), and no token from any source — header, query string, path — reaches the log.

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
});
