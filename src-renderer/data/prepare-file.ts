import { ATTACHMENT_LIMITS } from '../../src-shared/domain/attachments';
import { bytesAreOfType } from '../../src-shared/domain/attachment-sniff';
import type { LocalisedMessage } from '../../src-shared/i18n/validation';
import { contentRefusalMessage, type PreparedFile } from './attachments';
import { drawDownscaled } from './thumbnail';

// Turns a chosen, dropped, pasted or photographed file into what the desk keeps (issue 13). Its bytes are
// judged first, as the server judges every body: a file whose bytes are not of the type its name or the
// system gives it (a program renamed 照片.jpg) is refused here, before anything is kept or written, instead
// of entering the case's history and showing 未能上传 after the next sync. Photos are then downscaled to
// ATTACHMENT_LIMITS.imageMaxEdge and re-encoded through a canvas: a phone photo of 4–8 MB becomes a few
// hundred kB, and drawing only the pixels leaves every EXIF field (GPS position, camera, time) behind.
// The picture is turned upright first (`imageOrientation: 'from-image'`), since the orientation tag goes too.

/** A file ready to keep, or why it cannot be (naming the file and what it claims to be). */
export type Preparation = { ok: true; file: PreparedFile } | { ok: false; refused: LocalisedMessage };

/** Types whose pixels are redrawn. GIF is kept as it is (it may be animated and carries no EXIF). */
const REDRAWN = new Set(['image/jpeg', 'image/png', 'image/webp']);

/** Types by extension, for files the system gives no type (common for .amr, .m4a and office files). */
const BY_EXTENSION: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
  pdf: 'application/pdf',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  ogg: 'audio/ogg',
  wav: 'audio/wav',
  amr: 'audio/amr',
  webm: 'audio/webm',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  txt: 'text/plain',
};

export function typeOf(file: { name: string; type: string }): string {
  if (file.type) return file.type;
  const ext = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase() ?? '';
  return BY_EXTENSION[ext] ?? '';
}

export async function prepareFile(file: File): Promise<Preparation> {
  const type = typeOf(file);
  const bytes = await file.arrayBuffer();
  const refused = contentRefusal(file.name, type, new Uint8Array(bytes));
  if (refused) return { ok: false, refused };
  // An empty file is left to the size rule (文件是空的), not handed to the image decoder.
  if (!REDRAWN.has(type) || bytes.byteLength === 0) return { ok: true, file: { bytes, type, name: file.name } };
  return { ok: true, file: await redraw(file, type) };
}

/**
 * A picture that is redrawn is kept as the type the redraw writes, so its bytes need only be a picture the
 * canvas redraws: a PNG saved as .jpg is kept, as a JPEG, and the server finds a JPEG. Anything else is
 * judged against its own type.
 */
function contentRefusal(name: string, type: string, bytes: Uint8Array): LocalisedMessage | undefined {
  if (REDRAWN.has(type) && [...REDRAWN].some((t) => bytesAreOfType(t, bytes))) return undefined;
  return contentRefusalMessage(name, type, bytes);
}

async function redraw(file: File, type: string): Promise<PreparedFile> {
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  // PNG stays PNG (screenshots and scans of text stay sharp, transparency stays); photos become JPEG.
  const out = type === 'image/png' ? 'image/png' : 'image/jpeg';
  try {
    const { blob, width, height } = await drawDownscaled(bitmap, ATTACHMENT_LIMITS.imageMaxEdge, out, 0.85);
    const name = out === type ? file.name : file.name.replace(/\.[^.]*$/, '') + '.jpg';
    return { bytes: await blob.arrayBuffer(), type: out, name, width, height };
  } finally {
    bitmap.close();
  }
}
