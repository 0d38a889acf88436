// What a body's first bytes say it is (issue 13): the server never trusts the type a desk declares, in the
// event or in a request header, and keeps a body only when its bytes are of the declared type
// (src-server/plugins/attachments.ts). One check per type of `isAllowedAttachmentType` (./attachments.ts);
// a type without a check here is refused. The office formats are checked by container (OLE2 for
// .doc/.xls, ZIP for .docx/.xlsx): their inner parts are the reader's business, not a risk to the server.

const ascii = (bytes: Uint8Array, at: number, text: string): boolean => {
  if (bytes.length < at + text.length) return false;
  for (let i = 0; i < text.length; i++) if (bytes[at + i] !== text.charCodeAt(i)) return false;
  return true;
};
const startsWith = (bytes: Uint8Array, ...magic: number[]): boolean => bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);

const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP = [0x50, 0x4b, 0x03, 0x04];

/** Text holds no NUL and no C0 control other than tab, line feeds, form feed, carriage return and escape:
 * an executable, an archive or any binary format above is caught by its first such byte, whatever its
 * encoding (UTF-8, or GB 18030 from an older Windows desk). */
function isText(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b === 0 || (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d && b !== 0x1b) || b === 0x7f) return false;
  return true;
}

const CHECKS: Record<string, (b: Uint8Array) => boolean> = {
  'image/jpeg': (b) => startsWith(b, 0xff, 0xd8, 0xff),
  'image/png': (b) => startsWith(b, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a),
  'image/gif': (b) => ascii(b, 0, 'GIF87a') || ascii(b, 0, 'GIF89a'),
  'image/webp': (b) => ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP'),
  'application/pdf': (b) => ascii(b, 0, '%PDF-'),
  // An MP3 opens with an ID3 tag or directly with a frame header (11 set sync bits).
  'audio/mpeg': (b) => ascii(b, 0, 'ID3') || (b.length >= 2 && b[0] === 0xff && (b[1]! & 0xe0) === 0xe0),
  'audio/mp4': (b) => ascii(b, 4, 'ftyp'),
  'audio/ogg': (b) => ascii(b, 0, 'OggS'),
  'audio/wav': (b) => ascii(b, 0, 'RIFF') && ascii(b, 8, 'WAVE'),
  'audio/webm': (b) => startsWith(b, 0x1a, 0x45, 0xdf, 0xa3),
  'audio/amr': (b) => ascii(b, 0, '#!AMR'),
  'application/msword': (b) => startsWith(b, ...OLE2),
  'application/vnd.ms-excel': (b) => startsWith(b, ...OLE2),
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': (b) => startsWith(b, ...ZIP),
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': (b) => startsWith(b, ...ZIP),
  'text/plain': isText,
};

/** Whether the bytes are of the declared type by their magic numbers; false for any type without a check. */
export function bytesAreOfType(type: string, bytes: Uint8Array): boolean {
  const check = Object.hasOwn(CHECKS, type) ? CHECKS[type] : undefined;
  return check ? check(bytes) : false;
}
