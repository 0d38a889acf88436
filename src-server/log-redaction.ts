import type { FastifyRequest } from 'fastify';

// No secret from any source reaches the server log (issue 10 item 6). Headers are never logged (the
// request serializer below omits them, and REDACT_PATHS covers anything that logs them explicitly);
// the URL is the remaining way in: a desk or a script may put a token in the query string or, by
// mistake, in the path. Query values are kept only when they are plain numbers (checkpoints, limits,
// date ranges), which can never be a secret; every token- or code-shaped string in the path is masked.

/** Pino paths that can carry a secret; tokens and codes must never reach a log. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers["x-jiesu-admin-session"]',
  'req.headers.cookie',
  'headers.authorization',
  'authorization',
  'token',
  'code',
  'secret',
];

const MASK = '[redacted]';
/** Desk, admin and administrator-session tokens (tokens.ts, admin-sessions.ts) and enrolment codes like K7QM-3XWA-PZ9D. */
const SECRET_SHAPES = /js[ads]_[A-Za-z0-9_-]{8,}|\b[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}\b/g;
const NUMBER = /^-?\d{1,20}$/;

export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  const path = (q < 0 ? url : url.slice(0, q)).replace(SECRET_SHAPES, MASK);
  if (q < 0) return path;
  const query = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return pair.replace(SECRET_SHAPES, MASK);
      const key = pair.slice(0, eq).replace(SECRET_SHAPES, MASK);
      return NUMBER.test(pair.slice(eq + 1)) ? pair : `${key}=${MASK}`;
    })
    .join('&');
  return `${path}?${query}`;
}

/** Fastify's default request serializer, with the URL redacted. */
export function serializeRequest(request: FastifyRequest) {
  return {
    method: request.method,
    url: redactUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}
