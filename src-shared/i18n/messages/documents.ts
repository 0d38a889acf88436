import { paramText as s, type MessageTable } from '../message-table';

// Errors a clerk can meet while producing a document (src-main/documents/errors.ts): each says what to do
// next. The codes are the BridgeError codes the renderer may branch on (`documents.font_missing` …).

export const documentMessages = {
  'documents.unavailable': { 'zh-CN': () => '此版本的主程序还不能生成文书。', en: () => 'This version of the host cannot produce documents yet.' },
  'documents.font_missing': {
    'zh-CN': (_f, d) => `找不到打印用的中文字体文件（${s(d.path)}）。请重新安装接诉台，或联系管理员检查安装目录是否完整。`,
    en: (_f, d) => `The Chinese font used for printing was not found (${s(d.path)}). Reinstall Jiesu or ask an administrator to check the installation folder.`,
  },
  'documents.folder_unwritable': {
    'zh-CN': (_f, d) => `无法把文件保存到文件夹「${s(d.folder)}」：该文件夹不存在或没有写入权限。请在设置中换一个归档文件夹后重试。`,
    en: (_f, d) =>
      `Could not save to the folder "${s(d.folder)}": it does not exist or is not writable. Choose another archive folder in Settings and try again.`,
  },
  'documents.invalid_input': {
    'zh-CN': (_f, d) => `生成文档所需的数据不完整或有误（${s(d.detail)}）。请刷新案件后重试。`,
    en: (_f, d) => `The data for this document is incomplete or invalid (${s(d.detail)}). Reload the case and try again.`,
  },
  'documents.render_failed': {
    'zh-CN': (_f, d) => `生成 PDF 时出错：${s(d.detail)}。请重试；如果仍然失败，请把此信息告诉管理员。`,
    en: (_f, d) => `Generating the PDF failed: ${s(d.detail)}. Try again; if it keeps failing, tell an administrator.`,
  },
  'documents.print_failed': {
    'zh-CN': (_f, d) => `打印失败：${s(d.detail)}。请检查打印机是否开机、联网，或改用系统打印对话框。`,
    en: (_f, d) => `Printing failed: ${s(d.detail)}. Check that the printer is on and connected, or use the system print dialog.`,
  },
} satisfies MessageTable;
