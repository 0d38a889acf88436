import { z } from 'zod';
import { idString, shortText } from './limits';
import { VERIFIER_PATTERN } from '../credentials';

// Organisation configuration: edited by administrators, replicated as whole documents with a revision
// number and last-writer-wins (docs/architecture.md §Sync).

export const staffSchema = z.strictObject({
  id: idString,
  orgId: idString,
  name: shortText.trim().min(1, 'required'),
  roles: z.array(idString).min(1).max(20),
  departmentId: idString.optional(),
  /**
   * Verifier of the PIN or passphrase in the fixed format of src-shared/credentials.ts (the cost is the
   * code's, never the document's); '' when this person cannot sign in here. Never stored or logged in clear.
   * A desk receives the verifier only where this person may sign in (server sync/staff-filter.ts).
   */
  pinHash: z.string().max(300).regex(VERIFIER_PATTERN, 'staff.verifier'),
  /** Sites whose desks this person signs in at; absent = every site of the organisation. */
  siteIds: z.array(idString).max(100).optional(),
  /** Desks this person signs in at, besides those of `siteIds`. */
  deskIds: z.array(idString).max(100).optional(),
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

/**
 * Whether this person signs in at that desk: active, and either unrestricted (no `siteIds`, no `deskIds`)
 * or assigned to the desk's site or to the desk itself. The server sends a desk only these verifiers.
 */
export function maySignInAt(staff: Pick<Staff, 'active' | 'siteIds' | 'deskIds'>, desk: { id: string; siteId: string }): boolean {
  if (!staff.active) return false;
  if (!staff.siteIds && !staff.deskIds) return true;
  return (staff.siteIds ?? []).includes(desk.siteId) || (staff.deskIds ?? []).includes(desk.id);
}
