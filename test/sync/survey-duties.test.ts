import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../server/backends';
import { startTestServer, type TestServer } from '../server/setup';
import { createDemoOrg, type DemoOrg } from '../../src-server/demo';
import { issueEnrolmentCode } from '../../src-server/orgs';
import { enrol, pullAll, push } from '../server/client';
import { loadConfig, type DeskIdentity } from '../../src-renderer/data/config';
import { readSurvey, writeSurvey, legacySurveyKey } from '../../src-renderer/features/analysis/survey-store';
import { markDutyDone, readDutiesDone, LEGACY_DUTIES_KEY } from '../../src-renderer/features/analysis/duties-store';
import { dutyReminders, type DutyReminder } from '../../src-shared/analytics/duties';
import { surveySummary, type Survey } from '../../src-shared/analytics/survey';
import type { Policy } from '../../src-shared/domain/policy';
import type { ConfigDoc } from '../../src-shared/sync/contract';
import { eventually } from './network';
import { closeSimDesk, joinSimDesk, type SimDesk } from './sim-desk';

// The analysis desk's shared records: the S10-14 survey tallies of a site and year and the S8-10 (and other)
// period duties marked done replicate as config documents, so a supervisor at another desk sees the same
// survey and is not reminded of a duty a colleague already did.

const BJ = 8 * 60;
/** 1 December 2026, 10:00 in Beijing: the S8-10 figures of November are due by the 2nd. */
const DEC_1 = Date.UTC(2026, 11, 1, 2, 0, 0);

const tallies = (satisfied: number): Survey['tallies'] => [
  { item: '供电', respondents: 120, satisfied: 110, scoreSum: 540 },
  { item: '供水', respondents: 120, satisfied: 96 },
  { item: '消防治安', respondents: 118, satisfied: 101 },
  { item: '卫生', respondents: 120, satisfied },
];

const identityOf = (d: SimDesk): DeskIdentity => ({ orgId: d.orgId, siteId: d.siteId, deskId: d.deskId });

/** What the analysis screen reminds a desk of, with the marks that desk holds (AnalysisPage's window). */
async function remindersOn(d: SimDesk, policy: Policy): Promise<DutyReminder[]> {
  return dutyReminders(policy.duties ?? [], DEC_1, BJ, { aheadDays: 10, behindDays: 5, done: await readDutiesDone(d.db, identityOf(d)) });
}

/** Waits until a desk has uploaded everything (nothing pending) and pulled what the other desks wrote. */
/**
 * Every desk has pushed what it holds, then every desk has pulled after all those pushes: two rounds, since
 * in one round a desk may pull before another desk's push has reached the server.
 */
async function settle(...desks: SimDesk[]): Promise<void> {
  const round = async () => {
    for (const d of desks) d.replication.resync();
    for (const d of desks) await d.replication.awaitInSync();
  };
  await eventually(
    async () => {
      await round();
      await round();
      return desks.every((d) => d.replication.state.pending === 0 && d.replication.state.online);
    },
    20_000,
    'desks in sync',
  );
}

