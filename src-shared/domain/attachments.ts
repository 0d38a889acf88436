import { z } from 'zod';
import type { CaseState } from './case-state';
import type { Policy } from './policy';
import { bytesAreOfType } from './attachment-sniff';
import type { MessageCode } from '../i18n/validation';

// Files attached to a case (issue 13): photos, scans, letters, recordings. The event carries what the file
// is (its SHA-256, name, type, size, kind and caption) and the envelope who added it when; the bytes
// ("body") live beside the event log, addressed by their hash (docs/architecture.md §Attachments). The
// limits here are the one set the desk checks before storing and the server checks before accepting a body.

export const ATTACHMENT_LIMITS = {
  /** Largest body, after the desk has downscaled an image. */
  maxBytes: 20 * 1024 * 1024,
  /** Longest edge of a stored image, in pixels; larger photos are downscaled on the desk. */
  imageMaxEdge: 2048,
} as const;

/** The default kinds, used when the case's policy names none of its own (`policy.attachmentKinds`). */
export const DEFAULT_ATTACHMENT_KINDS: readonly { code: string; name: string }[] = [
  { code: 'evidence', name: '证据' },
  { code: 'material', name: '书面材料' },
  { code: 'letter', name: '来信来函' },
  { code: 'recording', name: '录音' },
  { code: 'sample_photo', name: '样品照片' },
  { code: 'other', name: '其他' },
];

export function attachmentKindsOf(policy: Pick<Policy, 'attachmentKinds'>): readonly { code: string; name: string }[] {
  return policy.attachmentKinds ?? DEFAULT_ATTACHMENT_KINDS;
}

/** Types a desk may attach: pictures, PDF, sound, office documents and plain text. Anything else is refused. */
export const ATTACHMENT_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/gif',
  'application/pdf',
  'audio/mpeg',
  'audio/mp4',
  'audio/ogg',
  'audio/wav',
  'audio/webm',
  'audio/amr',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'text/plain',
] as const;
const ALLOWED_TYPES: ReadonlySet<string> = new Set(ATTACHMENT_TYPES);

export function isAllowedAttachmentType(type: string): boolean {
  return ALLOWED_TYPES.has(type);
}

/** Pictures the desk shows as thumbnails and the archive prints as pictures. */
export function isPicture(type: string): boolean {
  return type === 'image/jpeg' || type === 'image/png' || type === 'image/webp' || type === 'image/gif';
}

export const contentHash = z.string().regex(/^[0-9a-f]{64}$/, 'attachment.hash');
export const mimeType = z
  .string()
  .max(100)
  .regex(/^[a-z]+\/[a-z0-9.+-]+$/, 'attachment.type');

/** Why a body of this type and size may not be attached, as a message code with parameters; undefined when it may. */
export function bodyRefusal(type: string, size: number): { code: MessageCode; detail: Record<string, unknown> } | undefined {
  if (!isAllowedAttachmentType(type)) return { code: 'attachment.typeRefused', detail: { type: type || '未知' } };
  if (size <= 0) return { code: 'attachment.empty', detail: {} };
  if (size > ATTACHMENT_LIMITS.maxBytes)
    return { code: 'attachment.tooLarge', detail: { max: ATTACHMENT_LIMITS.maxBytes / 1024 / 1024, size: Math.ceil((size / 1024 / 1024) * 10) / 10 } };
  return undefined;
}

/**
 * Why these bytes may not be kept as `type`: they are not what the type says (a program renamed 照片.jpg).
 * The server applies the same check (`bytesAreOfType`) to every body it receives; the desk applies it when a
 * file is added, so such a file never enters a case's history. Undefined for a type `bodyRefusal` refuses
 * anyway (its message says why) and for no bytes at all (`attachment.empty`).
 */
export function contentRefusal(type: string, bytes: Uint8Array): { code: MessageCode; detail: Record<string, unknown> } | undefined {
  if (!isAllowedAttachmentType(type) || bytes.length === 0 || bytesAreOfType(type, bytes)) return undefined;
  return { code: 'attachment.notOfType', detail: { type } };
}

export type Attachment = CaseState['attachments'][number];

/** Files still shown with the case: not withdrawn. Withdrawn ones stay in the history and the archive. */
export function liveAttachments(state: Pick<CaseState, 'attachments'>): Attachment[] {
  return (state.attachments ?? []).filter((a) => !a.withdrawn);
}

/** Every file of a case, in the order added (case documents stored before issue 13 have no list). */
export function attachmentsOf(state: Pick<CaseState, 'attachments'>): Attachment[] {
  return state.attachments ?? [];
}

/** SHA-256 of the bytes, lower-case hex: the body's address on the desk and the server. WebCrypto runs in the page and in Node. */
export async function sha256Hex(bytes: ArrayBuffer | Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as BufferSource);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
