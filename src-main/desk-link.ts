import { z } from 'zod';
import type { BridgeHandlers, BridgeInput, BridgeOutputs } from '../src-shared/bridge';
import { ADMIN_SESSION_HEADER, ENROL_PATH, type EnrolResponse } from '../src-shared/sync/contract';
import { messageFor } from '../src-shared/i18n/validation';
import { HostError } from './host-error';
import type { SecretStore } from './secret-store';

// The desk's link to its central server, held by the host (issue 10 item 5, docs/decisions.md "The desk
// token stays with the host"): enrolment happens here, the desk token goes to the SecretStore (safeStorage
// in Electron) and is never handed to the page. The page learns only where to send its sync requests; the
// host adds the token on the way — Electron's main process in `session.webRequest` (`authorizationFor`),
// the browser shell by relaying `/sync/<profile>/…` to the server (`relay`). A browser shell can hold
// several desk profiles (`?desk=`, src-renderer/data/desk-profile.ts), so every link is kept per profile.

export const PROFILE_PATTERN = /^[A-Za-z0-9_.-]{1,80}$/;
/** The one profile an Electron desk has; its requests are the ones `authorizationFor` signs. */
export const DEFAULT_PROFILE = 'default';

interface Link {
  serverUrl: string;
  token: string;
}

const linksSchema = z.record(z.string().regex(PROFILE_PATTERN), z.object({ serverUrl: z.string().max(500), token: z.string().min(1).max(500) }));

