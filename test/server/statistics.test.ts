import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from './backends';
import { startTestServer, demoDesk, type TestServer, type EnrolledDesk } from './setup';
import { http, pullAll, push } from './client';
import { makeEvent, makeRegistration, ulidAt, HOUR, MINUTE, DAY } from '../../src-shared/domain/projection.fixtures';
import type { CaseEvent } from '../../src-shared/domain/events';
import { policySchema, type Policy } from '../../src-shared/domain/policy';
import { propertyPreset } from '../../src-shared/presets/s7-property';
import { projectCases } from '../../src-shared/domain/projection';
import { callbackDueAt, slaStagesFor } from '../../src-shared/domain/sla';
import { computeStatistics, type CaseStatistics } from '../../src-shared/analytics/stats';
import type { Granularity } from '../../src-shared/analytics/period';
import { summaryFigures } from '../../src-shared/analytics/tables';
import { policyByRevision, policyInForce } from '../../src-renderer/data/policy-select';
import type { ConfigDoc } from '../../src-shared/sync/contract';
import { acceptedIntake, policyOf } from '../../src-shared/presets/presets.fixtures';

const PROPERTY = policyOf(propertyPreset);

// Supervisors and desks see the same numbers (S8-10, X-6): a hand-built October of the S7 property preset
// is pushed through sync; the server's /api/v1/statistics must equal what computeStatistics gives a desk
// that pulled the same events and policy, evaluated at the same instant.

type ServerStatistics = CaseStatistics & { now: number; policyRevision: number };
interface ErrorReply {
  error: string;
  message: string;
  messages: { 'zh-CN': string; en: string };
  errors: { errors: { path: string; code: string; message: { 'zh-CN': string; en: string } }[] }[];
}

/** Beijing wall-clock time (the preset's UTC+8). */
const bj = (m: number, d: number, h = 0, min = 0) => Date.UTC(2026, m - 1, d, h - 8, min);
const FROM = bj(10, 1);
const TO = bj(11, 1);

