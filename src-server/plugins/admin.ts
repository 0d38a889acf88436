import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/types';
import { ApiError, errorResponseSchema } from '../errors';
import { requireAdmin, bearerSecurity } from '../auth';
import { createOrganisation, issueEnrolmentCode, listDesks, revokeDesk } from '../orgs';
import type { PresetLookup } from '../presets';

// Administration over HTTP with an administrator token (created by `npm run server -- admin create-admin-token`).
// The same operations are available offline through the CLI (cli.ts).

const idParam = { type: 'string', pattern: '^[A-Za-z0-9_.:-]{1,64}$' } as const;

export function adminPlugin(db: Database, presets: PresetLookup) {
  return async function admin(app: FastifyInstance): Promise<void> {
    app.addHook('onRequest', requireAdmin(db));
    const common = { tags: ['admin'], security: bearerSecurity };

    app.post(
      '/api/v1/admin/orgs',
      {
        schema: {
          ...common,
          summary: 'Create an organisation from a preset, with its sites and staff.',
          body: {
            type: 'object',
            additionalProperties: false,
            required: ['name', 'presetId', 'sites'],
            properties: {
              name: { type: 'string', minLength: 1, maxLength: 200 },
              presetId: idParam,
              sites: { type: 'array', minItems: 1, maxItems: 50, items: { type: 'string', minLength: 1, maxLength: 200 } },
              staff: {
                type: 'array',
                maxItems: 500,
                items: {
                  type: 'object',
                  additionalProperties: false,
                  required: ['name', 'roles'],
                  properties: {
                    name: { type: 'string', minLength: 1, maxLength: 200 },
                    roles: { type: 'array', minItems: 1, maxItems: 20, items: idParam },
                    departmentId: idParam,
                    pin: { type: 'string', pattern: '^[0-9]{4,8}$' },
                  },
                },
              },
            },
          },
          response: {
            200: {
              type: 'object',
              properties: {
                orgId: { type: 'string' },
                siteIds: { type: 'array', items: { type: 'string' } },
                staffIds: { type: 'array', items: { type: 'string' } },
                policyId: { type: 'string' },
              },
            },
            400: errorResponseSchema,
            401: errorResponseSchema,
          },
        },
      },
      async (request) => {
        const body = request.body as {
          name: string;
          presetId: string;
          sites: string[];
          staff?: { name: string; roles: string[]; departmentId?: string; pin?: string }[];
        };
        const policy = presets(body.presetId);
        if (!policy) throw new ApiError(400, 'presetUnknown');
        return createOrganisation(db, { name: body.name, policy, sites: body.sites.map((name) => ({ name })), staff: body.staff ?? [] });
      },
    );

    app.post(
      '/api/v1/admin/orgs/:orgId/enrolment-codes',
      {
        schema: {
          ...common,
          summary: 'Issue a one-time enrolment code for a new desk (shown once; only its hash is kept).',
          params: { type: 'object', properties: { orgId: idParam }, required: ['orgId'] },
          body: {
            type: 'object',
            additionalProperties: false,
            properties: {
              siteId: idParam,
              scope: { type: 'string', enum: ['site', 'org'] },
              deskCode: { type: 'string', pattern: '^[A-Z0-9]{2,6}$' },
              deskName: { type: 'string', minLength: 1, maxLength: 100 },
              reenrolDeskCode: { type: 'string', pattern: '^[A-Z0-9]{2,12}$' },
              validHours: { type: 'integer', minimum: 1, maximum: 24 * 90 },
            },
          },
          response: {
            200: { type: 'object', properties: { code: { type: 'string' }, expiresAt: { type: 'integer' }, siteId: { type: 'string' } } },
            401: errorResponseSchema,
            404: errorResponseSchema,
          },
        },
      },
      async (request) => {
        const { orgId } = request.params as { orgId: string };
        const body = (request.body ?? {}) as {
          siteId?: string;
          scope?: 'site' | 'org';
          deskCode?: string;
          deskName?: string;
          reenrolDeskCode?: string;
          validHours?: number;
        };
        return issueEnrolmentCode(db, { orgId, ...body });
      },
    );

    app.get(
      '/api/v1/admin/orgs/:orgId/desks',
      {
        schema: {
          ...common,
          summary: 'List the desks of an organisation.',
          params: { type: 'object', properties: { orgId: idParam }, required: ['orgId'] },
          response: {
            200: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  id: { type: 'string' },
                  siteId: { type: 'string' },
                  code: { type: 'string' },
                  name: { type: 'string' },
                  revoked: { type: 'boolean' },
                },
              },
            },
            401: errorResponseSchema,
          },
        },
      },
      async (request) => listDesks(db, (request.params as { orgId: string }).orgId),
    );

    app.post(
      '/api/v1/admin/orgs/:orgId/desks/:deskId/revoke',
      {
        schema: {
          ...common,
          summary: "Revoke a desk's tokens; its next request is refused.",
          params: { type: 'object', properties: { orgId: idParam, deskId: idParam }, required: ['orgId', 'deskId'] },
          response: { 200: { type: 'object', properties: { revoked: { type: 'integer' } } }, 401: errorResponseSchema, 404: errorResponseSchema },
        },
      },
      async (request) => {
        const { orgId, deskId } = request.params as { orgId: string; deskId: string };
        const revoked = await revokeDesk(db, orgId, deskId);
        if (revoked === 0) throw new ApiError(404, 'notFound');
        return { revoked };
      },
    );
  };
}
