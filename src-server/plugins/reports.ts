import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/types';
import { ApiError, errorBody, errorResponseSchema } from '../errors';
import { bearerSecurity, deskOf, requireDesk } from '../auth';
import { CaseIndex } from '../reports/case-index';
import { caseDetail, listCases } from '../reports/queries';
import { queryErrors, statisticsFor, type StatisticsQuery } from '../reports/statistics';
import { statisticsQuerySchema, statisticsResponseSchema } from '../reports/statistics-schema';
import type { FieldError } from '../../src-shared/domain/parse';
import { CASE_STATUSES } from '../../src-shared/domain/case-state';

// Server read API for supervisors and the summary documents: cases folded on the server with the same
// projection and SLA engine as the desks, always limited to the token's organisation and site scope.

const STATUSES = [...CASE_STATUSES];
const epoch = { type: 'integer', minimum: 0, maximum: 7_258_118_400_000 } as const;
const id = { type: 'string', pattern: '^[A-Za-z0-9_.:-]{1,64}$' } as const;

const stageSchema = {
  type: 'object',
  additionalProperties: true,
  properties: {
    stageId: { type: 'string' },
    name: { type: 'string' },
    state: { type: 'string' },
    dueAt: { type: 'number' },
    originalDueAt: { type: 'number' },
    metAt: { type: 'number' },
    remainingMs: { type: 'number' },
  },
} as const;

const summarySchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    number: { type: 'string' },
    status: { type: 'string' },
    kind: { type: 'string' },
    category: { type: 'string' },
    severity: { type: 'string' },
    departmentId: { type: 'string' },
    siteId: { type: 'string' },
    deskId: { type: 'string' },
    registeredAt: { type: 'number' },
    subject: { type: 'string' },
    overdue: { type: 'boolean' },
    next: {
      type: 'object',
      properties: {
        stageId: { type: 'string' },
        name: { type: 'string' },
        state: { type: 'string' },
        dueAt: { type: 'number' },
        remainingMs: { type: 'number' },
      },
    },
  },
} as const;

/** A refused query: the first field's sentence as the message, every field in `errors`; nothing changes. */
function badQuery(errors: FieldError[]) {
  const first = errors[0]!.message;
  return { ...errorBody(400, 'badRequest', [{ index: 0, errors }]), message: first['zh-CN'], messages: first };
}

export function reportsPlugin(db: Database) {
  return async function reports(app: FastifyInstance): Promise<void> {
    const index = new CaseIndex(db);
    app.addHook('onRequest', requireDesk(db));
    const common = { tags: ['reports'], security: bearerSecurity };

    app.get(
      '/api/v1/cases',
      {
        schema: {
          ...common,
          summary: 'Cases of the organisation (newest first), filtered by status, overdue, department and registration period.',
          querystring: {
            type: 'object',
            additionalProperties: false,
            properties: {
              status: { type: 'string', enum: STATUSES },
              overdue: { type: 'boolean' },
              departmentId: id,
              from: epoch,
              to: epoch,
              limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
              offset: { type: 'integer', minimum: 0, default: 0 },
            },
          },
          response: {
            200: { type: 'object', properties: { total: { type: 'integer' }, items: { type: 'array', items: summarySchema } } },
            401: errorResponseSchema,
          },
        },
      },
      async (request) => {
        const view = await index.view(deskOf(request));
        return listCases(view, request.query as Parameters<typeof listCases>[1], Date.now());
      },
    );

    app.get(
      '/api/v1/cases/:caseId',
      {
        schema: {
          ...common,
          summary: 'One case as projected from its events, with the deadlines of every stage.',
          params: { type: 'object', properties: { caseId: id }, required: ['caseId'] },
          response: {
            200: { type: 'object', properties: { case: { type: 'object', additionalProperties: true }, stages: { type: 'array', items: stageSchema } } },
            401: errorResponseSchema,
            404: errorResponseSchema,
          },
        },
      },
      async (request) => {
        const view = await index.view(deskOf(request));
        const detail = caseDetail(view, (request.params as { caseId: string }).caseId, Date.now());
        if (!detail) throw new ApiError(404, 'notFound');
        return detail;
      },
    );

    app.get(
      '/api/v1/statistics',
      {
        // Schema errors reach the handler (after the token check) so the answer names the field and what to send.
        attachValidation: true,
        schema: {
          ...common,
          summary:
            'Period statistics (S8-10, X-6), computed exactly as on the desks: totals, trend, breakdowns, on-time rate per stage, reply and resolve times, callbacks, satisfaction, valid complaints.',
          querystring: statisticsQuerySchema,
          response: { 200: statisticsResponseSchema, 400: errorResponseSchema, 401: errorResponseSchema, 404: errorResponseSchema },
        },
      },
      async (request, reply) => {
        if (request.validationError) return reply.status(400).send(badQuery(queryErrors(request.validationError.validation, request.query)));
        const view = await index.view(deskOf(request));
        const now = Date.now();
        const policy = view.policyInForce(now);
        if (!policy) throw new ApiError(404, 'notFound');
        const result = statisticsFor(view, policy, request.query as StatisticsQuery, now);
        if (!result.ok) return reply.status(400).send(badQuery(result.errors));
        return result.value;
      },
    );
  };
}
