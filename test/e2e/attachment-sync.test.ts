import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { RunningDemo } from '../../scripts/start';
import { issueEnrolmentCode } from '../../src-server/orgs';
import { builtAsset, SCREENSHOT_DIR } from '../helpers/browser';
import { dialogOpened, signIn } from './desk-steps';
import { openDeskPage, registerPropertyComplaint, startPropertyDemo } from './real-shell';
import { photoWithExif } from './attachment-fixtures';

// Issue 13 across two desks, as clerks meet it (`npm run start:web`: the embedded server and the browser
// shell, animations on, 1366×768). At desk A the clerk attaches a photo through the file chooser while
// the desk cannot reach the server: the file says 待上传; the network comes back and it says 已同步.
// Desk B, offline too when the clerk opens the case, shows the file as 未下载; once it reaches the server
// the photo downloads, says 已同步, and opens in the viewer — the very bytes desk A kept. A file the server
// refuses (a "PDF" that is not one) says 未能上传 with the server's reason and is not sent again. Desk A
// now refuses such a file when it is chosen (test/e2e/attachments.test.ts), so the test puts it in the
// case's history as a desk did before it checked, from a second window of desk A
// (unchecked-attachment-seed.ts): the server's refusal is still what a clerk sees for such a file.
// The pages keep the machine's clock (openDeskPage 'real'): the server in this process stamps and checks
// event times with it, and nothing here depends on the date.

let demo: RunningDemo;
let browser: Browser;
let rendererDir: string;
const work = mkdtempSync(join(tmpdir(), 'jiesu-attach-sync-'));

