import { describe, expect, it } from 'vitest';
import { codeLocked, freeCode, patchRow, removeAt, updateAt } from './rows';

describe('policy editor rows', () => {
  it('S0-2 a cleared optional field is removed from the row, not stored as undefined', () => {
    const row = { code: 'billing', name: '收费', departmentId: 'finance' };
    const cleared = patchRow(row, { departmentId: undefined });
    expect(cleared).toEqual({ code: 'billing', name: '收费' });
    expect('departmentId' in cleared).toBe(false);
    expect(row.departmentId).toBe('finance');
  });

  it('updates and removes one row without touching the others', () => {
    const rows = [
      { code: 'a', name: 'A' },
      { code: 'b', name: 'B' },
      { code: 'c', name: 'C' },
    ];
    expect(updateAt(rows, 1, { name: '乙' })).toEqual([
      { code: 'a', name: 'A' },
      { code: 'b', name: '乙' },
      { code: 'c', name: 'C' },
    ]);
    expect(removeAt(rows, 0).map((r) => r.code)).toEqual(['b', 'c']);
    expect(rows.map((r) => r.name)).toEqual(['A', 'B', 'C']);
  });

  it('suggests a code for a new row that no row uses yet', () => {
    expect(freeCode('category', ['facilities', 'security'])).toBe('category_3');
    expect(freeCode('category', ['category_3', 'x'])).toBe('category_4');
    expect(freeCode('kind', [])).toBe('kind_1');
  });

  it('S0-2 a code of the previous revision is locked, unless a new row repeats it (so the duplicate can be corrected)', () => {
    const base = new Set(['facilities', 'security']);
    expect(codeLocked('facilities', base, ['facilities', 'security', 'category_3'])).toBe(true);
    expect(codeLocked('category_3', base, ['facilities', 'security', 'category_3'])).toBe(false);
    expect(codeLocked('facilities', base, ['facilities', 'security', 'facilities'])).toBe(false);
  });
});
