import type { Locator, Page } from 'playwright-core';
import { SCREENSHOT_DIR } from '../helpers/browser';

// What a clerk does on screen, step by step, shared by the desk's end-to-end scenarios.

export async function pickOption(page: Page, testId: string, text: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.keyboard.type(text);
  // Only the dropdown that is open now: with animations on, the previous one may still be fading out.
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden):not([class*="-leave"]):visible .ant-select-item-option')
    .filter({ hasText: text })
    .first()
    .click();
}

export interface StaffInput {
  name: string;
  roles: string[];
  department?: string;
  pin: string;
}

/** The property desk most walks start from (物业管理 preset, 阳光花园, desk YG01) with the given staff. */
export function sunnyGardenDesk(...staff: StaffInput[]): { preset: string; org: string; site: string; code: string; desk: string; staff: StaffInput[] } {
  return { preset: '物业管理', org: '阳光花园物业服务有限公司', site: '阳光花园小区', code: 'YG01', desk: '业主服务中心前台', staff };
}

/** Every role of the property preset, by its name on screen. */
export const PROPERTY_ROLES = [
  '物业管家',
  '业服助理',
  '监控中心值班员',
  '当值领班',
  '分管主管',
  '相关部门主管',
  '物业大管家',
  '首席物业管家',
  '行政人事助理',
  '项目第一负责人',
  '分公司总经理',
];

/**
 * The property desk's administrator 李助理, who holds every role of the preset (a revision is checked for
 * roles nobody holds) and, as an administrator must, signs in with a passphrase (管理口令) typed at first run.
 */
export function propertyAdministrator(passphrase: string): StaffInput {
  return { name: '李助理', roles: PROPERTY_ROLES, department: '业主服务中心', pin: passphrase };
}

/** The hospital desk (医院 preset, 市人民医院, desk RM01): its intake offers 不予受理 reasons (S4-7). */
export function hospitalDesk(...staff: StaffInput[]): { preset: string; org: string; site: string; code: string; desk: string; staff: StaffInput[] } {
  return { preset: '医院', org: '市人民医院', site: '门诊楼', code: 'RM01', desk: '一站式服务台', staff };
}

/** A fresh 消防 desk: the city brigade's hazard-report centre (S1). */
export function fireBrigadeDesk(...staff: StaffInput[]): { preset: string; org: string; site: string; code: string; desk: string; staff: StaffInput[] } {
  return { preset: '消防', org: '某市消防救援支队', site: '支队机关', code: 'XF01', desk: '火灾隐患举报投诉受理中心', staff };
}

/** `beforeFinish`: what the test checks on the filled form before 完成设置 is pressed. */
/** Opens a 举报 at the fire brigade desk (F2) — confidential from the start in this preset (S1-5) — with the reporter's name and phone. */
export async function startFireReport(page: Page, name: string, phone: string): Promise<void> {
  await page.keyboard.press('F2');
  await page.getByTestId('intake-kind').waitFor();
  await pickOption(page, 'intake-kind', '举报');
  if (!(await page.getByTestId('intake-confidential').isChecked())) throw new Error('a 举报 should be confidential from the start (S1-5)');
  await page.getByTestId('intake-name').fill(name);
  await page.getByTestId('intake-phone').fill(phone);
}

export async function firstRun(
  page: Page,
  o: { preset: string; org: string; site: string; code: string; desk: string; staff: StaffInput[] },
  beforeFinish?: () => Promise<void>,
): Promise<void> {
  await page.getByTestId('first-run-form').waitFor({ timeout: 60_000 });
  await pickOption(page, 'preset-select', o.preset);
  await page.getByLabel('单位名称').fill(o.org);
  await page.getByLabel('场所名称').fill(o.site);
  await page.getByLabel('本台代码').fill(o.code);
  await page.getByLabel('本台名称').fill(o.desk);
  for (let i = 0; i < o.staff.length; i++) {
    const s = o.staff[i]!;
    if (i > 0) await page.getByTestId('add-staff').click();
    await page.getByTestId(`staff-name-${i}`).fill(s.name);
    for (const r of s.roles) await pickOption(page, `staff-roles-${i}`, r);
    await page.keyboard.press('Escape');
    if (s.department) await pickOption(page, `staff-dept-${i}`, s.department);
    await page.getByTestId(`staff-pin-${i}`).fill(s.pin);
    await page.getByTestId(`staff-pin2-${i}`).fill(s.pin);
  }
  await beforeFinish?.();
  await page.getByTestId('finish-setup').click();
  await page.getByTestId('signin-pin').waitFor();
}

