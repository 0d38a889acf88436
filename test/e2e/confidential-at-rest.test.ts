import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DESK_CONTEXT, fixClock, openPage } from '../helpers/browser';
import { RAW_INDEXEDDB_SCAN, type RawContents } from '../helpers/raw-indexeddb';
import { dialogOpened, fireBrigadeDesk, firstRun, pickOption, screenshot, signIn, startFireReport } from './desk-steps';
import { startRealDesk, type RealDesk } from './real-shell';
import { photoWithExif } from './attachment-fixtures';

// Issue 10 item 4 / issue 13 item 2 in Chromium, in the browser shell with its real host (the field key in a
// user-only file), as a clerk does it, with animations off and on: a confidential report is registered and a
// photo attached, then every IndexedDB database of the page is read raw — the reporter's name and phone are
// nowhere, and no JPEG (the photo or its thumbnail) is kept in clear — while the card shows the thumbnail and the
// duty chief's reveal shows the name. (That the server is sent the identity: test/sync/at-rest.test.ts.)

let desk: RealDesk;
const NOW = Date.parse('2026-11-27T10:00:00+08:00');
const NAME = '诸葛举报';
const PHONE = '13766668888';

beforeAll(async () => {
  desk = await startRealDesk();
}, 180_000);
afterAll(() => desk?.close());

async function rawStores(page: Page): Promise<RawContents> {
  await page.evaluate(RAW_INDEXEDDB_SCAN);
  return (await page.evaluate('window.__rawIndexedDb()')) as RawContents;
}

describe.each([
  ['off', 'reduce'],
  ['on', 'no-preference'],
] as const)('a confidential report at rest in Chromium (animations %s)', (_label, reducedMotion) => {
  it('S1-5 keeps the name, phone and photo encrypted in IndexedDB; the thumbnail and the reveal still show them', { timeout: 240_000 }, async () => {
    const context = await desk.browser.newContext({ ...DESK_CONTEXT, reducedMotion });
    await fixClock(context, NOW);
    const page = await openPage(context, `${desk.host.shell.url}/?desk=atrest_${reducedMotion}_${Date.now()}`);
    await firstRun(page, fireBrigadeDesk({ name: '陈值班', roles: ['行政值班员'], pin: '1111' }, { name: '林首长', roles: ['值班首长'], pin: '2222' }));
    await signIn(page, '陈值班', '1111');
    await startFireReport(page, NAME, PHONE);
    await page.getByTestId('intake-subject').fill('某仓库违规储存易燃物品');
    await pickOption(page, 'intake-category', '火灾隐患');
    await page.getByTestId('form-hazardPlace').fill('城西物流园5号仓库');
    await page.getByTestId('intake-save').click();
    await page.getByTestId('case-number').waitFor();
    const number = (await page.getByTestId('case-number').textContent()) ?? '';
    expect(await page.getByTestId('complainant').textContent()).toContain('诸**');

    const photo = await photoWithExif(page, 1200, 900);
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('attach-add').click();
    await (await chooser).setFiles({ name: '现场.jpg', mimeType: 'image/jpeg', buffer: photo });
    const dialog = await dialogOpened(page);
    await dialog.getByTestId('attach-save').click();
    await dialog.waitFor({ state: 'detached', timeout: 15_000 });
    // The card draws the thumbnail from its encrypted copy.
    await page.getByTestId('attachment-thumb').locator('img').waitFor({ timeout: 30_000 });
    await screenshot(page, `confidential-at-rest-${reducedMotion}`);

    const raw = await rawStores(page);
    expect(raw.stores.some((s) => s.endsWith('_bodies/bodies'))).toBe(true);
    expect(raw.stores.some((s) => s.endsWith('_bodies/thumbnails'))).toBe(true);
    expect(raw.text).toContain('某仓库违规储存易燃物品');
    for (const secret of [NAME, PHONE]) expect(raw.text, secret).not.toContain(secret);
    // Every JPEG starts ffd8ff; the kept photo and thumbnail are ciphertexts, starting with a random IV.
    expect(raw.bytes.split('\n').filter((b) => b.startsWith('ffd8ff'))).toEqual([]);

    // The duty chief reveals the name: opened from its encryption at rest.
    await page.goto(page.url().replace(/#.*$/, '#/queue'));
    await page.getByRole('button', { name: '退出登录' }).click();
    await signIn(page, '林首长', '2222');
    await page.getByTestId('queue-table').getByRole('link', { name: number }).click();
    await page.getByTestId('reveal-identity').click();
    await page.getByTestId('reveal-reason').fill('核实举报内容');
    await page.getByTestId('reveal-ok').click();
    await expect.poll(() => page.getByTestId('complainant').textContent()).toContain(NAME);
    expect(await page.getByTestId('complainant').textContent()).toContain(PHONE);
    await context.close();
  });
});
