import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page, Route } from 'playwright-core';
import type { RunningDemo } from '../../scripts/start';
import { issueEnrolmentCode, enrolDesk } from '../../src-server/orgs';
import { checkEventRows } from '../../src-server/sync/validate';
import { pushEvents } from '../../src-server/sync/events-store';
import { storeConfigDocs } from '../../src-server/sync/config-store';
import { propertyPreset } from '../../src-shared/presets/s7-property';
import type { CaseEvent } from '../../src-shared/domain/events';
import { makeEvent, makeRegistration } from '../../src-shared/domain/projection.fixtures';
import { SCREENSHOT_DIR } from '../helpers/browser';
import { signIn } from './desk-steps';
import { openDeskPage, startPropertyDemo } from './real-shell';

// Issue 15 in Chromium: events reach a desk before the policy revision they were registered under. The
// desk pulls `events` and `config` as two independent replications (src-renderer/data/replication.ts),
// so nothing orders them; here the network holds every config pull back until the events are in. The
// cases must still all appear on 工作台 — folded when the policy arrives (projection-runner.ts), with no
// further event written anywhere — and while they wait the status bar says so ("N 件案件待整理").
// The desk runs on the real clock: the server it joins lives in this process (see real-shell.ts).

let demo: RunningDemo;
let browser: Browser;