describe.each(BACKENDS)('period statistics on the server (%s)', (backend) => {
  let t: TestServer;
  let desk: EnrolledDesk;
  let seq = 0;

  interface Spec {
    n: number;
    at: number;
    kind?: string;
    severity?: string;
    category?: string;
    departmentId?: string;
    channel?: string;
    receptionPoint?: string;
    valid?: boolean;
    replyAfter?: number;
    resolveAfter?: number;
    /** After the resolution. */
    callback?: { after: number; satisfaction: number; satisfied: boolean };
    rejected?: boolean;
  }

  function caseEvents(s: Spec): CaseEvent[] {
    const day = new Date(s.at + 8 * HOUR).toISOString().slice(0, 10).replace(/-/g, '');
    const caseId = `${desk.deskCode}-${day}-0${String(s.n).padStart(2, '0')}`;
    const env = { caseId, orgId: desk.orgId, siteId: desk.siteId, deskId: desk.deskId, actorId: desk.org.staffIds[0]!, policyRevision: 1 };
    const ev = <T extends Parameters<typeof makeEvent>[0]>(type: T, payload: Parameters<typeof makeEvent<T>>[1], at: number) =>
      makeEvent(type, payload, at, { ...env, id: ulidAt(at, ++seq) }) as CaseEvent;
    const out: CaseEvent[] = [
      makeRegistration(
        s.at,
        {
          ...acceptedIntake(PROPERTY, s.kind ?? 'complaint'),
          number: caseId,
          kind: s.kind ?? 'complaint',
          channel: s.channel ?? 'hotline',
          firstReceiverId: env.actorId,
          complainant: { anonymous: false, confidential: false, name: '李四', phone: '13900001111' },
          ...(s.severity ? { severity: s.severity } : {}),
          ...(s.category ? { category: s.category } : {}),
          ...(s.departmentId ? { departmentId: s.departmentId } : {}),
          ...(s.receptionPoint ? { receptionPoint: s.receptionPoint } : {}),
        },
        { ...env, id: ulidAt(s.at, ++seq) },
      ),
    ];
    if (s.valid !== undefined) out.push(ev('case.classified', { valid: s.valid }, s.at + MINUTE));
    if (s.replyAfter !== undefined) out.push(ev('case.replied', { to: 'complainant', method: 'phone', content: '已答复业户。' }, s.at + s.replyAfter));
    if (s.resolveAfter !== undefined) out.push(ev('case.resolved', { result: '已处理完毕。' }, s.at + s.resolveAfter));
    if (s.callback) {
      const { after, satisfaction, satisfied } = s.callback;
      out.push(ev('case.callback_done', { method: 'phone', satisfaction, satisfied, outcome: satisfied ? '满意' : '不满意' }, s.at + s.resolveAfter! + after));
    }
    if (s.rejected) out.push(ev('case.rejected', { reasonCode: 'out_of_scope', explanation: '不属于物业服务范围。' }, s.at + 30 * MINUTE));
    return out;
  }

  beforeAll(async () => {
    t = await startTestServer(backend);
    // The property preset offers no inadmissibility reason; this organisation added one, so a case can be
    // rejected as a real desk would (the server refuses a reason the policy does not offer).
    desk = await demoDesk(t, {
      presetId: 's7-property',
      policy: (p) => ({ ...p, inadmissibleReasons: [{ code: 'out_of_scope', text: '该事项不属于物业服务范围,已向您说明情况。' }] }),
    });
    const specs: Spec[] = [
      // A: important, answered in 2 h and resolved in 2 days (both on time), called back the next day, satisfied.
      {
        n: 1,
        at: bj(10, 5, 9),
        severity: 'important',
        category: 'facilities',
        departmentId: 'engineering',
        receptionPoint: '业主服务中心',
        valid: true,
        replyAfter: 2 * HOUR,
        resolveAfter: 2 * DAY,
        callback: { after: DAY, satisfaction: 5, satisfied: true },
      },
      // B: important, answered after 4 h and resolved after 4 days (both late), called back 10 days on, unsatisfied.
      {
        n: 2,
        at: bj(10, 6, 10),
        severity: 'important',
        category: 'security',
        departmentId: 'security',
        channel: 'phone',
        receptionPoint: '监控中心(24小时业户热线)',
        valid: true,
        replyAfter: 4 * HOUR,
        resolveAfter: 4 * DAY,
        callback: { after: 10 * DAY, satisfaction: 2, satisfied: false },
      },
      // C: general, invalid, answered in 30 min and resolved in a day; never called back (overdue).
      {
        n: 3,
        at: bj(10, 12, 14),
        severity: 'general',
        category: 'environment',
        departmentId: 'environment',
        channel: 'visit',
        valid: false,
        replyAfter: 30 * MINUTE,
        resolveAfter: DAY,
      },
      // D: general, never answered: a month on it is escalated to a major complaint (S7-16), whose deadlines it missed.
      { n: 4, at: bj(10, 20, 9), severity: 'general', category: 'facilities', departmentId: 'engineering' },
      // E: a suggestion (callback exempt, X-4), resolved within the hour.
      { n: 5, at: bj(10, 25, 16), kind: 'suggestion', category: 'suggestion', channel: 'letter', resolveAfter: HOUR },
      // F: refused.
      { n: 6, at: bj(10, 28, 11), channel: 'phone', rejected: true },
      // Outside October in Beijing time although inside it in UTC, and the reverse: never counted.
      { n: 7, at: bj(11, 1, 0, 0), severity: 'general', valid: true },
      { n: 8, at: bj(9, 30, 23, 30), severity: 'general', valid: true },
    ];
    expect((await push(t.url, desk.token, 'events', specs.flatMap(caseEvents))).body).toEqual([]);
  });
  afterAll(async () => t?.stop());

  const get = <T>(query: string) => http<T>(t.url, 'GET', `/api/v1/statistics${query}`, { token: desk.token });

  /** What a desk that synced the same events computes (useAnalysedCases + the analysis screen's options). */
  async function deskStatistics(opts: { granularity: Granularity; now: number; base?: number }): Promise<CaseStatistics> {
    const events = (await pullAll<CaseEvent>(t.url, desk.token, 'events')).documents;
    const policies: Policy[] = (await pullAll<ConfigDoc>(t.url, desk.token, 'config')).documents
      .filter((d) => d.kind === 'policy')
      .map((d) => policySchema.parse(d.data));
    const policyFor = (revision: number) => policyByRevision(policies, revision);
    const cases = [...projectCases(events).values()].map((state) => {
      const p = policyFor(state.policyRevision);
      return {
        state,
        stages: p
          ? slaStagesFor(
              p,
              events.filter((e) => e.caseId === state.id),
              opts.now,
            )
          : [],
      };
    });
    return computeStatistics(cases, {
      from: FROM,
      to: TO,
      granularity: opts.granularity,
      now: opts.now,
      policy: policyInForce(policies, opts.now)!,
      callbackDueAt: (s) => {
        const p = policyFor(s.policyRevision);
        return p ? callbackDueAt(p, s) : undefined;
      },
      ...(opts.base ? { base: opts.base } : {}),
      lang: 'zh-CN',
    });
  }

  it('S8-10 X-6 the server reports exactly the figures a desk computes for the same events, case ids included on request', async () => {
    const r = await get<ServerStatistics>(`?from=${FROM}&to=${TO}&base=200&caseIds=true`);
    expect(r.status).toBe(200);
    const { now, policyRevision, ...figures } = r.body;
    expect(policyRevision).toBe(1);
    expect(figures).toEqual(await deskStatistics({ granularity: 'week', now, base: 200 }));

    // The numbers themselves, worked out by hand from the cases above.
    const s = r.body;
    expect(s.granularity).toBe('week');
    expect(s.total.count).toBe(6);
    expect(s.rejected.count).toBe(1);
    expect(s.trend.map((p) => [p.period.key, p.count])).toEqual([
      ['2026-W40', 0],
      ['2026-W41', 2],
      ['2026-W42', 1],
      ['2026-W43', 2],
      ['2026-W44', 1],
    ]);
    const rateOf = (stageId: string) => s.onTime.find((o) => o.stageId === stageId)?.rate;
    expect(rateOf('important_reply')).toMatchObject({ rate: 0.5, numerator: { count: 1 }, denominator: { count: 2 } });
    expect(rateOf('important_resolve')?.rate).toBe(0.5);
    // D's general deadlines and its month, missed before it became major, stay on record as missed
    // (S7-16: the earlier lateness is kept when the major stages start).
    expect(s.onTime.find((o) => o.stageId === 'general_reply')).toMatchObject({
      overdue: { count: 1 },
      rate: { rate: 0.5, numerator: { count: 1 }, denominator: { count: 2 } },
    });
    expect(rateOf('general_resolve')).toMatchObject({ rate: 0.5, numerator: { count: 1 }, denominator: { count: 2 } });
    // F, refused within the hour, is settled within its month: the form asks every complaint its 等级, so it is
    // timed too (A, B, C and F settled; D not).
    expect(rateOf('unresolved_month')).toMatchObject({ rate: 0.8, numerator: { count: 4 }, denominator: { count: 5 } });
    // D, a month unresolved, counts under the major deadlines it was escalated to (S7-16), both breached.
    expect(s.onTime.find((o) => o.stageId === 'major_reply')).toMatchObject({ overdue: { count: 1 }, rate: { rate: 0 } });
    expect(rateOf('major_resolve')?.rate).toBe(0);
    expect(s.onTime.map((o) => o.stageId)).toEqual([
      'major_reply',
      'major_resolve',
      'important_reply',
      'important_resolve',
      'general_reply',
      'general_resolve',
      'unresolved_month',
    ]);
    expect(s.replyTime).toMatchObject({ n: 3, medianMs: 2 * HOUR, p90Ms: 4 * HOUR });
    expect(s.resolveTime).toMatchObject({ n: 4, medianMs: 1.5 * DAY, p90Ms: 4 * DAY });
    // the suggestion and the refused case are not due a callback; C is overdue.
    expect(s.callback.eligible.count).toBe(3);
    // B's callback was unsatisfied (S9-10): owed a follow-up, so not done.
    expect(s.callback.rate.rate).toBe(1 / 3);
    expect(s.callback.unsatisfied.count).toBe(1);
    expect(s.callback).toMatchObject({ onTime: { count: 1 }, late: { count: 1 }, overdue: { count: 1 }, satisfactionMean: 3.5, satisfiedRate: { rate: 0.5 } });
    expect(s.validComplaints).toMatchObject({
      valid: { count: 2 },
      invalid: { count: 1 },
      unclassified: { count: 3 },
      base: 200,
      rate: 0.01,
      target: null,
      meetsTarget: null,
    });
    const rows = (d: keyof CaseStatistics['breakdowns']) => s.breakdowns[d].map((row) => [row.label, row.count]);
    expect(rows('kind')).toEqual([
      ['投诉', 5],
      ['合理化建议', 1],
    ]);
    // E and F carry 一般投诉 too: the form asks every kind its 等级 (the server refuses a registration without it).
    expect(rows('severity').sort()).toEqual([
      ['一般投诉', 4],
      ['重要投诉', 2],
    ]);
    expect(rows('receptionPoint').sort()).toEqual([
      ['业主服务中心', 1],
      ['未填', 4],
      ['监控中心(24小时业户热线)', 1],
    ]);
    expect(s.total.caseIds).toHaveLength(6);
  });

  it('S8-10 without caseIds the answer carries no id lists, and the 投诉数据汇总表 figures from it equal the desk’s', async () => {
    const r = await get<ServerStatistics>(`?from=${FROM}&to=${TO}&granularity=month`);
    expect(r.status).toBe(200);
    expect(JSON.stringify(r.body)).not.toContain('caseIds');
    expect(r.body.trend.map((p) => [p.label, p.count])).toEqual([['2026-10', 6]]);
    const desk = await deskStatistics({ granularity: 'month', now: r.body.now });
    expect(summaryFigures(r.body, propertyPreset)).toEqual(summaryFigures(desk, propertyPreset));
    expect(summaryFigures(r.body, propertyPreset)).toMatchObject({
      total: 6,
      callbackDue: 3,
      callbackDone: 1,
      satisfiedCount: 1,
      validCount: 2,
      classifiedCount: 3,
    });
    // Without a base the valid-complaint rate is unknown, never 0 %.
    expect(r.body.validComplaints).toMatchObject({ base: null, rate: null });
  });

  it('bad periods and granularities are refused with a clear zh-CN message, and the figures stay the same', async () => {
    const before = (await get<ServerStatistics>(`?from=${FROM}&to=${TO}`)).body;

    const reversed = await get<ErrorReply>(`?from=${TO}&to=${FROM}`);
    expect(reversed.status).toBe(400);
    expect(reversed.body.error).toBe('badRequest');
    expect(reversed.body.message).toBe('统计期间不对：开始时间（from）必须早于结束时间（to）。');
    expect(reversed.body.messages.en).toMatch(/reversed/);
    expect((await get<ErrorReply>(`?from=${FROM}&to=${FROM}`)).status).toBe(400);

    const unknown = await get<ErrorReply>(`?from=${FROM}&to=${TO}&granularity=hour`);
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toBe(
      '「granularity」不是可用的统计粒度（收到「hour」）：可选 day（日）、week（周）、month（月）、quarter（季度）、year（年）。',
    );
    expect(unknown.body.errors[0]!.errors[0]).toMatchObject({ path: 'granularity', code: 'statistics.granularity' });

    const missing = await get<ErrorReply>(`?from=${FROM}`);
    expect(missing.status).toBe(400);
    expect(missing.body.message).toBe('「to」必须填写。');

    // A day-by-day trend over 180 years would be cut short by the shared bucketing: refused, not truncated.
    const tooMany = await get<ErrorReply>(`?from=0&to=${TO}&granularity=day`);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.message).toMatch(/^统计期间按「day」划分超过 5000 段/);

    // The token is still checked first: no token, no hint about the query.
    expect((await http(t.url, 'GET', '/api/v1/statistics?granularity=hour')).status).toBe(401);

    const after = (await get<ServerStatistics>(`?from=${FROM}&to=${TO}`)).body;
    const { now: _b, ...b } = before;
    const { now: _a, ...a } = after;
    expect(a).toEqual(b);
  });

  it('the OpenAPI document at /docs declares the query and the shared figures', async () => {
    type Op = {
      parameters: { name: string; in: string; required?: boolean }[];
      responses: Record<string, { content: Record<string, { schema: { properties: Record<string, unknown> } }> }>;
    };
    const doc = await http<{ paths: Record<string, { get: Op }> }>(t.url, 'GET', '/docs/json');
    const op = doc.body.paths['/api/v1/statistics']!.get;
    expect(op.parameters.filter((p) => p.in === 'query').map((p) => [p.name, p.required ?? false])).toEqual([
      ['from', true],
      ['to', true],
      ['granularity', false],
      ['base', false],
      ['lang', false],
      ['caseIds', false],
    ]);
    const body = op.responses['200']!.content['application/json']!.schema;
    expect(Object.keys(body.properties)).toEqual([
      'from',
      'to',
      'granularity',
      'now',
      'policyRevision',
      'total',
      'rejected',
      'trend',
      'breakdowns',
      'onTime',
      'replyTime',
      'resolveTime',
      'callback',
      'validComplaints',
    ]);
    expect(Object.keys(op.responses).sort()).toEqual(['200', '400', '401', '404']);
  });
});
