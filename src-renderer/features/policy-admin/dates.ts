import { wallClock, wallClockText } from '../../../src-shared/wall-clock';

/** 'YYYY-MM-DD' of an instant in the policy's local time (revision effective dates). */
export function dateOf(ms: number, offsetMinutes: number): string {
  return wallClockText(wallClock(ms, offsetMinutes), 'day');
}
