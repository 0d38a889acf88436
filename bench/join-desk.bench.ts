import { mkdtempSync, rmSync } from 'node:fs';
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
// 100,000 events. Targets (100k events): usable ≤ 5 s, all synced ≤ 30 s; 2M events (JOIN_DESK_CASES=400000, outside
// CI): usable ≤ 10 s. JOIN_DESK_WAIT_SYNCED=0 stops each round once the desk is usable (all synced not measured).
// JOIN_DESK_DATA_ROOT=<folder> keeps the server's data there and, when it already holds the history, joins it
// without seeding again (2M events take a quarter of an hour to seed); without it a temporary folder is removed.

const CASES = Number(process.env.JOIN_DESK_CASES ?? 20_200);
const PER_CASE = 5;
const OPEN = Number(process.env.JOIN_DESK_OPEN ?? 1_000);
const ROUNDS = Number(process.env.JOIN_DESK_ROUNDS ?? 1);
const WAIT_SYNCED = process.env.JOIN_DESK_WAIT_SYNCED !== '0';
/** `JOIN_DESK_IDB=1`: also print where the page's IndexedDB calls went (calls and their own time, per store). */
const IDB_SPLIT = process.env.JOIN_DESK_IDB === '1';

/**
 * Counts and times the page's synchronous IndexedDB calls per database (an RxDB collection is one database):
 * the time is the call's own, mostly the structured clone of what is written or read back. It found that
 * the replication's record of pulled events cost as much as the events themselves (docs/performance.md).
 */
function countIndexedDbCalls(): void {
  const split: Record<string, { calls: number; ms: number }> = {};
  (globalThis as { __idbSplit?: typeof split }).__idbSplit = split;
  for (const method of ['put', 'get', 'getAll', 'add', 'delete'] as const) {
    const original = IDBObjectStore.prototype[method] as (...args: unknown[]) => IDBRequest;
    (IDBObjectStore.prototype as unknown as Record<string, unknown>)[method] = function (this: IDBObjectStore, ...args: unknown[]) {
      const started = performance.now();
      try {
        return original.apply(this, args);
      } finally {
        const key = `${method} ${this.transaction.db.name.split('--').pop()}`;
        const entry = (split[key] ??= { calls: 0, ms: 0 });
        entry.calls++;
        entry.ms += performance.now() - started;
      }
    };
  }
}

const keptRoot = process.env.JOIN_DESK_DATA_ROOT;
const dataRoot = keptRoot ?? mkdtempSync(join(tmpdir(), 'jiesu-join-bench-'));
const demo = await startDemo({
  web: true,
  dataRoot,
  presetId: 's7-property',
  serverPort: 0,
  shellPort: 0,
  rendererDir: await buildRenderer(),
  print: () => undefined,
});
const browser = await launchChromium();
try {
  let t0 = performance.now();
  // An hour between registrations, or closer where that would reach back more than five years (the issue's
  // "five years, a hundred desks"): at 400,000 cases about 6.6 minutes, so a month holds about 6,700 cases.
  const spacingMs = Math.min(3_600_000, Math.floor((5 * 365 * 86_400_000) / CASES));
  const held = Number((await demo.server.db.query<{ n: string }>('select count(*) as n from events where org_id = $1', [demo.orgId]))[0]!.n);
  const seeded = held
    ? { events: held }
    : await seedHistory(demo.server, demo.orgId, { cases: CASES, perCase: PER_CASE, open: OPEN, prefix: 'BJ01-20250101', spacingMs });
  const seedMs = performance.now() - t0;
  const usable: number[] = [];
  const synced: number[] = [];
  const pulls: number[] = [];
  const stored: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    // Baseline: the same events over HTTP, page by page, by a freshly enrolled client.
    const { code } = await issueEnrolmentCode(demo.server.db, { orgId: demo.orgId, scope: 'org' });
    const client = await enrol(demo.server.url, code, `基准台${round}`);
    t0 = performance.now();
    let got = 0;
    for (let seq = 0; ;) {
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
    if (IDB_SPLIT) await context.addInitScript(countIndexedDbCalls);
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
    // database per collection), read from the page every 200 ms; beside it, when every event was stored.
    let eventsStored = 0;
    for (; WAIT_SYNCED;) {
      const count = (collection: string) =>
        page.evaluate(
          async ([p, suffix]) => {
            const name = (await indexedDB.databases()).map((d) => d.name ?? '').find((d) => d.includes(`jiesu_${p}`) && d.endsWith(suffix));
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
          },
          [profile, `--${collection}`] as const,
        );
      if (!eventsStored && (await count('events')) >= seeded.events) eventsStored = performance.now() - t0;
      if ((await count('cases')) >= CASES) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    if (WAIT_SYNCED) {
      synced.push(performance.now() - t0);
      stored.push(eventsStored || synced.at(-1)!);
    }
    if (IDB_SPLIT)
      process.stderr.write(
        `IndexedDB calls, round ${round}: ${JSON.stringify(await page.evaluate(() => (globalThis as { __idbSplit?: unknown }).__idbSplit))}\n`,
      );
    await context.close();
  }
  const med = (xs: number[]) => percentile(xs, 50);
  const size = {
    cases: CASES,
    events: seeded.events,
    open: OPEN,
    rounds: ROUNDS,
    seedMs: Math.round(seedMs),
    ...(WAIT_SYNCED ? { eventsStoredMs: Math.round(med(stored)) } : {}),
  };
  // 400,000 cases of 5 events less the open ones' closings: 1,999,000, the issue's "2M".
  const big = seeded.events >= 1_000_000;
  const against = (bench: string, figure: number, target: string, meets: boolean | undefined) =>
    report({
      bench,
      figure: Math.round(figure),
      unit: 'ms',
      baseline: Math.round(med(pulls)),
      baselineLabel: `HTTP pull of the same ${seeded.events} events alone (500 a page, nothing stored)`,
      ratio: med(pulls) / figure,
      target,
      ...(meets === undefined ? {} : { meetsTarget: meets }),
      extra: size,
    });
  const measured = seeded.events >= 100_000;
  against('join.desk-usable', med(usable), big ? '≤ 10 s at 2M events' : '≤ 5 s at 100k events', measured ? med(usable) <= (big ? 10_000 : 5000) : undefined);
  if (WAIT_SYNCED) against('join.desk-all-synced', med(synced), '≤ 30 s at 100k events', measured && !big ? med(synced) <= 30_000 : undefined);
} finally {
  await browser.close();
  await demo.stop();
  // The server's data folder: 2M events take gigabytes.
  if (!keptRoot) rmSync(dataRoot, { recursive: true, force: true });
}
