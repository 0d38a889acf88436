import type { Policy } from '../../src-shared/domain/policy';
import type { Staff } from '../../src-shared/domain/org';
import { credentialChangeRefusal } from '../../src-shared/domain/credential-change';
import { hashCredential, type CredentialKind } from '../../src-shared/credentials';
import type { DeskDatabase } from './database';
import { putConfig, type WriteResult } from './config';

// 重设登录凭据 (设置 → 工作人员): an administrator gives an existing person a new PIN or passphrase. The
// domain decides whether they may (domain/credential-change.ts); this writes the person's staff document
// with the new verifier and a later revision, which a joined desk pushes under the administrator session
// that 管理员确认 opened (data/admin-session.ts); the server judges it with the same rule.

export interface CredentialChange {
  targetId: string;
  kind: CredentialKind;
  secret: string;
}

export async function setStaffCredential(
  db: DeskDatabase,
  policy: Policy | undefined,
  staff: readonly Staff[],
  actor: Staff | undefined,
  change: CredentialChange,
  now = Date.now(),
): Promise<WriteResult<Staff>> {
  const target = staff.find((s) => s.id === change.targetId);
  const refused = credentialChangeRefusal(policy, staff, actor, target, change.kind, change.secret);
  if (refused) return { ok: false, errors: [refused] };
  // The domain refuses a person not on the list: `target` is found here.
  return putConfig(db, 'staff', { ...target!, pinHash: await hashCredential(change.secret), rev: target!.rev + 1, updatedAt: now });
}
