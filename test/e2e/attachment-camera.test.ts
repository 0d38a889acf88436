import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESK_CONTEXT, fixClock, openPage } from '../helpers/browser';
import { dialogOpened, firstRun, screenshot, signIn, sunnyGardenDesk } from './desk-steps';
import { registerPropertyComplaint, startRealDesk, type RealDesk } from './real-shell';

// Issue 13: 拍照 — a photo of the problem from the desk's camera (a webcam, a document camera) attached to
// the case as a clerk does it: the button, the live picture, 拍摄, then the same 添加附件 dialog as a chosen
// file. Chromium's fake camera stands in for the device (a moving test pattern at the 1920×1080 the dialog asks for). With no camera the
// dialog says what to do instead. Animations on, fixed clock, 1366×768.

let desk: RealDesk;
const NOW = Date.parse('2026-11-27T10:00:00+08:00');
beforeAll(async () => {
  desk = await startRealDesk({ chromiumArgs: ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'] });
}, 180_000);
afterAll(() => desk?.close());

describe('拍照 in Chromium (animations on)', () => {
  it('a photo taken with the camera is attached to the case; without a camera the dialog says what to do', { timeout: 240_000 }, async () => {
    const context = await desk.browser.newContext({
      ...DESK_CONTEXT,
      viewport: { width: 1366, height: 768 },
      reducedMotion: 'no-preference',
      permissions: ['camera'],
    });
    await fixClock(context, NOW);
    const profile = `camera_${Date.now()}`;
    const page = await openPage(context, `${desk.host.shell.url}/?desk=${profile}`);
    await firstRun(page, sunnyGardenDesk({ name: '王前台', roles: ['业服助理'], department: '业主服务中心', pin: '1357' }));
    await signIn(page, '王前台', '1357');
    await registerPropertyComplaint(page, '张秀兰', '楼道墙面开裂');

    await page.getByTestId('attach-camera').click();
    const camera = await dialogOpened(page);
    // The live picture plays before 拍摄 can be pressed.
    await expect
      .poll(() => camera.getByTestId('camera-video').evaluate((v: HTMLVideoElement) => [v.videoWidth, v.readyState]), { timeout: 20_000 })
      .toEqual([1920, 4]);
    await screenshot(page, 'attachment-camera');
    await camera.getByTestId('camera-shoot').click();
    // The picture goes on to 添加附件, the dialog a chosen file opens.
    await page.getByTestId('camera-video').waitFor({ state: 'detached', timeout: 15_000 });
    await page.getByTestId('attach-name').waitFor();
    const attach = await dialogOpened(page);
    expect(await attach.getByTestId('attach-name').textContent()).toMatch(/^拍照-\d{12}\.jpg$/);
    await attach.getByTestId('attach-caption').fill('楼道东侧墙面裂缝');
    await attach.getByTestId('attach-save').click();
    await attach.waitFor({ state: 'detached', timeout: 15_000 });
    const photo = page.getByTestId('attachment').filter({ hasText: '楼道东侧墙面裂缝' });
    await expect
      .poll(
        () =>
          photo
            .getByTestId('attachment-thumb')
            .locator('img')
            .evaluate((i: HTMLImageElement) => [i.naturalWidth, i.naturalHeight]),
        { timeout: 20_000 },
      )
      .toEqual([320, 180]);
    await screenshot(page, 'attachment-camera-saved');
    // The card shows a small copy; the photo itself is kept as the camera took it.
    await photo.getByTestId('attachment-thumb').click();
    const viewer = await dialogOpened(page);
    await expect.poll(() => viewer.getByTestId('viewer-image').evaluate((i: HTMLImageElement) => [i.naturalWidth, i.naturalHeight])).toEqual([1920, 1080]);
    await viewer.locator('.ant-modal-close').click();
    await viewer.waitFor({ state: 'detached' });
    // No camera on this computer: the dialog says so and what to do instead; nothing is attached.
    await page.evaluate(() => {
      navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('no camera', 'NotFoundError'));
    });
    await page.getByTestId('attach-camera').click();
    const none = await dialogOpened(page);
    await none.getByText('这台电脑没有可用的摄像头。可以用手机拍照后，点「添加附件」选择照片。').waitFor();
    expect(await none.getByTestId('camera-shoot').isDisabled()).toBe(true);
    await none.locator('.ant-modal-close').click();
    await none.waitFor({ state: 'detached' });
    expect(await page.getByTestId('attachment').count()).toBe(1);
    await context.close();
  });
});
