import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { startDeskBrowser, type DeskBrowser } from '../helpers/browser';
import { closeNotifications, cursorAt, screenshot } from './desk-steps';
import { cellTexts, ledgerAs, rowsOf, seedLedger } from './ledger-desk';
import { gasStationPreset } from '../../src-shared/presets/s6-gas-station';
import { fireBrigadePreset } from '../../src-shared/presets/s1-fire-brigade';
import { retailQualityPreset } from '../../src-shared/presets/s3-retail-quality';

// The 奖惩台账 walked as a supervisor does in Chromium: desks seeded through their own write path with
// clocks in the past (ledger-seed.ts runs in the page), the rules' proposals recorded by a clerk, decided
// by the role the policy names, totalled, exported to Excel and CSV, and the overdue cases listed.

const MINUS = '\u2212';
let desk: DeskBrowser;
beforeAll(async () => {
  desk = await startDeskBrowser('dev');
});
afterAll(async () => {
  await desk?.close();
});

/** The sheets of an .xlsx as the desk writes it (inline strings, numbers), by sheet name. */
function readXlsx(bytes: Uint8Array): Record<string, (string | number)[][]> {
  const files = unzipSync(bytes);
  const workbook = strFromU8(files['xl/workbook.xml']!);
  const names = [...workbook.matchAll(/<sheet [^>]*name="([^"]+)"/g)].map((m) => m[1]!);
  const unescape = (s: string) =>
    s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&');
  const out: Record<string, (string | number)[][]> = {};
  names.forEach((name, i) => {
    const xml = strFromU8(files[`xl/worksheets/sheet${i + 1}.xml`]!);
    out[name] = [...xml.matchAll(/<row [^>]*>(.*?)<\/row>/g)].map((row) => {
      // Empty cells are not written: each value goes to its own column (A, B, …).
      const cells: (string | number)[] = [];
      for (const c of row[1]!.matchAll(/<c r="([A-Z])\d+"[^>]*>(?:<is><t[^>]*>(.*?)<\/t><\/is>|<v>(.*?)<\/v>)<\/c>/g))
        cells[c[1]!.charCodeAt(0) - 65] = c[3] !== undefined ? Number(c[3]) : unescape(c[2]!);
      return cells;
    });
  });
  return out;
}

