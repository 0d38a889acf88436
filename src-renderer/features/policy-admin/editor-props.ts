import type { Policy } from '../../../src-shared/domain/policy';

/** What every section editor gets: its section value, the draft policy for pick lists, the base revision. */
export interface SectionEditorProps<V> {
  value: V;
  onChange: (value: V) => void;
  /** The policy with this revision's edits so far, so pick lists follow them. */
  policy: Policy;
  /** The latest saved revision: its codes are fixed. */
  base: Policy;
  errorRows: ReadonlySet<number>;
}

export const codesOf = (rows: readonly object[], field: string): Set<string> => new Set(rows.map((r) => String((r as Record<string, unknown>)[field] ?? '')));

/** The props a section editor whose value is a list of rows hands to its EditableRows. */
export function rowsOf<T>(p: SectionEditorProps<T[]>): { rows: T[]; onChange: (rows: T[]) => void; errorRows: ReadonlySet<number> } {
  return { rows: p.value, onChange: p.onChange, errorRows: p.errorRows };
}
