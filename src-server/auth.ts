import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from './db/types';
import { ApiError } from './errors';
import { authenticateAdmin, authenticateDesk } from './orgs';
import { bearerToken } from './tokens';
import type { DeskScope } from './sync/scope';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by requireDesk: the organisation and site scope every query of this request is limited to. */
    desk: DeskScope | null;
  }
}

/** preHandler: a valid, unrevoked desk token, or 401. */
export function requireDesk(db: Database) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const token = bearerToken(request.headers.authorization);
    if (!token) throw new ApiError(401, 'unauthorized');
    const check = await authenticateDesk(db, token);
    if (!check.ok) throw new ApiError(401, check.revoked ? 'tokenRevoked' : 'unauthorized');
    request.desk = check.scope;
  };
}

/** preHandler: a valid administrator token, or 401. */
export function requireAdmin(db: Database) {
  return async (request: FastifyRequest): Promise<void> => {
    const token = bearerToken(request.headers.authorization);
    if (!token || !(await authenticateAdmin(db, token))) throw new ApiError(401, 'adminOnly');
  };
}

export function deskOf(request: FastifyRequest): DeskScope {
  if (!request.desk) throw new ApiError(401, 'unauthorized');
  return request.desk;
}

export const bearerSecurity = [{ bearer: [] as string[] }];
