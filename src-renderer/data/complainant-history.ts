import { contactKeyOfPhone, nameKeyOf, placeKeyOf } from '../../src-shared/domain/contact-key';
import type { DeskDatabase } from './database';

// The complainant's earlier cases at intake (issue 11; S7-7 and S8-11 ask that repeated complaints be
// recognised): found by the phone number's, the name's and the place's keys (domain/contact-key.ts) through
// the cases' [contact | nameKey | placeKey, registeredAt] indexes, so the look-up reads only the cases that
// match however many the desk holds. A case found by several keys is listed once with every reason. Open
// cases first, then the newest. Cases of a confidential or anonymous complainant have no keys (S1-5).

/** Why an earlier case is listed: the same phone, the same name, the same place (房号 …). */
export type MatchReason = 'phone' | 'name' | 'place';
const REASONS: readonly MatchReason[] = ['phone', 'name', 'place'];

export interface EarlierCase {
  id: string;
  number: string;
  subject: string;
  status: string;
  registeredAt: number;
  open: boolean;
  /** In the order phone, name, place. */
  reasons: MatchReason[];
}

/** What the clerk has typed: the phone number, the name and the form's place field. */
export interface TypedComplainant {
  phone: string;
  name: string;
  place: string;
}

export async function earlierCasesOf(db: DeskDatabase, typed: TypedComplainant, limit = 8): Promise<{ total: number; cases: EarlierCase[] }> {
  const keys: Record<MatchReason, string> = { phone: contactKeyOfPhone(typed.phone), name: nameKeyOf(typed.name), place: placeKeyOf(typed.place) };
  const found = new Map<string, EarlierCase>();
  const query = {
    phone: (key: string) => db.cases.find({ selector: { contact: key }, sort: [{ contact: 'asc' }, { registeredAt: 'desc' }] }),
    name: (key: string) => db.cases.find({ selector: { nameKey: key }, sort: [{ nameKey: 'asc' }, { registeredAt: 'desc' }] }),
    place: (key: string) => db.cases.find({ selector: { placeKey: key }, sort: [{ placeKey: 'asc' }, { registeredAt: 'desc' }] }),
  } satisfies Record<MatchReason, unknown>;
  const lists = await Promise.all(REASONS.map((reason) => (keys[reason] ? query[reason](keys[reason]).exec() : Promise.resolve([]))));
  lists.forEach((docs, i) => {
    for (const d of docs) {
      const known = found.get(d.id);
      if (known) known.reasons.push(REASONS[i]!);
      else found.set(d.id, { id: d.id, number: d.number, subject: d.state.subject, status: d.status, registeredAt: d.registeredAt, open: d.bucket === 'open', reasons: [REASONS[i]!] });
    }
  });
  const all = [...found.values()].sort((a, b) => Number(b.open) - Number(a.open) || b.registeredAt - a.registeredAt || (a.id < b.id ? -1 : 1));
  return { total: all.length, cases: all.slice(0, limit) };
}

/** A case on either end of an intake link: its number, subject and status, to name and open it. */
export interface LinkedCase {
  id: string;
  number: string;
  subject: string;
  status: string;
}

/**
 * The cases linked to this one at intake (S7-7): the earlier case it was linked to (relatedCaseId) and the
 * later cases linked to it, oldest first, through the cases' [related, registeredAt] index.
 */
export async function linkedCasesOf(db: DeskDatabase, caseId: string, relatedCaseId: string | undefined): Promise<{ earlier?: LinkedCase; later: LinkedCase[] }> {
  const [earlier, later] = await Promise.all([
    relatedCaseId ? db.cases.findOne(relatedCaseId).exec() : Promise.resolve(null),
    db.cases.find({ selector: { related: caseId }, sort: [{ related: 'asc' }, { registeredAt: 'asc' }] }).exec(),
  ]);
  const linked = (d: { id: string; number: string; status: string; state: { subject: string } }): LinkedCase => ({ id: d.id, number: d.number, subject: d.state.subject, status: d.status });
  return { ...(earlier ? { earlier: linked(earlier) } : {}), later: later.map(linked) };
}