export async function signIn(page: Page, name: string, pin: string): Promise<void> {
  await page.getByTestId('signin-pin').waitFor({ timeout: 60_000 });
  await pickOption(page, 'signin-staff', name);
  await page.getByTestId('signin-pin').fill(pin);
  await page.getByTestId('signin-submit').click();
  await page.getByTestId('status-staff').waitFor();
}

/**
 * 管理员确认 (issue 10 items 2–3): the prompt that opens after 保存为新修订 — the administrator (the signed-in
 * person by default) types their passphrase (管理口令; a PIN confirms nothing, standalone or joined) and confirms.
 */
export async function confirmAsAdministrator(page: Page, secret: string): Promise<void> {
  const prompt = page.locator('.ant-modal').filter({ hasText: '管理员确认' });
  const field = prompt.getByTestId('admin-confirm-secret');
  await field.click();
  await page.keyboard.type(secret);
  await prompt.getByRole('button', { name: '确认并发布' }).click();
  await prompt.waitFor({ state: 'detached' });
}

/** Opens an action on the case page, fills its dialog's text fields, and saves. */
export async function act(page: Page, eventType: string, fill: Record<string, string> = {}, selects: Record<string, string> = {}): Promise<void> {
  await page.getByTestId(`act-${eventType}`).click();
  const dialog = page.locator('.ant-modal:visible');
  await dialog.waitFor();
  for (const [name, text] of Object.entries(selects)) await pickOption(page, `f-${name}`, text);
  for (const [name, text] of Object.entries(fill)) await dialog.getByTestId(`f-${name}`).fill(text);
  await dialog.getByTestId('action-ok').click();
  await dialog.waitFor({ state: 'detached', timeout: 20_000 }).catch(async (e: unknown) => {
    // What the clerk would see: the dialog's errors, whether 保存 is still turning, and a picture.
    const saving = await dialog.locator('[data-testid=action-ok].ant-btn-loading').count();
    process.stderr.write(`action ${eventType} errors: ${JSON.stringify(await dialogErrors(dialog))}, still saving: ${saving > 0}\n`);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/failed-${eventType}.png` });
    throw e;
  });
}

/** What an action dialog says is wrong: under its fields, and above its buttons for the rest. */
export async function dialogErrors(dialog: Locator): Promise<string> {
  return (await dialog.locator('.ant-form-item-explain-error, [data-testid=action-error]').allInnerTexts()).join(' ');
}

/**
 * The dialog that just opened, once its zoom-in has finished (with animations on a click during the zoom
 * can land beside its target, and a pointer drawing would be scaled).
 */
export async function dialogOpened(page: Page): Promise<Locator> {
  const dialog = page.locator('.ant-modal-wrap:visible .ant-modal').last();
  await dialog.waitFor();
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every(
        (a) =>
          a.playState !== 'running' ||
          !(a.effect instanceof KeyframeEffect && a.effect.target instanceof Element && a.effect.target.closest('.ant-modal-root')),
      ),
  );
  return dialog;
}

/**
 * Where the cursor is: the test id of the element that has it or of the field around it (a list's or a
 * number box's input), else its class — antd's × in a dialog's corner is `ant-modal-close`.
 */
export function cursorAt(page: Page): Promise<string> {
  return page.evaluate(() => document.activeElement?.closest('[data-testid]')?.getAttribute('data-testid') ?? document.activeElement?.className ?? '');
}

/** Closes every alert notification, so it does not cover what a screenshot or a click needs. */
export async function closeNotifications(page: Page): Promise<void> {
  await page.locator('.ant-notification-notice-close').evaluateAll((els) => els.forEach((e) => (e as HTMLElement).click()));
  // Reduced motion: the notices go at once; one frame for the layout to settle.
  await page.waitForTimeout(100);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}.png` });
}

/** No list is opening or closing: antd's slide motion of every dropdown has finished (animations on). */
async function listsSettled(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every(
        (a) =>
          a.playState !== 'running' ||
          !(a.effect instanceof KeyframeEffect && a.effect.target instanceof Element && a.effect.target.closest('.ant-select-dropdown')),
      ),
  );
}

/**
 * In the list that has the cursor: types what a clerk would, waits until the list has opened and moved its
 * highlight to that option (on a slow machine that takes longer than the keys), then Enter picks it, and
 * the list has closed before the next key.
 */
