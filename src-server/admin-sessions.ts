import type { Queryable } from './db/types';
import type { Staff } from '../src-shared/domain/org';
import { canAdminister } from '../src-shared/domain/administration';
import { policyInForce } from '../src-shared/domain/revisions';
import { hashCredential, verifyCredential } from '../src-shared/credentials';
import type { AdminSessionResponse } from '../src-shared/sync/contract';
import { rulesOf } from './sync/rules';
import { hashSecret, newToken } from './tokens';
import type { DeskScope } from './sync/scope';

// Administrator sessions (issue 10 item 2; docs/decisions.md "Configuration needs an administrator"):
// configuration — policy revisions, staff and their credentials, the organisation, its sites and desks —
// is written only under a session that the server itself opened after checking an administrator's own
// passphrase. A desk token alone never suffices: a stolen desk, or a clerk at one, cannot make itself
// administrator or delete the rules. Who administers is the shared rule of
// src-shared/domain/administration.ts (an administering role, with a passphrase verifier), judged under
// the policy in force on the server, at opening and again at every use.

export const ADMIN_SESSION_PREFIX = 'jss_';
/** Long enough to publish a revision, short enough that a session left on a desk soon stops working. */
export const ADMIN_SESSION_MS = 15 * 60_000;

// An unknown person or one who may not administer costs the same derivation as a real check, so the
// answer's timing does not say which staff ids are administrators.
let decoy: Promise<string> | undefined;
const decoyVerifier = () => (decoy ??= hashCredential('decoy-passphrase-never-used'));

async function administrator(db: Queryable, scope: DeskScope, staffId: string, now: number): Promise<Staff | undefined> {
  const rules = await rulesOf(db, scope.orgId);
  const staff = rules.staff.get(staffId);
  if (!staff?.active) return undefined;
  return canAdminister(policyInForce(rules.policies, now), staff) ? staff : undefined;
}

/** Opens a session for this administrator at this desk, or undefined when the person or passphrase is wrong. */
export async function openAdminSession(
  db: Queryable,
  scope: DeskScope,
  staffId: string,
  secret: string,
  now: number,
): Promise<AdminSessionResponse | undefined> {
  const staff = await administrator(db, scope, staffId, now);
  const ok = await verifyCredential(secret, staff?.pinHash ?? (await decoyVerifier()));
  if (!staff || !ok) return undefined;
  const token = newToken(ADMIN_SESSION_PREFIX);
  const expiresAt = now + ADMIN_SESSION_MS;
  // Expired sessions are swept as new ones open; they are refused by their expiry anyway.
  await db.query('delete from admin_sessions where expires_at < $1', [now]);
  await db.query('insert into admin_sessions (token_hash, org_id, desk_id, staff_id, created_at, expires_at) values ($1, $2, $3, $4, $5, $6)', [
    hashSecret(token),
    scope.orgId,
    scope.deskId,
    staff.id,
    now,
    expiresAt,
  ]);
  return { token, staffId: staff.id, expiresAt };
}

/**
 * The administrator behind a session token sent by this desk: unexpired, opened at this very desk (a
 * session copied to another desk is worthless), and its person still an active administrator now.
 */
export async function adminOfSession(db: Queryable, scope: DeskScope, token: string | undefined, now: number): Promise<Staff | undefined> {
  if (!token?.startsWith(ADMIN_SESSION_PREFIX)) return undefined;
  const [row] = await db.query<{ staff_id: string }>(
    'select staff_id from admin_sessions where token_hash = $1 and org_id = $2 and desk_id = $3 and expires_at > $4',
    [hashSecret(token), scope.orgId, scope.deskId, now],
  );
  return row ? administrator(db, scope, row.staff_id, now) : undefined;
}
