import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstRun, screenshot, signIn, sunnyGardenDesk } from './desk-steps';
import { openDeskPage, registerPropertyComplaint, startRealDesk, type RealDesk } from './real-shell';

// Issue 11 (S7-7 repeated complaints): the clerk types a caller's number at intake and sees that caller's
// earlier cases beside the form, open ones first, before registering the same matter twice; a reporter
// registered as confidential (S1-5) is never listed, whoever types the number. Animations on, fixed clock.

let desk: RealDesk;
beforeAll(async () => {
  desk = await startRealDesk();
}, 180_000);
afterAll(() => desk?.close());

describe('the complainant\'s earlier cases at intake', () => {
  it('S7-7 S1-5 typing a known number lists that caller\'s open case, not a confidential one; the draft survives a look at it', { timeout: 240_000 }, async () => {
    const page = await openDeskPage(desk.browser, `${desk.host.shell.url}/?desk=history_${Date.now()}`, 'fixed', { animations: true, viewport: { width: 1366, height: 768 } });
    await firstRun(page, sunnyGardenDesk({ name: '王前台', roles: ['业服助理'], department: '业主服务中心', pin: '1357' }));
    await signIn(page, '王前台', '1357');
    // Two earlier calls from 138 1234 5678: one as usual, one whose caller asked to stay confidential.
    const first = await registerPropertyComplaint(page, '张秀兰', '顶楼天花板渗水');
    const secret = await registerPropertyComplaint(page, '张秀兰', '举报邻居违规改建', { beforeSave: (p) => p.getByTestId('intake-confidential').check() });

    // A new call: the number typed with spaces, as it is read out.
    await page.keyboard.press('F2');
    await page.getByTestId('intake-form').waitFor();
    await page.getByTestId('intake-name').fill('张秀兰');
    await page.getByTestId('intake-phone').fill('138 1234 5678');
    const panel = page.getByTestId('earlier-cases');
    await panel.getByText('这个号码有 1 件案件还在办理中（共 1 件）').waitFor();
    expect(await panel.textContent()).toContain(first);
    expect(await panel.textContent()).toContain('顶楼天花板渗水');
    expect(await panel.textContent()).not.toContain(secret);
    await screenshot(page, 'intake-earlier-cases');
    // The list came in between the caller's fields and 事由: a clerk tabbing on without looking still
    // lands in 事由, not on a link of the list.
    await page.getByTestId('intake-confidential').focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('intake-subject');

    // Another number: nothing is shown.
    await page.getByTestId('intake-phone').fill('13900001111');
    await panel.waitFor({ state: 'detached' });

    // Back to the caller's number, a look at the earlier case, and back to the intake: nothing typed is lost.
    await page.getByTestId('intake-phone').fill('13812345678');
    await panel.getByRole('link', { name: first }).click();
    await page.getByTestId('case-number').getByText(first).waitFor();
    await page.keyboard.press('F2');
    await page.getByTestId('draft-restored').waitFor();
    expect(await page.getByTestId('intake-phone').inputValue()).toBe('13812345678');
    await panel.waitFor();
  });
});
