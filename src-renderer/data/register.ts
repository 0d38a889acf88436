import { ulid } from 'ulid';
import { localDateKey, nextCaseNumber } from '../../src-shared/domain/numbering';
import type { IntakeValues } from '../../src-shared/domain/intake';
import type { DeskDatabase } from './database';
import { registrationEvent } from './domain';
import { writeEvent, type WriteContext, type WriteEventResult } from './write-event';

// Registering a case: allocate the next number of this desk and day offline, build case.registered
// from the intake values with the domain, and write it through the one command path.

const NUMBER_FLOOR_KEY = 'case-number-floor';

/**
 * Keeps the last numbers the server says this desk's code issued (a re-enrolled desk, issue 12): the
 * series continues from them even before, or without, the cases themselves arriving in the local store.
 */
export async function keepCaseNumberFloor(db: DeskDatabase, numbers: readonly string[]): Promise<void> {
  await db.upsertLocal<{ numbers: string[] }>(NUMBER_FLOOR_KEY, { numbers: [...numbers] });
}

async function numbersToday(db: DeskDatabase, deskCode: string, now: number, utcOffsetMinutes: number): Promise<string[]> {
  const prefix = `${deskCode}-${localDateKey(now, utcOffsetMinutes)}-`;
  const docs = await db.cases.find({ selector: { number: { $gte: prefix, $lt: `${prefix}~` } } }).exec();
  const floor = (await db.getLocal<{ numbers: string[] }>(NUMBER_FLOOR_KEY))?.toJSON().data.numbers ?? [];
  return [...docs.map((d) => d.number), ...floor.filter((n) => n.startsWith(prefix))];
}

const reservationKey = (number: string) => `case-number:${number}`;

function isConflict(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { status?: unknown }).status === 409;
}

/**
 * Claims the next free number. Two windows of one desk share the store and may both read the same
 * known numbers, so each candidate is claimed by inserting a local document keyed by the number: the
 * insert is one IndexedDB transaction, so only one window wins and the other moves on to the next.
 */
async function reserveCaseNumber(db: DeskDatabase, deskCode: string, now: number, utcOffsetMinutes: number, caseId: string): Promise<string> {
  const known = await numbersToday(db, deskCode, now, utcOffsetMinutes);
  for (;;) {
    const number = nextCaseNumber(deskCode, now, known, utcOffsetMinutes);
    try {
      await db.insertLocal(reservationKey(number), { caseId });
      return number;
    } catch (e) {
      if (!isConflict(e)) throw e;
      known.push(number);
    }
  }
}

/** Frees the number of a registration that wrote nothing (refused input), so the day's sequence keeps no gap. */
async function releaseUnusedNumber(db: DeskDatabase, number: string, caseId: string): Promise<void> {
  // An event already appended holds the number for good, even if a later step of the write failed.
  if (await db.events.findOne({ selector: { caseId } }).exec()) return;
  const doc = await db.getLocal(reservationKey(number));
  await doc?.remove();
}

export async function registerCase(db: DeskDatabase, ctx: WriteContext, deskCode: string, values: IntakeValues): Promise<WriteEventResult> {
  const now = ctx.now?.() ?? Date.now();
  const offset = ctx.policy.utcOffsetMinutes;
  const caseId = ulid(now);
  const number = await reserveCaseNumber(db, deskCode, now, offset, caseId);
  let result: WriteEventResult | undefined;
  try {
    result = await writeEvent(db, ctx, caseId, registrationEvent(ctx.policy, values, number, ctx.actor.id));
    return result;
  } finally {
    if (!result?.ok) await releaseUnusedNumber(db, number, caseId);
  }
}
