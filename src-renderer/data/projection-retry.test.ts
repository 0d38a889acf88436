import { afterEach, describe, expect, it } from 'vitest';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { z } from 'zod';
import { propertyPreset } from '../../src-shared/presets/s7-property';
import type { Policy } from '../../src-shared/domain/policy';
import { makeEvent, makeRegistration } from '../../src-shared/domain/projection.fixtures';
import { waitingSummary } from '../components/waiting-summary';
import { createDeskDatabase, type DeskDatabase } from './database';
import { startProjector, type Projector } from './projection-runner';
import { readWaiting } from './projection-waiting';

// Issue 15, "no silent failure": a case whose fold throws is not dropped. The real projector
// (projection-runner.ts) logs the error, lists the case as waiting with the error — which the status bar
// turns into "N 件案件待整理" (components/waiting-summary.ts) — and retries it with back-off, without any
// further event. The clock is the test's: a retry is due only when the test moves it on.

z.config({ jitless: true });

const storage = () => getRxStorageDexie({ indexedDB, IDBKeyRange });
const NOW = Date.UTC(2026, 10, 20, 2, 0, 0);
const RETRY_MS = 40;
const policy = { ...propertyPreset, revision: 1 } as Policy;
let db: DeskDatabase | undefined;
let projector: Projector | undefined;
afterEach(async () => {
  await projector?.stop();
  await db?.remove();
  projector = db = undefined;
});

const caseId = 'YG01-20261120-001';
const events = [
  makeRegistration(NOW - 60_000, { number: caseId, subject: '楼上卫生间漏水' }, { caseId, policyRevision: 1 }),
  makeEvent('case.accepted', {}, NOW - 30_000, { caseId, policyRevision: 1 }),
];

describe('a projection that throws is retried (issue 15)', () => {
  it('X-2, X-3: the case waits with its error, the status says "1 件案件待整理", and the retry after the back-off files it without a further event', async () => {
    db = await createDeskDatabase(`test_retry_${Date.now()}`, storage());
    let t = NOW;
    let clockReads = 0;
    const now = () => (clockReads++, t);
    // The policy lookup fails twice (as when the desk's configuration cannot be read), then answers.
    let failures = 2;
    const policyFor = (rev: number) => {
      if (failures > 0) {
        failures--;
        throw new Error('制度版本读取失败');
      }
      return rev === 1 ? policy : undefined;
    };
    const logged: string[] = [];
    projector = await startProjector(db, policyFor, now, {
      waitForLeadership: false,
      retryMs: RETRY_MS,
      maxRetryMs: 10 * RETRY_MS,
      log: (m) => void logged.push(m),
    });

    // Past start-up (its reconciliation pass retries every waiting case whatever its back-off).
    await projector.idle();
    await db.events.bulkInsert(events);
    await expect.poll(async () => (await readWaiting(db!))[caseId]?.attempts, { timeout: 10_000 }).toBe(1);
    expect(await readWaiting(db)).toEqual({ [caseId]: { reason: 'error', error: '制度版本读取失败', attempts: 1, retryAt: NOW + RETRY_MS, since: NOW } });
    expect(await db.cases.findOne(caseId).exec()).toBeNull();
    expect(logged).toContain(`folding case ${caseId} failed (attempt 1)`);
    expect(waitingSummary(await readWaiting(db), 'zh-CN')).toEqual({
      count: 1,
      label: '1 件案件待整理',
      hint: '这些案件的记录已到达本台，但还不能整理成案件：整理出错、正在自动重试 1 件。条件具备后会自动整理，无需操作。',
      failing: true,
    });
    expect(waitingSummary(await readWaiting(db), 'en')?.label).toBe('1 case(s) waiting to be filed');

    // The retry timer fires while the clock says the retry is not due yet: nothing is retried, and the
    // next retry must still be scheduled (it once was not, and the case waited for some other event).
    const reads = clockReads;
    await expect.poll(() => clockReads, { timeout: 10_000 }).toBeGreaterThan(reads);
    expect((await readWaiting(db))[caseId]?.attempts).toBe(1);

    // Due: the retry fails again, and the back-off doubles.
    t = NOW + RETRY_MS;
    await expect.poll(async () => (await readWaiting(db!))[caseId]?.attempts, { timeout: 10_000 }).toBe(2);
    expect((await readWaiting(db))[caseId]).toMatchObject({ reason: 'error', retryAt: t + 2 * RETRY_MS, since: NOW });
    expect(await db.cases.findOne(caseId).exec()).toBeNull();

    // Due again: this time the fold succeeds, the case is filed and nothing waits.
    t += 2 * RETRY_MS;
    await expect.poll(async () => (await db!.cases.findOne(caseId).exec())?.state.timeline.length, { timeout: 10_000 }).toBe(2);
    // The case is written before the waiting list is updated (projection-runner.ts): wait for both.
    await expect.poll(() => readWaiting(db!), { timeout: 10_000 }).toEqual({});
    expect(waitingSummary(await readWaiting(db), 'zh-CN')).toBeUndefined();
    expect((await db.cases.findOne(caseId).exec())!.state.status).toBe('accepted');
  });
});
