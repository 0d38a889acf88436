import type { FastifyInstance } from 'fastify';

// Desks call the server from another origin (the Electron renderer, the browser shell on its own port).
// Authentication is a bearer token, never a cookie, so any origin may call; credentials are not allowed.
export const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'authorization, content-type, x-jiesu-admin-session',
  'access-control-allow-methods': 'GET, HEAD, POST, PUT, OPTIONS',
  'access-control-max-age': '600',
} as const;

export function allowCrossOrigin(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    if (!request.headers.origin) return;
    reply.headers(CORS_HEADERS);
    if (request.method === 'OPTIONS') return reply.status(204).send();
  });
}
