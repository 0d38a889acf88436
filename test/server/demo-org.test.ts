import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ADMIN_PASSPHRASE, DEMO_PIN } from '../../src-server/demo';
import { ADMIN_SESSION_PATH } from '../../src-shared/sync/contract';
import { http, pullPage } from './client';
import { demoDesk, startTestServer, type EnrolledDesk, type TestServer } from './setup';

// Issue 10: the demo organisation `npm start` creates must let its administrator do what administrators do.
// Configuration changes need the server's 管理员确认 with the administrator's passphrase; with every demo
// PIN 1234 nobody in the demo could publish a policy revision. Its administrators have a passphrase, the
// clerks a PIN.

let t: TestServer;
let desk: EnrolledDesk;
beforeAll(async () => {
  t = await startTestServer('pglite');
  desk = await demoDesk(t, { presetId: 's7-property' });
}, 60_000);
afterAll(async () => {
  await t?.stop();
});

async function staffId(name: string): Promise<string> {
  const page = await pullPage(t.url, desk.token, 'config', 0, 500);
  const doc = page.documents.find((d) => (d as { kind: string }).kind === 'staff' && (d as { data: { name: string } }).data.name === name) as
    { data: { id: string } } | undefined;
  if (!doc) throw new Error(`no staff ${name}`);
  return doc.data.id;
}

describe('the demo organisation', () => {
  it('its administrator (冯大管家, head of 业主服务中心) confirms with the demo passphrase, not with the PIN', async () => {
    const admin = await staffId('冯大管家');
    const ask = (secret: string, id = admin) => http(t.url, 'POST', ADMIN_SESSION_PATH, { token: desk.token, body: { staffId: id, secret } });
    expect([401, 403]).toContain((await ask(DEMO_PIN)).status);
    expect((await ask(DEMO_ADMIN_PASSPHRASE)).status).toBe(200);
    // A clerk stays a clerk, whatever they type.
    expect([401, 403]).toContain((await ask(DEMO_PIN, await staffId('李助理'))).status);
  });
});
