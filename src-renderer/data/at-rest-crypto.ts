import { base64ToBytes, bytesToBase64 } from '../../src-shared/base64';
import { callHost } from '../bridge/host';
import { maskComplainant } from '../../src-shared/domain/masking';
import { IDENTITY_FIELDS } from '../../src-shared/domain/sealing';
import type { Complainant } from '../../src-shared/domain/events';

// What the desk keeps encrypted at rest (issue 10 item 4, issue 13 item 2; docs/architecture.md §Confidential
// identity): a confidential complainant's identity and the attachment bodies of a confidential case. The key is
// the host's field key (src-main/settings.ts `fieldKey`, kept by secret-store.ts: safeStorage in Electron, a
// user-only file in the browser shell), fetched once through the bridge and imported as a non-extractable
// AES-256-GCM CryptoKey; the page never keeps its bytes. Every ciphertext has its own random 96-bit IV and
// takes the id of its record as additional data, so a ciphertext moved to another record does not open.
// Everything else (ordinary cases, every other field) is stored as before: this module is only called for
// the confidential rows, which a cheap synchronous check picks out first.

const IV_BYTES = 12;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

let deskKey: Promise<CryptoKey> | undefined;

function importKey(raw: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  if (raw.byteLength !== 32) throw new Error('at-rest key: 32 bytes expected');
  return crypto.subtle.importKey('raw', raw, { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
}

async function keyFromHost(): Promise<CryptoKey> {
  const r = await callHost('desk.fieldKey', {});
  // Fail closed: without the key nothing confidential is written in clear (the write fails and says why).
  if (!r.ok) throw new Error(`at-rest key unavailable: ${r.error.message.en}`);
  return importKey(base64ToBytes(r.value.key));
}

/** The desk's key: the host's field key, asked for once a page (again after a failed ask). */
function key(): Promise<CryptoKey> {
  deskKey ??= keyFromHost().catch((e: unknown) => {
    deskKey = undefined;
    throw e;
  });
  return deskKey;
}

/** Uses `raw` (32 bytes) as this page's key instead of asking the host: the data layer's Node tests. */
export function useAtRestKey(raw: Uint8Array<ArrayBuffer>): void {
  deskKey = importKey(raw);
}

/** iv ‖ ciphertext+tag of `plain`, bound to `recordId`. */
export async function encryptBytes(recordId: string, plain: BufferSource): Promise<ArrayBuffer> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: encoder.encode(recordId) }, await key(), plain);
  const out = new Uint8Array(IV_BYTES + sealed.byteLength);
  out.set(iv);
  out.set(new Uint8Array(sealed), IV_BYTES);
  return out.buffer;
}

/** The plain bytes of encryptBytes' output for the same record; throws when the key or the record differ. */
export async function decryptBytes(recordId: string, sealed: ArrayBuffer): Promise<ArrayBuffer> {
  const all = new Uint8Array(sealed);
  return crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: all.subarray(0, IV_BYTES), additionalData: encoder.encode(recordId) },
    await key(),
    all.subarray(IV_BYTES),
  );
}

/** A confidential complainant as the desk stores it: the masks anyone may see, and the identity encrypted. */
export type ComplainantAtRest = Complainant & { atRest: string };

type EventLike = { id: string; type: string; payload: unknown };
type Json = Record<string, unknown>;

function complainantOf(event: EventLike): Json | undefined {
  if (event.type !== 'case.registered') return undefined;
  const c = (event.payload as Json | null)?.complainant;
  return c !== null && typeof c === 'object' ? (c as Json) : undefined;
}

/** Whether this complainant's identity is kept encrypted here (the values beside it are masks). */
export function isIdentityAtRest(c: object | undefined): c is ComplainantAtRest {
  return typeof (c as Json | undefined)?.atRest === 'string';
}

/** Whether the event carries a confidential identity in clear (a synchronous check: false for every ordinary event). */
export function holdsClearIdentity(event: EventLike): boolean {
  const c = complainantOf(event);
  return c?.confidential === true && !isIdentityAtRest(c) && IDENTITY_FIELDS.some((f) => c[f] !== undefined);
}

/**
 * The event as the desk stores it: a confidential registration's complainant becomes its masks (what the
 * queue, the case page and the printed forms show without a reveal) plus `atRest`, the complainant as
 * written, encrypted under the event's id. Any other event is returned as it is.
 */
export async function identityAtRest<E extends EventLike>(event: E): Promise<E> {
  if (!holdsClearIdentity(event)) return event;
  const c = complainantOf(event) as Complainant;
  const masks = maskComplainant(c);
  const stored: Json = {};
  for (const [k, v] of Object.entries(c)) stored[k] = (IDENTITY_FIELDS as readonly string[]).includes(k) ? masks[k as keyof Complainant] : v;
  stored.atRest = bytesToBase64(await encryptBytes(event.id, encoder.encode(JSON.stringify(c))));
  return { ...event, payload: { ...(event.payload as Json), complainant: stored } } as E;
}

/** The complainant as written, from a stored one bound to the registration `eventId`. */
export async function openComplainant(eventId: string, c: ComplainantAtRest): Promise<Complainant> {
  return JSON.parse(decoder.decode(await decryptBytes(eventId, base64ToBytes(c.atRest).buffer))) as Complainant;
}

/**
 * The case's complainant as registered, for a reveal (case.identity_viewed is written first): opened from
 * the case's registration event when this desk keeps it encrypted.
 */
export async function revealedComplainant(complainant: Complainant, events: readonly EventLike[]): Promise<Complainant> {
  const registration = events.find((e) => e.type === 'case.registered');
  return isIdentityAtRest(complainant) && registration ? openComplainant(registration.id, complainant) : complainant;
}

/**
 * The event or case state as the host's documents read it: a stored complainant's masks without the
 * ciphertext (the host prints a confidential complainant masked, and its input schema knows no `atRest`).
 */
export function masksOnly<T extends { complainant?: object } | EventLike>(record: T): T {
  const holder = ('payload' in record ? record.payload : record) as { complainant?: object };
  if (!isIdentityAtRest(holder?.complainant)) return record;
  const { atRest: _sealed, ...masks } = holder.complainant;
  return 'payload' in record ? ({ ...record, payload: { ...(record.payload as Json), complainant: masks } } as T) : ({ ...record, complainant: masks } as T);
}

/** The event as written (what the server is sent and a backup holds); identityAtRest's inverse. */
export async function identityInClear<E extends EventLike>(event: E): Promise<E> {
  const c = complainantOf(event);
  if (!isIdentityAtRest(c)) return event;
  return { ...event, payload: { ...(event.payload as Json), complainant: await openComplainant(event.id, c) } } as E;
}

/**
 * The one rule for files: a case whose complainant is confidential keeps its attachment bodies (and their
 * thumbnails) encrypted on this desk. Attaching, downloading, restoring and the migration all ask it.
 */
export function keepsBodiesAtRest(complainant: { confidential?: unknown } | undefined): boolean {
  return complainant?.confidential === true;
}

/** The bodies of confidential cases among these events: the hashes their `case.attachment_added` events name. */
export function confidentialBodies(events: readonly (EventLike & { caseId: string })[]): Set<string> {
  const cases = new Set(events.filter((e) => keepsBodiesAtRest(complainantOf(e))).map((e) => e.caseId));
  const hashes = new Set<string>();
  for (const e of events) {
    const hash = (e.payload as Json | null)?.hash;
    if (e.type === 'case.attachment_added' && cases.has(e.caseId) && typeof hash === 'string') hashes.add(hash);
  }
  return hashes;
}
