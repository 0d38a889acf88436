import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { buildRenderer, DESK_CONTEXT, launchChromium, openPage, startShell } from '../helpers/browser';
import type { WebHost } from '../../src-main/web-host';
import { firstRun, pickOption, screenshot, signIn } from './desk-steps';
import { clockOf } from '../helpers/page-clock';

// Issue 10 item 3: wrong PINs typed at the sign-in screen lock that person's sign-in with growing delays,
// and a reload does not unlock it. The clock is fixed, so the lock cannot expire during the test.

const NOW = Date.UTC(2026, 10, 27, 1, 30); // 09:30 in Shanghai

let host: WebHost;
let browser: Browser;
beforeAll(async () => {
  host = await startShell(await buildRenderer());
  browser = await launchChromium();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await host?.shell.close();
});

async function typeWrongPin(page: import('playwright-core').Page, pin: string): Promise<string> {
  await page.getByTestId('signin-pin').fill(pin);
  await page.getByTestId('signin-submit').click();
  const error = page.getByTestId('signin-error');
  await error.waitFor();
  return (await error.textContent()) ?? '';
}

describe.each([
  ['reduced motion', { ...DESK_CONTEXT }],
  ['animations on', { ...DESK_CONTEXT, reducedMotion: 'no-preference' as const }],
])('sign-in lock-out in Chromium (%s)', (variant, contextOptions) => {
  it('three wrong PINs lock the sign-in; after a reload it is still locked, even with the right PIN', { timeout: 240_000 }, async () => {
    const context = await browser.newContext(contextOptions);
    await clockOf(context).setFixedTime(NOW);
    const url = host.shell.url.endsWith('/') ? host.shell.url : `${host.shell.url}/`;
    const page = await openPage(context, `${url}?desk=lockout_${variant.replace(' ', '_')}`);
    await firstRun(page, {
      preset: '通用',
      org: '某公司',
      site: '前台',
      code: 'QT01',
      desk: '前台接待',
      staff: [
        { name: '赵前台', roles: ['接待员'], pin: '8888' },
        { name: '钱前台', roles: ['接待员'], pin: '6666' },
      ],
    });
    await pickOption(page, 'signin-staff', '赵前台');
    expect(await typeWrongPin(page, '1111')).toContain('PIN 码不对');
    expect(await typeWrongPin(page, '2222')).toContain('PIN 码不对');
    expect(await typeWrongPin(page, '3333')).toContain('登录已暂时锁定');
    // The right PIN during the lock is not even checked.
    expect(await typeWrongPin(page, '8888')).toContain('约 30 秒');
    await screenshot(page, `sign-in-locked-${variant.replace(' ', '-')}`);

    await page.reload();
    await page.getByTestId('signin-pin').waitFor({ timeout: 60_000 });
    await pickOption(page, 'signin-staff', '赵前台');
    expect(await typeWrongPin(page, '8888')).toContain('赵前台 的登录已暂时锁定');
    expect(await page.getByTestId('status-staff').count()).toBe(0);

    // The lock is per person: a colleague signs in at the same desk.
    await page.reload();
    await signIn(page, '钱前台', '6666');
    expect(await page.getByTestId('status-staff').textContent()).toContain('钱前台');
    await context.close();
  });
});
