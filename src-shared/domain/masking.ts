import type { Complainant } from './events';
import type { Policy } from './policy';

// S1-5: a confidential complainant's identity is masked everywhere (queue, case page, printouts, exports)
// until someone with an identity-viewer role reveals it, which is itself recorded (case.identity_viewed).

/** 张三 → 张**: keeps the surname, hides the given name and its length. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  return chars.length === 0 ? '' : `${chars[0]}**`;
}

/** 13812345678 → 138****5678; short numbers keep only their last digits. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length >= 11) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  if (digits.length >= 7) return `****${digits.slice(-4)}`;
  return digits.length ? '****' : '';
}

/** Keeps the first few characters (the district), hides the rest. */
export function maskText(value: string, keep = 3): string {
  const chars = [...value.trim()];
  if (chars.length === 0) return '';
  return `${chars.slice(0, Math.min(keep, Math.max(1, chars.length - 1))).join('')}****`;
}

/**
 * What may be shown of a complainant: everything when not confidential or when revealed to an authorised
 * viewer; otherwise name, phone, address and organisation masked. The input is never modified.
 */
export function maskComplainant(complainant: Complainant, revealed = false): Complainant {
  if (!complainant.confidential || revealed) return { ...complainant };
  const out: Complainant = { ...complainant };
  if (out.name !== undefined) out.name = maskName(out.name);
  if (out.phone !== undefined) out.phone = maskPhone(out.phone);
  if (out.address !== undefined) out.address = maskText(out.address, 3);
  if (out.organisation !== undefined) out.organisation = maskText(out.organisation, 2);
  return out;
}

/** S1-5: whether this person may reveal a confidential complainant (one of the policy's identity-viewer roles). */
export function canRevealIdentity(policy: Pick<Policy, 'identityViewerRoles'>, actor: { roles: readonly string[] }): boolean {
  return actor.roles.some((r) => policy.identityViewerRoles.includes(r));
}
