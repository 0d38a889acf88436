import { paramText as s, sentenceIn, type MessageTable } from '../message-table';

// The host bridge's words (docs/architecture.md §The host bridge and the browser shell): the program the
// page runs in — Electron's main process or the browser shell — refusing a request, failing, or missing,
// and the settings and server link it keeps. Said to a clerk: what does not work and what to do.

/** The folders the settings name, as a clerk calls them. */
const FOLDERS = {
  archiveFolder: { 'zh-CN': '归档文件夹', en: 'archive folder' },
  backupFolder: { 'zh-CN': '备份文件夹', en: 'backup folder' },
} as const;
const folderName = (v: unknown, lang: 'zh-CN' | 'en') => (v === 'archiveFolder' ? FOLDERS.archiveFolder : FOLDERS.backupFolder)[lang];

export const hostMessages = {
  // The page cannot reach its host at all.
  'host.unavailable': {
    'zh-CN': () => '这个窗口没有连上接诉台程序，打印、系统通知等暂时不能用。请从桌面上的「接诉台」图标打开；仍不行请联系管理员。',
    en: () =>
      'This window is not connected to the Jiesu program, so printing, system notifications and the like are unavailable. Open Jiesu from its desktop icon; if that does not help, contact your administrator.',
  },
  'host.unreachable': {
    'zh-CN': () => '这个窗口与本机的接诉台程序断开了连接，打印、备份等暂时不能用。请确认接诉台程序仍在运行，然后刷新页面；仍不行请联系管理员。',
    en: () =>
      'This window has lost its connection to the Jiesu program on this computer, so printing, backups and the like are unavailable for now. Check that Jiesu is still running, then reload the page; if that does not help, contact your administrator.',
  },
  /** The call itself threw (detail: the error's message). */
  'host.failed': { 'zh-CN': (_f, d) => `主程序调用失败：${s(d.detail)}`, en: (_f, d) => `The host call failed: ${s(d.detail)}` },
  /** A handler or a transport failed in a way it did not name; the detail goes to the host's log only. */
  'host.internal': {
    'zh-CN': () => '主程序出错，操作没有完成。请重试；如果一直出错，请把日志发给管理员。',
    en: () => 'The host failed and the action did not complete. Try again; if it keeps failing, send the log to your administrator.',
  },

  // The bridge refusing a request before any handler runs.
  'bridge.channel': { 'zh-CN': (_f, d) => `主程序没有「${s(d.name)}」这项功能。`, en: (_f, d) => `The host has no function called "${s(d.name)}".` },
  /** The input failed the channel's schema; `first` is the first field error's sentence, appended. */
  'bridge.input': {
    'zh-CN': (_f, d) => {
      const first = sentenceIn(d.first, 'zh-CN');
      return `请求的内容无效，未做任何改动${first ? `：${first}` : '。'}`;
    },
    en: (_f, d) => {
      const first = sentenceIn(d.first, 'en');
      return `The request is invalid and nothing was changed${first ? `: ${first}` : '.'}`;
    },
  },
  'bridge.sender': { 'zh-CN': () => '拒绝了来自非接诉台页面的请求。', en: () => 'A request from a page that is not the Jiesu desk was refused.' },
  'bridge.origin': { 'zh-CN': () => '拒绝了来自其他网站的请求。', en: () => 'A request from another web site was refused.' },
  /** A bridge call must be JSON; an attachment upload relayed to the server (`upload: true`) raw bytes. */
  'bridge.contentType': {
    'zh-CN': (_f, d) => (d.upload === true ? '上传的文件必须以原始字节发送（application/octet-stream）。' : '请求格式不对（需要 JSON）。'),
    en: (_f, d) => (d.upload === true ? 'A file upload must be sent as raw bytes (application/octet-stream).' : 'The request must be JSON.'),
  },
  'bridge.tooLarge': { 'zh-CN': () => '请求太大，已拒绝。', en: () => 'The request is too large and was refused.' },
  'bridge.json': { 'zh-CN': () => '请求内容无法读取，未做任何改动。', en: () => 'The request could not be read; nothing was changed.' },

  // 设置 as the host keeps them.
  'settings.backupPassphrase': {
    'zh-CN': (_f, d) => `备份口令至少需要 ${s(d.minimum)} 个字符，设置没有改动。`,
    en: (_f, d) => `The backup passphrase needs at least ${s(d.minimum)} characters; the settings were not changed.`,
  },
  'settings.backupPassphraseCurrent': {
    'zh-CN': () => '原备份口令不正确，备份口令没有改动。',
    en: () => 'The current backup passphrase is wrong; the backup passphrase was not changed.',
  },
  /** A folder setting that is not a full path (`folder`: archiveFolder or backupFolder). */
  'settings.folder': {
    'zh-CN': (_f, d) => `${folderName(d.folder, 'zh-CN')}必须是完整路径（例如 D:\\接诉台\\备份 或 /home/用户/接诉台备份）。`,
    en: (_f, d) => `The ${folderName(d.folder, 'en')} must be a full path (e.g. D:\\Jiesu\\backups or /home/user/jiesu-backups).`,
  },

  // Joining a server (sync.enrol) and relaying the page's sync requests to it.
  offline: {
    'zh-CN': () => '无法连接服务器，请检查地址和网络后重试。',
    en: () => 'Cannot reach the server; check the address and the network and try again.',
  },
  /** The server refused the join without saying why in words (`status`: its HTTP status). */
  http: {
    'zh-CN': (_f, d) => `服务器返回错误（${s(d.status)}），本台没有加入。`,
    en: (_f, d) => `The server answered with an error (${s(d.status)}); this desk did not join.`,
  },
  'relay.notJoined': {
    'zh-CN': () => '本台还没有加入服务器（或加入凭据已丢失），请用加入码重新加入。',
    en: () => 'This desk has not joined a server (or lost its credentials); join again with a code.',
  },
  'relay.notRelayed': { 'zh-CN': () => '这个地址不转发到服务器。', en: () => 'This address is not relayed to the server.' },
} satisfies MessageTable;
