import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DESK_CONTEXT, fixClock, openPage, SCREENSHOT_DIR } from '../helpers/browser';
import { dialogOpened, drawName, firstRun, pickOption, signIn, sunnyGardenDesk } from './desk-steps';
import { registerPropertyComplaint, startRealDesk, type RealDesk } from './real-shell';

// 签名 as a person does it: open the dialog from the case page, draw with the mouse on the pad, save,
// see the signature on the timeline, print the registration form (the browser shell downloads the PDF)
// and find the drawn strokes and the signer's name on paper. Once with antd's dialog animations on (the
// pad must attach to a canvas that is still zooming in) and once with reduced motion.

let desk: RealDesk;
const work = mkdtempSync(join(tmpdir(), 'jiesu-sign-'));
const NOW = Date.parse('2026-11-27T10:00:00+08:00');

beforeAll(async () => {
  desk = await startRealDesk();
}, 180_000);
afterAll(() => desk?.close());

/** Share of dark pixels in the canvas: the drawn ink. */
function canvasInk(page: Page): Promise<number> {
  return page.getByTestId('signature-pad').evaluate((canvas: HTMLCanvasElement) => {
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    let dark = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i]! < 100 && data[i + 1]! < 100 && data[i + 2]! < 100) dark++;
    return dark / (canvas.width * canvas.height);
  });
}

interface PpmImage {
  width: number;
  height: number;
  dark: number;
}

/** Every RGB picture of the PDF (not soft masks) with its count of dark pixels; pdfimages writes binary PPMs. */
function pdfRgbImages(file: string): PpmImage[] {
  const dir = mkdtempSync(join(work, 'img-'));
  execFileSync('pdfimages', [file, join(dir, 'i')]);
  // `pdfimages -list` rows (after two header lines) are numbered like the files: i-000, i-001 …
  const kinds = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' })
    .split('\n')
    .slice(2)
    .filter((l) => l.trim())
    .map((l) => l.trim().split(/\s+/));
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ppm') && kinds[Number(/i-(\d+)/.exec(f)![1])]?.[2] === 'image')
    .map((f) => {
      const ppm = readFileSync(join(dir, f));
      const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 40).toString('latin1'))!;
      const px = ppm.subarray(header[0].length);
      let dark = 0;
      for (let i = 0; i < px.length; i += 3) if (px[i]! < 100 && px[i + 1]! < 100 && px[i + 2]! < 100) dark++;
      return { width: Number(header[1]), height: Number(header[2]), dark };
    });
}

for (const motion of ['animations on', 'reduced motion'] as const) {
  describe(`signing in Chromium (${motion})`, () => {
    it(
      'X-2 S1-2 draw a signature with the mouse, save, see it on the timeline, print the form and find the strokes and the name in the PDF',
      { timeout: 240_000 },
      async () => {
        const context = await desk.browser.newContext({
          ...DESK_CONTEXT,
          reducedMotion: motion === 'reduced motion' ? 'reduce' : 'no-preference',
          acceptDownloads: true,
        });
        await fixClock(context, NOW);
        const page = await openPage(context, `${desk.host.shell.url}/?desk=sign_${motion.replace(' ', '_')}_${Date.now()}`);
        await firstRun(page, sunnyGardenDesk({ name: '王前台', roles: ['业服助理'], department: '业主服务中心', pin: '1357' }));
        await signIn(page, '王前台', '1357');
        const number = await registerPropertyComplaint(page, '张秀兰', '楼上卫生间漏水三天无人处理');

        await page.getByTestId('sign').click();
        const dialog = await dialogOpened(page);

        // 保存 with nothing filled in says what is missing instead of doing nothing.
        await dialog.getByTestId('sign-save').click();
        await dialog.getByText('请选择签名身份。').waitFor();
        await dialog.getByText('请填写签名人姓名。').waitFor();

        // The registration form's complainant box; picking the role offers the complainant's name.
        await pickOption(page, 'sign-role', '投诉人');
        expect(await dialog.getByTestId('sign-name').inputValue()).toBe('张秀兰');

        // An empty pad is refused with a sentence, and nothing is written.
        await dialog.getByTestId('sign-save').click();
        expect(await dialog.getByTestId('sign-error').textContent()).toContain('请先在框内签名。');

        // The pad's pixels follow its size on screen (× devicePixelRatio), so strokes land under the pointer.
        const size = await page
          .getByTestId('signature-pad')
          .evaluate((c: HTMLCanvasElement) => ({ width: c.width, height: c.height, cssWidth: c.offsetWidth, ratio: window.devicePixelRatio }));
        expect(size.width).toBe(Math.round(size.cssWidth * size.ratio));
        expect(await canvasInk(page)).toBe(0);
        await drawName(page);
        const ink = await canvasInk(page);
        expect(ink).toBeGreaterThan(0.005);
        // The first stroke starts at 10 % from the left: ink under the pointer, none in the untouched top-left corner.
        const corner = await page.getByTestId('signature-pad').evaluate((c: HTMLCanvasElement) => {
          const { data } = c.getContext('2d')!.getImageData(0, 0, Math.round(c.width * 0.08), Math.round(c.height * 0.15));
          return data.filter((v, i) => i % 4 === 0 && v < 100).length;
        });
        expect(corner).toBe(0);
        await page.screenshot({ path: join(SCREENSHOT_DIR, `signature-drawn-${motion.replace(' ', '-')}.png`) });

        // 重写 clears the pad; drawing again and saving closes the dialog.
        await dialog.getByTestId('sign-clear').click();
        expect(await canvasInk(page)).toBe(0);
        await drawName(page);
        await dialog.getByTestId('sign-save').click();
        await dialog.waitFor({ state: 'detached', timeout: 15_000 });
        await page.getByText('签名已保存').waitFor();
        await expect.poll(() => page.getByTestId('timeline').textContent()).toContain('张秀兰（投诉人（来访人）本人）· 登记表');

        // Print the registration form: the preview, then 打印 (the browser shell downloads the PDF).
        await page.getByTestId('print-menu').click();
        await page.locator('.ant-dropdown:visible').getByText('登记表').click();
        const preview = await dialogOpened(page);
        await preview.getByTestId('pdf-page-count').waitFor({ timeout: 60_000 });
        const download = page.waitForEvent('download');
        await preview.getByRole('button', { name: /打\s*印/ }).click();
        const file = join(work, `registration-${motion.replace(' ', '-')}.pdf`);
        await (await download).saveAs(file);

        // The signer's name and the signing time are printed in the complainant's box …
        const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
        expect(text).toContain(number);
        expect(text).toContain('投诉人签名');
        const boxes = text.slice(text.indexOf('投诉人签名'));
        expect(boxes).toContain('张秀兰');
        expect(boxes).toMatch(/2026-11-2710:\d\d/);
        // … above the drawn picture: an image of the pad's pixel size carrying the strokes.
        const images = pdfRgbImages(file).filter((i) => i.width === size.width && i.height === size.height);
        expect(images).toHaveLength(1);
        expect(images[0]!.dark / (size.width * size.height)).toBeGreaterThan(0.005);
        execFileSync('pdftoppm', ['-r', '60', '-png', '-f', '1', '-l', '1', file, join(SCREENSHOT_DIR, `signature-printed-${motion.replace(' ', '-')}`)]);
        await context.close();
      },
    );
  });
}