beforeAll(async () => {
  ({ demo, browser } = await startPropertyDemo('jiesu-policy-late-'));
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

const DAY = 86_400_000;

/** Another desk of the organisation (enrolled on the server) and one of the organisation's staff. */
async function otherDesk() {
  const { code } = await issueEnrolmentCode(demo.server.db, { orgId: demo.orgId, scope: 'org' });
  const desk = await enrolDesk(demo.server.db, code, '二号台');
  const staff = await demo.server.db.query<{ id: string }>("select id from config_docs where org_id = $1 and kind = 'staff' order by id limit 1", [demo.orgId]);
  return { desk, actorId: staff[0]!.id.replace(/^staff:/, '') };
}

/**
 * Cases written at the other desk under `revision`, as the server holds them: each registered, the
 * second accepted, the last closed (a closed case gets no further event — the case issue 15 lost).
 */
async function casesOnServer(prefix: string, count: number, revision: number): Promise<string[]> {
  const { desk, actorId } = await otherDesk();
  const env = { orgId: desk.orgId, siteId: desk.siteId, deskId: desk.deskId, actorId, policyRevision: revision };
  const start = Date.now() - 2 * DAY;
  const events: CaseEvent[] = [];
  const numbers: string[] = [];
  for (let n = 1; n <= count; n++) {
    const number = `${prefix}-${String(n).padStart(3, '0')}`;
    const caseId = `${number}-${revision}`;
    const at = start + n * 60_000;
    numbers.push(number);
    events.push(makeRegistration(at, { number, subject: `第${n}件：楼道灯不亮`, firstReceiverId: actorId }, { ...env, caseId }));
    if (n === 2) events.push(makeEvent('case.accepted', {}, at + 1000, { ...env, caseId }));
    if (n === count) events.push(makeEvent('case.closed', {}, at + 2000, { ...env, caseId }));
  }
  const scope = { orgId: desk.orgId, siteId: desk.siteId, deskId: desk.deskId, scope: 'org' as const };
  const checked = checkEventRows(
    events.map((e) => ({ newDocumentState: e })),
    scope,
  );
  if (!checked.ok) throw new Error(`fixture invalid: ${JSON.stringify(checked.errors)}`);
  await pushEvents(demo.server.db, demo.server.keyring, scope, checked.docs);
  return numbers;
}

/** A new revision of the organisation's policy on the server (what 制度管理 would publish). */
async function publishRevision(revision: number): Promise<void> {
  const now = Date.now();
  const policy = { ...propertyPreset, revision, effectiveFrom: now - 3 * DAY };
  await demo.server.db.transaction((tx) =>
    storeConfigDocs(tx, demo.orgId, [
      {
        id: `policy:${policy.id}:${revision}`,
        orgId: demo.orgId,
        kind: 'policy',
        rev: 0,
        updatedAt: now,
        data: policy as unknown as Record<string, unknown>,
        _deleted: false,
      },
    ]),
  );
}

/** Holds every config pull of the page until `gate` opens; counts the events the page has pulled. */
function network(page: Page) {
  let gate: Promise<void> = Promise.resolve();
  let eventsPulled = 0;
  let configHeld = 0;
  void page.route(
    (url) => url.pathname.endsWith('/sync/v1/config/pull'),
    async (route: Route) => {
      configHeld++;
      await gate;
      await route.continue();
    },
  );
  page.on('response', (r) => {
    if (new URL(r.url()).pathname.endsWith('/sync/v1/events/pull') && r.ok())
      void r.json().then((b: { documents: unknown[] }) => void (eventsPulled += b.documents.length));
  });
  return {
    hold(until: Promise<void>) {
      gate = until;
    },
    eventsPulled: () => eventsPulled,
    configHeld: () => configHeld,
  };
}

async function queueNumbers(page: Page): Promise<string[]> {
  return page.getByTestId('queue-table').getByRole('link').allTextContents();
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
}

describe('issue 15: a desk never silently misses a case (Chromium, embedded server)', () => {
  it(
    'X-2, X-5: a desk that gets the policy after the events of some cases lists every case, and says how many wait until then',
    { timeout: 240_000 },
    async () => {
      const before = await casesOnServer('QT09-20261120', 3, 1);
      const page = await openDeskPage(browser, `${demo.web!.shell.url}/?desk=late_${Date.now()}`, 'real');
      const net = network(page);

      // Joining: the organisation's configuration (policy, staff) is held back until its events are in.
      let eventsIn!: () => void;
      net.hold(new Promise<void>((resolve) => (eventsIn = resolve)));
      await page.getByTestId('first-run-form').waitFor({ timeout: 60_000 });
      await page.getByRole('tab', { name: '加入服务器' }).click();
      const form = page.getByTestId('join-server-form');
      await form.getByLabel('服务器地址').fill(demo.server.url);
      await form.getByLabel('加入码').fill(demo.enrolmentCode);
      await form.getByRole('button', { name: '加入服务器' }).click();
      await expect.poll(() => net.eventsPulled(), { timeout: 30_000 }).toBe(5);
      expect(net.configHeld()).toBeGreaterThan(0);
      eventsIn();
      await signIn(page, '李助理', '1234');
      await page.getByText('含已结案').click();
      await expect.poll(() => queueNumbers(page), { timeout: 30_000 }).toEqual(expect.arrayContaining(before));
      expect(await page.getByTestId('projection-waiting').count()).toBe(0);
      await shot(page, 'policy-late-joined');

      // Joined and working: another desk registers three cases under a new policy revision; this desk's
      // network again delivers the events first. The cases wait for the revision, and the status bar says so.
      let policyIn!: () => void;
      net.hold(new Promise<void>((resolve) => (policyIn = resolve)));
      const held = net.configHeld();
      await publishRevision(2);
      await expect.poll(() => net.configHeld(), { timeout: 30_000 }).toBeGreaterThan(held);
      const later = await casesOnServer('QT09-20261121', 3, 2);
      const waiting = page.getByTestId('projection-waiting');
      await expect.poll(() => waiting.textContent(), { timeout: 30_000 }).toBe('3 件案件待整理');
      await waiting.hover();
      await expect.poll(() => page.locator('.ant-tooltip:visible').textContent(), { timeout: 10_000 }).toContain('等待制度版本 3 件');
      expect(await queueNumbers(page)).not.toEqual(expect.arrayContaining([later[0]]));
      await shot(page, 'policy-late-waiting');

      // The revision arrives; nothing else is written anywhere. Every case appears and the waiting count goes.
      const eventsBefore = net.eventsPulled();
      policyIn();
      await expect.poll(() => queueNumbers(page), { timeout: 30_000 }).toEqual(expect.arrayContaining([...before, ...later]));
      await expect.poll(() => waiting.count(), { timeout: 30_000 }).toBe(0);
      expect(net.eventsPulled()).toBe(eventsBefore);
      expect((await queueNumbers(page)).sort()).toEqual([...before, ...later].sort());
      await shot(page, 'policy-late-folded');

      // The clerk checks on demand (设置 → 案件核对): every case is counted, nothing is left to file, and the
      // answer is brought into view above the status bar (the card is the page's last).
      await page.locator('.ant-menu-item', { hasText: '设置' }).click();
      await page.getByRole('button', { name: '核对并整理案件' }).click();
      const report = page.getByTestId('reconcile-report');
      await expect.poll(() => report.textContent(), { timeout: 30_000 }).toMatch(/^已核对 6 件案件（10 条记录），补齐 0 件，待整理 0 件，用时 [\d.]+ 秒。$/);
      await expect
        .poll(
          async () => {
            const [r, bar] = await Promise.all([report.boundingBox(), page.getByTestId('status-staff').boundingBox()]);
            return r && bar ? r.y + r.height <= bar.y : false;
          },
          { timeout: 10_000 },
        )
        .toBe(true);
      await shot(page, 'policy-late-reconciled');
      await page.context().close();
    },
  );
});
