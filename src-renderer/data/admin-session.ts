import { ADMIN_SESSION_PATH, type AdminSessionResponse } from '../../src-shared/sync/contract';
import type { Staff } from '../../src-shared/domain/org';
import type { Policy } from '../../src-shared/domain/policy';
import { canAdminister, holdsAdminRole } from '../../src-shared/domain/administration';
import { verifyCredential } from '../../src-shared/credentials';
import type { DeskDatabase } from './database';
import { ensureDeskSync, getServerConnection, type DeskReplication, type LinkOptions } from './replication';

// 管理员确认 before the organisation's configuration changes (issue 10 item 2; docs/decisions.md
// "Configuration needs an administrator"). On a desk joined to a server, the server checks the
// administrator's own passphrase and opens a short session that the desk's config pushes carry
// (src-server/admin-sessions.ts); nothing is written when it refuses or cannot be reached. On a
// standalone desk there is no server: the desk applies the server's rule itself (canAdminister: an
// administering role AND a passphrase credential), so a 4–8 digit PIN confirms administration nowhere.

export type AdminCheck = { ok: true } | { ok: false; message: { 'zh-CN': string; en: string } };

const WRONG: AdminCheck = {
  ok: false,
  message: { 'zh-CN': '管理员确认未通过：口令不对，或此人没有管理权限。', en: 'Administrator check failed: wrong passphrase, or this person does not administer.' },
};
// A person who administers by role but holds only a PIN: saying so (instead of "wrong passphrase") tells
// them what to do. Where a passphrase is set: 设置 → 工作人员 → 重设登录凭据 (an administrator gives an existing
// person one, features/settings/ResetCredential.tsx), and the first-run form (an administering row's field).
const NEEDS_PASSPHRASE: AdminCheck = {
  ok: false,
  message: {
    'zh-CN':
      '管理操作须使用管理口令，PIN 码不能确认管理员身份，未做任何更改。管理口令至少 10 个字符、不能全是数字：由已用口令登录的管理员在「设置 → 工作人员」此人一行点「重设登录凭据」设置，或在新建本机时在管理人员的「PIN 码或口令」一栏设置。',
    en: 'Administration needs a passphrase; a PIN cannot confirm an administrator. Nothing was changed. A passphrase has at least 10 characters, not only digits: have an administrator signed in with a passphrase set it with "Reset credential" on the person’s row in Settings → Staff, or set it in the "PIN or passphrase" field when setting up the desk.',
  },
};
const OFFLINE: AdminCheck = {
  ok: false,
  message: {
    'zh-CN': '无法连接服务器：发布制度等机构配置需要服务器确认管理员身份，请联网后重试。未做任何更改。',
    en: 'Cannot reach the server: publishing configuration needs the server to confirm the administrator. Nothing was changed; try again online.',
  },
};

export interface ConfirmOptions extends LinkOptions {
  fetch?: typeof fetch;
  /** The replication whose config pushes carry the session (the desk's running one by default). */
  replication?: DeskReplication;
}

export async function confirmAdministrator(db: DeskDatabase, staff: Staff, secret: string, policy: Policy | undefined, opts: ConfirmOptions = {}): Promise<AdminCheck> {
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
