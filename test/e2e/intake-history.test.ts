import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { firstRun, hospitalDesk, screenshot, signIn, sunnyGardenDesk, typeHospitalComplaint, typePropertyComplaint } from './desk-steps';
import { openDeskPage, registerPropertyComplaint, startRealDesk, type RealDesk } from './real-shell';

// Issue 11 (S7-7 repeated complaints): the clerk types a caller's number, name or room at intake and sees
// the earlier cases with the same one beside the form, open ones first, each saying why it is listed,
// before registering the same matter twice; a reporter registered as confidential or anonymous (S1-5) is
// never listed, whatever is typed. Animations on, fixed clock.

/** A hospital complaint from 刘先生 (139 0000 1111) about `subject` typed at intake, up to saving it. */
async function typeComplaint(page: Page, subject: string): Promise<void> {
  await typeHospitalComplaint(page);
  await page.getByTestId('intake-subject').fill(subject);
}

async function saveIntake(page: Page): Promise<string> {
  await page.getByTestId('intake-save').click();
  await page.getByTestId('case-number').waitFor({ timeout: 15_000 });
  return ((await page.getByTestId('case-number').textContent()) ?? '').trim();
}

/** A property complaint typed in as usual, then this caller's phone and 房号 typed over, saved. */
async function registerCall(
  page: Page,
  who: { name: string; phone: string; room: string },
  subject: string,
  beforeSave?: (page: Page) => Promise<void>,
): Promise<string> {
  await typePropertyComplaint(page, who.name, subject);
  await page.getByTestId('intake-phone').fill(who.phone);
  await page.getByTestId('form-roomNo').fill(who.room);
  await beforeSave?.(page);
  return saveIntake(page);
}

let desk: RealDesk;
beforeAll(async () => {
  desk = await startRealDesk();
}, 180_000);
afterAll(() => desk?.close());

