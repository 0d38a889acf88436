import { ulid } from 'ulid';
import { localDateKey, nextCaseNumber } from '../../src-shared/domain/numbering';
import type { IntakeValues } from '../../src-shared/domain/intake';
import type { DeskDatabase } from './database';
import { registrationEvent } from './domain';
import { writeEvent, type WriteContext, type WriteEventResult } from './write-event';

// Registering a case: allocate the next number of this desk and day offline, build case.registered
// from the intake values with the domain, and write it through the one command path.

async function numbersToday(db: DeskDatabase, deskCode: string, now: number, utcOffsetMinutes: number): Promise<string[]> {
  const prefix = `${deskCode}-${localDateKey(now, utcOffsetMinutes)}-`;
  const docs = await db.cases.find({ selector: { number: { $gte: prefix, $lt: `${prefix}~` } } }).exec();
  return docs.map((d) => d.number);
}

export async function registerCase(db: DeskDatabase, ctx: WriteContext, deskCode: string, values: IntakeValues): Promise<WriteEventResult> {
  const now = ctx.now?.() ?? Date.now();
  const offset = ctx.policy.utcOffsetMinutes;
  const number = nextCaseNumber(deskCode, now, await numbersToday(db, deskCode, now, offset), offset);
  return writeEvent(db, ctx, ulid(now), registrationEvent(ctx.policy, values, number, ctx.actor.id));
}
