import { ulid } from 'ulid';
import type { NewEvent } from '../../src-shared/domain/events';
import { localDateKey, nextCaseNumber } from '../../src-shared/domain/numbering';
import type { DeskDatabase } from './database';
import { writeEvent, type WriteContext, type WriteEventResult } from './write-event';
import type { z } from 'zod';
import type { registeredPayload } from '../../src-shared/domain/events';

// Registering a case: allocate the next number of this desk and day offline, then write
// case.registered through the one command path.

export type RegistrationInput = Omit<z.input<typeof registeredPayload>, 'number'>;

async function numbersToday(db: DeskDatabase, deskCode: string, now: number, utcOffsetMinutes: number): Promise<string[]> {
  const prefix = `${deskCode}-${localDateKey(now, utcOffsetMinutes)}-`;
  const docs = await db.cases.find({ selector: { number: { $gte: prefix, $lt: `${prefix}~` } } }).exec();
  return docs.map((d) => d.number);
}

export async function registerCase(db: DeskDatabase, ctx: WriteContext, deskCode: string, input: RegistrationInput): Promise<WriteEventResult> {
  const now = ctx.now?.() ?? Date.now();
  const offset = ctx.policy.utcOffsetMinutes;
  const number = nextCaseNumber(deskCode, now, await numbersToday(db, deskCode, now, offset), offset);
  const event = { type: 'case.registered', payload: { ...input, number } } as NewEvent;
  return writeEvent(db, ctx, ulid(now), event);
}