/** Request headers the relay passes on to the server; everything else (cookies, the page's own Authorization) stays behind. */
const RELAYED_REQUEST_HEADERS = ['content-type', 'accept', ADMIN_SESSION_HEADER] as const;
/** The server's API the desk token is for: enrolment and admin sessions under /api/v1, replication under /sync/v1 (src-shared/sync/contract.ts). */
const SERVER_API = /^\/(api|sync)\/v1\/[A-Za-z0-9/_-]*(\?[^#]*)?$/;
const RELAYED_RESPONSE_HEADERS = ['content-type', 'cache-control', 'retry-after'] as const;

export interface DeskLinksOptions {
  secrets: SecretStore;
  /** Where the page sends a profile's sync requests: the server itself (Electron) or the shell's relay. */
  syncUrl(profile: string, serverUrl: string): string;
  fetch?: typeof fetch;
}

export interface DeskLinks {
  enrol(input: BridgeInput<'sync.enrol'>): Promise<BridgeOutputs['sync.enrol']>;
  /** Takes over a token an older desk kept in its page store (the page deletes its copy once this answers). */
  adopt(input: BridgeInput<'sync.adopt'>): BridgeOutputs['sync.link'];
  link(profile: string): BridgeOutputs['sync.link'];
  /** The Authorization header for a request of the default profile to its server's API, else undefined. */
  authorizationFor(url: string): string | undefined;
  /** Forwards one sync request of `profile` (`path`: /api/v1/… or /sync/v1/…) to its server with the desk token. */
  relay(profile: string, path: string, request: Request): Promise<Response>;
  /** For tests that play a hostile desk with this desk's own credential. */
  token(profile: string): string | undefined;
}

function baseUrl(serverUrl: string): string {
  return serverUrl.replace(/\/+$/, '');
}

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8' } });
}

export function createDeskLinks(options: DeskLinksOptions): DeskLinks {
  const fetchImpl = options.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
  const read = (): Record<string, Link> => {
    const raw = options.secrets.get('deskLinks');
    if (!raw) return {};
    try {
      const parsed = linksSchema.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : {};
    } catch {
      return {};
    }
  };
  const save = (profile: string, link: Link) => options.secrets.set('deskLinks', JSON.stringify({ ...read(), [profile]: link }));
  const answer = (profile: string, link: Link | undefined): BridgeOutputs['sync.link'] =>
    link ? { serverUrl: link.serverUrl, syncUrl: options.syncUrl(profile, link.serverUrl) } : null;

  return {
    async enrol(input) {
      const serverUrl = baseUrl(input.serverUrl);
      let res: Response;
      try {
        res = await fetchImpl(serverUrl + ENROL_PATH, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ code: input.code.trim().toUpperCase(), ...(input.deskName ? { deskName: input.deskName } : {}) }),
        });
      } catch {
        throw new HostError('offline');
      }
      if (!res.ok) {
        const body = (await res.json().catch(() => ({}))) as { error?: string; messages?: { 'zh-CN': string; en: string } };
        // The server says why in its own words: relay them.
        if (body.messages) throw HostError.from({ code: body.error ?? `http${res.status}`, message: body.messages });
        throw new HostError('http', { status: res.status });
      }
      const { token, ...enrolled } = (await res.json()) as EnrolResponse;
      save(input.profile, { serverUrl, token });
      return { ...enrolled, serverUrl, syncUrl: options.syncUrl(input.profile, serverUrl) };
    },
    adopt(input) {
      const link = { serverUrl: baseUrl(input.serverUrl), token: input.token };
      save(input.profile, link);
      return answer(input.profile, link);
    },
    link: (profile) => answer(profile, read()[profile]),
    authorizationFor(url) {
      const link = read()[DEFAULT_PROFILE];
      if (!link) return undefined;
      let target: URL;
      try {
        target = new URL(url);
      } catch {
        return undefined;
      }
      // Only the desk's own server, and only its API: the token never goes to another origin.
      return target.origin === new URL(link.serverUrl).origin && SERVER_API.test(target.pathname) ? `Bearer ${link.token}` : undefined;
    },
    async relay(profile, path, request) {
      const link = read()[profile];
      if (!link) {
        return jsonResponse(401, { error: 'notJoined', messages: messageFor('relay.notJoined', '') });
      }
      if (!SERVER_API.test(path)) {
        return jsonResponse(404, { error: 'notRelayed', messages: messageFor('relay.notRelayed', '') });
      }
      const headers = new Headers();
      for (const name of RELAYED_REQUEST_HEADERS) {
        const value = request.headers.get(name);
        if (value !== null) headers.set(name, value);
      }
      headers.set('authorization', `Bearer ${link.token}`);
      const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
      // A failure to reach the server rejects, as the page's own fetch would: the shell drops the connection.
      const upstream = await fetchImpl(link.serverUrl + path, {
        method: request.method,
        headers,
        ...(hasBody ? { body: await request.arrayBuffer() } : {}),
        signal: request.signal,
        redirect: 'manual',
      });
      const out = new Headers();
      for (const name of RELAYED_RESPONSE_HEADERS) {
        const value = upstream.headers.get(name);
        if (value !== null) out.set(name, value);
      }
      return new Response(upstream.body, { status: upstream.status, headers: out });
    },
    token: (profile) => read()[profile]?.token,
  };
}

/**
 * Electron's `session.webRequest.onBeforeSendHeaders` body: the page's request headers, with the desk token
 * added when the request goes to the desk's server's API (src-main/index.ts).
 */
export function signedRequestHeaders(links: DeskLinks, url: string, headers: Record<string, string>): Record<string, string> {
  const authorization = links.authorizationFor(url);
  if (!authorization) return headers;
  const rest = Object.fromEntries(Object.entries(headers).filter(([name]) => name.toLowerCase() !== 'authorization'));
  return { ...rest, Authorization: authorization };
}

/** The bridge channels of the desk's link, registered by both hosts (handlers.ts). */
export function deskLinkHandlers(links: DeskLinks): Pick<BridgeHandlers, 'sync.enrol' | 'sync.adopt' | 'sync.link'> {
  return {
    'sync.enrol': (input) => links.enrol(input),
    'sync.adopt': async (input) => links.adopt(input),
    'sync.link': async (input) => links.link(input.profile),
  };
}
