import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clockOf } from '../helpers/page-clock';
import { firstRun, screenshot, signIn, sunnyGardenDesk } from './desk-steps';
import { openDeskPage, registerPropertyComplaint, startRealDesk, type RealDesk } from './real-shell';

// A clerk who works in English (issue 11 finding 10): the desk's own words are English — the alert that a
// deadline passed, its entry under Alerts, the status bar — while what the organisation wrote (its stage
// names, the case's own text) stays as written. Every time is 24-hour, as on the Chinese desk.

let desk: RealDesk;
beforeAll(async () => {
  desk = await startRealDesk();
}, 120_000);
afterAll(() => desk?.close());

describe('the desk in English', () => {
  it('X-3 an overdue alert pops up in English, is listed under Alerts in English, and every time shown is 24-hour', { timeout: 180_000 }, async () => {
    const page = await openDeskPage(desk.browser, 'about:blank', 'fixed', { animations: true, viewport: { width: 1366, height: 768 } });
    await page.goto(`${desk.host.shell.url}/?desk=english_${Date.now()}`);
    await firstRun(page, sunnyGardenDesk({ name: '李助理', roles: ['业服助理'], pin: '2468', department: '业主服务中心' }));
    await signIn(page, '李助理', '2468');
    const number = await registerPropertyComplaint(page, '张女士', '楼上卫生间漏水三天无人处理');
    await page.keyboard.press('Escape');

    // The clerk switches the desk to English in 设置 (by clicking, as anyone would).
    await page.getByRole('menuitem', { name: '设置' }).click();
    await page.getByText('English', { exact: true }).click();
    await page.getByRole('menuitem', { name: 'Settings' }).waitFor();

    // An hour and a half later nobody has answered (S7-13: a general complaint is answered within the hour).
    await clockOf(page.context()).fastForward('01:30:00');
    const alert = page.locator('.ant-notification-notice').filter({ hasText: `Overdue: ${number}` });
    await alert.waitFor();
    await screenshot(page, 'english-alert-breach');
    const shown = await alert.innerText();
    // The frame is English; only the organisation's own stage name may be Chinese.
    expect(shown.replace(/Overdue: \S+ /, '').trim().length).toBeGreaterThan(0);
    expect(shown).not.toMatch(/已超时|即将到期|提醒/);

    await page.getByTestId('alert-bell').click();
    const list = page.locator('.ant-popover:visible');
    await list.getByText(`Overdue: ${number}`).first().waitFor();
    expect(await list.innerText()).not.toMatch(/已超时|即将到期|全部已读|暂无提醒/);

    // The status bar: English words, 24-hour clock, no AM/PM anywhere.
    const status = await page.getByRole('status').innerText();
    expect(status).toMatch(/\b([01]\d|2[0-3]):[0-5]\d\b/);
    expect(status).not.toMatch(/\b(AM|PM|am|pm)\b|上午|下午/);
    await page.context().close();
  });
});
