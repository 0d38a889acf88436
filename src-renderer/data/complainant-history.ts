import { contactKeyOfPhone, nameKeyOf, placeKeyOf } from '../../src-shared/domain/contact-key';
import type { DeskDatabase } from './database';
import { casesMatching, type CaseKeyHit } from './store-reads';

// The complainant's earlier cases at intake (issue 11; S7-7 and S8-11 ask that repeated complaints be
// recognised): found by the phone number's, the name's and the place's keys (domain/contact-key.ts) through
// the cases' [contact | nameKey | placeKey, bucket, registeredAt] indexes, keys only, so the look-up reads
// the documents of the cases it lists and no others, however many share a key. A case found by several keys is listed once with every reason. Open
// cases first, then the newest. Cases of a confidential or anonymous complainant have no keys (S1-5).

/** Why an earlier case is listed: the same phone, the same name, the same place (房号 …). */
export type MatchReason = 'phone' | 'name' | 'place';
const REASONS: readonly MatchReason[] = ['phone', 'name', 'place'];
const FIELD = { phone: 'contact', name: 'nameKey', place: 'placeKey' } as const satisfies Record<MatchReason, string>;

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

export async function earlierCasesOf(db: DeskDatabase, typed: TypedComplainant, limit = 8): Promise<{ total: number; open: number; cases: EarlierCase[] }> {
  const keys: Record<MatchReason, string> = { phone: contactKeyOfPhone(typed.phone), name: nameKeyOf(typed.name), place: placeKeyOf(typed.place) };
  const lists = await Promise.all(REASONS.map((reason) => (keys[reason] ? casesMatching(db, FIELD[reason], keys[reason]) : Promise.resolve([]))));
  const found = new Map<string, CaseKeyHit & { reasons: MatchReason[] }>();
  lists.forEach((hits, i) => {
    for (const hit of hits) {
      const known = found.get(hit.id);
      if (known) known.reasons.push(REASONS[i]!);
      else found.set(hit.id, { ...hit, reasons: [REASONS[i]!] });
    }
  });
  const all = [...found.values()].sort((a, b) => Number(b.open) - Number(a.open) || b.registeredAt - a.registeredAt || (a.id < b.id ? -1 : 1));
  // Only the cases listed are read.
  const listed = all.slice(0, limit);
  const docs = await db.cases.findByIds(listed.map((h) => h.id)).exec();
  const cases = listed.flatMap((h) => {
    const d = docs.get(h.id);
    return d
      ? [
          {
            id: d.id,
            number: d.number,
            subject: d.state.subject,
            status: d.status,
            registeredAt: d.registeredAt,
            open: d.bucket === 'open',
            reasons: h.reasons,
          },
        ]
      : [];
  });
  return { total: all.length, open: all.filter((h) => h.open).length, cases };
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
export async function linkedCasesOf(
  db: DeskDatabase,
  caseId: string,
  relatedCaseId: string | undefined,
): Promise<{ earlier?: LinkedCase; later: LinkedCase[] }> {
  const [earlier, later] = await Promise.all([
    relatedCaseId ? db.cases.findOne(relatedCaseId).exec() : Promise.resolve(null),
    db.cases.find({ selector: { related: caseId }, sort: [{ related: 'asc' }, { registeredAt: 'asc' }] }).exec(),
  ]);
  const linked = (d: { id: string; number: string; status: string; state: { subject: string } }): LinkedCase => ({
    id: d.id,
    number: d.number,
    subject: d.state.subject,
    status: d.status,
  });
  return { ...(earlier ? { earlier: linked(earlier) } : {}), later: later.map(linked) };
}
