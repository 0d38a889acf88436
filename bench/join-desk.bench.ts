import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { percentile, report } from './lib';
import { startDemo } from '../scripts/start';
import { issueEnrolmentCode } from '../src-server/orgs';
import { buildRenderer, launchChromium, openPage, DESK_CONTEXT } from '../test/helpers/browser';
import { seedHistory } from '../test/helpers/history-seed';
import { enrol, pullPage } from '../test/server/client';

// Issue 14 item 5: a new desk joins an organisation with a history, in Chromium, through the join screen
// as a person does it (server address, one-time code, 加入服务器), against the embedded server.
// - usable: from the click to the sign-in screen (the join returns once the pull has caught up);
// - all synced: from the click until every case of the history is on the desk (its `cases` store).
// Baseline in the same run: the server's HTTP pull of the same events alone (a Node client, 500 per page,
// as the desk pulls), nothing stored. Default size: 20,200 cases of 5 events, 1,000 of them open (no closing):
// 100,000 events. Targets (100k events): usable ≤ 5 s, all synced ≤ 30 s.

const CASES = Number(process.env.JOIN_DESK_CASES ?? 20_200);
const PER_CASE = 5;
const OPEN = Number(process.env.JOIN_DESK_OPEN ?? 1_000);
const ROUNDS = Number(process.env.JOIN_DESK_ROUNDS ?? 1);

const dataRoot = mkdtempSync(join(tmpdir(), 'jiesu-join-bench-'));
const demo = await startDemo({ web: true, dataRoot, presetId: 's7-property', serverPort: 0, shellPort: 0, rendererDir: await buildRenderer(), print: () => undefined });
const browser = await launchChromium();
try {
  let t0 = performance.now();
  const seeded = await seedHistory(demo.server, demo.orgId, { cases: CASES, perCase: PER_CASE, open: OPEN, prefix: 'BJ01-20250101' });
  const seedMs = performance.now() - t0;
  const usable: number[] = [];
  const synced: number[] = [];
  const pulls: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    // Baseline: the same events over HTTP, page by page, by a freshly enrolled client.
    const { code } = await issueEnrolmentCode(demo.server.db, { orgId: demo.orgId, scope: 'org' });
    const client = await enrol(demo.server.url, code, `基准台${round}`);
    t0 = performance.now();
    let got = 0;
    for (let seq = 0; ; ) {
      const page = await pullPage(demo.server.url, client.token, 'events', seq, 500);
      got += page.documents.length;
      seq = page.checkpoint.seq;
      if (page.documents.length < 500) break;
    }
    pulls.push(performance.now() - t0);
    if (got !== seeded.events) throw new Error(`baseline pulled ${got} of ${seeded.events}`);

    const { code: joinCode } = await issueEnrolmentCode(demo.server.db, { orgId: demo.orgId, scope: 'org' });
    const profile = `benchjoin_${Date.now()}`;
    const context = await browser.newContext({ ...DESK_CONTEXT });
    const page = await openPage(context, `${demo.web!.shell.url}/?desk=${profile}`);
    await page.getByTestId('first-run-form').waitFor({ timeout: 120_000 });
    await page.getByRole('tab', { name: '加入服务器' }).click();
    const form = page.getByTestId('join-server-form');
    await form.getByLabel('服务器地址').fill(demo.server.url);
    await form.getByLabel('加入码').fill(joinCode);
    t0 = performance.now();
    await form.getByRole('button', { name: '加入服务器' }).click();
    await page.getByTestId('signin-pin').waitFor({ timeout: 30 * 60_000 });
    usable.push(performance.now() - t0);
    // Every case on the desk: the count of its `cases` collection (RxDB's Dexie storage, one IndexedDB
    // database per collection), read from the page every 200 ms.
    for (;;) {
      const n = await page.evaluate(async (p) => {
        const name = (await indexedDB.databases()).map((d) => d.name ?? '').find((d) => d.includes(`jiesu_${p}`) && d.endsWith('--cases'));
        if (!name) return 0;
        return new Promise<number>((resolve, reject) => {
          const open = indexedDB.open(name);
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            const tx = db.transaction('docs', 'readonly');
            const c = tx.objectStore('docs').count();
            c.onsuccess = () => (db.close(), resolve(c.result));
          };
        });
      }, profile);
      if (n >= CASES) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    synced.push(performance.now() - t0);
    await context.close();
  }
  const med = (xs: number[]) => percentile(xs, 50);
  const size = { cases: CASES, events: seeded.events, open: OPEN, rounds: ROUNDS, seedMs: Math.round(seedMs) };
  report({ bench: 'join.desk-usable', figure: Math.round(med(usable)), unit: 'ms', baseline: Math.round(med(pulls)), baselineLabel: `HTTP pull of the same ${seeded.events} events alone (500 a page, nothing stored)`, ratio: med(pulls) / med(usable), target: '≤ 5 s at 100k events', ...(seeded.events >= 100_000 ? { meetsTarget: med(usable) <= 5000 } : {}), extra: size });
  report({ bench: 'join.desk-all-synced', figure: Math.round(med(synced)), unit: 'ms', baseline: Math.round(med(pulls)), baselineLabel: `HTTP pull of the same ${seeded.events} events alone (500 a page, nothing stored)`, ratio: med(pulls) / med(synced), target: '≤ 30 s at 100k events', ...(seeded.events >= 100_000 ? { meetsTarget: med(synced) <= 30_000 } : {}), extra: size });
} finally {
  await browser.close();
  await demo.stop();
}
