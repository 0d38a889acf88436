import type { BridgeError } from '../../src-shared/bridge';

// Errors a clerk can meet while producing a document: each carries a sentence in both languages that
// says what to do next, and a stable code the renderer can branch on.

export type DocumentErrorCode = 'font_missing' | 'folder_unwritable' | 'invalid_input' | 'render_failed' | 'print_failed' | 'unknown_document';

export class DocumentError extends Error {
  readonly code: DocumentErrorCode;
  readonly messages: BridgeError['message'];

  constructor(code: DocumentErrorCode, messages: BridgeError['message'], options?: { cause?: unknown }) {
    super(messages['zh-CN'], options);
    this.name = 'DocumentError';
    this.code = code;
    this.messages = messages;
  }

  toBridgeError(): BridgeError {
    return { code: `documents.${this.code}`, message: this.messages };
  }
}

export function fontMissing(path: string, cause?: unknown): DocumentError {
  return new DocumentError(
    'font_missing',
    {
      'zh-CN': `找不到打印用的中文字体文件（${path}）。请重新安装接诉台，或联系管理员检查安装目录是否完整。`,
      en: `The Chinese font used for printing was not found (${path}). Reinstall Jiesu or ask an administrator to check the installation folder.`,
    },
    { cause },
  );
}

export function folderUnwritable(folder: string, cause?: unknown): DocumentError {
  return new DocumentError(
    'folder_unwritable',
    {
      'zh-CN': `无法把文件保存到文件夹「${folder}」：该文件夹不存在或没有写入权限。请在设置中换一个归档文件夹后重试。`,
      en: `Could not save to the folder "${folder}": it does not exist or is not writable. Choose another archive folder in Settings and try again.`,
    },
    { cause },
  );
}

export function invalidInput(detail: string): DocumentError {
  return new DocumentError('invalid_input', {
    'zh-CN': `生成文档所需的数据不完整或有误（${detail}）。请刷新案件后重试。`,
    en: `The data for this document is incomplete or invalid (${detail}). Reload the case and try again.`,
  });
}

export function renderFailed(cause: unknown): DocumentError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new DocumentError(
    'render_failed',
    {
      'zh-CN': `生成 PDF 时出错：${detail}。请重试；如果仍然失败，请把此信息告诉管理员。`,
      en: `Generating the PDF failed: ${detail}. Try again; if it keeps failing, tell an administrator.`,
    },
    { cause },
  );
}

export function printFailed(cause: unknown): DocumentError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new DocumentError(
    'print_failed',
    {
      'zh-CN': `打印失败：${detail}。请检查打印机是否开机、联网，或改用系统打印对话框。`,
      en: `Printing failed: ${detail}. Check that the printer is on and connected, or use the system print dialog.`,
    },
    { cause },
  );
}
