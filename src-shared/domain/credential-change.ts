import type { Policy } from './policy';
import type { Staff } from './org';
import type { FieldError } from './parse';
import { canAdminister } from './administration';
import { kindOfSecret, type CredentialKind } from '../credentials';
import { addValidationMessages, messageFor } from '../i18n/validation';

// Setting or resetting an existing person's credential (设置 → 工作人员 → 重设登录凭据; issue 10 item 3).
// One rule for the desk, which asks before 管理员确认, and for the server, which judges every staff push
// made under an administrator session (src-server/sync/authorise-config.ts):
//   - only someone who administers now (an administering role, signed in with a passphrase) changes a credential;
//   - the new secret is of the kind chosen (a PIN of 4–8 digits, or a passphrase, credentials.ts);
//   - no change may leave an organisation that had an administrator with none: a PIN, like no credential,
//     administers nothing, so the only passphrase administrator cannot be given a PIN.

addValidationMessages({
  'staff.credentialAdminOnly': {
    'zh-CN': () => '只有用管理口令登录的管理员可以重设工作人员的登录凭据。',
    en: () => 'Only an administrator signed in with a passphrase can reset a person’s sign-in credential.',
  },
  'staff.unknown': {
    'zh-CN': () => '找不到这名工作人员（可能已被删除），未做任何更改。',
    en: () => 'This person is not on the staff list (perhaps removed); nothing was changed.',
  },
  'staff.credentialNotPin': {
    'zh-CN': () => 'PIN 码须为 4–8 位数字。',
    en: () => 'A PIN is 4–8 digits.',
  },
  'staff.credentialNotPassphrase': {
    'zh-CN': () => '管理口令至少 10 个字符，不能全是数字，首尾不能有空格。',
    en: () => 'A passphrase has at least 10 characters, not only digits, without leading or trailing spaces.',
  },
  'staff.lastAdministrator': {
    'zh-CN': (_f, d) =>
      `${typeof d.name === 'string' ? d.name : '此人'}是本单位唯一能用管理口令确认管理操作的人：改为 PIN 码后，本单位将没有人能发布制度或管理人员。请先为另一位管理人员设置管理口令，再改此人的凭据。未做任何更改。`,
    en: (_f, d) =>
      `${typeof d.name === 'string' ? d.name : 'This person'} is the organisation’s only administrator with a passphrase: with a PIN, nobody could publish the policy or manage staff any more. Give another administering person a passphrase first. Nothing was changed.`,
  },
});

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
  if (kind === 'pin' && lastAdministratorRemoved(policy, staff, [{ ...target, pinHash: '' }])) return refusal('kind', 'staff.lastAdministrator', { name: target.name });
  return undefined;
}

function refusal(path: string, code: string, detail: object = {}): FieldError {
  return { path, code, message: messageFor(code, path, detail) };
}
