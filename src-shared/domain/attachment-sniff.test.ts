import { describe, expect, it } from 'vitest';
import { ATTACHMENT_TYPES } from './attachments';
import { bytesAreOfType } from './attachment-sniff';

// Every type a desk may attach has a magic-number check the server applies to its bytes (issue 13): a
// sample of each type passes its own check, and a Windows executable passes none.

const bytes = (...parts: (string | number[])[]) => new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...new TextEncoder().encode(p)] : p)));
const SAMPLES: Record<(typeof ATTACHMENT_TYPES)[number], Uint8Array> = {
  'image/jpeg': bytes([0xff, 0xd8, 0xff, 0xdb], 'rest'),
  'image/png': bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'IHDR'),
  'image/webp': bytes('RIFF', [1, 2, 3, 4], 'WEBPVP8 '),
  'image/gif': bytes('GIF89a', [1, 0]),
  'application/pdf': bytes('%PDF-1.7\n'),
  'audio/mpeg': bytes('ID3', [4, 0]),
  'audio/mp4': bytes([0, 0, 0, 0x20], 'ftypM4A '),
  'audio/ogg': bytes('OggS', [0]),
  'audio/wav': bytes('RIFF', [1, 2, 3, 4], 'WAVEfmt '),
  'audio/webm': bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f]),
  'audio/amr': bytes('#!AMR\n'),
  'application/msword': bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
  'application/vnd.ms-excel': bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': bytes('PK', [3, 4], '[Content_Types].xml'),
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': bytes('PK', [3, 4], '[Content_Types].xml'),
  'text/plain': bytes('来信内容：楼道灯坏了。\r\n\tThe lights are out.'),
};

describe('attachment magic numbers', () => {
  it('a sample of every allowed type passes its own check', () => {
    for (const type of ATTACHMENT_TYPES) expect(bytesAreOfType(type, SAMPLES[type]), type).toBe(true);
  });

  it('an executable passes no check, text with a NUL is not text, and an unknown type has no check', () => {
    const exe = bytes('MZ', [0x90, 0, 3, 0]);
    for (const type of ATTACHMENT_TYPES) expect(bytesAreOfType(type, exe), type).toBe(false);
    expect(bytesAreOfType('text/plain', bytes('hello', [0], 'world'))).toBe(false);
    expect(bytesAreOfType('image/svg+xml', bytes('<svg/>'))).toBe(false);
    expect(bytesAreOfType('__proto__', bytes('x'))).toBe(false);
    expect(bytesAreOfType('image/jpeg', new Uint8Array(0))).toBe(false);
  });
});
