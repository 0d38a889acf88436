import { paramText as s, type MessageTable } from '../message-table';

// The desk's own words about its link to the server (src-renderer/data: replication, attachment uploads,
// the administrator's confirmation), for when the server cannot be reached or answers without words of
// its own. The server's sentences, when it gives them, are relayed as they are.

export const deskLinkMessages = {
  'sync.offline': {
    'zh-CN': () => '无法连接服务器，本台继续离线工作，网络恢复后会自动同步。',
    en: () => 'Cannot reach the server; the desk keeps working offline and syncs when the network is back.',
  },
  /** The server answered a sync request with an error and no words (`status`: its HTTP status). */
  'sync.http': {
    'zh-CN': (_f, d) => `服务器返回错误（${s(d.status)}），稍后会自动重试。`,
    en: (_f, d) => `The server answered with an error (${s(d.status)}); retrying automatically.`,
  },
  /** What the status bar says about `count` documents the server refused. */
  'sync.refusedCount': {
    'zh-CN': (_f, d) => `有 ${s(d.count)} 条记录未通过服务器校验，仅保存在本台；其余记录已同步。请联系管理员。`,
    en: (_f, d) => `${s(d.count)} record(s) failed the server's validation and stay on this desk only; everything else synced. Contact your administrator.`,
  },
  /** The server refused an attachment body without words (`status`: its HTTP status). */
  'sync.bodyRefused': {
    'zh-CN': (_f, d) => `服务器拒收了这个文件（${s(d.status)}）。`,
    en: (_f, d) => `The server refused this file (${s(d.status)}).`,
  },
  'admin.wrong': {
    'zh-CN': () => '管理员确认未通过：口令不对，或此人没有管理权限。',
    en: () => 'Administrator check failed: wrong passphrase, or this person does not administer.',
  },
  // A person who administers by role but holds only a PIN: saying so (instead of "wrong passphrase") tells
  // them what to do (src-renderer/data/admin-session.ts).
  'admin.needsPassphrase': {
    'zh-CN': () =>
      '管理操作须使用管理口令，PIN 码不能确认管理员身份，未做任何更改。管理口令至少 10 个字符、不能全是数字：由已用口令登录的管理员在「设置 → 工作人员」此人一行点「重设登录凭据」设置，或在新建本机时在管理人员的「PIN 码或口令」一栏设置。',
    en: () =>
      'Administration needs a passphrase; a PIN cannot confirm an administrator. Nothing was changed. A passphrase has at least 10 characters, not only digits: have an administrator signed in with a passphrase set it with "Reset credential" on the person’s row in Settings → Staff, or set it in the "PIN or passphrase" field when setting up the desk.',
  },
  'admin.offline': {
    'zh-CN': () => '无法连接服务器：发布制度等机构配置需要服务器确认管理员身份，请联网后重试。未做任何更改。',
    en: () => 'Cannot reach the server: publishing configuration needs the server to confirm the administrator. Nothing was changed; try again online.',
  },
} satisfies MessageTable;
