import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { RunningDemo } from '../../scripts/start';
import { startServer, type RunningServer } from '../../src-server/server';
import { issueEnrolmentCode } from '../../src-server/orgs';
import { SCREENSHOT_DIR } from '../helpers/browser';
import { signIn } from './desk-steps';
import { openDeskPage, registerPropertyComplaint, startPropertyDemo } from './real-shell';

// `npm run start:web` as a clerk meets it: the embedded server (PGlite in a temporary folder) with the
// property demo organisation, and a fresh desk in the browser shell that joins it through first run's
// 加入服务器 with the server address and the one-time code. Cases registered at the desk reach the
// server; with the server stopped the desk keeps registering (offline, waiting to upload), and after the
// server restarts on the same data and port the waiting case arrives.

let dataRoot: string;
let demo: RunningDemo;
let restarted: RunningServer | undefined;
let browser: Browser;

beforeAll(async () => {
  ({ demo, browser, dataRoot } = await startPropertyDemo('jiesu-join-'));
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await restarted?.close();
  await demo?.stop();
});

async function registeredOnServer(server: RunningServer, caseNumber: string): Promise<boolean> {
  const rows = await server.db.query<{ doc: string }>("select doc from events where org_id = $1 and type = 'case.registered'", [demo.orgId]);
  return rows.some((r) => r.doc.includes(caseNumber));
}

/** Everything the page keeps: every IndexedDB database's every record, localStorage and sessionStorage, as text. */
async function pageStores(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const out: unknown[] = [JSON.stringify(localStorage), JSON.stringify(sessionStorage)];
    for (const info of await indexedDB.databases()) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const r = indexedDB.open(info.name!);
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
      for (const name of Array.from(db.objectStoreNames)) {
        const rows = await new Promise<unknown[]>((resolve, reject) => {
          const r = db.transaction(name).objectStore(name).getAll();
          r.onsuccess = () => resolve(r.result);
          r.onerror = () => reject(r.error);
        });
        out.push(info.name, name, rows);
      }
      db.close();
    }
    return JSON.stringify(out);
  });
}

async function statusBar(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), clip: { x: 0, y: 840, width: 1440, height: 60 } });
}

