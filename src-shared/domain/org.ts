import { z } from 'zod';
import { idString, shortText } from './limits';

// Organisation configuration: edited by administrators, replicated as whole documents with a revision
// number and last-writer-wins (DESIGN.md "Sync").

export const staffSchema = z.strictObject({
  id: idString,
  orgId: idString,
  name: shortText.trim().min(1, 'required'),
  roles: z.array(idString).min(1).max(20),
  departmentId: idString.optional(),
  /** scrypt/PBKDF2 hash of the PIN as `algo$salt$hash`; a PIN is never stored or logged in clear. */
  pinHash: z.string().max(300),
  active: z.boolean().default(true),
  rev: z.number().int().min(0),
  updatedAt: z.number().int(),
});
export type Staff = z.infer<typeof staffSchema>;

export const deskSchema = z.strictObject({
  id: idString,
  orgId: idString,
  siteId: idString,
  /** 2–6 capitals/digits used in case numbers, e.g. HZ01. Unique within the organisation. */
  code: z.string().regex(/^[A-Z0-9]{2,6}$/, 'desk.code'),
  name: shortText,
  departmentId: idString.optional(),
  receptionPoint: shortText.optional(),
  rev: z.number().int().min(0),
  updatedAt: z.number().int(),
});
export type Desk = z.infer<typeof deskSchema>;

export const siteSchema = z.strictObject({ id: idString, orgId: idString, name: shortText, rev: z.number().int().min(0), updatedAt: z.number().int() });
export type Site = z.infer<typeof siteSchema>;

export const organisationSchema = z.strictObject({
  id: idString,
  name: shortText.trim().min(1, 'required'),
  presetId: idString,
  rev: z.number().int().min(0),
  updatedAt: z.number().int(),
});
export type Organisation = z.infer<typeof organisationSchema>;
