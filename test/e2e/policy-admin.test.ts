import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { startDeskBrowser, TEST_NOW, type DeskBrowser } from '../helpers/browser';
import { confirmAsAdministrator, firstRun, propertyAdministrator, screenshot, signIn, sunnyGardenDesk } from './desk-steps';

// Policy administration as a property service centre's administrator does it (S0-2): categories,
// callback rules, ladders, rewards and penalties in tables, never JSON; every edit checked by
// validatePolicy with its zh-CN message next to the form; a save is one new revision that the revision
// list and the side-by-side comparison show. The desk is set up through the first-run form, where the
// administrator types her passphrase (管理口令); a department head with a PIN cannot confirm a revision.

const ADMIN_PASSPHRASE = '阳光花园-管理-2026';
let desk: DeskBrowser;
beforeAll(async () => {
  desk = await startDeskBrowser('build', { animations: true });
});
afterAll(async () => {
  await desk?.close();
});

/** Opens the antd select inside `field` and picks the option with `text`. */
async function pick(page: Page, field: Locator, text: string): Promise<void> {
  await field.click();
  // Only the dropdown that is open now: with animations on, the previous one may still be fading out.
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden):not([class*="-leave"]):visible .ant-select-item-option')
    .filter({ hasText: text })
    .first()
    .click();
}

/** antd puts the test id on the input or on its wrapper depending on the component. */
async function fillNumber(el: Locator, value: string): Promise<void> {
  const isInput = await el.evaluate((e) => e.tagName === 'INPUT');
  await (isInput ? el : el.locator('input')).fill(value);
}

async function openSection(page: Page, name: string): Promise<void> {
  await pick(page, page.getByTestId('revision-section'), name);
}

