import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/types';
import { ENROL_PATH, enrolRequestSchema } from '../../src-shared/sync/contract';
import { ApiError, errorResponseSchema } from '../errors';
import { enrolDesk } from '../orgs';
import type { Throttle } from '../throttle';

// A desk joins its organisation with a one-time code from an administrator and receives its token.
// Wrong or malformed codes are counted per address; after too many, every attempt from it is 429 for
// a while (throttle.ts), checked before the body is read.
/** `now` is the server's clock (tests fix it): a re-enrolled desk's last case numbers are those of its days. */
export function enrolmentPlugin(db: Database, throttle: Throttle, now: () => number = Date.now) {
  return async function enrolment(app: FastifyInstance): Promise<void> {
    app.post(
      ENROL_PATH,
      {
        // Every attempt counts as failed until it succeeds, so 150 codes sent at once meet the limit too.
        onRequest: async (request, reply) => throttle.check(request, reply, { reserve: true }),
        onResponse: async (request, reply) => {
          if (reply.statusCode === 200) throttle.refund(request.ip);
        },
        schema: {
          tags: ['enrolment'],
          summary: 'Enrol a desk with a one-time code; returns the desk token (shown once).',
          body: {
            type: 'object',
            additionalProperties: false,
            required: ['code'],
            properties: {
              code: { type: 'string', pattern: '^[A-Z0-9-]{6,40}$' },
              deskName: { type: 'string', minLength: 1, maxLength: 100 },
            },
          },
          response: {
            200: {
              type: 'object',
              required: ['token', 'orgId', 'siteId', 'deskId', 'deskCode'],
              properties: {
                token: { type: 'string' },
                orgId: { type: 'string' },
                siteId: { type: 'string' },
                deskId: { type: 'string' },
                deskCode: { type: 'string' },
                caseNumbers: { type: 'array', items: { type: 'string' } },
              },
            },
            400: errorResponseSchema,
            429: errorResponseSchema,
          },
        },
      },
      async (request) => {
        const body = enrolRequestSchema.safeParse(request.body);
        if (!body.success) throw new ApiError(400, 'badRequest');
        return enrolDesk(db, body.data.code, body.data.deskName, now);
      },
    );
  };
}
