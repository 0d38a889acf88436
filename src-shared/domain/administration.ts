import type { Policy } from './policy';
import { kindOfSecret, verifierKind } from '../credentials';

// Who may administer the desk's organisation data (add staff today; policy revisions go through the
// policy editor's own checks). Decided here, once, for every screen (issue 12: no rule in a component).
//
// Administration needs two things: a role that administers — an admin-like role, or the head of a
// department of the policy — and a passphrase credential, because a 4–8 digit PIN does not guard
// administration (issue 10 item 3; docs/decisions.md "Staff credentials").

/** Roles that administer in every preset, beside each department's head role. */
const ADMIN_ROLES: ReadonlySet<string> = new Set(['admin', 'manager', 'director']);

/** What of a policy says who administers (a preset's input will do: the first-run form asks before parsing). */
type AdministeringPolicy = Pick<Policy, 'departments'>;

/** Whether these roles administer under this policy (whatever the credential). */
export function holdsAdminRole(policy: AdministeringPolicy | undefined, roles: readonly string[]): boolean {
  return roles.some((r) => ADMIN_ROLES.has(r)) || (policy?.departments ?? []).some((d) => !!d.headRole && roles.includes(d.headRole));
}

/** Whether this staff member may administer now: an administering role, signed in with a passphrase. */
export function canAdminister(policy: Policy | undefined, staff: { roles: readonly string[]; pinHash: string }): boolean {
  return holdsAdminRole(policy, staff.roles) && verifierKind(staff.pinHash) === 'passphrase';
}

/**
 * Whether a credential about to be set for a person with these roles is a PIN although the roles administer:
 * the person could sign in and work, but never administer (the first-run form warns, 设置 refuses).
 */
export function administersWithPin(policy: AdministeringPolicy | undefined, roles: readonly string[], secret: string): boolean {
  return kindOfSecret(secret) === 'pin' && holdsAdminRole(policy, roles);
}
