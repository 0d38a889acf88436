import { ADMIN_SESSION_PATH, type AdminSessionResponse } from '../../src-shared/sync/contract';
import type { Staff } from '../../src-shared/domain/org';
import type { Policy } from '../../src-shared/domain/policy';
import { canAdminister, holdsAdminRole } from '../../src-shared/domain/administration';
import { verifyCredential } from '../../src-shared/credentials';
import { messageFor } from '../../src-shared/i18n/validation';
import type { DeskDatabase } from './database';
import { ensureDeskSync, getServerConnection, type DeskReplication, type LinkOptions } from './replication';

// 管理员确认 before the organisation's configuration changes (issue 10 item 2; docs/decisions.md
// "Configuration needs an administrator"). On a desk joined to a server, the server checks the
// administrator's own passphrase and opens a short session that the desk's config pushes carry
// (src-server/admin-sessions.ts); nothing is written when it refuses or cannot be reached. On a
// standalone desk there is no server: the desk applies the server's rule itself (canAdminister: an
// administering role AND a passphrase credential), so a 4–8 digit PIN confirms administration nowhere.

export type AdminCheck = { ok: true } | { ok: false; message: { 'zh-CN': string; en: string } };

const WRONG: AdminCheck = { ok: false, message: messageFor('admin.wrong', '') };
// A person who administers by role but holds only a PIN: saying so (instead of "wrong passphrase") tells
// them what to do. Where a passphrase is set: 设置 → 工作人员 → 重设登录凭据 (an administrator gives an existing
// person one, features/settings/ResetCredential.tsx), and the first-run form (an administering row's field).
const NEEDS_PASSPHRASE: AdminCheck = { ok: false, message: messageFor('admin.needsPassphrase', '') };
const OFFLINE: AdminCheck = { ok: false, message: messageFor('admin.offline', '') };

export interface ConfirmOptions extends LinkOptions {
  fetch?: typeof fetch;
  /** The replication whose config pushes carry the session (the desk's running one by default). */
  replication?: DeskReplication;
}

export async function confirmAdministrator(
  db: DeskDatabase,
  staff: Staff,
  secret: string,
  policy: Policy | undefined,
  opts: ConfirmOptions = {},
): Promise<AdminCheck> {
  const connection = await getServerConnection(db, opts);
  if (!connection) return confirmHere(staff, secret, policy);
  let res: Response;
  try {
    // To the sync address: the host adds the desk token (src-main/desk-link.ts).
    res = await (opts.fetch ?? fetch)(connection.syncUrl + ADMIN_SESSION_PATH, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ staffId: staff.id, secret }),
    });
  } catch {
    return OFFLINE;
  }
  if (!res.ok) {
    // The server's own sentence (wrong passphrase, too many attempts, revoked desk), else the generic one.
    const body = (await res.json().catch(() => ({}))) as { messages?: { 'zh-CN': string; en: string } };
    return body.messages ? { ok: false, message: body.messages } : WRONG;
  }
  const session = (await res.json()) as AdminSessionResponse;
  const replication = opts.replication ?? (await ensureDeskSync(db, opts));
  replication?.useAdminSession(session);
  return { ok: true };
}

/** The standalone desk's own check: the same rule the server applies to open a session (src-server/admin-sessions.ts). */
async function confirmHere(staff: Staff, secret: string, policy: Policy | undefined): Promise<AdminCheck> {
  if (!holdsAdminRole(policy, staff.roles)) return WRONG;
  // Refused before any check of the secret: a PIN-holder's right PIN is still no administrator's credential.
  if (!canAdminister(policy, staff)) return NEEDS_PASSPHRASE;
  return (await verifyCredential(secret, staff.pinHash)) ? { ok: true } : WRONG;
}
