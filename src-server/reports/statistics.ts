import type { FastifySchemaValidationError } from 'fastify';
import { computeStatistics, type AnalysedCase, type CaseStatistics } from '../../src-shared/analytics/stats';
import { GRANULARITIES, PERIOD_GRANULARITY, periodsBetween, type Granularity } from '../../src-shared/analytics/period';
import { callbackDueAt } from '../../src-shared/domain/sla';
import type { Policy } from '../../src-shared/domain/policy';
import type { FieldError, ParseResult } from '../../src-shared/domain/parse';
import { messageFor, type MessageCode } from '../../src-shared/i18n/validation';
import type { CaseIndexView } from './case-index';
import { stagesOf } from './queries';

// The supervisors' period statistics (S8-10, X-6) are the desk's statistics: the shared computeStatistics
// over the server's case index, with the options the analysis screen passes (period, trend granularity,
// the policy in force, the SLA engine's stages and callback due times, now). One definition of every
// rate, so a supervisor and a desk looking at the same period see the same numbers.

export interface StatisticsQuery {
  /** Received in [from, to), epoch ms. */
  from: number;
  to: number;
  /** Trend buckets; by default the finest of the policy's analysis periods. */
  granularity?: Granularity;
  /** Valid-complaint base (households, patients) for this period, as entered on the analysis screen. */
  base?: number;
  lang?: 'zh-CN' | 'en';
  /** Include the case ids behind every figure (drill-down). */
  caseIds?: boolean;
}

export type ServerStatistics = CaseStatistics & {
  /** The instant deadlines were evaluated at: a desk computing with the same `now` gets the same figures. */
  now: number;
  /** The policy revision whose labels, stages and targets were used. */
  policyRevision: number;
};

/** The trend granularity the organisation reports in: the finest of its policy's analysis periods. */
export function defaultGranularity(policy: Pick<Policy, 'analysisPeriods'>): Granularity {
  const offered = new Set<Granularity>(policy.analysisPeriods.map((p) => PERIOD_GRANULARITY[p]));
  return GRANULARITIES.find((g) => offered.has(g)) ?? 'month';
}

function fieldError(path: string, code: MessageCode, detail: object = {}): FieldError {
  return { path, code, message: messageFor(code, path, detail) };
}

export function statisticsFor(view: CaseIndexView, policy: Policy, query: StatisticsQuery, now: number): ParseResult<ServerStatistics> {
  const { from, to } = query;
  if (!(from < to)) return { ok: false, errors: [fieldError('to', 'statistics.periodReversed')] };
  const granularity = query.granularity ?? defaultGranularity(policy);
  // The shared bucketing stops at a cap rather than fail; refuse a period it would cut short instead of
  // answering with a trend that silently ends early.
  const periods = periodsBetween(from, to, granularity, policy.utcOffsetMinutes);
  if (periods.at(-1)!.end < to) return { ok: false, errors: [fieldError('granularity', 'statistics.tooManyPeriods', { granularity, max: periods.length })] };

  const cases: AnalysedCase[] = [];
  for (const state of view.cases.values()) {
    // Only the period's cases need the SLA engine; computeStatistics applies the same test again.
    if (state.receivedAt < from || state.receivedAt >= to) continue;
    cases.push({ state, stages: stagesOf(view, state, now) });
  }
  const stats = computeStatistics(cases, {
    from,
    to,
    granularity,
    now,
    policy,
    callbackDueAt: (s) => {
      const p = view.policyFor(s.policyRevision);
      return p ? callbackDueAt(p, s) : undefined;
    },
    ...(query.base ? { base: query.base } : {}),
    lang: query.lang ?? 'zh-CN',
  });
  const value: ServerStatistics = { ...stats, now, policyRevision: policy.revision };
  // Case ids are left out unless asked for: every figure carries the ids behind it (a resolved, called-back
  // case's id appears 25 times), so a year of 10 000 cases would send about 250 000 ids, megabytes, to a
  // supervisor who wanted a few dozen numbers. A client that drills down asks with caseIds=true.
  return { ok: true, value: query.caseIds ? value : withoutCaseIds(value) };
}

/**
 * A deep copy without the `caseIds` lists (the response schema declares them optional). The lists are
 * made when first read (figures.ts `withCaseIds`), so they are left unread, not read and dropped.
 */
function withoutCaseIds<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutCaseIds) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value)) if (k !== 'caseIds') out[k] = withoutCaseIds((value as Record<string, unknown>)[k]);
  return out as T;
}

/** Fastify's schema errors for the statistics query as field errors with zh-CN and en sentences. */
export function queryErrors(validation: readonly FastifySchemaValidationError[], query: unknown): FieldError[] {
  const raw = (query ?? {}) as Record<string, unknown>;
  return validation.map((e) => {
    const missing = (e.params as { missingProperty?: string }).missingProperty;
    const path = missing ?? (e.instancePath.replace(/^\//, '').replace(/\//g, '.') || '(query)');
    if (e.keyword === 'required') return fieldError(path, 'required');
    if (path === 'granularity') return fieldError(path, 'statistics.granularity', { value: raw.granularity });
    const p = e.params as { limit?: number };
    if (e.keyword === 'minimum') return fieldError(path, 'tooSmall', { minimum: p.limit });
    if (e.keyword === 'maximum') return fieldError(path, 'tooBig', { maximum: p.limit });
    return fieldError(path, e.keyword === 'type' ? 'type' : e.keyword === 'enum' ? 'value' : 'invalid');
  });
}