beforeAll(async () => {
  ({ demo, browser, rendererDir } = await startPropertyDemo('jiesu-attach-sync-', {
    uncheckedAttachmentSeed: resolve('test/e2e/unchecked-attachment-seed.ts'),
  }));
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** The desk profile (`?desk=`) each page was opened with, for a second window of the same desk. */
const profiles = new Map<Page, string>();

/** A fresh desk in the browser shell that joins the demo server through first run's 加入服务器, signed in. */
async function joinDesk(prefix: string, code: string): Promise<Page> {
  const profile = `${prefix}_${Date.now()}`;
  const page = await openDeskPage(browser, `${demo.web!.shell.url}/?desk=${profile}`, 'real', { animations: true, viewport: { width: 1366, height: 768 } });
  profiles.set(page, profile);
  await page.getByTestId('first-run-form').waitFor({ timeout: 60_000 });
  await page.getByRole('tab', { name: '加入服务器' }).click();
  const form = page.getByTestId('join-server-form');
  await form.getByLabel('服务器地址').fill(demo.server.url);
  await form.getByLabel('加入码').fill(code);
  await form.getByRole('button', { name: '加入服务器' }).click();
  await signIn(page, '李助理', '1234');
  await expect.poll(() => page.getByTestId('sync-status').getAttribute('data-online'), { timeout: 30_000 }).toBe('true');
  return page;
}

/** The desk loses its connection to the server: every sync request through the shell's relay fails. */
const cut = (page: Page) => page.route(`${demo.web!.shell.url}/sync/**`, (r) => r.abort('internetdisconnected'));
const reconnect = (page: Page) => page.unroute(`${demo.web!.shell.url}/sync/**`);

const label = (page: Page, name: string) => page.getByTestId('attachment').filter({ hasText: name }).getByTestId('attachment-transfer');

async function shot(page: Page, name: string): Promise<void> {
  await page.getByTestId('attachments').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
}

describe('attachments between two desks joined to one server (animations on)', () => {
  it(
    'a photo attached offline at desk A shows 待上传, then 已同步; desk B shows 未下载, downloads it and opens the same bytes',
    { timeout: 300_000 },
    async () => {
      const a = await joinDesk('bodyA', demo.enrolmentCode);
      const number = await registerPropertyComplaint(a, '张秀兰', '顶楼天花板渗水');

      // Desk A loses the server, and the clerk attaches the photo through the file chooser.
      await cut(a);
      const photo = await photoWithExif(a, 1600, 1200);
      const chooser = a.waitForEvent('filechooser');
      await a.getByTestId('attach-add').click();
      await (await chooser).setFiles({ name: '天花板渗水.jpg', mimeType: 'image/jpeg', buffer: photo });
      const dialog = await dialogOpened(a);
      await dialog.getByTestId('attach-caption').fill('顶楼 1203 室卫生间天花板');
      await dialog.getByTestId('attach-save').click();
      await dialog.waitFor({ state: 'detached', timeout: 15_000 });
      await label(a, '天花板渗水.jpg').waitFor();
      expect(await label(a, '天花板渗水.jpg').textContent()).toBe('待上传');
      await expect.poll(() => a.getByTestId('sync-status').getAttribute('data-online'), { timeout: 60_000 }).toBe('false');
      expect(await label(a, '天花板渗水.jpg').textContent()).toBe('待上传');
      await shot(a, 'attachment-sync-a-waiting');
      expect(await demo.server.db.query('select hash from attachment_bodies')).toEqual([]);

      // The network is back: the event goes up, then the photo, and the label says so.
      await reconnect(a);
      await expect.poll(() => label(a, '天花板渗水.jpg').textContent(), { timeout: 90_000, interval: 500 }).toBe('已同步');
      await shot(a, 'attachment-sync-a-synced');
      const stored = await demo.server.db.query<{ hash: string; size: number }>('select hash, size from attachment_bodies');
      expect(stored).toHaveLength(1);

      // A file that only calls itself a PDF (a renamed document), kept by desk A as a desk did before it
      // checked the bytes (seeded in a second window of desk A): the server refuses it for its bytes. The
      // label says so, with the server's reason, and the desk does not send it again.
      const puts: string[] = [];
      a.on('request', (r) => void (r.method() === 'PUT' && puts.push(r.url())));
      const seeder = await a.context().newPage();
      // A same-origin page that does not boot the desk; desk A's window stays the one that replicates.
      await seeder.goto(`${demo.web!.shell.url}${builtAsset(rendererDir, 'uncheckedAttachmentSeed')}`);
      await seeder.addScriptTag({ type: 'module', url: `${demo.web!.shell.url}${builtAsset(rendererDir, 'uncheckedAttachmentSeed')}` });
      await seeder.waitForFunction(() => window.uncheckedAttachmentSeed !== undefined, undefined, { timeout: 60_000 });
      const letter = { name: '业主来函.pdf', type: 'application/pdf', kind: 'letter', bytes: [...Buffer.from('业主来函：顶楼漏水，请尽快处理。', 'utf8')] };
      expect(
        await seeder.evaluate(([p, n, f]) => window.uncheckedAttachmentSeed!.seedUncheckedAttachment(p, n, '李助理', f), [
          profiles.get(a)!,
          number,
          letter,
        ] as const),
      ).toEqual([]);
      await seeder.close();
      await expect.poll(() => label(a, '业主来函.pdf').textContent(), { timeout: 60_000, interval: 500 }).toBe('未能上传');
      await label(a, '业主来函.pdf').hover();
      await a.getByRole('tooltip').getByText('服务器拒收了这个文件，不会再自动上传：文件内容与登记的类型不符').waitFor();
      await shot(a, 'attachment-sync-a-refused');
      expect(puts).toHaveLength(1);

      // Desk B joins, sees the case in its queue, and opens it while it cannot reach the server.
      const { code } = await issueEnrolmentCode(demo.server.db, { orgId: demo.orgId, scope: 'org' });
      const b = await joinDesk('bodyB', code);
      const link = b.getByTestId('queue-table').getByRole('link', { name: number });
      await expect
        .poll(
          async () => {
            if (await link.count()) return true;
            // Another clerk's case may sit under 全部 rather than 我的.
            const all = b.getByRole('radio', { name: '全部' }).or(b.getByRole('tab', { name: '全部' }));
            if (await all.count()) await all.first().click();
            return (await link.count()) > 0;
          },
          { timeout: 60_000, interval: 1_000 },
        )
        .toBe(true);
      await cut(b);
      await link.click();
      await b.getByTestId('case-number').waitFor();
      await expect.poll(() => label(b, '天花板渗水.jpg').textContent(), { timeout: 30_000 }).toBe('未下载');
      expect(await b.getByTestId('attachment').filter({ hasText: '天花板渗水.jpg' }).textContent()).toContain('文件内容尚未下载到本机');
      await shot(b, 'attachment-sync-b-not-downloaded');

      // Back in touch with the server: the photo comes down (checked against its SHA-256) and is shown.
      await reconnect(b);
      await expect.poll(() => label(b, '天花板渗水.jpg').textContent(), { timeout: 90_000, interval: 500 }).toBe('已同步');
      const thumb = b.getByTestId('attachment').filter({ hasText: '天花板渗水.jpg' }).getByTestId('attachment-thumb');
      // Its thumbnail was made when the downloaded body was kept: a small copy on the card.
      await expect.poll(() => thumb.locator('img').evaluate((i: HTMLImageElement) => i.naturalWidth)).toBe(320);
      await shot(b, 'attachment-sync-b-downloaded');

      // The clerk opens it in the viewer and downloads it: the bytes desk A kept, as the server stored them.
      await thumb.click();
      const viewer = await dialogOpened(b);
      await expect.poll(() => viewer.getByTestId('viewer-image').evaluate((i: HTMLImageElement) => i.naturalWidth)).toBe(1600);
      await b.screenshot({ path: join(SCREENSHOT_DIR, 'attachment-sync-b-viewer.png') });
      const download = b.waitForEvent('download');
      await viewer.getByTestId('viewer-download').click();
      const saved = join(work, 'from-b.jpg');
      await (await download).saveAs(saved);
      const bytes = readFileSync(saved);
      expect(sha256(bytes)).toBe(stored[0]!.hash);
      expect(bytes.length).toBe(stored[0]!.size);
      // Desk B did not upload the photo again: the server still holds the one body. Desk A, which pulled and
      // pushed all along (desk B's joining, its download), never sent the refused file a second time.
      expect(await demo.server.db.query('select hash from attachment_bodies')).toHaveLength(1);
      expect(puts).toHaveLength(1);
      expect(await label(a, '业主来函.pdf').textContent()).toBe('未能上传');
      await a.context().close();
      await b.context().close();
    },
  );
});
