import { ATTACHMENT_LIMITS } from '../../src-shared/domain/attachments';
import type { PreparedFile } from './attachments';

// Turns a chosen, dropped or pasted file into what the desk keeps (issue 13). Photos are downscaled to
// ATTACHMENT_LIMITS.imageMaxEdge and re-encoded through a canvas: a phone photo of 4–8 MB becomes a few
// hundred kB, and drawing only the pixels leaves every EXIF field (GPS position, camera, time) behind.
// The picture is turned upright first (`imageOrientation: 'from-image'`), since the orientation tag goes too.

/** Types whose pixels are redrawn. GIF is kept as it is (it may be animated and carries no EXIF). */
const REDRAWN = new Set(['image/jpeg', 'image/png', 'image/webp']);

/** Types by extension, for files the system gives no type (common for .amr, .m4a and office files). */
const BY_EXTENSION: Record<string, string> = {
  jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', gif: 'image/gif', pdf: 'application/pdf',
  mp3: 'audio/mpeg', m4a: 'audio/mp4', ogg: 'audio/ogg', wav: 'audio/wav', amr: 'audio/amr', webm: 'audio/webm',
  doc: 'application/msword', docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', txt: 'text/plain',
};

export function typeOf(file: { name: string; type: string }): string {
  if (file.type) return file.type;
  const ext = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase() ?? '';
  return BY_EXTENSION[ext] ?? '';
}

export async function prepareFile(file: File): Promise<PreparedFile> {
  const type = typeOf(file);
  if (!REDRAWN.has(type)) return { bytes: await file.arrayBuffer(), type, name: file.name };
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  const scale = Math.min(1, ATTACHMENT_LIMITS.imageMaxEdge / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = new OffscreenCanvas(width, height);
  const g = canvas.getContext('2d')!;
  g.imageSmoothingQuality = 'high';
  // PNG stays PNG (screenshots and scans of text stay sharp, transparency stays); photos become JPEG.
  const out = type === 'image/png' ? 'image/png' : 'image/jpeg';
  if (out === 'image/jpeg') {
    g.fillStyle = '#fff';
    g.fillRect(0, 0, width, height);
  }
  g.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  const blob = await canvas.convertToBlob({ type: out, quality: 0.85 });
  const name = out === type ? file.name : file.name.replace(/\.[^.]*$/, '') + '.jpg';
  return { bytes: await blob.arrayBuffer(), type: out, name, width, height };
}
