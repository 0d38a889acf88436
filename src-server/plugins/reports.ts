import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/types';
import { ApiError, errorResponseSchema } from '../errors';
import { bearerSecurity, deskOf, requireDesk } from '../auth';
import { CaseIndex } from '../reports/case-index';
import { caseDetail, listCases, periodStatistics } from '../reports/queries';

// Server read API for supervisors and the summary documents: cases folded on the server with the same
// projection and SLA engine as the desks, always limited to the token's organisation and site scope.

const STATUSES = ['registered', 'accepted', 'assigned', 'in_progress', 'replied', 'resolved', 'rejected', 'closed'];
const epoch = { type: 'integer', minimum: 0, maximum: 7_258_118_400_000 } as const;
const id = { type: 'string', pattern: '^[A-Za-z0-9_.:-]{1,64}$' } as const;

const stageSchema = {
  type: 'object',
  additionalProperties: true,
  properties: { stageId: { type: 'string' }, name: { type: 'string' }, state: { type: 'string' }, dueAt: { type: 'number' }, originalDueAt: { type: 'number' }, metAt: { type: 'number' }, remainingMs: { type: 'number' } },
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
    next: { type: 'object', properties: { stageId: { type: 'string' }, name: { type: 'string' }, state: { type: 'string' }, dueAt: { type: 'number' }, remainingMs: { type: 'number' } } },
  },
} as const;

const counts = { type: 'object', additionalProperties: { type: 'integer' } } as const;

export function reportsPlugin(db: Database) {
  return async function reports(app: FastifyInstance): Promise<void> {
    const index = new CaseIndex(db);
    app.addHook('preHandler', requireDesk(db));
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
          response: { 200: { type: 'object', properties: { total: { type: 'integer' }, items: { type: 'array', items: summarySchema } } }, 401: errorResponseSchema },
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
        schema: {
          ...common,
          summary: 'Period statistics: counts by status, kind, category, severity and department; overdue, on-time resolution, callbacks and satisfaction.',
          querystring: { type: 'object', additionalProperties: false, properties: { from: epoch, to: epoch } },
          response: {
            200: {
              type: 'object',
              properties: {
                from: { type: 'number' },
                to: { type: 'number' },
                total: { type: 'integer' },
                byStatus: counts,
                byKind: counts,
                byCategory: counts,
                bySeverity: counts,
                byDepartment: counts,
                overdue: { type: 'integer' },
                resolved: { type: 'integer' },
                resolvedOnTime: { type: 'integer' },
                rejected: { type: 'integer' },
                callbacks: { type: 'integer' },
                satisfied: { type: 'integer' },
                satisfactionAverage: { type: ['number', 'null'] },
              },
            },
            401: errorResponseSchema,
          },
        },
      },
      async (request) => {
        const { from, to } = request.query as { from?: number; to?: number };
        return periodStatistics(await index.view(deskOf(request)), from, to, Date.now());
      },
    );
  };
}