describe('a browser-shell desk joined to the embedded server', () => {
  it(
    'the join link npm start prints opens on 加入服务器 filled in; after joining the code leaves the address bar and 设置 shows the server, not an empty form',
    { timeout: 180_000 },
    async () => {
      const shellUrl = demo.web!.shell.url;
      // A fresh one-time code (the next scenario joins with the demo's own), in the link as start.ts prints it.
      const { code } = await issueEnrolmentCode(demo.server.db, { orgId: demo.orgId, scope: 'org' });
      const link = `${shellUrl}/?desk=joinlink_${Date.now()}&${new URLSearchParams({ server: demo.server.url, code })}`;
      const page = await openDeskPage(browser, link, 'real', { animations: true, viewport: { width: 1366, height: 768 } });
      const joinTab = page.getByRole('tab', { name: '加入服务器' });
      await joinTab.waitFor({ timeout: 60_000 });
      expect(await joinTab.getAttribute('aria-selected')).toBe('true');
      const form = page.getByTestId('join-server-form');
      await form.waitFor();
      expect(await form.getByLabel('服务器地址').inputValue()).toBe(demo.server.url);
      expect(await form.getByLabel('加入码').inputValue()).toBe(code);
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'join-link-first-run-1366.png') });
      await form.getByRole('button', { name: '加入服务器' }).click();
      await signIn(page, '李助理', '1234');
      // The one-time code is gone from the address; which desk profile this is stays.
      const address = new URL(page.url());
      expect(address.searchParams.get('code')).toBeNull();
      expect(address.searchParams.get('server')).toBeNull();
      expect(address.searchParams.get('desk')).toMatch(/^joinlink_/);
      expect(page.url()).not.toContain(code);

      // 设置 → 服务器: the server this desk belongs to and how the connection is, not a join form.
      await page.getByRole('menuitem', { name: /设置/ }).click();
      const connection = page.getByTestId('server-connection');
      await connection.waitFor();
      // The address comes from the host (which holds the link), a moment after the card appears.
      await expect.poll(() => connection.textContent(), { timeout: 10_000 }).toContain(demo.server.url);
      await expect.poll(() => connection.textContent(), { timeout: 30_000 }).toMatch(/已连接/);
      expect(await page.getByTestId('join-server-form').count()).toBe(0);
      await connection.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'join-settings-connected-1366.png') });
      // Re-joining (after a restore, docs/operations.md §4) is one deliberate click away.
      await page.getByRole('button', { name: '用新的加入码重新加入' }).click();
      await page.getByTestId('join-server-form').waitFor();
      await page.context().close();
    },
  );

  it(
    'joins with a one-time code, syncs a registration, keeps working while the server is down and uploads after it returns',
    { timeout: 240_000 },
    async () => {
      const shellUrl = demo.web?.shell.url;
      expect(shellUrl).toBeDefined();
      const page = await openDeskPage(browser, `${shellUrl}/?desk=join_${Date.now()}`, 'real');
      await page.getByTestId('first-run-form').waitFor({ timeout: 60_000 });
      await page.getByRole('tab', { name: '加入服务器' }).click();
      const form = page.getByTestId('join-server-form');
      await form.getByLabel('服务器地址').fill(demo.server.url);
      await form.getByLabel('加入码').fill(demo.enrolmentCode);
      await form.getByRole('button', { name: '加入服务器' }).click();
      // Joining syncs the organisation's staff down, so the demo clerk can sign in with the demo PIN.
      await signIn(page, '李助理', '1234');
      await expect.poll(() => page.getByTestId('sync-status').getAttribute('data-online'), { timeout: 30_000 }).toBe('true');
      // The desk token stays with the shell's host (issue 10 item 5): nothing the page stores holds it.
      const token = demo.web!.links.token(new URL(page.url()).searchParams.get('desk')!);
      expect(token).toMatch(/.{16,}/);
      expect(await pageStores(page)).not.toContain(token!);

      const first = await registerPropertyComplaint(page, '张女士', '楼上卫生间漏水三天无人处理');
      await expect.poll(() => registeredOnServer(demo.server, first), { timeout: 30_000 }).toBe(true);
      await expect.poll(() => page.getByTestId('sync-pending').textContent(), { timeout: 30_000 }).toBe('已全部同步');
      expect(await page.getByTestId('sync-status').getAttribute('data-online')).toBe('true');
      await statusBar(page, 'join-status-synced');

      // The server goes away: the desk notices, and still registers the next case locally.
      const port = demo.server.port;
      await demo.server.close();
      await expect.poll(() => page.getByTestId('sync-status').getAttribute('data-online'), { timeout: 30_000 }).toBe('false');
      await page.keyboard.press('Escape');
      const second = await registerPropertyComplaint(page, '王先生', '电梯停运两天无人维修');
      expect(second).not.toBe(first);
      await expect.poll(() => page.getByTestId('sync-pending').textContent(), { timeout: 30_000 }).toMatch(/^待上传 \d+\+? 条$/);
      expect(await page.getByTestId('sync-status').textContent()).toContain('离线');
      await statusBar(page, 'join-status-offline');

      // Back on the same data folder and port: the waiting registration reaches the server. The desk's
      // upload retry has backed off to its 60 s ceiling by now (every failed stream and push doubles it),
      // so the upload comes within about a minute, as a clerk would see it.
      restarted = await startServer({ dataDir: join(dataRoot, 'server'), port, logger: false });
      await expect.poll(() => registeredOnServer(restarted!, second), { timeout: 120_000, interval: 500 }).toBe(true);
      expect(await registeredOnServer(restarted, first)).toBe(true);
      await expect.poll(() => page.getByTestId('sync-pending').textContent(), { timeout: 30_000 }).toBe('已全部同步');
      await statusBar(page, 'join-status-resynced');
      await page.context().close();
    },
  );
});
