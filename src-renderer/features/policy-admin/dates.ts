/** 'YYYY-MM-DD' of an instant in the policy's local time (revision effective dates). */
export function dateOf(ms: number, offsetMinutes: number): string {
  return new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 10);
}
