import type { Policy } from './policy';
import type { Staff } from './org';
import type { FieldError } from './parse';
import { canAdminister } from './administration';
import { kindOfSecret, type CredentialKind } from '../credentials';
import { messageFor, type MessageCode } from '../i18n/validation';

// Setting or resetting an existing person's credential (设置 → 工作人员 → 重设登录凭据; issue 10 item 3).
// One rule for the desk, which asks before 管理员确认, and for the server, which judges every staff push
// made under an administrator session (src-server/sync/authorise-config.ts):
//   - only someone who administers now (an administering role, signed in with a passphrase) changes a credential;
//   - the new secret is of the kind chosen (a PIN of 4–8 digits, or a passphrase, credentials.ts);
//   - no change may leave an organisation that had an administrator with none: a PIN, like no credential,
//     administers nothing, so the only passphrase administrator cannot be given a PIN.

/** Whether this person administers now: active, with an administering role and a passphrase. */
function administers(policy: Policy | undefined, s: Staff): boolean {
  return s.active && canAdminister(policy, s);
}

/**
 * The first of `changed` (new or replacing the person with its id in `before`) whose change leaves an
 * organisation that had an administrator with none; undefined when someone still administers after.
 */
export function lastAdministratorRemoved(policy: Policy | undefined, before: readonly Staff[], changed: readonly Staff[]): Staff | undefined {
  if (!before.some((s) => administers(policy, s))) return undefined;
  const byId = new Map(before.map((s) => [s.id, s]));
  for (const s of changed) byId.set(s.id, s);
  if ([...byId.values()].some((s) => administers(policy, s))) return undefined;
  // Someone who administered was among the changed: the others still do.
  const administeredBefore = new Set(before.filter((s) => administers(policy, s)).map((s) => s.id));
  return changed.find((s) => administeredBefore.has(s.id));
}

/** Why `actor` may change nobody's credential; undefined when they administer now. */
export function credentialResetterRefusal(policy: Policy | undefined, actor: Pick<Staff, 'roles' | 'pinHash'> | undefined): FieldError | undefined {
  return actor && canAdminister(policy, actor) ? undefined : refusal('staffId', 'staff.credentialAdminOnly');
}

/** Why `actor` may not give `target` this new credential of `kind`; undefined when they may. */
export function credentialChangeRefusal(
  policy: Policy | undefined,
  staff: readonly Staff[],
  actor: Pick<Staff, 'roles' | 'pinHash'> | undefined,
  target: Staff | undefined,
  kind: CredentialKind,
  secret: string,
): FieldError | undefined {
  const byWhom = credentialResetterRefusal(policy, actor);
  if (byWhom) return byWhom;
  if (!target) return refusal('staffId', 'staff.unknown');
  if (kindOfSecret(secret) !== kind) return refusal('secret', kind === 'pin' ? 'staff.credentialNotPin' : 'staff.credentialNotPassphrase');
  // '' stands for the PIN: for administering, a PIN counts as no credential at all.
  if (kind === 'pin' && lastAdministratorRemoved(policy, staff, [{ ...target, pinHash: '' }]))
    return refusal('kind', 'staff.lastAdministrator', { name: target.name });
  return undefined;
}

function refusal(path: string, code: MessageCode, detail: object = {}): FieldError {
  return { path, code, message: messageFor(code, path, detail) };
}
