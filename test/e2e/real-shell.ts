import type { Browser, Page } from 'playwright-core';
import { DESK_CONTEXT, launchChromium, openPage } from '../helpers/browser';

// The desk in Chromium against the browser shell's REAL bridge (no host double injected): what a clerk
// gets from `npm run start:web`. Shared by the printing and join-server scenarios.

export const launchRealDesk = launchChromium;

export async function openDeskPage(browser: Browser, url: string): Promise<Page> {
  return openPage(await browser.newContext({ ...DESK_CONTEXT, acceptDownloads: true }), url);
}

export { registerPropertyComplaint } from './desk-steps';
