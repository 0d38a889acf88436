import type { CaseState } from './case-state';

// The complainant's history at intake (issue 11, S7-7 and S8-11 repeated complaints): the desk looks up
// earlier cases by the caller's phone number. The key is the number's digits, the last eleven (a mobile
// number with or without +86 / 0086, a landline with or without its area code's leading 0 read the same
// way); shorter than seven digits it names no one. A confidential or anonymous complainant has no key: a
// reporter promised confidentiality (S1-5) must not be linkable to their other cases by whoever types a
// number at intake.

const MIN_DIGITS = 7;
const KEY_DIGITS = 11;

/** The lookup key of a typed phone number, or '' when it is too short to name anyone. */
export function contactKeyOfPhone(phone: string | undefined): string {
  const digits = (phone ?? '').replace(/\D/g, '');
  return digits.length < MIN_DIGITS ? '' : digits.slice(-KEY_DIGITS);
}

/** The key a case is found by, or '' when its complainant may not be looked up. */
export function contactKeyOf(state: Pick<CaseState, 'complainant'>): string {
  const c = state.complainant;
  return c.confidential || c.anonymous ? '' : contactKeyOfPhone(c.phone);
}
