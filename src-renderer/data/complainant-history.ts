import { contactKeyOfPhone } from '../../src-shared/domain/contact-key';
import type { DeskDatabase } from './database';

// The complainant's earlier cases at intake (issue 11; S7-7 and S8-11 ask that repeated complaints be
// recognised): found by the phone number's key through the cases' [contact, registeredAt] index, so the
// look-up reads only that caller's cases however many the desk holds. Open cases first, then the newest.

export interface EarlierCase {
  id: string;
  number: string;
  subject: string;
  status: string;
  registeredAt: number;
  open: boolean;
}

export async function earlierCasesOf(db: DeskDatabase, phone: string, limit = 8): Promise<{ total: number; cases: EarlierCase[] }> {
  const key = contactKeyOfPhone(phone);
  if (!key) return { total: 0, cases: [] };
  const docs = await db.cases.find({ selector: { contact: key }, sort: [{ contact: 'asc' }, { registeredAt: 'desc' }] }).exec();
  const all = docs.map((d) => ({ id: d.id, number: d.number, subject: d.state.subject, status: d.status, registeredAt: d.registeredAt, open: d.bucket === 'open' }));
  const ordered = [...all.filter((c) => c.open), ...all.filter((c) => !c.open)];
  return { total: all.length, cases: ordered.slice(0, limit) };
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
