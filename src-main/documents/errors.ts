import type { BridgeError } from '../../src-shared/bridge';
import { messageFor } from '../../src-shared/i18n/validation';

// Errors a clerk can meet while producing a document: each names a stable code the renderer can branch on
// (`documents.${code}` on the bridge) and its parameters; the sentences, which say what to do next, are the
// shared catalogue's (src-shared/i18n/messages/documents.ts).

export type DocumentErrorCode = 'font_missing' | 'folder_unwritable' | 'invalid_input' | 'render_failed' | 'print_failed';

export class DocumentError extends Error {
  readonly code: DocumentErrorCode;
  readonly messages: BridgeError['message'];

  constructor(code: DocumentErrorCode, detail: object, options?: { cause?: unknown }) {
    const messages = messageFor(`documents.${code}`, '', detail);
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
  return new DocumentError('font_missing', { path }, { cause });
}

export function folderUnwritable(folder: string, cause?: unknown): DocumentError {
  return new DocumentError('folder_unwritable', { folder }, { cause });
}

export function invalidInput(detail: string): DocumentError {
  return new DocumentError('invalid_input', { detail });
}

const messageOf = (cause: unknown) => (cause instanceof Error ? cause.message : String(cause));

export function renderFailed(cause: unknown): DocumentError {
  return new DocumentError('render_failed', { detail: messageOf(cause) }, { cause });
}

export function printFailed(cause: unknown): DocumentError {
  return new DocumentError('print_failed', { detail: messageOf(cause) }, { cause });
}
