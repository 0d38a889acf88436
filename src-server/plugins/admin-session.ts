import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/types';
import { ADMIN_SESSION_PATH, adminSessionRequestSchema } from '../../src-shared/sync/contract';
import { ApiError, errorResponseSchema } from '../errors';
import { bearerSecurity, deskOf, requireDesk } from '../auth';
import { openAdminSession } from '../admin-sessions';
import type { Throttle } from '../throttle';

// An administrator confirms at a desk (the policy editor's 管理员确认, src-renderer/features/policy-admin)
// and gets a short-lived session for configuration pushes (admin-sessions.ts). The desk token is checked
// first (onRequest, before the body is read); then wrong passphrases are limited per address and per
// staff member, so guessing neither from one desk nor against one administrator from many gets far.

/** `perStaff` limits wrong passphrases against one administrator, `perAddress` those from one address. */
export function adminSessionPlugin(db: Database, throttles: { perStaff: Throttle; perAddress: Throttle }, now: () => number = Date.now) {
  return async function adminSession(app: FastifyInstance): Promise<void> {
    app.addHook('onRequest', requireDesk(db));
    app.post(
      ADMIN_SESSION_PATH,
      {
        schema: {
          tags: ['admin'],
          security: bearerSecurity,
          summary:
            "Open an administrator session at this desk with the administrator's own passphrase (checked here); its token goes in the x-jiesu-admin-session header of config pushes.",
          body: {
            type: 'object',
            additionalProperties: false,
            required: ['staffId', 'secret'],
            properties: { staffId: { type: 'string', pattern: '^[A-Za-z0-9_.:-]{1,64}$' }, secret: { type: 'string', minLength: 1, maxLength: 200 } },
          },
          response: {
            200: {
              type: 'object',
              required: ['token', 'staffId', 'expiresAt'],
              properties: { token: { type: 'string' }, staffId: { type: 'string' }, expiresAt: { type: 'integer' } },
            },
            400: errorResponseSchema,
            401: errorResponseSchema,
            403: errorResponseSchema,
            429: errorResponseSchema,
          },
        },
      },
      async (request, reply) => {
        const desk = deskOf(request);
        const body = adminSessionRequestSchema.safeParse(request.body);
        if (!body.success) throw new ApiError(400, 'badRequest');
        const staffKey = `staff:${desk.orgId}:${body.data.staffId}`;
        // Both count as failed until the passphrase proves right, so parallel guesses meet the limit too.
        const { perStaff, perAddress } = throttles;
        perAddress.check(request, reply, { reserve: true });
        try {
          perStaff.check(request, reply, { reserve: true, key: staffKey });
        } catch (e) {
          perAddress.refund(request.ip);
          throw e;
        }
        const session = await openAdminSession(db, desk, body.data.staffId, body.data.secret, now());
        if (!session) throw new ApiError(403, 'adminSignInFailed');
        perAddress.refund(request.ip);
        perStaff.refund(staffKey);
        return session;
      },
    );
  };
}
