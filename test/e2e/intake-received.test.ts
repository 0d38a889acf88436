import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDeskBrowser, type DeskBrowser } from '../helpers/browser';
import { firstRun, screenshot, signIn, sunnyGardenDesk, typePropertyComplaint } from './desk-steps';

// 接收时间 in the future (issue 11 finding 7): a clerk who mistypes the day gets a message on the field and
// nothing is saved; it used to be replaced by now without a word. Animations on, fixed clock (TEST_NOW is
// 2026-11-28 15:00 in China), 1366×768 as on the desks' laptops.

describe('intake receive time in Chromium (animations on)', () => {
  let desk: DeskBrowser;
  beforeAll(async () => {
    desk = await startDeskBrowser('build', { animations: true });
  }, 180_000);
  afterAll(async () => {
    await desk?.close();
  });

  it(
    'a receive time tomorrow is refused with a zh-CN message on the field and no case is saved; corrected, the case keeps the typed time',
    { timeout: 240_000 },
    async () => {
      const page = await desk.newPage(`intake_future_${Date.now()}`);
      await page.setViewportSize({ width: 1366, height: 768 });
      await firstRun(page, sunnyGardenDesk({ name: '李助理', roles: ['业服助理'], department: '业主服务中心', pin: '2468' }));
      await signIn(page, '李助理', '2468');
      await typePropertyComplaint(page, '张女士', '楼上卫生间漏水');
      // The clerk types tomorrow's date by mistake.
      await page.getByTestId('intake-received').fill('2026-11-29T14:30');
      await page.keyboard.press('Control+Enter');
      const fieldError = page.locator('.ant-form-item-explain-error').filter({ hasText: '接收时间' });
      await expect.poll(() => fieldError.allInnerTexts()).toEqual(['「接收时间」不能晚于现在，请检查日期和时间。']);
      expect(await page.getByTestId('intake-invalid').textContent()).toBeTruthy();
      await page.getByTestId('intake-received').scrollIntoViewIfNeeded();
      await screenshot(page, 'intake-received-future-1366');
      // Nothing saved: still on the form, the typed time kept, and no case in the queue.
      expect(await page.getByTestId('intake-received').inputValue()).toBe('2026-11-29T14:30');
      expect(await page.getByTestId('case-number').count()).toBe(0);

      // Corrected to half an hour ago, it saves, and the case shows the time as typed.
      await page.getByTestId('intake-received').fill('2026-11-28T14:30');
      await page.keyboard.press('Control+Enter');
      await page.getByTestId('case-number').waitFor({ timeout: 15_000 });
      expect(await page.getByText('2026-11-28 14:30').count()).toBeGreaterThan(0);
      await page.goto(page.url().replace(/#.*$/, '#/queue'));
      await page.getByTestId('queue-table').waitFor();
      expect(await page.getByTestId('queue-table').locator('tbody tr.ant-table-row').count()).toBe(1);
      // The queue's time column says what it shows (finding 12: it was headed 登记时间 over the receive time).
      const table = page.getByTestId('queue-table');
      const headers = (await table.locator('thead th').allInnerTexts()).map((h) => h.trim());
      expect(headers).not.toContain('登记时间');
      const column = headers.indexOf('接收时间');
      expect(column, headers.join(' | ')).toBeGreaterThanOrEqual(0);
      expect((await table.locator('tbody tr.ant-table-row').first().locator('td').nth(column).innerText()).trim()).toBe('2026-11-28 14:30');
      await page.close();
    },
  );
});

describe('a desk whose machine is set to another time zone (issue 11 finding 11)', () => {
  let desk: DeskBrowser;
  beforeAll(async () => {
    desk = await startDeskBrowser('build', { animations: true, timezoneId: 'America/Los_Angeles' });
  }, 180_000);
  afterAll(async () => {
    await desk?.close();
  });

  it('shows and reads every time in the organisation’s zone (China), and the clock names it', { timeout: 240_000 }, async () => {
    const page = await desk.newPage(`intake_zone_${Date.now()}`);
    await page.setViewportSize({ width: 1366, height: 768 });
    await firstRun(page, sunnyGardenDesk({ name: '李助理', roles: ['业服助理'], department: '业主服务中心', pin: '2468' }));
    await signIn(page, '李助理', '2468');
    // TEST_NOW is 15:00 in China (23:00 the day before in Los Angeles): the clock shows China's time, labelled.
    await expect.poll(() => page.getByTestId('clock').textContent()).toMatch(/^2026-11-28 15:0\d:\d\d UTC\+8$/);
    await typePropertyComplaint(page, '张女士', '楼上卫生间漏水');
    // The form proposes now in China's time, and 14:30 typed by the clerk is half an hour ago there — read
    // in the machine's zone it would be tomorrow and refused.
    expect(await page.getByTestId('intake-received').inputValue()).toMatch(/^2026-11-28T15:0\d$/);
    await page.getByTestId('intake-received').fill('2026-11-28T14:30');
    await page.keyboard.press('Control+Enter');
    await page.getByTestId('case-number').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('case-number').textContent()).toContain('-20261128-');
    expect(await page.getByText('2026-11-28 14:30').count()).toBeGreaterThan(0);
    await screenshot(page, 'zone-los-angeles-case-1366');

    // The policy in force, revision 1, takes effect at midnight of 2026-01-01 in China (16:00 UTC the day
    // before, 08:00 on 2025-12-31 in Los Angeles): 设置 and 制度管理 give it the same date, China's.
    await page.getByRole('menuitem', { name: '设置' }).click();
    const inForce = page.locator('.ant-card').filter({ hasText: '现行制度' });
    await inForce.waitFor();
    expect(await inForce.locator('.ant-card-body').innerText()).toMatch(/第 1 版，2026-01-01 起施行$/);
    await page.getByRole('menuitem', { name: '制度管理' }).click();
    const revisions = page.getByTestId('policy-admin').locator('.ant-card').filter({ hasText: '修订记录' }).locator('tbody tr.ant-table-row');
    await revisions.first().waitFor();
    expect(await revisions.count()).toBe(1);
    expect((await revisions.first().locator('td').nth(0).innerText()).trim()).toBe('1');
    expect((await revisions.first().locator('td').nth(1).innerText()).trim()).toBe('2026-01-01');
    await screenshot(page, 'zone-los-angeles-policy-1366');
    await page.close();
  });
});

describe('intake 责任部门 in Chromium (animations on)', () => {
  let desk: DeskBrowser;
  beforeAll(async () => {
    desk = await startDeskBrowser('build', { animations: true });
  }, 180_000);
  afterAll(async () => {
    await desk?.close();
  });

  it('S4-4 choosing 类别 设施设备 fills 责任部门 with 工程部 (the policy routes it there) before saving', { timeout: 240_000 }, async () => {
    const page = await desk.newPage(`intake_dept_${Date.now()}`);
    await page.setViewportSize({ width: 1366, height: 768 });
    await firstRun(page, sunnyGardenDesk({ name: '李助理', roles: ['业服助理'], department: '业主服务中心', pin: '2468' }));
    await signIn(page, '李助理', '2468');
    await typePropertyComplaint(page, '张女士', '楼上卫生间漏水');
    const department = page.getByTestId('intake-department');
    const field = page.locator('.ant-form-item').filter({ has: department });
    await expect.poll(() => field.innerText()).toContain('工程部');
    await department.scrollIntoViewIfNeeded();
    await screenshot(page, 'intake-department-routed-1366');
    await page.close();
  });
});
