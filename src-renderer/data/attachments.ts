import { bytesToBase64 } from '../../src-shared/base64';
import { bodyRefusal, contentRefusal, liveAttachments, sha256Hex } from '../../src-shared/domain/attachments';
import type { CaseState } from '../../src-shared/domain/case-state';
import { messageFor, type LocalisedMessage } from '../../src-shared/i18n/validation';
import type { DeskDatabase } from './database';
import { bodyStoreFor } from './body-store';
import { writeEvent, type WriteContext, type WriteEventResult } from './write-event';
import { keepsBodiesAtRest } from './at-rest-crypto';

// Attaching a file to a case and withdrawing it (issue 13), on the one command path (write-event.ts).

/** A file ready to keep: images already downscaled and re-encoded (prepare-file.ts). */
export interface PreparedFile {
  bytes: ArrayBuffer;
  type: string;
  name: string;
  width?: number;
  height?: number;
}

/** Why a body of this type and size cannot be attached, in both languages; undefined when it can. */
export function bodyRefusalMessage(type: string, size: number): LocalisedMessage | undefined {
  const refused = bodyRefusal(type, size);
  return refused && messageFor(refused.code, 'file', refused.detail);
}

/**
 * Why a file named `name` cannot be kept as `type` for its bytes (a renamed program), in both languages,
 * naming the file and what it claims to be; undefined when its bytes are of its type. The server refuses
 * such a body; the desk refuses the file before anything is written (prepare-file.ts, attachFile).
 */
export function contentRefusalMessage(name: string, type: string, bytes: Uint8Array): LocalisedMessage | undefined {
  const refused = contentRefusal(type, bytes);
  return refused && messageFor(refused.code, 'file', { ...refused.detail, name });
}

/**
 * Keeps the body, then writes `case.attachment_added`. The body goes first: a crash in between leaves an
 * unreferenced body (space, which the uploader skips), never an attachment whose bytes are gone. A type,
 * size or content the domain refuses changes nothing.
 */
export async function attachFile(
  db: DeskDatabase,
  ctx: WriteContext,
  caseId: string,
  file: PreparedFile,
  opts: { kind: string; caption?: string },
): Promise<WriteEventResult> {
  const refused = bodyRefusal(file.type, file.bytes.byteLength);
  if (refused) return { ok: false, errors: [{ path: 'payload.type', code: refused.code, message: messageFor(refused.code, 'file', refused.detail) }] };
  const notOfType = contentRefusalMessage(file.name, file.type, new Uint8Array(file.bytes));
  if (notOfType) return { ok: false, errors: [{ path: 'payload.type', code: 'attachment.notOfType', message: notOfType }] };
  const hash = await sha256Hex(file.bytes);
  const caption = opts.caption?.trim();
  const payload = {
    hash,
    name: file.name.slice(0, 200),
    type: file.type,
    size: file.bytes.byteLength,
    kind: opts.kind,
    ...(caption ? { caption } : {}),
    ...(file.width && file.height ? { width: file.width, height: file.height } : {}),
  };
  // A confidential case's body is kept encrypted (at-rest-crypto.ts).
  const confidential = keepsBodiesAtRest((await db.cases.findOne(caseId).exec())?.toJSON().state.complainant);
  await bodyStoreFor(db).put(file.bytes, file.type, ctx.now?.() ?? Date.now(), 0, confidential);
  return writeEvent(db, ctx, caseId, { type: 'case.attachment_added', payload });
}

/** Hides a file from the case; the history and the archive keep it, marked withdrawn, with the reason. */
export function withdrawAttachment(db: DeskDatabase, ctx: WriteContext, caseId: string, attachmentId: string, reason: string): Promise<WriteEventResult> {
  return writeEvent(db, ctx, caseId, { type: 'case.attachment_withdrawn', payload: { attachmentId, reason } });
}

/** Types pdfmake draws; the desk keeps photos as JPEG and screenshots as PNG (prepare-file.ts). */
const PRINTABLE = new Set(['image/jpeg', 'image/png']);
/** As many pictures as the archive's input accepts (src-main/documents/input.ts MAX_PRINTED_PICTURES). */
const MAX_PRINTED = 60;

/**
 * The pictures of a case the archive draws (S1-13 evidence, S4-11 materials), as data URLs by hash: the
 * files still shown whose bodies are on this desk. A file not downloaded yet is listed without its picture.
 */
export async function archivePictures(db: DeskDatabase, state: CaseState): Promise<Record<string, string>> {
  const store = bodyStoreFor(db);
  const out: Record<string, string> = {};
  for (const a of liveAttachments(state)) {
    if (!PRINTABLE.has(a.type) || out[a.hash] || Object.keys(out).length >= MAX_PRINTED) continue;
    const body = await store.get(a.hash);
    if (body) out[a.hash] = `data:${a.type};base64,${bytesToBase64(body.bytes)}`;
  }
  return out;
}
