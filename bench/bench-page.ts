import type { Page } from 'playwright-core';
import { builtAsset } from '../test/helpers/browser';

// A bench-only entry of the production build (buildRenderer's extra inputs) loaded into `page`: the page
// opens at the entry's own address (same origin as the desk, so it sees the desk's IndexedDB; it does not
// boot the desk) and runs it as a module. The caller waits for the global the entry sets.

export async function loadBenchEntry(page: Page, origin: string, rendererDir: string, entry: string): Promise<void> {
  const url = `${origin}${builtAsset(rendererDir, entry)}`;
  await page.goto(url);
  await page.addScriptTag({ type: 'module', url });
}
