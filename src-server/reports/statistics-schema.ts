import { DIMENSIONS } from '../../src-shared/analytics/stats';
import { GRANULARITIES } from '../../src-shared/analytics/period';

// JSON schemas of GET /api/v1/statistics, for validation, serialisation and the OpenAPI document. The
// response is the shared CaseStatistics (src-shared/analytics/stats.ts) plus `now` and `policyRevision`;
// `caseIds` appear only when the query asks for them.

const epoch = { type: 'integer', minimum: 0, maximum: 7_258_118_400_000 } as const;
const nullableNumber = { type: ['number', 'null'] } as const;
const caseIds = { type: 'array', items: { type: 'string' }, description: 'Cases behind the figure (only with caseIds=true).' } as const;

const count = { type: 'object', required: ['count'], properties: { count: { type: 'integer' }, caseIds } } as const;

const rate = {
  type: 'object',
  required: ['numerator', 'denominator', 'rate'],
  properties: { numerator: count, denominator: count, rate: { ...nullableNumber, description: 'numerator / denominator; null when nothing was counted.' } },
} as const;

const duration = {
  type: 'object',
  required: ['n', 'medianMs', 'p90Ms', 'meanMs'],
  properties: { n: { type: 'integer' }, medianMs: nullableNumber, p90Ms: nullableNumber, meanMs: nullableNumber, caseIds },
} as const;

const breakdownRow = {
  type: 'object',
  required: ['key', 'label', 'count'],
  properties: {
    key: { type: 'string', description: "Code stored on the case; '' when it has none." },
    label: { type: 'string' },
    count: { type: 'integer' },
    caseIds,
  },
} as const;

const trendPoint = {
  type: 'object',
  required: ['period', 'label', 'count'],
  properties: {
    period: {
      type: 'object',
      required: ['key', 'granularity', 'start', 'end'],
      properties: { key: { type: 'string' }, granularity: { type: 'string' }, start: { type: 'number' }, end: { type: 'number' } },
    },
    label: { type: 'string' },
    count: { type: 'integer' },
    caseIds,
  },
} as const;

const stageOnTime = {
  type: 'object',
  required: ['stageId', 'name', 'onTime', 'late', 'overdue', 'running', 'rate'],
  properties: { stageId: { type: 'string' }, name: { type: 'string' }, onTime: count, late: count, overdue: count, running: count, rate },
} as const;

export const statisticsQuerySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['from', 'to'],
  properties: {
    from: { ...epoch, description: 'Start (inclusive) of the period, epoch ms; a case belongs to the period in which it was received.' },
    to: { ...epoch, description: 'End (exclusive), epoch ms; must be after from.' },
    granularity: { type: 'string', enum: GRANULARITIES, description: "Trend buckets; default: the finest of the policy's analysis periods." },
    base: { type: 'integer', minimum: 1, maximum: 100_000_000, description: "Valid-complaint base for the period (overrides the policy's baseCount)." },
    lang: { type: 'string', enum: ['zh-CN', 'en'], default: 'zh-CN', description: 'Language of labels.' },
    caseIds: { type: 'boolean', default: false, description: 'Include the case ids behind every figure.' },
  },
} as const;

export const statisticsResponseSchema = {
  type: 'object',
  required: [
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
  ],
  properties: {
    from: { type: 'number' },
    to: { type: 'number' },
    granularity: { type: 'string', enum: GRANULARITIES },
    now: { type: 'number', description: 'Instant the deadlines were evaluated at.' },
    policyRevision: { type: 'integer', description: 'Policy revision in force whose names, stages and targets were used.' },
    total: count,
    rejected: count,
    trend: { type: 'array', items: trendPoint },
    breakdowns: {
      type: 'object',
      required: [...DIMENSIONS],
      properties: Object.fromEntries(DIMENSIONS.map((d) => [d, { type: 'array', items: breakdownRow }])),
    },
    onTime: { type: 'array', items: stageOnTime, description: 'Per SLA stage: on time / (on time + late + overdue).' },
    replyTime: duration,
    resolveTime: duration,
    callback: {
      type: 'object',
      required: ['eligible', 'done', 'rate', 'onTime', 'late', 'overdue', 'called', 'unsatisfied', 'satisfactionMean', 'satisfied', 'satisfiedRate'],
      properties: {
        eligible: { ...count, description: 'Resolved, not rejected, kind not exempt from callbacks (X-4).' },
        done: { ...count, description: 'Callback complete: the latest resolution called back and the resident satisfied (S9-10).' },
        rate,
        onTime: count,
        late: count,
        overdue: count,
        called: { ...count, description: 'Called back at least once.' },
        unsatisfied: { ...count, description: 'Latest callback unsatisfied, not yet followed up (S9-10).' },
        satisfactionMean: nullableNumber,
        satisfied: count,
        satisfiedRate: rate,
      },
    },
    validComplaints: {
      type: 'object',
      required: ['valid', 'invalid', 'unclassified', 'rate', 'base', 'baseLabel', 'target', 'meetsTarget'],
      properties: {
        valid: count,
        invalid: count,
        unclassified: count,
        rate: { ...nullableNumber, description: 'valid / base; null without a base.' },
        base: { type: ['integer', 'null'] },
        baseLabel: { type: ['string', 'null'] },
        target: nullableNumber,
        meetsTarget: { type: ['boolean', 'null'] },
      },
    },
  },
} as const;
