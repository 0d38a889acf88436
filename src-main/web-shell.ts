import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { bridgeError, type BridgeError, type BridgeHandlers } from '../src-shared/bridge';
import { BRIDGE_EVENTS_PATH, BRIDGE_HTTP_PREFIX, type HostEvent } from '../src-shared/bridge-http-client';
import { ATTACHMENT_LIMITS } from '../src-shared/domain/attachments';
import { messageFor, type MessageCode } from '../src-shared/i18n/validation';
import { securityHeaders } from './csp';
import { dispatchBridgeCall, type DispatchLog } from './dispatch';
import { resolveRendererFile } from './renderer-files';

// The browser shell (issue 3 item 8, issue 6): the built renderer served on 127.0.0.1 with the desk's CSP,
// the bridge at POST /bridge/:channel answered by the same handler functions Electron registers, and
// host→page events as server-sent events. Other web sites the clerk visits must not drive the desk, so a
// request is refused unless its Host is this shell (DNS rebinding) and, for calls, its Origin is too.
// Sync requests go to /sync/<profile>/api/… and are relayed to the desk's server with the desk token the
// host holds (desk-link.ts), so the page never sees the token; they too must come from the desk's own page.
// Attachment bodies go the same way (issue 13): PUT with the raw bytes (application/octet-stream, at most
// the server's 20 MB, refused here before the server is asked) and HEAD to ask whether the server has one.

/** Where the page's sync requests for a desk profile go: `/sync/<profile>/api/v1/…`. */
export const SYNC_RELAY_PREFIX = '/sync/';

export interface WebShellOptions {
  rendererDir: string;
  handlers: BridgeHandlers;
  /** Relays a desk profile's sync request to its server with the desk token (desk-link.ts `relay`). */
  relay?: (profile: string, path: string, request: Request) => Promise<Response>;
  /** 0 picks a free port. */
  port?: number;
  /** The sync server the page may connect to (added to connect-src). */
  connectOrigins?: () => readonly string[];
  /** Largest accepted bridge request; a backup of a large desk is the biggest. */
  maxBodyBytes?: number;
  log?: DispatchLog & { warn(...d: unknown[]): void; info(...d: unknown[]): void };
  /** Called when a page opens its host-events stream, i.e. when a page is there to be asked (scheduled backups). */
  onPageListening?: () => void;
}

export interface WebShell {
  url: string;
  port: number;
  emit(event: HostEvent, payload: unknown): void;
  close(): Promise<void>;
}

const LOOPBACK = '127.0.0.1';

function transportError(code: MessageCode, detail?: object): { ok: false; error: BridgeError } {
  return { ok: false, error: bridgeError(code, detail) };
}

