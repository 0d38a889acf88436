import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startDemo, type RunningDemo } from '../../scripts/start';
import type { WebHost } from '../../src-main/web-host';
import { buildRenderer, DESK_CONTEXT, fixClock, launchChromium, openPage, startShell } from '../helpers/browser';

// The desk in Chromium against the browser shell's REAL bridge (no host double injected): what a clerk
// gets from `npm run start:web`. Shared by the printing and join-server scenarios.

export const launchRealDesk = launchChromium;

export interface RealDesk {
  host: WebHost;
  browser: Browser;
  close(): Promise<void>;
}

/**
 * One browser shell serving the production build (or `rendererDir`, a build with seed pages), and Chromium to
 * open desks on it (`chromiumArgs`: e.g. a fake camera). Started in a file's beforeAll, closed in its afterAll.
 */
export async function startRealDesk(o: { rendererDir?: string; chromiumArgs?: readonly string[] } = {}): Promise<RealDesk> {
  const host = await startShell(o.rendererDir ?? (await buildRenderer()));
  const browser = await launchRealDesk(o.chromiumArgs);
  return {
    host,
    browser,
    async close() {
      await browser.close();
      await host.shell.close();
    },
  };
}

/**
 * `clock: 'fixed'` (default) starts the page at TEST_NOW. A desk joined to a server running in this
 * process keeps the real clock instead: the server stamps and checks times with the machine's clock, and
 * the two must agree (that test asserts nothing that depends on the date); `{ at }` starts the page at a
 * chosen instant, e.g. a desk whose clock runs ahead of the server's. `animations`: antd's motion on,
 * as a person sees it; `viewport`: another screen than DESK_CONTEXT's (e.g. a 1366×768 laptop).
 */
export async function openDeskPage(
  browser: Browser,
  url: string,
  clock: 'fixed' | 'real' | { at: number } = 'fixed',
  o: { animations?: boolean; viewport?: { width: number; height: number } } = {},
): Promise<Page> {
  const context = await browser.newContext({
    ...DESK_CONTEXT,
    acceptDownloads: true,
    ...(o.animations ? { reducedMotion: 'no-preference' as const } : {}),
    ...(o.viewport ? { viewport: o.viewport } : {}),
  });
  if (clock === 'fixed') await fixClock(context);
  else if (clock !== 'real') await fixClock(context, clock.at);
  return openPage(context, url);
}

export { registerPropertyComplaint } from './desk-steps';

/**
 * `npm run start:web` on the property demo in a fresh temporary folder, and a Chromium to meet it.
 * `extraInputs`: seed pages built along with the desk (served at builtAsset(rendererDir, name)).
 */
export async function startPropertyDemo(
  folderPrefix: string,
  extraInputs: Record<string, string> = {},
): Promise<{ demo: RunningDemo; browser: Browser; dataRoot: string; rendererDir: string }> {
  const dataRoot = mkdtempSync(join(tmpdir(), folderPrefix));
  const rendererDir = await buildRenderer(extraInputs);
  const demo = await startDemo({ web: true, dataRoot, presetId: 's7-property', serverPort: 0, shellPort: 0, rendererDir, print: () => undefined });
  return { demo, browser: await launchRealDesk(), dataRoot, rendererDir };
}