describe.each(BACKENDS)('S10-14 survey and S8-10 duty marks reach every desk (%s)', (backend) => {
  let t: TestServer;
  let org: DemoOrg;
  let a: SimDesk;
  let b: SimDesk;
  let policy: Policy;
  let clerk: string;

  beforeAll(async () => {
    t = await startTestServer(backend);
    org = await createDemoOrg(t.server.db, { presetId: 's8-office-intake', sites: ['天下城管理处', '东区管理处'] });
    a = await joinSimDesk(t.url, org.code, 'survey_a');
    b = await joinSimDesk(t.url, (await issueEnrolmentCode(t.server.db, { orgId: org.orgId, siteId: a.siteId, scope: 'site' })).code, 'survey_b');
    const config = await loadConfig(a.db);
    policy = config.policies[0]!;
    clerk = config.staff[0]!.id;
  });

  afterAll(async () => {
    for (const d of [a, b]) if (d) await closeSimDesk(d);
    await t?.stop();
  });

  it('S10-14 S8-10 desk A records the survey and marks the figures done offline; after sync desk B shows the same survey and is no longer reminded', async () => {
    expect(b.siteId).toBe(a.siteId);
    const before = await remindersOn(b, policy);
    expect(before.map((r) => `${r.dutyId}@${r.covers.key}`)).toEqual(expect.arrayContaining(['monthly_figures@2026-11', 'monthly_report@2026-11']));

    a.net.down();
    const saved = await writeSurvey(a.db, identityOf(a), 2026, { title: '2026 年度业主意见调查', tallies: tallies(84) }, clerk);
    expect(saved.ok).toBe(true);
    const figures = before.find((r) => r.dutyId === 'monthly_figures')!;
    expect((await markDutyDone(a.db, { ...identityOf(a), staffId: clerk }, figures, DEC_1)).ok).toBe(true);
    // Desk A no longer reminds of it at once, and both records wait in its upload count.
    expect((await remindersOn(a, policy)).some((r) => r.dutyId === 'monthly_figures')).toBe(false);
    await eventually(async () => a.replication.state.pending >= 2, 10_000, 'two records waiting to upload');
    expect(await readSurvey(b.db, identityOf(b), 2026)).toBeUndefined();

    a.net.restore();
    await settle(a, b);

    const onB = await readSurvey(b.db, identityOf(b), 2026);
    const onA = await readSurvey(a.db, identityOf(a), 2026);
    expect(onB).toEqual(onA);
    expect(onB).toMatchObject({ siteId: a.siteId, year: 2026, enteredBy: clerk });
    // The same figures on the analysis screen of both desks: 卫生 84/120 is the weakest item.
    const summary = surveySummary(onB!);
    expect(summary[0]).toMatchObject({ item: '卫生', respondents: 120, satisfiedRate: 0.7 });
    expect(summary).toEqual(surveySummary(onA!));

    const after = await remindersOn(b, policy);
    expect(after.some((r) => r.dutyId === 'monthly_figures')).toBe(false);
    // The report to the director by the 5th was not marked: still reminded.
    expect(after.some((r) => r.dutyId === 'monthly_report' && r.covers.key === '2026-11')).toBe(true);

    const token = b.token;
    const mark = (await pullAll<ConfigDoc>(t.url, token, 'config')).documents.find((d) => d.kind === 'duty');
    expect(mark).toMatchObject({
      id: 'duty:monthly_figures:2026-11',
      data: { dutyId: 'monthly_figures', period: '2026-11', deskId: a.deskId, staffId: clerk, markedAt: DEC_1 },
    });
  });

  it('S8-10 the same duty marked on two desks offline stays done, and a colleague marking it again changes nothing', async () => {
    const report = (await remindersOn(a, policy)).find((r) => r.dutyId === 'monthly_report')!;
    a.net.down();
    b.net.down();
    expect((await markDutyDone(a.db, identityOf(a), report, DEC_1 + 60_000)).ok).toBe(true);
    expect((await markDutyDone(b.db, identityOf(b), report, DEC_1 + 120_000)).ok).toBe(true);
    a.net.restore();
    b.net.restore();
    await settle(a, b);
    for (const d of [a, b]) expect((await remindersOn(d, policy)).some((r) => r.dutyId === 'monthly_report')).toBe(false);
    const marks = await Promise.all([a, b].map(async (d) => (await d.db.config.findOne('duty:monthly_report:2026-11').exec())!.toJSON().data));
    expect(marks[1]).toEqual(marks[0]);
    // Marking it again keeps the mark as it is: nothing new to upload.
    const again = await markDutyDone(a.db, identityOf(a), report, DEC_1 + 999_000);
    expect(again.ok && again.value).toEqual(marks[0]);
  });

  it('S10-14 a survey edited on two desks offline: after sync both show the later save (whole-document last writer wins)', async () => {
    a.net.down();
    b.net.down();
    expect((await writeSurvey(a.db, identityOf(a), 2026, { title: '2026 年度业主意见调查', tallies: tallies(90) }, clerk)).ok).toBe(true);
    // Saved a moment later on desk B (its revision carries the later save time).
    await eventually(async () => Date.now() > (await a.db.config.findOne(`survey:${a.siteId}:2026`).exec())!.updatedAt, 1_000, 'a later clock tick');
    expect((await writeSurvey(b.db, identityOf(b), 2026, { title: '2026 年度业主意见调查', tallies: tallies(100) }, clerk)).ok).toBe(true);
    a.net.restore();
    b.net.restore();
    await settle(a, b);
    const [onA, onB] = await Promise.all([readSurvey(a.db, identityOf(a), 2026), readSurvey(b.db, identityOf(b), 2026)]);
    expect(onA).toEqual(onB);
    expect(onA!.tallies.find((x) => x.item === '卫生')!.satisfied).toBe(100);
  });

  it('S10-14 S8-10 a desk that kept its survey and duty marks locally keeps them, now shared, after the first read', async () => {
    await a.db.upsertLocal(legacySurveyKey(2025), { survey: { id: legacySurveyKey(2025), year: 2025, title: '2025', tallies: tallies(60) } });
    await a.db.upsertLocal(LEGACY_DUTIES_KEY, { keys: ['monthly_figures@2026-10', 'monthly_report@2026-10', 'not a key'] });

    const survey = await readSurvey(a.db, identityOf(a), 2025);
    expect(survey).toMatchObject({ year: 2025, siteId: a.siteId, tallies: tallies(60) });
    const done = await readDutiesDone(a.db, identityOf(a));
    expect(done).toEqual(new Set(['monthly_figures@2026-10', 'monthly_report@2026-10', 'monthly_figures@2026-11', 'monthly_report@2026-11']));
    // The local documents are gone: the config documents are now the only copy, and they replicate.
    expect(await a.db.getLocal(legacySurveyKey(2025))).toBeNull();
    expect(await a.db.getLocal(LEGACY_DUTIES_KEY)).toBeNull();

    await settle(a, b);
    expect(await readSurvey(b.db, identityOf(b), 2025)).toEqual(survey);
    expect(await readDutiesDone(b.db, identityOf(b))).toEqual(done);

    // Desk B had kept a 2025 survey of its own too: the site's shared one stands, B's local copy is not destroyed.
    const own = { survey: { id: legacySurveyKey(2025), year: 2025, title: '2025', tallies: tallies(70) } };
    await b.db.upsertLocal(legacySurveyKey(2025), own);
    expect(await readSurvey(b.db, identityOf(b), 2025)).toEqual(survey);
    expect((await b.db.getLocal(legacySurveyKey(2025)))?.toJSON().data).toEqual(own);
  });

  it('S10-14 the server refuses a malformed, mis-filed or other-site survey with a clear 4xx and stores nothing', async () => {
    const token = a.token;
    // Enrolled first: enrolment itself adds the desk's own config document.
    const siteDesk = await enrol(t.url, (await issueEnrolmentCode(t.server.db, { orgId: org.orgId, siteId: a.siteId, scope: 'site' })).code);
    const before = await pullAll<ConfigDoc>(t.url, token, 'config');
    const good = before.documents.find((d) => d.id === `survey:${a.siteId}:2026`)!;
    const next = (data: Record<string, unknown>, id = good.id): ConfigDoc => ({ ...good, id, rev: good.rev + 1, updatedAt: good.updatedAt + 1, data });

    const tooMany = await push(t.url, token, 'config', [next({ ...good.data, tallies: [{ item: '供电', respondents: 10, satisfied: 11 }] })], () => good);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body).toMatchObject({
      error: 'invalidDocuments',
      errors: [{ index: 0, id: good.id, errors: [{ path: 'data.tallies.0.satisfied', code: 'survey.satisfiedTooMany' }] }],
    });
    expect(JSON.stringify(tooMany.body)).toContain('满意人数不能多于参加人数');

    const unknownField = await push(t.url, token, 'config', [next({ ...good.data, comment: 'x' })], () => good);
    expect(unknownField.status).toBe(400);
    const oversize = await push(t.url, token, 'config', [next({ ...good.data, title: '调'.repeat(5_000) })], () => good);
    expect(oversize.status).toBe(400);
    // Filed under another year than its data says.
    const misfiled = await push(t.url, token, 'config', [next(good.data, `survey:${a.siteId}:2031`)]);
    expect(misfiled.status).toBe(400);
    expect(misfiled.body).toMatchObject({ errors: [{ errors: [{ path: 'id', code: 'config.idMismatch' }] }] });

    // A site-scoped desk writes its own site's survey only.
    const otherSite = org.siteIds.find((s) => s !== a.siteId)!;
    const foreign = await push(t.url, siteDesk.token, 'config', [
      { ...good, id: `survey:${otherSite}:2026`, rev: 0, data: { ...good.data, id: `${otherSite}:2026`, siteId: otherSite } },
    ]);
    expect(foreign.status).toBe(403);
    expect(foreign.body).toMatchObject({ error: 'forbidden' });

    const after = await pullAll<ConfigDoc>(t.url, token, 'config');
    expect(after.seq).toBe(before.seq);
    expect(after.documents.find((d) => d.id === good.id)).toEqual(good);
  });
});
