import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database } from '../db/types';
import { ATTACHMENT_LIMITS, isAllowedAttachmentType } from '../../src-shared/domain/attachments';
import { bytesAreOfType } from '../../src-shared/domain/attachment-sniff';
import { ATTACHMENTS_BASE } from '../../src-shared/sync/contract';
import { ApiError, errorResponseSchema } from '../errors';
import { bearerSecurity, deskOf, requireDesk } from '../auth';
import { referencesInScope, type BodyReference, type BodyStore } from '../sync/attachment-store';

// Attachment bodies by SHA-256 (issue 13, docs/architecture.md §Attachments). The server is the authority:
// it hashes what it receives and refuses a mismatch, refuses a body over the size limit or whose bytes are
// not of the type its attachment event declares (magic numbers, never the Content-Type header), and
// accepts or serves a body only when an attachment event of a case the desk may pull names it. The desk
// token and that reference are checked in onRequest hooks, before up to 20 MB of body is read. All of it
// happens here, above the body store (the database or an S3-compatible bucket, sync/attachment-store.ts),
// so each store only ever sees bodies that passed every check.

const HASH = /^[0-9a-f]{64}$/;
const route = `${ATTACHMENTS_BASE}/:hash`;
const params = {
  type: 'object',
  required: ['hash'],
  properties: { hash: { type: 'string', pattern: HASH.source, description: 'SHA-256 of the body, 64 lower-case hex digits.' } },
} as const;
const tags = ['attachments'];

/** The references found by the onRequest check, for the handler (no second query). */
const referencesOf = new WeakMap<FastifyRequest, BodyReference[]>();

/** onRequest, after requireDesk: a well-formed hash that an attachment event in the desk's scope names, or 400/404. */
function requireReference(db: Database) {
  return async (request: FastifyRequest): Promise<void> => {
    const hash = (request.params as { hash?: unknown }).hash;
    if (typeof hash !== 'string' || !HASH.test(hash)) throw new ApiError(400, 'attachmentHashInvalid');
    const refs = await referencesInScope(db, deskOf(request), hash);
    // The same answer whether no event names the hash or one does on a case this desk may not see:
    // another site's or organisation's files are not even confirmed to exist.
    if (refs.length === 0) throw new ApiError(404, 'attachmentUnknown');
    referencesOf.set(request, refs);
  };
}

export function attachmentsPlugin(db: Database, bodies: BodyStore, now: () => number = Date.now) {
  return async function attachments(app: FastifyInstance): Promise<void> {
    app.addHook('onRequest', requireDesk(db));
    app.addHook('onRequest', requireReference(db));
    // Bodies arrive as raw bytes; only this plugin (encapsulated) parses them, up to the attachment limit.
    app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: ATTACHMENT_LIMITS.maxBytes }, (_request, body, done) =>
      done(null, body),
    );

    app.put(
      route,
      {
        bodyLimit: ATTACHMENT_LIMITS.maxBytes,
        schema: {
          tags,
          security: bearerSecurity,
          summary: 'Upload an attachment body under its SHA-256; a repeated upload of a stored body changes nothing.',
          params,
          consumes: ['application/octet-stream'],
          response: {
            200: { description: 'The body was stored already.', ...uploadResponse },
            201: { description: 'The body is stored.', ...uploadResponse },
            400: errorResponseSchema,
            401: errorResponseSchema,
            404: errorResponseSchema,
            413: errorResponseSchema,
            415: errorResponseSchema,
          },
        },
      },
      async (request, reply) => {
        const { hash } = request.params as { hash: string };
        const bytes = request.body;
        if (!Buffer.isBuffer(bytes) || bytes.length === 0) throw new ApiError(400, 'attachmentHashMismatch');
        if (createHash('sha256').update(bytes).digest('hex') !== hash) throw new ApiError(400, 'attachmentHashMismatch');
        const refs = referencesOf.get(request) ?? [];
        const typed = refs.filter((r) => isAllowedAttachmentType(r.type) && bytesAreOfType(r.type, bytes));
        if (typed.length === 0) throw new ApiError(415, 'attachmentTypeRefused');
        const ref = typed.find((r) => r.size === bytes.length);
        if (!ref) throw new ApiError(400, 'attachmentSizeMismatch');
        const stored = await bodies.put(deskOf(request), hash, ref.type, bytes, now());
        return reply.status(stored ? 201 : 200).send({ hash, size: bytes.length, type: ref.type, stored });
      },
    );

    app.get(
      route,
      {
        exposeHeadRoute: false,
        schema: {
          tags,
          security: bearerSecurity,
          summary: 'Download an attachment body of a case this desk may see.',
          params,
          produces: ['application/octet-stream'],
          response: { 400: errorResponseSchema, 401: errorResponseSchema, 404: errorResponseSchema },
        },
      },
      async (request, reply) => {
        const { hash } = request.params as { hash: string };
        const body = await bodies.get(deskOf(request).orgId, hash);
        if (!body) throw new ApiError(404, 'attachmentNotUploaded');
        return (
          reply
            .type(body.type)
            // The desk reads the bytes through fetch; a browser opening the URL must neither sniff nor render it.
            .header('x-content-type-options', 'nosniff')
            .header('content-disposition', 'attachment')
            .header('cache-control', 'private, max-age=31536000, immutable')
            .send(Buffer.from(body.bytes.buffer, body.bytes.byteOffset, body.bytes.byteLength))
        );
      },
    );

    app.head(
      route,
      {
        // @fastify/swagger leaves HEAD routes out unless asked: this one is the desk's own question.
        config: { swagger: { exposeHeadRoute: true } },
        schema: {
          tags,
          security: bearerSecurity,
          summary: 'Whether the server holds this body (200) or not yet (404): the desk asks before uploading.',
          params,
          response: { 200: { type: 'null' }, 400: errorResponseSchema, 401: errorResponseSchema, 404: errorResponseSchema },
        },
      },
      async (request, reply) => {
        const { hash } = request.params as { hash: string };
        if (!(await bodies.has(deskOf(request).orgId, hash))) throw new ApiError(404, 'attachmentNotUploaded');
        return reply.status(200).send();
      },
    );
  };
}

const uploadResponse = {
  type: 'object',
  required: ['hash', 'size', 'type', 'stored'],
  properties: { hash: { type: 'string' }, size: { type: 'integer' }, type: { type: 'string' }, stored: { type: 'boolean' } },
} as const;
