import { createDeskDatabase, deskDatabaseName, type DeskDatabase } from '../src-renderer/data/database';
import { earlierCasesOf } from '../src-renderer/data/complainant-history';
import type { CaseDoc } from '../src-renderer/data/schemas';

// Runs inside Chromium for bench/intake-history.bench.ts: a store where many cases share one place key
// (a hospital's 科室/病区: every case of 内科), and the intake's look-up of that key timed two ways.

const WARD = '内科';

function caseDoc(i: number, sameWard: boolean): CaseDoc {
  const open = i % 10 === 0;
  const registeredAt = Date.UTC(2026, 0, 1) + i * 60_000;
  const text = '患者反映门诊排队时间过长，挂号后等候两个多小时仍未就诊，要求医院说明情况并改进。'.repeat(6);
  const state = {
    id: `C${i}`,
    number: `YY01-${i}`,
    subject: `第${i}号：排队时间过长`,
    status: open ? 'registered' : 'closed',
    registeredAt,
    complainant: { anonymous: false, confidential: false, name: `患者${i}`, phone: `139${String(i).padStart(8, '0')}` },
    description: { cause: text, process: text },
    form: { ward: sameWard ? WARD : `科室${i}` },
    timeline: Array.from({ length: 6 }, (_, k) => ({ eventId: `E${i}_${k}`, type: 'case.accepted', at: registeredAt + k, actorId: 'S1' })),
  };
  return {
    id: `C${i}`,
    number: `YY01-${i}`,
    bucket: open ? 'open' : 'done',
    status: state.status,
    kind: 'complaint',
    departmentId: 'd',
    registeredAt,
    dueAt: registeredAt + 86_400_000,
    flagged: false,
    search: text,
    contact: state.complainant.phone,
    related: '',
    nameKey: state.complainant.name,
    placeKey: sameWard ? WARD : `科室${i}`,
    state: state as unknown as CaseDoc['state'],
    log: [],
    sourceEvents: 6,
  };
}

export async function seed(profile: string, total: number, sameWard: number): Promise<void> {
  const db = await createDeskDatabase(deskDatabaseName(profile));
  const docs = Array.from({ length: total }, (_, i) => caseDoc(i, i % Math.round(total / sameWard) === 0));
  for (let i = 0; i < docs.length; i += 2000) await db.cases.bulkInsert(docs.slice(i, i + 2000));
  await db.close();
}

/** The same answer read as documents: every case of the key through RxDB's query, then sorted. */
async function asDocuments(db: DeskDatabase): Promise<number> {
  const docs = await db.cases.find({ selector: { placeKey: WARD }, sort: [{ placeKey: 'asc' }, { bucket: 'asc' }, { registeredAt: 'desc' }] }).exec();
  const all = [...docs].sort((a, b) => Number(b.bucket === 'open') - Number(a.bucket === 'open') || b.registeredAt - a.registeredAt);
  return all.length;
}

/** Each read on a freshly opened store (RxDB caches a query's result within one), alternated. */
export async function lookupAB(profile: string, rounds: number): Promise<{ keys: number[]; documents: number[]; total: number }> {
  const keys: number[] = [];
  const documents: number[] = [];
  let total = 0;
  const timed = async (read: (db: DeskDatabase) => Promise<number>): Promise<[number, number]> => {
    const db = await createDeskDatabase(deskDatabaseName(profile));
    await db.cases.findOne('C1').exec();
    const t0 = performance.now();
    const n = await read(db);
    const ms = performance.now() - t0;
    await db.close();
    return [ms, n];
  };
  for (let r = 0; r < rounds; r++) {
    const [a, n] = await timed(async (db) => (await earlierCasesOf(db, { phone: '', name: '', place: WARD })).total);
    const [b, m] = await timed(asDocuments);
    if (n !== m) throw new Error('the two reads differ');
    total = n;
    keys.push(a);
    documents.push(b);
  }
  return { keys, documents, total };
}

declare global {
  interface Window {
    historyBench?: { seed: typeof seed; lookupAB: typeof lookupAB };
  }
}
window.historyBench = { seed, lookupAB };