describe("the complainant's earlier cases at intake", () => {
  it(
    "S7-7 S1-5 typing a known number lists that caller's open case, not a confidential one; the draft survives a look at it",
    { timeout: 240_000 },
    async () => {
      const page = await openDeskPage(desk.browser, `${desk.host.shell.url}/?desk=history_${Date.now()}`, 'fixed', {
        animations: true,
        viewport: { width: 1366, height: 768 },
      });
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
      await panel.getByText('此前有 1 件相关案件还在办理中（共 1 件）').waitFor();
      expect(await panel.textContent()).toContain(first);
      expect(await panel.getByTestId(`reasons-${first}`).textContent()).toBe('同一电话 · 同一姓名');
      expect(await panel.textContent()).toContain('顶楼天花板渗水');
      expect(await panel.textContent()).not.toContain(secret);
      await screenshot(page, 'intake-earlier-cases');
      // The list came in between the caller's fields and 事由: a clerk tabbing on without looking still
      // lands in 事由, not on a link of the list.
      await page.getByTestId('intake-confidential').focus();
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('intake-subject');

      // Another number: the case is still listed, by the name alone; another name too: nothing is shown.
      await page.getByTestId('intake-phone').fill('13900001111');
      await expect.poll(() => panel.getByTestId(`reasons-${first}`).textContent()).toBe('同一姓名');
      await page.getByTestId('intake-name').fill('李建国');
      await panel.waitFor({ state: 'detached' });

      // Back to the caller's number, a look at the earlier case, and back to the intake: nothing typed is lost.
      await page.getByTestId('intake-phone').fill('13812345678');
      await panel.getByRole('link', { name: first }).click();
      await page.getByTestId('case-number').getByText(first).waitFor();
      await page.keyboard.press('F2');
      await page.getByTestId('draft-restored').waitFor();
      expect(await page.getByTestId('intake-phone').inputValue()).toBe('13812345678');
      await panel.waitFor();
    },
  );

  it(
    'S7-7 S8-11 S1-5 open cases are listed before finished ones; the clerk links the new case to an earlier one, refused while the caller is confidential, and both case pages show the link',
    { timeout: 240_000 },
    async () => {
      const page = await openDeskPage(desk.browser, `${desk.host.shell.url}/?desk=history_link_${Date.now()}`, 'fixed', {
        animations: true,
        viewport: { width: 1366, height: 768 },
      });
      await firstRun(page, hospitalDesk({ name: '周护士', roles: ['一站式服务台接待员'], pin: '1357' }));
      await signIn(page, '周护士', '1357');
      // 刘先生's earlier calls: a complaint still open, then a newer one not admissible (finished at intake),
      // then one he asked to keep confidential.
      await typeComplaint(page, '门诊排队时间过长');
      const open = await saveIntake(page);
      await typeComplaint(page, '对手术结果不满，要求赔偿');
      await page.getByTestId('intake-admissibility').getByText('人民法院起诉').click();
      await page.getByTestId('intake-explanation').fill('您已就此事向区人民法院起诉，医院投诉办不再受理。');
      const finished = await saveIntake(page);
      await expect.poll(() => page.getByTestId('case-status').textContent()).toBe('不予受理');
      await typeComplaint(page, '举报医生收受红包');
      await page.getByTestId('intake-confidential').check();
      const secret = await saveIntake(page);

      // He calls again: the open case comes first although the finished one is newer; the confidential one never.
      await typeComplaint(page, '排队问题仍未改善');
      const panel = page.getByTestId('earlier-cases');
      await panel.getByText('此前有 1 件相关案件还在办理中（共 2 件）').waitFor();
      const listed = await panel.getByRole('link').allInnerTexts();
      expect(listed).toEqual([open, finished]);
      expect(await panel.textContent()).not.toContain(secret);
      expect(await panel.textContent()).not.toContain('红包');
      // 刘先生 names no one in particular: found by the number only.
      expect(await panel.getByTestId(`reasons-${open}`).textContent()).toBe('同一电话');

      // The same matter as the open case: 关联.
      await panel.getByTestId(`link-${open}`).click();
      await panel.getByTestId('intake-linked-to').getByText(`登记后，新案件将关联到 ${open}`).waitFor();
      // He then asks to stay confidential: a confidential caller's case is not linked (the link would show on
      // the earlier case's page), the save says so and registers nothing.
      await page.getByTestId('intake-confidential').check();
      expect(await panel.getByTestId(`link-${finished}`).isDisabled()).toBe(true);
      await page.getByTestId('intake-save').click();
      await panel.getByTestId('intake-link-error').getByText('投诉人要求保密或匿名的案件不能关联到其他案件：请取消关联，或取消保密。').waitFor();
      expect(await page.getByTestId('case-number').count()).toBe(0);
      await panel.scrollIntoViewIfNeeded();
      await screenshot(page, 'intake-link-confidential-refused');
      // He agrees to be named after all: saved, linked.
      await page.getByTestId('intake-confidential').uncheck();
      const repeat = await saveIntake(page);
      const linked = page.getByTestId('linked-cases');
      await linked.waitFor();
      expect((await linked.innerText()).replace(/\s+/g, ' ')).toBe(`此前案件 ${open} 已登记 门诊排队时间过长`);
      await screenshot(page, 'case-linked-earlier');
      // The earlier case names the later one.
      await linked.getByRole('link', { name: open }).click();
      await page.getByTestId('case-number').getByText(open).waitFor();
      await expect
        .poll(async () => (await page.getByTestId('linked-cases').innerText()).replace(/\s+/g, ' '))
        .toBe(`后续案件 ${repeat} 已登记 排队问题仍未改善`);
      await screenshot(page, 'case-linked-later');
      // The finished case, not linked, shows no link.
      await page.keyboard.press('F2');
      await page.getByTestId('intake-phone').fill('13900001111');
      await page.getByTestId('earlier-cases').getByRole('link', { name: finished }).click();
      await page.getByTestId('case-number').getByText(finished).waitFor();
      expect(await page.getByTestId('linked-cases').count()).toBe(0);
    },
  );

  it(
    "S7-7 S8-11 S1-5 the same room or name typed at intake lists the earlier cases with their reasons, never a confidential or anonymous caller's; the clerk links one and its page shows it",
    { timeout: 300_000 },
    async () => {
      const page = await openDeskPage(desk.browser, `${desk.host.shell.url}/?desk=history_room_${Date.now()}`, 'fixed', {
        animations: true,
        viewport: { width: 1366, height: 768 },
      });
      await firstRun(page, sunnyGardenDesk({ name: '王前台', roles: ['业服助理'], department: '业主服务中心', pin: '1357' }));
      await signIn(page, '王前台', '1357');
      // Earlier calls about 3-1-1201: its tenant 李建国; 张秀兰 from another number, about that room; a
      // neighbour who asked to stay confidential; one who gave no name. And 张秀兰 about her own room 5-2-0801.
      const tenant = await registerCall(page, { name: '李建国', phone: '13700002222', room: '3-1-1201' }, '卫生间顶部渗水');
      const sameName = await registerCall(page, { name: '张秀兰', phone: '13600003333', room: '3-1-1201' }, '楼上装修噪音');
      const secret = await registerCall(page, { name: '王芳', phone: '13500004444', room: '3-1-1201' }, '举报楼上违规改建', (p) =>
        p.getByTestId('intake-confidential').check(),
      );
      const anonymous = await registerCall(page, { name: '无名', phone: '13400005555', room: '3-1-1201' }, '匿名反映楼道堆物', (p) =>
        p.getByTestId('intake-anonymous').check(),
      );

      // 张秀兰 calls again from a new number about 3-1-1201, the room typed as her IME gives it: full-width, with dashes.
      await typePropertyComplaint(page, '张秀兰', '楼上又漏水了');
      await page.getByTestId('intake-phone').fill('13900009999');
      const room = page.getByTestId('form-roomNo');
      await room.fill('');
      await room.pressSequentially('３—１—１２０１');
      const panel = page.getByTestId('earlier-cases');
      await panel.getByText('此前有 2 件相关案件还在办理中（共 2 件）').waitFor();
      await screenshot(page, 'intake-earlier-by-room-typing');
      // Newest first; the case with her name at that room listed once, with both reasons.
      expect(await panel.getByRole('link').allInnerTexts()).toEqual([sameName, tenant]);
      expect(await panel.getByTestId(`reasons-${sameName}`).textContent()).toBe('同一姓名 · 同一房号');
      expect(await panel.getByTestId(`reasons-${tenant}`).textContent()).toBe('同一房号');
      for (const hidden of [secret, anonymous, '违规改建', '楼道堆物']) expect(await panel.textContent()).not.toContain(hidden);
      await panel.scrollIntoViewIfNeeded();
      await screenshot(page, 'intake-earlier-reasons');
      // The list does not take Tab from the caller's fields: 保密 → 事由.
      await page.getByTestId('intake-confidential').focus();
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('intake-subject');

      // The same leak as the tenant's: 关联, save, and the new case's page names the earlier one.
      await panel.getByTestId(`link-${tenant}`).click();
      await panel.getByTestId('intake-linked-to').getByText(`登记后，新案件将关联到 ${tenant}`).waitFor();
      await saveIntake(page);
      const linked = page.getByTestId('linked-cases');
      await linked.waitFor();
      expect((await linked.innerText()).replace(/\s+/g, ' ')).toBe(`此前案件 ${tenant} 已登记 卫生间顶部渗水`);
    },
  );
});
