import type { CaseState } from './case-state';
import type { FieldDef, Policy } from './policy';
import { intakeFormFor } from './intake';

// The complainant's history at intake (issue 11, S7-7 and S8-11 repeated complaints): the desk looks up
// earlier cases by the caller's phone number, their name and the place of the problem (the form field the
// preset declares as the place, FieldDef.place: 房号, 投诉点, 隐患地点 …).
// - The phone's key is its digits, the last eleven (a mobile number with or without +86 / 0086, a landline
//   with or without its area code's leading 0 read the same way); shorter than seven digits it names no one.
// - A name's and a place's key is the text as typed with full-width characters made half-width (NFKC),
//   spaces dropped, Latin letters in lower case, and every dash (－ — – ‐) one '-': 3—1201, ３－１２０１ and
//   3-1201 are one room. A name of one character, or a surname with only a courtesy word (刘先生, 王女士),
//   names no one: it would list every caller of that surname.
// A confidential or anonymous complainant has no key at all, neither phone nor name nor place: a reporter
// promised confidentiality (S1-5) must not be linkable to their other cases by whoever types at intake.

const MIN_DIGITS = 7;
const KEY_DIGITS = 11;
/** Longer keys are cut: the case index holds at most this many characters (schemas.ts). */
export const TEXT_KEY_MAX = 200;
const DASHES = /[-‐‑‒–—―−－﹣]+/g;
const COURTESY_ONLY = /^[\u4e00-\u9fff]{1,2}(先生|女士|小姐|老师|师傅|阿姨)$/;

/** The lookup key of a typed phone number, or '' when it is too short to name anyone. */
export function contactKeyOfPhone(phone: string | undefined): string {
  const digits = (phone ?? '').replace(/\D/g, '');
  return digits.length < MIN_DIGITS ? '' : digits.slice(-KEY_DIGITS);
}

function textKey(typed: string | undefined): string {
  return (typed ?? '').normalize('NFKC').replace(/\s+/g, '').replace(DASHES, '-').toLowerCase().slice(0, TEXT_KEY_MAX);
}

/** The lookup key of a typed name, or '' when it names no one in particular. */
export function nameKeyOf(name: string | undefined): string {
  const key = textKey(name);
  return [...key].length < 2 || COURTESY_ONLY.test(key) ? '' : key;
}

/** The lookup key of a typed place (a room number, an address of the problem), '' when empty. */
export function placeKeyOf(place: string | number | boolean | null | undefined): string {
  return typeof place === 'string' || typeof place === 'number' ? textKey(String(place)) : '';
}

/**
 * The field a kind's form declares as the place of the problem (FieldDef.place; analytics/repeated.ts
 * `placeFieldsOf` lists them for the whole policy): the first such field of the kind's form.
 */
export function placeFieldOf(policy: Policy, kindCode: string): FieldDef | undefined {
  return intakeFormFor(policy, kindCode)?.form.fields.find((f) => f.place);
}

/** The key a case is found by its phone, or '' when its complainant may not be looked up. */
export function contactKeyOf(state: Pick<CaseState, 'complainant'>): string {
  const c = state.complainant;
  return c.confidential || c.anonymous ? '' : contactKeyOfPhone(c.phone);
}

export interface LookupKeys {
  /** The phone's key (contactKeyOfPhone). */
  contact: string;
  /** The complainant's name's key (nameKeyOf). */
  nameKey: string;
  /** The place field's key (placeKeyOf of the case form's placeFieldOf). */
  placeKey: string;
}

/**
 * Every key a case is found by at intake, '' for each one it may not be found by: all of them for a
 * confidential or anonymous complainant (S1-5). `policy` is the case's policy revision, which says which
 * form field is the place; without it the case has no place key. The projector (case-doc.ts) and the
 * case documents' migration (schemas.ts) both ask this one function.
 */
export function lookupKeysOf(state: Pick<CaseState, 'complainant' | 'kind' | 'form'>, policy: Policy | undefined): LookupKeys {
  const c = state.complainant;
  if (c.confidential || c.anonymous) return { contact: '', nameKey: '', placeKey: '' };
  const place = policy && placeFieldOf(policy, state.kind);
  return { contact: contactKeyOfPhone(c.phone), nameKey: nameKeyOf(c.name), placeKey: place ? placeKeyOf(state.form[place.key]) : '' };
}
