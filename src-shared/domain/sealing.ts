// S1-5 end to end (issue 10 item 4): which parts of an event are a confidential reporter's identity, and how
// an event looks without them. The server stores those parts encrypted beside the event
// (src-server/confidential/) and sends them only to desks where someone may reveal identity; every other
// desk, the case index, reports and exports get the event *sealed*: the identity fields are absent and the
// complainant carries `sealed: true`, which the desk shows as 「保密」 and which no reveal can undo there.
// Pure functions over the event as plain JSON (what is stored and pulled), so the server need not parse.

/** The complainant fields that identify a person; `role` (业主, 患者) and the flags do not. */
export const IDENTITY_FIELDS = ['name', 'phone', 'address', 'organisation'] as const;

/** Withheld values by field name: what the server encrypts at rest. */
export type Withheld = Partial<Record<(typeof IDENTITY_FIELDS)[number], unknown>>;

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function complainantOf(event: Json): Json | undefined {
  if (event.type !== 'case.registered' || !isObject(event.payload)) return undefined;
  const c = event.payload.complainant;
  return isObject(c) ? c : undefined;
}

/** Whether this event, as pulled, had its identity withheld by the server. */
export function isSealedEvent(event: Json): boolean {
  return complainantOf(event)?.sealed === true;
}

/**
 * Splits an event into what every desk may read and the confidential identity (undefined when there is none:
 * not a registration, not confidential, or no identity field filled in). The input is not modified.
 */
export function sealEvent(event: Json): { sealed: Json; withheld?: Withheld } {
  const c = complainantOf(event);
  if (!c || c.confidential !== true) return { sealed: event };
  const withheld: Withheld = {};
  const rest: Json = {};
  for (const [k, v] of Object.entries(c)) {
    if ((IDENTITY_FIELDS as readonly string[]).includes(k)) withheld[k as keyof Withheld] = v;
    else rest[k] = v;
  }
  if (Object.keys(withheld).length === 0) return { sealed: event };
  const payload = event.payload as Json;
  return { sealed: { ...event, payload: { ...payload, complainant: { ...rest, sealed: true } } }, withheld };
}

/** The event as written, from its sealed form and the withheld identity (sealEvent's inverse). */
export function unsealEvent(sealed: Json, withheld: Withheld): Json {
  const c = complainantOf(sealed);
  if (!c) return sealed;
  const { sealed: _marker, ...rest } = c;
  return { ...sealed, payload: { ...(sealed.payload as Json), complainant: { ...rest, ...withheld } } };
}
