import { paramText as s, sentenceIn, type MessagePair, type MessageTable, type Template } from '../message-table';

// The words of the desk's backups (issue 6 "Backups"): the host writing and reading backup files, and the
// refusals of a backup file that a restore will not use (src-shared/backup-format.ts, src-main/backup-crypto.ts,
// the desk's restore). A refused file leaves the desk as it was, and every refusal says so.

/** A refusal of a backup file: its sentence, then that nothing on the desk was changed. */
function refusal(zh: Template, en: Template): MessagePair {
  return { 'zh-CN': (f, d) => `${zh(f, d)}桌面数据没有任何改动。`, en: (f, d) => `${en(f, d)} Nothing on this desk was changed.` };
}

export const backupMessages = {
  // The host's backup folder.
  'backup.noPassphrase': {
    'zh-CN': () => '还没有设定备份口令，备份没有写入。请管理员在设置中设定备份口令（至少 8 个字符）：备份用它加密，换电脑恢复时要输入它。',
    en: () =>
      'No backup passphrase is set, so no backup was written. An administrator sets one in Settings (at least 8 characters): backups are encrypted with it, and restoring on another computer asks for it.',
  },
  'backup.folder': {
    'zh-CN': (_f, d) => `无法创建备份文件夹「${s(d.folder)}」。请在设置中选择一个可写的文件夹。`,
    en: (_f, d) => `Cannot create the backup folder "${s(d.folder)}". Choose a writable folder in Settings.`,
  },
  'backup.write': {
    'zh-CN': (_f, d) => `无法写入备份文件「${s(d.file)}」。请检查磁盘空间和文件夹权限。`,
    en: (_f, d) => `Cannot write the backup file "${s(d.file)}". Check the disk space and the folder's permissions.`,
  },
  'backup.name': { 'zh-CN': (_f, d) => `「${s(d.name)}」不是接诉台备份文件的名称。`, en: (_f, d) => `"${s(d.name)}" is not the name of a Jiesu backup file.` },
  'backup.missing': {
    'zh-CN': (_f, d) => `备份文件「${s(d.name)}」不存在，可能已被移走或删除。`,
    en: (_f, d) => `The backup file "${s(d.name)}" does not exist; it may have been moved or deleted.`,
  },
  /** A file too large to read: one of the folder's (`name`) or one the clerk chose (no name). */
  'backup.tooLarge': {
    'zh-CN': (_f, d) => (d.name === undefined ? '所选的备份文件太大，无法读取。' : `备份文件「${s(d.name)}」太大，无法读取。`),
    en: (_f, d) => (d.name === undefined ? 'The chosen backup file is too large to read.' : `The backup file "${s(d.name)}" is too large to read.`),
  },

  // A scheduled backup or a restore that failed on this computer (`detail`: the error's message).
  'backup.failed': { 'zh-CN': (_f, d) => `备份失败：${s(d.detail)}`, en: (_f, d) => `The backup failed: ${s(d.detail)}` },
  'backup.store': {
    'zh-CN': (_f, d) => `恢复时本机数据库写入失败：${s(d.detail)}`,
    en: (_f, d) => `The local database failed while restoring: ${s(d.detail)}`,
  },

  // Refusals of a backup file's text (src-shared/backup-format.ts).
  'backup.notJson': refusal(
    () => '这个文件不是接诉台备份（无法读取，可能已损坏或被截断）。',
    () => 'This file is not a Jiesu backup (it cannot be read; it may be damaged or cut short).',
  ),
  'backup.notBackup': refusal(
    () => '这个文件不是接诉台备份文件。',
    () => 'This file is not a Jiesu backup file.',
  ),
  'backup.version': refusal(
    () => '这个备份来自不兼容的接诉台版本，请用相同或更新版本的接诉台恢复。',
    () => 'This backup comes from an incompatible Jiesu version; restore it with the same or a newer version.',
  ),
  'backup.envelope': refusal(
    () => '备份文件的结构不完整，可能已损坏。',
    () => 'The backup file is incomplete and may be damaged.',
  ),
  /** Fewer items than the backup counts: `expected` and `actual` records, or attachment files with `bodies: true`. */
  'backup.counts': refusal(
    (_f, d) =>
      d.bodies === true
        ? `备份文件应有 ${s(d.expected)} 个附件文件，实际有 ${s(d.actual)} 个，文件可能被截断。`
        : `备份文件应有 ${s(d.expected)} 条记录，实际只有 ${s(d.actual)} 条，文件可能被截断。`,
    (_f, d) =>
      d.bodies === true
        ? `The backup should hold ${s(d.expected)} attachment files but holds ${s(d.actual)}; the file may have been cut short.`
        : `The backup should hold ${s(d.expected)} records but holds ${s(d.actual)}; the file may have been cut short.`,
  ),
  'backup.checksum': refusal(
    () => '备份文件的校验值不符，内容已被改动或损坏。',
    () => 'The backup file’s checksum does not match: its content was changed or damaged.',
  ),
  /** Record `index` (from 1) is not a valid event; `first` is its first field error's sentence, appended. */
  'backup.event': refusal(
    (_f, d) => {
      const first = sentenceIn(d.first, 'zh-CN');
      return `备份中的第 ${s(d.index)} 条记录无效${first ? `：${first}` : '。'}`;
    },
    (_f, d) => {
      const first = sentenceIn(d.first, 'en');
      return `Record ${s(d.index)} in the backup is invalid${first ? `: ${first}` : '.'}`;
    },
  ),
  'backup.duplicate': refusal(
    (_f, d) => `备份中的第 ${s(d.index)} 条记录重复出现。`,
    (_f, d) => `Record ${s(d.index)} in the backup appears twice.`,
  ),
  'backup.config': refusal(
    (_f, d) => `备份中的第 ${s(d.index)} 份配置无效。`,
    (_f, d) => `Configuration document ${s(d.index)} in the backup is invalid.`,
  ),
  'backup.body': refusal(
    (_f, d) => `备份中的第 ${s(d.index)} 个附件文件无效。`,
    (_f, d) => `Attachment file ${s(d.index)} in the backup is invalid.`,
  ),
  'backup.notEmpty': refusal(
    () => '只能恢复到空白的桌面：这台电脑上已经有案件记录。',
    () => 'A backup can only be restored into an empty desk: this computer already holds case records.',
  ),

  // Refusals of a sealed backup file (src-main/backup-crypto.ts).
  'backup.unsealed': refusal(
    () => '这个备份文件没有加密（旧版本或来历不明），无法证明它未被改动，已拒绝恢复。',
    () => 'This backup file is not encrypted (an old version or of unknown origin); nothing proves it was not altered, so it was refused.',
  ),
  'backup.damaged': refusal(
    () => '备份文件不完整，可能已损坏或被截断。',
    () => 'The backup file is incomplete; it may be damaged or cut short.',
  ),
  'backup.passphraseNeeded': refusal(
    () => '这个备份用另一个备份口令加密，请输入制作备份时设定的备份口令。',
    () => 'This backup was encrypted with another backup passphrase; enter the passphrase that was set when it was made.',
  ),
  'backup.passphrase': refusal(
    () => '备份口令不正确。',
    () => 'The backup passphrase is wrong.',
  ),
  'backup.tampered': refusal(
    () => '备份文件未通过完整性验证：内容已被改动、伪造或损坏，已拒绝恢复。',
    () => 'The backup file failed its integrity check: its content was altered, forged or damaged, so it was refused.',
  ),

  // Refusals of the desk's restore (src-renderer/data/backups.ts).
  'backup.bodyHash': refusal(
    (_f, d) => `备份中的第 ${s(d.index)} 个附件文件与它的校验值不符，已被改动或损坏。`,
    (_f, d) => `Attachment file ${s(d.index)} in the backup does not match its hash: it was altered or damaged.`,
  ),
  'backup.noDesk': refusal(
    () => '这个备份没有记录它属于哪一台接诉台，无法恢复。',
    () => 'This backup does not say which desk it belongs to, so it cannot be restored.',
  ),
} satisfies MessageTable;
