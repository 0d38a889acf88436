import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { Database } from './db/types';
import { ApiError, errorBody } from './errors';
import { ChangeHub } from './sync/hub';
import { enrolmentPlugin } from './plugins/enrolment';
import { syncPlugin, type SyncOptions } from './plugins/sync';
import { adminPlugin } from './plugins/admin';
import { adminSessionPlugin } from './plugins/admin-session';
import { reportsPlugin } from './plugins/reports';
import { attachmentsPlugin } from './plugins/attachments';
import { databaseBodyStore, type BodyStore } from './sync/attachment-store';
import { ATTACHMENTS_BASE } from '../src-shared/sync/contract';
import { defaultPresets, type PresetLookup } from './presets';
import { allowCrossOrigin } from './cors';
import { REDACT_PATHS, serializeRequest } from './log-redaction';
import type { Keyring } from './confidential/keyring';
import { ADMIN_SIGNIN_LIMITS, AUTH_LIMITS, ENROL_LIMITS, Throttle } from './throttle';

// The Fastify application: one plugin per feature, every route declaring its JSON schema, and the
// OpenAPI document built from those declarations at /docs (UI) and /docs/json.

/** Large enough for a batch with signature images, small enough that a hostile body cannot hurt. */
export const BODY_LIMIT = 8 * 1024 * 1024;

export interface AppOptions {
  db: Database;
  logger?: FastifyServerOptions['logger'];
  presets?: PresetLookup;
  /** Opens the organisations' data keys: confidential identity is stored encrypted (confidential/). */
  keyring: Keyring;
  /** Authorisation of pushed events: the clock and skew (tests fix them); `authorise: false` only for benches. */
  sync?: SyncOptions;
  /** Where attachment bodies are kept: the database (default) or an S3-compatible bucket (server.ts opens it). */
  bodies?: BodyStore;
}

export interface JiesuApp {
  app: FastifyInstance;
  hub: ChangeHub;
}

export async function buildApp(opts: AppOptions): Promise<JiesuApp> {
  const hygiene = { redact: REDACT_PATHS, serializers: { req: serializeRequest } };
  const logger = opts.logger === undefined || opts.logger === false ? false : opts.logger === true ? hygiene : { ...opts.logger, ...hygiene };
  const app = Fastify({
    logger,
    bodyLimit: BODY_LIMIT,
    // Prototype-pollution keys in a JSON body are refused outright (400), never parsed.
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    forceCloseConnections: true,
  });
  app.decorateRequest('desk', null);
  app.decorate('authThrottle', new Throttle(AUTH_LIMITS));
  allowCrossOrigin(app);

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string; validation?: unknown }, request, reply) => {
    if (error instanceof ApiError) return reply.status(error.statusCode).send(errorBody(error.statusCode, error.code, error.details));
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
      return reply.status(413).send(errorBody(413, request.url.startsWith(ATTACHMENTS_BASE) ? 'attachmentTooLarge' : 'bodyTooLarge'));
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) return reply.status(status).send(errorBody(status, 'badRequest'));
    request.log.error({ err: { message: error.message, stack: error.stack } }, 'request failed');
    return reply.status(500).send(errorBody(500, 'internal'));
  });
  app.setNotFoundHandler((_request, reply) => reply.status(404).send(errorBody(404, 'notFound')));

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Jiesu 接诉台 server',
        version: '1',
        description: 'Desk enrolment, RxDB replication (pull / push / SSE stream), attachment bodies, case reports and administration.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  const hub = new ChangeHub(opts.db);
  await hub.start();
  app.addHook('preClose', async () => hub.stop());

  app.get(
    '/healthz',
    { schema: { tags: ['health'], response: { 200: { type: 'object', properties: { ok: { type: 'boolean' }, db: { type: 'string' } } } } } },
    async () => {
      await opts.db.query('select 1');
      return { ok: true, db: opts.db.kind };
    },
  );
  await app.register(enrolmentPlugin(opts.db, new Throttle(ENROL_LIMITS), opts.sync?.now));
  await app.register(syncPlugin(opts.db, hub, opts.keyring, opts.sync));
  await app.register(adminSessionPlugin(opts.db, { perStaff: new Throttle(ADMIN_SIGNIN_LIMITS), perAddress: new Throttle(AUTH_LIMITS) }, opts.sync?.now));
  await app.register(attachmentsPlugin(opts.db, opts.bodies ?? databaseBodyStore(opts.db), opts.sync?.now));
  await app.register(reportsPlugin(opts.db));
  await app.register(adminPlugin(opts.db, opts.presets ?? defaultPresets));
  return { app, hub };
}