export async function startWebShell(options: WebShellOptions): Promise<WebShell> {
  const maxBody = options.maxBodyBytes ?? 1024 * 1024 * 1024;
  const streams = new Set<ServerResponse>();
  let port = 0;
  const allowedHosts = () => [`${LOOPBACK}:${port}`, `localhost:${port}`];
  const headers = () => securityHeaders({ connectOrigins: options.connectOrigins?.() ?? [] });

  const sendJson = (res: ServerResponse, status: number, body: unknown) => {
    const text = JSON.stringify(body);
    res.writeHead(status, { ...headers(), 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(text);
  };

  /** The request's bytes, or undefined once they pass `limit` (the connection is then dropped). */
  const readBody = (req: IncomingMessage, limit = maxBody): Promise<Buffer | undefined> =>
    new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size > limit) {
          resolve(undefined);
          req.destroy();
          return;
        }
        chunks.push(c);
      });
      req.on('end', () => resolve(Buffer.concat(chunks)));
      req.on('error', reject);
    });

  async function handleBridge(req: IncomingMessage, res: ServerResponse, channel: string) {
    const origin = req.headers.origin;
    if (!origin || !allowedHosts().some((h) => origin === `http://${h}`)) {
      options.log?.warn(`browser shell refused a bridge call from origin ${String(origin).slice(0, 100)}`);
      sendJson(res, 403, transportError('bridge.origin'));
      return;
    }
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      sendJson(res, 415, transportError('bridge.contentType'));
      return;
    }
    const bytes = await readBody(req);
    if (bytes === undefined) {
      sendJson(res, 413, transportError('bridge.tooLarge'));
      return;
    }
    let input: unknown;
    try {
      input = JSON.parse(bytes.toString('utf8'));
    } catch {
      sendJson(res, 400, transportError('bridge.json'));
      return;
    }
    sendJson(res, 200, await dispatchBridgeCall(options.handlers, channel, input, options.log));
  }

  /**
   * The relay carries the desk's credential, so only the desk's own page may use it: another site's page (a
   * form post, an <img>, a no-cors fetch) arrives with its own Origin or as cross-site in Sec-Fetch-Site.
   */
  const fromOwnPage = (req: IncomingMessage): boolean => {
    const origin = req.headers.origin;
    if (origin !== undefined) return allowedHosts().some((h) => origin === `http://${h}`);
    return req.headers['sec-fetch-site'] === 'same-origin';
  };

  /** The server's own refusal of an oversized attachment (src-server/errors.ts attachmentTooLarge), so the desk shows one message. */
  function tooLargeUpload(res: ServerResponse): void {
    res.setHeader('Connection', 'close');
    sendJson(res, 413, { error: 'attachmentTooLarge', messages: messageFor('api.attachmentTooLarge', '') });
  }

  async function handleRelay(req: IncomingMessage, res: ServerResponse, rest: string) {
    const relay = options.relay;
    const slash = rest.indexOf('/');
    const profile = slash > 0 ? rest.slice(0, slash) : '';
    if (!relay || !/^[A-Za-z0-9_.-]{1,80}$/.test(profile)) {
      res.writeHead(404).end();
      return;
    }
    if (!fromOwnPage(req)) {
      options.log?.warn(`browser shell refused a sync request from origin ${String(req.headers.origin).slice(0, 100)}`);
      sendJson(res, 403, transportError('bridge.origin'));
      return;
    }
    const hasBody = req.method === 'POST' || req.method === 'PUT';
    // A PUT carries an attachment body: raw bytes, no larger than the server takes (it would answer 413
    // after the whole upload crossed the network; a declared length over the limit is refused unread).
    if (req.method === 'PUT') {
      if (!(req.headers['content-type'] ?? '').startsWith('application/octet-stream')) {
        sendJson(res, 415, transportError('bridge.contentType', { upload: true }));
        return;
      }
      if (Number(req.headers['content-length'] ?? 0) > ATTACHMENT_LIMITS.maxBytes) return tooLargeUpload(res);
    }
    const body = hasBody ? await readBody(req, req.method === 'PUT' ? ATTACHMENT_LIMITS.maxBytes : maxBody) : undefined;
    if (hasBody && body === undefined) {
      if (req.method === 'PUT') return tooLargeUpload(res);
      sendJson(res, 413, transportError('bridge.tooLarge'));
      return;
    }
    // A closed page (or an ended change stream) ends the upstream request too.
    const aborted = new AbortController();
    res.on('close', () => aborted.abort());
    const forwarded = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') forwarded.set(name, value);
    const query = (req.url ?? '').includes('?') ? (req.url ?? '').slice((req.url ?? '').indexOf('?')) : '';
    let upstream: Response;
    try {
      const request = new Request(`http://${LOOPBACK}:${port}${req.url ?? '/'}`, {
        method: req.method ?? 'GET',
        headers: forwarded,
        ...(hasBody && body ? { body: new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.byteLength) } : {}),
        signal: aborted.signal,
      });
      upstream = await relay(profile, rest.slice(slash) + query, request);
    } catch {
      // The server cannot be reached: drop the connection, so the page's fetch fails as it would offline.
      res.destroy();
      return;
    }
    res.writeHead(upstream.status, { ...headers(), ...Object.fromEntries(upstream.headers) });
    if (!upstream.body) return void res.end();
    Readable.fromWeb(upstream.body as WebReadableStream<Uint8Array>)
      .on('error', () => res.destroy())
      .pipe(res);
  }

  function handleEvents(req: IncomingMessage, res: ServerResponse) {
    const site = req.headers['sec-fetch-site'];
    if ((req.headers.origin && !allowedHosts().some((h) => req.headers.origin === `http://${h}`)) || (site && site !== 'same-origin')) {
      res.writeHead(403).end();
      return;
    }
    res.writeHead(200, { ...headers(), 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write(': jiesu host events\n\n');
    streams.add(res);
    req.on('close', () => streams.delete(res));
    options.onPageListening?.();
  }

  function handleStatic(req: IncomingMessage, res: ServerResponse, path: string) {
    const found = resolveRendererFile(options.rendererDir, path);
    if ('missing' in found) {
      res.writeHead(404, { ...headers(), 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('未找到 Not found');
      return;
    }
    const immutable = path.startsWith('/assets/');
    res.writeHead(200, { ...headers(), 'Content-Type': found.type, 'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache' });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(found.file).pipe(res);
  }

  const server = createServer((req, res) => {
    const host = req.headers.host ?? '';
    if (!allowedHosts().includes(host)) {
      // A page on another site that rebinds its DNS name to 127.0.0.1 arrives with its own Host.
      res.writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Misdirected request');
      return;
    }
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path.startsWith(BRIDGE_HTTP_PREFIX)) {
      if (req.method !== 'POST') {
        res.writeHead(405, { Allow: 'POST' }).end();
        return;
      }
      handleBridge(req, res, decodeURIComponent(path.slice(BRIDGE_HTTP_PREFIX.length))).catch((err: unknown) => {
        options.log?.error('browser shell bridge failure', err);
        if (!res.headersSent) sendJson(res, 500, transportError('host.internal'));
      });
      return;
    }
    if (path.startsWith(SYNC_RELAY_PREFIX) && ['GET', 'HEAD', 'POST', 'PUT'].includes(req.method ?? '')) {
      handleRelay(req, res, path.slice(SYNC_RELAY_PREFIX.length)).catch((err: unknown) => {
        options.log?.error('browser shell sync relay failure', err);
        if (!res.headersSent) sendJson(res, 500, transportError('host.internal'));
        else res.destroy();
      });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    if (path === BRIDGE_EVENTS_PATH) handleEvents(req, res);
    else handleStatic(req, res, path);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, LOOPBACK, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const keepAlive = setInterval(() => {
    for (const s of streams) s.write(': keep-alive\n\n');
  }, 25_000);
  keepAlive.unref();

  return {
    url: `http://${LOOPBACK}:${port}`,
    port,
    emit(event, payload) {
      const data = JSON.stringify(payload ?? null);
      for (const s of streams) s.write(`event: ${event}\ndata: ${data}\n\n`);
    },
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(keepAlive);
        for (const s of streams) s.end();
        streams.clear();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
