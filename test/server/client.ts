import {
  ADMIN_SESSION_HEADER,
  ADMIN_SESSION_PATH,
  ENROL_PATH,
  attachmentPath,
  pullPath,
  pushPath,
  type AdminSessionResponse,
  type EnrolResponse,
  type ReplicatedCollection,
} from '../../src-shared/sync/contract';

// A thin client of the replication protocol for tests and benches: plain fetch, no RxDB, so tests can
// send exactly what they mean (duplicates, reordering, hostile bodies) and read exactly what is stored.

export interface HttpResult<T = unknown> {
  status: number;
  body: T;
}

export async function http<T = unknown>(
  baseUrl: string,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<HttpResult<T>> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body: string | undefined;
  if (opts.rawBody !== undefined) body = opts.rawBody;
  else if (opts.body !== undefined) body = JSON.stringify(opts.body);
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(baseUrl + path, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not JSON (e.g. an HTML page); keep the text.
  }
  return { status: res.status, body: parsed as T };
}

export async function enrol(baseUrl: string, code: string, deskName?: string): Promise<EnrolResponse> {
  const r = await http<EnrolResponse>(baseUrl, 'POST', ENROL_PATH, { body: { code, ...(deskName ? { deskName } : {}) } });
  if (r.status !== 200) throw new Error(`enrol failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** Pushes documents as a desk does; `adminSession` adds an administrator session (config pushes). */
export async function push<D>(
  baseUrl: string,
  token: string,
  collection: ReplicatedCollection,
  docs: readonly D[],
  assumed?: ((d: D) => D | null) | null,
  adminSession?: string,
): Promise<HttpResult<D[]>> {
  const rows = docs.map((d) => ({ assumedMasterState: assumed ? assumed(d) : null, newDocumentState: d }));
  return http<D[]>(baseUrl, 'POST', pushPath(collection), {
    token,
    body: rows,
    ...(adminSession ? { headers: { [ADMIN_SESSION_HEADER]: adminSession } } : {}),
  });
}

/** Asks the server for an administrator session at this desk (the administrator's own passphrase). */
export async function adminSession(baseUrl: string, token: string, staffId: string, secret: string): Promise<HttpResult<AdminSessionResponse>> {
  return http<AdminSessionResponse>(baseUrl, 'POST', ADMIN_SESSION_PATH, { token, body: { staffId, secret } });
}

export async function pullPage<D>(
  baseUrl: string,
  token: string,
  collection: ReplicatedCollection,
  seq: number,
  limit: number,
): Promise<{ documents: D[]; checkpoint: { seq: number }; latest: number }> {
  const r = await http<{ documents: D[]; checkpoint: { seq: number }; latest: number }>(baseUrl, 'GET', `${pullPath(collection)}?seq=${seq}&limit=${limit}`, {
    token,
  });
  if (r.status !== 200) throw new Error(`pull failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** Pulls everything after `seq`, page by page, as a new desk's initial sync would. */
export async function pullAll<D>(
  baseUrl: string,
  token: string,
  collection: ReplicatedCollection,
  seq = 0,
  limit = 1000,
): Promise<{ documents: D[]; seq: number }> {
  const all: D[] = [];
  for (;;) {
    const page = await pullPage<D>(baseUrl, token, collection, seq, limit);
    all.push(...page.documents);
    if (page.documents.length === 0) return { documents: all, seq };
    seq = page.checkpoint.seq;
  }
}

/** Sends an attachment body as a desk does (PUT, raw bytes); `path` replaces the hash's path for garbage paths. */
export async function putBody(
  baseUrl: string,
  token: string | undefined,
  hash: string,
  bytes: Uint8Array,
  opts: { path?: string; contentType?: string } = {},
): Promise<HttpResult<{ error?: string; message?: string; stored?: boolean; type?: string }>> {
  const headers: Record<string, string> = { 'content-type': opts.contentType ?? 'application/octet-stream' };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(baseUrl + (opts.path ?? attachmentPath(hash)), { method: 'PUT', headers, body: bytes as BodyInit });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : {} };
}

/** Downloads an attachment body: the bytes on 200, the error body otherwise. */
export async function getBody(
  baseUrl: string,
  token: string | undefined,
  hash: string,
): Promise<{ status: number; type: string | null; bytes: Uint8Array; error?: string }> {
  const res = await fetch(baseUrl + attachmentPath(hash), { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const bytes = new Uint8Array(await res.arrayBuffer());
  const error = res.ok ? undefined : (JSON.parse(new TextDecoder().decode(bytes)) as { error: string }).error;
  return { status: res.status, type: res.headers.get('content-type'), bytes, ...(error ? { error } : {}) };
}