describe('policy administration in Chromium', () => {
  it('S0-2 S0-4 an administrator routes a new category, changes a callback rule and saves a revision without JSON; an invalid edit writes nothing', async () => {
    const page = await desk.newPage(`policy_${Date.now()}`);
    // The property-management desk with no cases: the preset's policy as revision 1. 李助理 administers with
    // a passphrase; 王主管 (相关部门主管, head of 工程部) keeps a PIN.
    await firstRun(
      page,
      sunnyGardenDesk(propertyAdministrator(ADMIN_PASSPHRASE), { name: '王主管', roles: ['相关部门主管'], department: '工程部', pin: '1357' }),
      async () => {
        // The form warns under the head's row that his PIN will not administer; the passphrase row is quiet.
        await page
          .getByTestId('staff-admin-pin-1')
          .getByText(
            '王主管的角色可做管理操作（发布制度、添加人员）：用 PIN 码只能登录办理，不能确认管理操作。请改设管理口令（至少 10 个字符，不能全是数字）。',
          )
          .waitFor();
        expect(await page.getByTestId('staff-admin-pin-0').count()).toBe(0);
        await page.setViewportSize({ width: 1366, height: 768 });
        await page.getByTestId('staff-admin-pin-1').scrollIntoViewIfNeeded();
        await screenshot(page, 'first-run-admin-pin-warning');
        await page.setViewportSize({ width: 1440, height: 900 });
      },
    );
    await signIn(page, '李助理', ADMIN_PASSPHRASE);
    await page.goto(page.url().replace(/#.*$/, '') + '#/policy');
    const admin = page.getByTestId('policy-admin');
    await admin.waitFor({ timeout: 60_000 });
    const revisionRows = admin.locator('.ant-card').filter({ hasText: '修订记录' }).locator('tbody tr.ant-table-row');
    expect(await revisionRows.count()).toBe(1);

    // An invalid edit: 环境部 is deleted while 环境卫生绿化 still routes to it.
    await page.getByTestId('policy-edit').click();
    const dialog = page.locator('.ant-modal:visible');
    await dialog.getByTestId('stage-limits').waitFor();
    await openSection(page, '部门');
    const departments = dialog.getByTestId('edit-departments');
    // 环境部 is the fifth department of the property preset.
    expect(await departments.getByTestId('row-name').nth(4).inputValue()).toBe('环境部');
    await departments.getByRole('button', { name: '删除第 5 行' }).click();
    const problems = dialog.getByTestId('revision-problems');
    await problems.getByText('「类别与派单 · 第 3 行（环境卫生绿化） · 责任部门」路由到的部门「environment」不存在，请先添加该部门或改选已有部门。').waitFor();
    // The section list says where the problem is.
    expect(await dialog.getByTestId('revision-section').innerText()).toContain('部门 · 已修改');
    await dialog.getByTestId('revision-reason').fill('撤销环境部');
    await pick(page, dialog.getByTestId('revision-approver'), '李助理');
    await screenshot(page, 'policy-editor-invalid');
    await dialog.getByRole('button', { name: '保存为新修订' }).click();
    await dialog.getByTestId('revision-errors').getByText('修订中还有 1 处问题').waitFor();
    await dialog.getByRole('button', { name: /取\s*消/ }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await revisionRows.count()).toBe(1);

    // The valid revision: a new category routed to 秩序维护部, and the callback rule changed.
    await page.getByTestId('policy-edit').click();
    await dialog.getByTestId('stage-limits').waitFor();
    await screenshot(page, 'policy-editor-stages');
    await openSection(page, '投诉类型');
    await dialog.getByTestId('edit-kinds').waitFor();
    await screenshot(page, 'policy-editor-kinds');

    await openSection(page, '类别与派单');
    const categories = dialog.getByTestId('edit-categories');
    await categories.getByTestId('edit-categories-add').click();
    const added = categories.locator('tbody tr.ant-table-row').last();
    // A code that already exists is refused with a clear message, then corrected.
    await added.getByTestId('row-code').fill('facilities');
    await problems.getByText('代码「facilities」重复了，每个代码只能用一次').waitFor();
    await added.getByTestId('row-code').fill('parking');
    await added.getByTestId('row-name').fill('停车管理');
    await pick(page, added.getByTestId('row-departmentId'), '秩序维护部');
    await problems.waitFor({ state: 'detached' });
    await screenshot(page, 'policy-editor-categories');

    await openSection(page, '回访规则');
    const rules = dialog.getByTestId('callback-rules');
    await rules.getByTestId('rule-within').locator('input').first().fill('3');
    await dialog.getByTestId('callback-reopens').click();
    // The advanced JSON follows the form.
    await dialog.getByText('高级：直接编辑 JSON').click();
    const json = JSON.parse(await dialog.getByTestId('revision-json').inputValue()) as { rules: { within: { amount: number } }[]; unsatisfiedReopens: boolean };
    expect(json.rules[0]!.within.amount).toBe(3);
    expect(json.unsatisfiedReopens).toBe(true);
    await screenshot(page, 'policy-editor-callback');
    await dialog.getByText('高级：直接编辑 JSON').click();

    // The ladder: the reply stage of a general complaint also warns the butler.
    await openSection(page, '环节与时限');
    // The engineering hand-over may be paused (waiting for the owner to open the door): 暂停计时 is then offered.
    await dialog.getByTestId('stage-limits').locator('tbody tr.ant-table-row').filter({ hasText: '一般投诉:1小时内答复' }).getByTestId('row-pausable').click();
    const ladder = dialog.getByTestId('stage-ladder');
    await pick(page, ladder.locator('tbody tr.ant-table-row').filter({ hasText: '一般投诉:1小时内答复' }).getByTestId('ladder-warning'), '物业管家');
    await page.keyboard.press('Escape');
    await ladder.scrollIntoViewIfNeeded();
    await screenshot(page, 'policy-editor-ladder');

    // A penalty addressed to the butler, approved by the senior butler.
    await openSection(page, '处罚');
    const penalties = dialog.getByTestId('edit-penalties');
    await penalties.getByTestId('edit-penalties-add').click();
    const penalty = penalties.locator('tbody tr.ant-table-row').last();
    await penalty.getByTestId('row-name').fill('一般投诉超时未处理');
    await fillNumber(penalty.getByTestId('row-amount'), '50');
    await pick(page, penalty.getByTestId('row-targetRole'), '物业管家');
    await pick(page, penalty.getByTestId('row-approverRole'), '物业大管家');
    await screenshot(page, 'policy-editor-penalties');
    // A reward drafted with two levels, then removed again: this revision does not keep it.
    await openSection(page, '奖励');
    const rewards = dialog.getByTestId('edit-rewards');
    await rewards.getByTestId('edit-rewards-add').click();
    await rewards.locator('.ant-card-head').getByTestId('row-name').fill('业户举报安全隐患奖励');
    const levels = rewards.getByTestId('reward-levels-0');
    await levels.getByTestId('reward-levels-0-add').click();
    await levels.getByTestId('row-name').nth(0).fill('一般隐患');
    await levels.getByTestId('row-name').nth(1).fill('重大隐患');
    await fillNumber(levels.getByTestId('row-max').nth(0), '200');
    await fillNumber(levels.getByTestId('row-max').nth(1), '500');
    await screenshot(page, 'policy-editor-rewards');
    await rewards.getByRole('button', { name: /删除此奖励/ }).click();
    expect(await rewards.locator('.ant-card').count()).toBe(0);

    const effective = new Date(TEST_NOW + 8 * 3_600_000 + 3 * 86_400_000).toISOString().slice(0, 10);
    await dialog.getByTestId('revision-effective').fill(effective);
    await dialog.getByTestId('revision-reason').fill('新增停车管理类别，回访提前到3天');
    await pick(page, dialog.getByTestId('revision-approver'), '李助理');
    await dialog.getByRole('button', { name: '保存为新修订' }).click();
    // 管理员确认 (issue 10 items 2–3): the department head 王主管 standing by types his right PIN: a PIN confirms
    // no administration, so nothing is published and the prompt says what is needed and where it is set.
    const prompt = page.locator('.ant-modal').filter({ hasText: '管理员确认' });
    await pick(page, prompt.getByTestId('admin-confirm-who'), '王主管');
    await prompt.getByTestId('admin-confirm-secret').click();
    await page.keyboard.type('1357');
    await prompt.getByRole('button', { name: '确认并发布' }).click();
    await prompt
      .getByTestId('admin-confirm-error')
      .getByText(
        '管理操作须使用管理口令，PIN 码不能确认管理员身份，未做任何更改。管理口令至少 10 个字符、不能全是数字：由已用口令登录的管理员在「设置 → 工作人员」此人一行点「重设登录凭据」设置，或在新建本机时在管理人员的「PIN 码或口令」一栏设置。',
      )
      .waitFor();
    expect(await revisionRows.count()).toBe(1);
    await screenshot(page, 'policy-admin-confirm-pin-refused');
    // A wrong passphrase publishes nothing either.
    await pick(page, prompt.getByTestId('admin-confirm-who'), '李助理');
    await prompt.getByTestId('admin-confirm-secret').click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('阳光花园-管理-2025');
    await prompt.getByRole('button', { name: '确认并发布' }).click();
    await prompt.getByText('管理员确认未通过：口令不对，或此人没有管理权限。').waitFor();
    expect(await revisionRows.count()).toBe(1);
    await screenshot(page, 'policy-admin-confirm-refused');
    await prompt.getByTestId('admin-confirm-secret').click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Backspace');
    await confirmAsAdministrator(page, ADMIN_PASSPHRASE);
    await dialog.waitFor({ state: 'detached' });

    await expect.poll(() => revisionRows.count()).toBe(2);
    const newest = revisionRows.first();
    expect(await newest.innerText()).toContain(effective);
    expect(await newest.innerText()).toContain('新增停车管理类别，回访提前到3天（批准：李助理）');
    expect(await newest.innerText()).toContain('待生效');

    await page.getByRole('tab', { name: '版本对比' }).click();
    const diff = page.getByTestId('diff-table');
    await diff.waitFor();
    // Each change reads in the revisions' own names and units, never as a data path or JSON (S0-2).
    const row = (text: string) => diff.locator('tbody tr').filter({ hasText: text });
    const cells = async (text: string) => (await row(text).locator('td').allInnerTexts()).map((c) => c.trim());
    expect(await cells('停车管理')).toEqual(['类别与派单', '停车管理', '新增', '—', '责任部门 秩序维护部']);
    expect(await cells('一般投诉:1小时内答复 · 升级提醒')).toEqual([
      '环节与时限',
      '一般投诉:1小时内答复 · 升级提醒',
      '修改',
      '超时 → 物业大管家',
      '预警 → 物业管家；超时 → 物业大管家',
    ]);
    expect(await cells('一般投诉:1小时内答复 · 可暂停计时')).toEqual(['环节与时限', '一般投诉:1小时内答复 · 可暂停计时', '修改', '否', '是']);
    expect(await cells('第 1 条 · 时限')).toEqual(['回访规则', '第 1 条 · 时限', '修改', '7 天', '3 天']);
    expect(await cells('回访不满意重新处理')).toEqual(['回访规则', '回访不满意重新处理', '修改', '否', '是']);
    expect(await row('一般投诉超时未处理').count()).toBe(1);
    expect(await row('奖励').count()).toBe(0);
    const tableText = await diff.innerText();
    for (const raw of ['{', '[', 'categories', 'callback', 'security', 'butler']) expect(tableText).not.toContain(raw);
    // The section column is wide enough for its name on one line.
    expect(
      await row('停车管理')
        .locator('td')
        .first()
        .locator('span')
        .evaluate((el) => el.getClientRects().length),
    ).toBe(1);
    await diff.scrollIntoViewIfNeeded();
    await screenshot(page, 'policy-diff-after-forms');
    // The same lines as sentences, to copy into the approval form.
    await page.getByText('逐条说明（第 1 版 → 第 2 版').click();
    const sentences = page.getByTestId('diff-sentences');
    await sentences.waitFor();
    const said = await sentences.locator('li').allInnerTexts();
    expect(said).toContain('类别与派单 · 停车管理（新增）: 责任部门 秩序维护部');
    expect(said).toContain('处罚 · 一般投诉超时未处理（新增）: 50 元，对象 物业管家，审批 物业大管家，每次；触发：环节超时（全部环节）');
    expect(said).toContain('回访规则 · 第 1 条 · 时限: 7 天 → 3 天');
    expect(said[0]).toBe(`生效日期: 2026-01-01 → ${effective}`);
    await sentences.scrollIntoViewIfNeeded();
    await screenshot(page, 'policy-diff-sentences');
  }, 180_000);
});
