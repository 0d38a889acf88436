import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from './db/types';
import { ApiError } from './errors';
import { authenticateAdmin, authenticateDesk } from './orgs';
import { bearerToken } from './tokens';
import type { DeskScope } from './sync/scope';
import type { Throttle } from './throttle';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by requireDesk: the organisation and site scope every query of this request is limited to. */
    desk: DeskScope | null;
  }
  interface FastifyInstance {
    /** Failed authentications per client address (app.ts); see throttle.ts. */
    authThrottle: Throttle;
  }
}

// Both checks are onRequest hooks, so a request without a valid token is refused before its body is
// read, parsed or validated (issue 10 item 6): an anonymous 8 MB body costs the server nothing.

/** onRequest: a valid, unrevoked desk token, or 401 (429 after too many failures from the address). */
export function requireDesk(db: Database) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const throttle = request.server.authThrottle;
    throttle.check(request, reply);
    const token = bearerToken(request.headers.authorization);
    const check = token ? await authenticateDesk(db, token) : undefined;
    if (check?.ok) {
      request.desk = check.scope;
      return;
    }
    // A revoked token is genuine, not a guess: its desk keeps retrying and must keep hearing why.
    if (!check?.revoked) throttle.fail(request.ip);
    throw new ApiError(401, check?.revoked ? 'tokenRevoked' : 'unauthorized');
  };
}

/** onRequest: a valid administrator token, or 401 (429 after too many failures from the address). */
export function requireAdmin(db: Database) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const throttle = request.server.authThrottle;
    throttle.check(request, reply);
    const token = bearerToken(request.headers.authorization);
    if (token && (await authenticateAdmin(db, token))) return;
    throttle.fail(request.ip);
    throw new ApiError(401, 'adminOnly');
  };
}

export function deskOf(request: FastifyRequest): DeskScope {
  if (!request.desk) throw new ApiError(401, 'unauthorized');
  return request.desk;
}

export const bearerSecurity = [{ bearer: [] as string[] }];