export async function pickTyped(page: Page, option: string): Promise<void> {
  await page.keyboard.type(option);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option-active', { hasText: option }).waitFor({ timeout: 10_000 });
  await listsSettled(page);
  await page.keyboard.press('Enter');
  await page.locator(`.ant-select-dropdown:visible`).waitFor({ state: 'hidden', timeout: 10_000 });
  await listsSettled(page);
}

/** A hospital-preset complaint from 刘先生 (139 0000 1111) typed at intake from F2, without its 事由 (S4-7 tests). */
export async function typeHospitalComplaint(page: Page): Promise<void> {
  await page.keyboard.press('F2');
  await page.getByTestId('intake-name').fill('刘先生');
  await page.getByTestId('intake-phone').fill('13900001111');
  await page.getByTestId('intake-cause').fill('去年8月在我院行膝关节手术');
  await pickOption(page, 'intake-reception', '服务台');
  await pickOption(page, 'intake-category', '医疗投诉');
  await pickOption(page, 'form-patientType', '门诊病人');
}

/** A property-preset phone complaint typed in by keyboard from F2 up to (not including) saving it. */
export async function typePropertyComplaint(page: Page, name: string, subject: string): Promise<void> {
  await page.keyboard.press('F2');
  await page.getByTestId('intake-form').waitFor();
  await page.keyboard.type(name);
  await page.keyboard.press('Tab');
  await page.keyboard.type('13812345678');
  await page.keyboard.press('Tab');
  await page.keyboard.type('3栋1单元1201');
  await page.keyboard.press('Tab'); // anonymous
  await page.keyboard.press('Tab'); // confidential
  await page.keyboard.press('Tab');
  await page.keyboard.type(subject);
  await page.keyboard.press('Tab');
  await page.keyboard.type('11月24日起');
  await page.keyboard.press('Tab');
  await page.keyboard.type('楼上卫生间防水层破损');
  await page.keyboard.press('Tab');
  await page.keyboard.type('已两次电话报修，维修人员未上门');
  await page.keyboard.press('Tab');
  await page.keyboard.type('天花板发霉，影响居住');
  await page.keyboard.press('Tab');
  await page.keyboard.type('三日内修好并赔偿粉刷费用');
  await page.keyboard.press('Tab');
  await pickTyped(page, '设施设备');
  await page.keyboard.press('Tab');
  await pickTyped(page, '一般投诉');
  await page.keyboard.press('Tab'); // department: routed by category
  await page.keyboard.press('Tab');
  await page.keyboard.type('3-1-1201');
}

/** A property-preset phone complaint typed in by keyboard (F2 … Ctrl+Enter); returns the case number. */
export async function registerPropertyComplaint(
  page: Page,
  name: string,
  subject: string,
  opts: { beforeSave?: (page: Page) => Promise<void> } = {},
): Promise<string> {
  await typePropertyComplaint(page, name, subject);
  await opts.beforeSave?.(page);
  // Save with Ctrl+Enter (the property preset asks no S9-1 apology).
  await page.keyboard.press('Control+Enter');
  await page
    .getByTestId('case-number')
    .waitFor({ timeout: 15_000 })
    .catch(async (e: unknown) => {
      process.stderr.write(
        `intake errors: ${JSON.stringify(await page.locator('.ant-form-item-explain-error, [data-testid=intake-error]').allInnerTexts())}\n`,
      );
      throw e;
    });
  return (await page.getByTestId('case-number').textContent()) ?? '';
}

/** Two strokes of a hand-written name on the signature pad, drawn with real pointer moves. */
export async function drawName(page: Page): Promise<void> {
  const box = (await page.getByTestId('signature-pad').boundingBox())!;
  const at = (fx: number, fy: number): [number, number] => [box.x + box.width * fx, box.y + box.height * fy];
  const strokes: [number, number][][] = [
    [at(0.1, 0.6), at(0.2, 0.2), at(0.3, 0.7), at(0.4, 0.3), at(0.5, 0.65)],
    [at(0.55, 0.3), at(0.7, 0.75), at(0.85, 0.25), at(0.9, 0.6)],
  ];
  for (const stroke of strokes) {
    await page.mouse.move(...stroke[0]!);
    await page.mouse.down();
    for (const p of stroke.slice(1)) await page.mouse.move(...p, { steps: 8 });
    await page.mouse.up();
  }
}
