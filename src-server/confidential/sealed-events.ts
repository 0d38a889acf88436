import type { Queryable } from '../db/types';
import { isSealedEvent, sealEvent, unsealEvent, type Withheld } from '../../src-shared/domain/sealing';
import { policyByRevision } from '../../src-shared/domain/revisions';
import { maySignInAt } from '../../src-shared/domain/org';
import { canRevealIdentity } from '../../src-shared/domain/masking';
import { canonicalJson } from '../sync/canonical';
import type { DeskScope } from '../sync/scope';
import { rulesOf } from '../sync/rules';
import { decrypt, encrypt, type Keyring } from './keyring';

// Confidential identity at rest and on the wire (docs/architecture.md §Trust model, issue 10 item 4).
// An event is stored as two parts: `doc`, the sealed event every reader may see (domain/sealing.ts), and
// `sealed`, the withheld identity encrypted with the organisation's data key (keyring.ts), bound to the
// event's id. Only a pull by a desk where someone may reveal identity puts the two together again.

/** How an event is stored: the sealed canonical JSON, and the encrypted identity (null when nothing is withheld). */
export interface StoredEvent {
  doc: string;
  sealed: string | null;
}

const aad = (orgId: string, eventId: string) => `jiesu-event:${orgId}:${eventId}`;

/** Splits a pushed event (its canonical JSON) into what is stored. */
export async function sealForStorage(keyring: Keyring, orgId: string, eventId: string, canonical: string): Promise<StoredEvent> {
  // Cheap test first: only a confidential registration can hold an identity to withhold.
  if (!canonical.includes('"confidential":true')) return { doc: canonical, sealed: null };
  const { sealed, withheld } = sealEvent(JSON.parse(canonical) as Record<string, unknown>);
  if (!withheld) return { doc: canonical, sealed: null };
  const key = await keyring.dataKey(orgId);
  return { doc: canonicalJson(sealed), sealed: encrypt(key, Buffer.from(canonicalJson(withheld), 'utf8'), aad(orgId, eventId)) };
}

/** The event as its desk wrote it (canonical JSON), from its stored parts. */
export async function openStored(keyring: Keyring, orgId: string, eventId: string, stored: StoredEvent): Promise<string> {
  if (!stored.sealed) return stored.doc;
  const key = await keyring.dataKey(orgId);
  const withheld = JSON.parse(decrypt(key, stored.sealed, aad(orgId, eventId)).toString('utf8')) as Withheld;
  return canonicalJson(unsealEvent(JSON.parse(stored.doc) as Record<string, unknown>, withheld));
}

/** Whether a pushed event carries the server's seal: a desk may re-push a sealed copy it pulled, never write one. */
export function carriesSeal(canonical: string): boolean {
  return canonical.includes('"sealed":true') && isSealedEvent(JSON.parse(canonical) as Record<string, unknown>);
}

/**
 * Whether identity may be sent to this desk for cases under `revision`: someone who may sign in at the desk
 * (active, and assigned to its site or to it) holds a role that revision's policy lets reveal identity
 * (S1-5 identityViewerRoles). Staff and policies come from the authorisation's cache (sync/rules.ts).
 */
export async function revealingRevisions(db: Queryable, scope: DeskScope): Promise<(revision: number) => boolean> {
  const rules = await rulesOf(db, scope.orgId);
  const desk = { id: scope.deskId, siteId: scope.siteId };
  const people = [...rules.staff.values()].filter((s) => maySignInAt(s, desk));
  const memo = new Map<number, boolean>();
  return (revision) => {
    let yes = memo.get(revision);
    if (yes === undefined) {
      const policy = policyByRevision(rules.policies, revision);
      yes = policy !== undefined && people.some((s) => canRevealIdentity(policy, s));
      memo.set(revision, yes);
    }
    return yes;
  };
}

/** Stored rows as this desk may receive them: identity put back only where the desk may reveal it. */
export async function docsForDesk(
  db: Queryable,
  keyring: Keyring,
  scope: DeskScope,
  rows: readonly { id?: string; doc: string; sealed: string | null }[],
): Promise<string[]> {
  if (!rows.some((r) => r.sealed)) return rows.map((r) => r.doc);
  const reveals = await revealingRevisions(db, scope);
  return Promise.all(
    rows.map(async (r) => {
      if (!r.sealed) return r.doc;
      const event = JSON.parse(r.doc) as { id: string; policyRevision: number };
      return reveals(event.policyRevision) ? openStored(keyring, scope.orgId, event.id, r) : r.doc;
    }),
  );
}
