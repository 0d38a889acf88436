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