describe('rewards-and-penalties ledger in Chromium', () => {
  it('S6-10 S1-15 a breached investigation proposes −100 to the station manager and −200 to the manager in charge; a clerk records them, the main leader approves one and rejects one with its reason; totals, Excel/CSV export and the accountability list follow', async () => {
    const { profile, seed } = await seedLedger(desk, 's6');
    expect(seed.problems).toEqual([]);
    const breached = seed.cases.breached!;
    const onTime = seed.cases.onTime!;
    const rule = (id: string) => gasStationPreset.penalties.find((p) => p.id === id)!;
    // The preset carries the regulation's figures and the roles it names (S6-10).
    expect([rule('late_station_manager').amount, rule('late_manager_in_charge').amount]).toEqual([100, 200]);

    // 1. The clerk opens the ledger: the rules propose the two deductions for the breached case only.
    const page = await desk.newPage(profile);
    await ledgerAs(page, '王文员', '1357', 'ledger-suggestions');
    const proposed = await cellTexts(page, 'ledger-suggestions');
    expect(proposed.map((r) => r.slice(0, 5))).toEqual([
      [breached, '处罚', `${MINUS}100 元`, '站长', '主要领导'],
      [breached, '处罚', `${MINUS}200 元`, '分管经理(主管经理)', '主要领导'],
    ]);
    expect(proposed[0]![5]).toContain('超过时限');
    expect(JSON.stringify(proposed)).not.toContain(onTime);
    // Nothing recorded yet: the empty ledger says what to do.
    await expect.poll(() => page.getByTestId('ledger-table').textContent()).toContain('提交上方的系统建议');
    await screenshot(page, 'ledger-s6-1-proposed');

    // 2. The clerk records them. They wait for the main leader; the clerk cannot decide them.
    await page.getByTestId('ledger-submit-all').click();
    await page.getByTestId('ledger-suggestions-none').waitFor();
    expect(await page.getByTestId('ledger-suggestions-none').textContent()).toContain('超过时限');
    await expect.poll(() => rowsOf(page, 'ledger-table').count()).toBe(2);
    const recorded = await cellTexts(page, 'ledger-table');
    expect(recorded.map((r) => [r[1], r[2], r[4], r[5], r[6], r[7], r[8]])).toEqual([
      [breached, '处罚', `${MINUS}100 元`, '站长', '主要领导', '待审批', '待主要领导审批'],
      [breached, '处罚', `${MINUS}200 元`, '分管经理(主管经理)', '主要领导', '待审批', '待主要领导审批'],
    ]);
    expect(
      await page
        .getByTestId('ledger-table')
        .getByRole('button', { name: /批\s*准/ })
        .count(),
    ).toBe(0);
    expect(await page.getByTestId('ledger-totals').textContent()).toContain('已批准处罚 0 元');
    await closeNotifications(page);
    await screenshot(page, 'ledger-s6-2-recorded');

    // 3. The main leader signs in, approves the station manager's deduction …
    await ledgerAs(page, '刘总', '2468', 'ledger-table');
    const row100 = rowsOf(page, 'ledger-table').filter({ hasText: `${MINUS}100 元` });
    const row200 = rowsOf(page, 'ledger-table').filter({ hasText: `${MINUS}200 元` });
    await row100.getByRole('button', { name: /批\s*准/ }).click();
    await expect.poll(() => row100.textContent()).toContain('已批准');

    // … and rejects the manager in charge's: not without a reason, then with one.
    await row200.getByRole('button', { name: /驳\s*回/ }).click();
    const dialog = page.locator('.ant-modal:visible');
    await dialog.waitFor();
    await dialog.getByTestId('decide-ok').click();
    await expect.poll(() => dialog.getByTestId('decide-error').textContent()).toBe('请填写驳回理由。');
    expect(await row200.textContent()).toContain('待审批');
    await screenshot(page, 'ledger-s6-3-reject-needs-reason');
    await dialog.getByTestId('decide-note').fill('分管经理当日在外参加安全检查，已书面说明');
    await dialog.getByTestId('decide-ok').click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => row200.textContent()).toContain('已驳回');
    expect(await row200.textContent()).toContain('理由：分管经理当日在外参加安全检查，已书面说明');

    // The totals count the approved deduction only, charged to the station manager by name.
    const totals = page.getByTestId('ledger-totals');
    await expect.poll(() => totals.textContent()).toContain(`已批准处罚 ${MINUS}100 元`);
    expect(await totals.textContent()).toContain(`其中扣罚：站长 ${MINUS}100 元`);
    expect(await totals.textContent()).not.toContain('200');
    await closeNotifications(page);
    await screenshot(page, 'ledger-s6-4-decided');

    // 4. Excel: the ledger sheet with its Chinese headers and both rows, and the accountability sheet.
    const xlsxDownload = page.waitForEvent('download');
    await page.getByTestId('ledger-export-xlsx').click();
    const xlsx = await xlsxDownload;
    expect(xlsx.suggestedFilename()).toBe('奖惩台账.xlsx');
    const work = mkdtempSync(join(tmpdir(), 'jiesu-ledger-'));
    const xlsxPath = join(work, 'ledger.xlsx');
    await xlsx.saveAs(xlsxPath);
    const sheets = readXlsx(new Uint8Array(readFileSync(xlsxPath)));
    expect(Object.keys(sheets)).toEqual(['奖惩台账', '问责清单']);
    const ledgerSheet = sheets['奖惩台账']!;
    expect(ledgerSheet[0]).toEqual(['日期', '案件编号', '类别', '名称', '金额（元）', '对象', '状态', '审批角色', '说明', '审批意见']);
    expect(ledgerSheet.slice(1).map((r) => [r[1], r[2], r[4], r[5], r[6], r[7], r[9]])).toEqual([
      [breached, '处罚', -100, '站长', '已批准', '主要领导', undefined],
      [breached, '处罚', -200, '分管经理(主管经理)', '已驳回', '主要领导', '分管经理当日在外参加安全检查，已书面说明'],
    ]);
    expect(sheets['问责清单']![0]).toEqual(['案件编号', '环节', '情况', '时限', '完成时间', '超时（小时）', '责任部门']);
    expect(sheets['问责清单']!.slice(1).map((r) => [r[0], r[1], r[2]])).toEqual([
      [breached, gasStationPreset.stages.find((s) => s.id === 'investigation')!.name, '逾期未办'],
    ]);

    // CSV: UTF-8 with a BOM so Excel on a Chinese Windows reads the headers.
    const csvDownload = page.waitForEvent('download');
    await page.getByTestId('ledger-export-csv').click();
    const csvPath = join(work, 'ledger.csv');
    await (await csvDownload).saveAs(csvPath);
    const csv = readFileSync(csvPath, 'utf8');
    expect(csv.startsWith('\uFEFF日期,案件编号,类别,名称,金额（元）,对象,状态,审批角色,说明,审批意见\r\n')).toBe(true);
    expect(csv).toContain(`${breached}`);
    expect(csv).toContain(',-100,站长,已批准,主要领导,');

    // 5. S1-15: the accountability list names the overdue case and its stage, and links to the case.
    const acc = await cellTexts(page, 'accountability-table');
    expect(acc.map((r) => [r[0], r[1], r[2], r[5]])).toEqual([
      [breached, gasStationPreset.stages.find((s) => s.id === 'investigation')!.name, '逾期未办', '加油加气站'],
    ]);
    expect(acc[0]![4]).toMatch(/^\d+(\.\d)? 小时$/);
    await page.getByTestId('accountability-table').scrollIntoViewIfNeeded();
    await screenshot(page, 'ledger-s6-5-accountability');
    await page.getByTestId('accountability-table').getByRole('link', { name: breached }).click();
    await page.waitForURL(/#\/case\//);
    await expect.poll(() => page.getByTestId('case-number').textContent()).toContain(breached);
    // The case's own record says what was proposed and how each was decided.
    const timeline = (await page.getByTestId('timeline').textContent()) ?? '';
    expect(timeline).toContain(`站长 ${MINUS}100 元`);
    expect(timeline).toContain('批准（主要领导）');
    expect(timeline).toContain('驳回（主要领导）：分管经理当日在外参加安全检查，已书面说明');
    await closeNotifications(page);
    await screenshot(page, 'ledger-s6-6-case');
  }, 300_000);

  it('S3-6 a product complaint unanswered after 2 hours charges 50 yuan to the responsible department head, approved by HR', async () => {
    const { profile, seed } = await seedLedger(desk, 's3');
    expect(seed.problems).toEqual([]);
    const unanswered = seed.cases.unanswered!;
    expect(retailQualityPreset.penalties.find((p) => p.id === 'late_reply_fine')!.amount).toBe(50);

    const page = await desk.newPage(profile);
    await ledgerAs(page, '陈跟单', '1357', 'ledger-suggestions');
    // Only the reply stage carries the fine; the late acceptance and posting are listed for accountability.
    expect((await cellTexts(page, 'ledger-suggestions')).map((r) => r.slice(0, 5))).toEqual([
      [unanswered, '处罚', `${MINUS}50 元`, '责任部门负责人', '人力资源部'],
    ]);
    expect((await cellTexts(page, 'accountability-table')).map((r) => r[1])).toContain(retailQualityPreset.stages.find((s) => s.id === 'product_reply')!.name);
    await screenshot(page, 'ledger-s3-1-proposed');
    await page.getByTestId('ledger-submit-all').click();
    await page.getByTestId('ledger-suggestions-none').waitFor();

    await ledgerAs(page, '黄人事', '2468', 'ledger-table');
    const row = rowsOf(page, 'ledger-table').first();
    await row.getByRole('button', { name: /批\s*准/ }).click();
    await expect.poll(() => row.textContent()).toContain('已批准');
    await expect.poll(() => page.getByTestId('ledger-totals').textContent()).toContain(`其中扣罚：责任部门负责人 ${MINUS}50 元`);
    await closeNotifications(page);
    await screenshot(page, 'ledger-s3-2-approved');
  }, 300_000);

  it('S1-14 a verified 较大 hazard report proposes a reward within its danger level’s range; the main leader approves it at an amount in that range', async () => {
    const { profile, seed } = await seedLedger(desk, 's1');
    expect(seed.problems).toEqual([]);
    const verified = seed.cases.verified!;
    const level = fireBrigadePreset.rewards[0]!.levels.find((l) => l.level === 'serious')!;

    const page = await desk.newPage(profile);
    await ledgerAs(page, '周值班员', '1357', 'ledger-suggestions');
    const proposed = await cellTexts(page, 'ledger-suggestions');
    expect(proposed).toHaveLength(1);
    const [caseNo, kind, amountText, party, approver] = proposed[0]!;
    expect([caseNo, kind, party, approver]).toEqual([verified, '奖励', '较大火灾隐患', '主要领导']);
    const amount = Number(/^\+(\d+) 元/.exec(amountText ?? '')?.[1]);
    // S1-14: 300–1000 yuan overall, and within the 较大 level's own range.
    expect(amount).toBeGreaterThanOrEqual(Math.max(300, level.min));
    expect(amount).toBeLessThanOrEqual(Math.min(1000, level.max));
    expect(amountText).toContain(`范围 ${level.min}–${level.max} 元`);
    await screenshot(page, 'ledger-s1-1-proposed');
    await rowsOf(page, 'ledger-suggestions').first().getByRole('button', { name: '提交建议' }).click();
    await page.getByTestId('ledger-suggestions-none').waitFor();
    await expect.poll(() => rowsOf(page, 'ledger-table').count()).toBe(1);

    await ledgerAs(page, '李大队长', '2468', 'ledger-table');
    const row = rowsOf(page, 'ledger-table').first();
    await row.getByRole('button', { name: /批\s*准/ }).click();
    const dialog = page.locator('.ant-modal:visible');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(`较大火灾隐患：${level.min}–${level.max} 元`);
    // The cursor starts in the amount (issue 11): the leader selects the proposed figure and types hers.
    const approvedAmount = Math.round((level.min + level.max) / 2);
    await expect.poll(() => cursorAt(page)).toBe('decide-amount');
    await page.keyboard.press('Control+A');
    await page.keyboard.type(String(approvedAmount));
    await screenshot(page, 'ledger-s1-2-approve');
    await dialog.getByTestId('decide-ok').click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => row.textContent()).toContain('已批准');
    expect(await row.textContent()).toContain(`+${approvedAmount} 元`);
    await expect.poll(() => page.getByTestId('ledger-totals').textContent()).toContain(`已批准奖励 +${approvedAmount} 元`);
    await closeNotifications(page);
    await screenshot(page, 'ledger-s1-3-approved');
  }, 300_000);
});
