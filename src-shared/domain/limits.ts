import { z } from 'zod';

// Size limits shared by the desk forms, the event schemas and the server's push validation,
// so a document the desk accepts is never refused by the server and vice versa.
export const LIMITS = {
  id: 64,
  shortText: 200,
  text: 4_000,
  longText: 20_000,
  listItems: 50,
  formFields: 60,
  /** A drawn signature PNG as a data URL; signature_pad output of a desk pad is ~10–60 kB. */
  signatureDataUrl: 300_000,
  /** Upper bound on a serialised event document, checked again by the server on push. */
  eventBytes: 400_000,
} as const;

export const idString = z
  .string()
  .min(1)
  .max(LIMITS.id)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'id.chars');
export const shortText = z.string().max(LIMITS.shortText);
export const text = z.string().max(LIMITS.text);
export const longText = z.string().max(LIMITS.longText);
export const requiredShortText = shortText.trim().min(1, 'required');
export const requiredText = text.trim().min(1, 'required');
/** Milliseconds since the Unix epoch, UTC. Bounded to 2000–2200 so corrupt clocks are caught. */
export const epochMs = z.number().int().min(946_684_800_000).max(7_258_118_400_000);
export const money = z.number().min(0).max(10_000_000);
