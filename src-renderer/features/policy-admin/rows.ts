// Pure helpers for the policy editors' tables of rows (kinds, categories, penalties …): patch a row
// without leaving `undefined` behind, suggest a free code for a new row, and tell which codes are locked.

/** The row with `patch` applied; a field patched to `undefined` is removed, so optional fields stay absent. */
export function patchRow<T extends object>(row: T, patch: Partial<T>): T {
  const next: Record<string, unknown> = { ...row, ...patch };
  for (const k of Object.keys(next)) if (next[k] === undefined) delete next[k];
  return next as T;
}

export function updateAt<T extends object>(rows: readonly T[], i: number, patch: Partial<T>): T[] {
  return rows.map((r, j) => (j === i ? patchRow(r, patch) : r));
}

export function removeAt<T>(rows: readonly T[], i: number): T[] {
  return rows.filter((_, j) => j !== i);
}

/** `prefix_n` with the smallest n above the row count that no row uses yet, for a new row. */
export function freeCode(prefix: string, taken: readonly string[]): string {
  const used = new Set(taken);
  let n = taken.length + 1;
  while (used.has(`${prefix}_${n}`)) n++;
  return `${prefix}_${n}`;
}

/**
 * A code the previous revision already used is fixed: cases and other sections refer to it, and a
 * renamed code would split the statistics. While a new row repeats such a code it stays editable, so the
 * administrator can correct the duplicate the validator reports.
 */
export function codeLocked(code: string, baseCodes: ReadonlySet<string>, codes: readonly string[]): boolean {
  return baseCodes.has(code) && codes.filter((c) => c === code).length === 1;
}
