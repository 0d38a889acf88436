import { describe, expect, it } from 'vitest';
import { CaseFolds } from '../../src-server/sync/authorise';

// The authoriser's folds of recently pushed cases (src-server/sync/authorise.ts): a fold is trusted without
// counting its case's stored events only while the organisation's folds are exact up to the highest number
// a push's snapshot saw. These are the rules that keep that true when pushes interleave.

type Fold = NonNullable<ReturnType<CaseFolds['get']>>;
const fold = (count: number): Fold => ({ count, seq: count, history: [], state: undefined });
const ORG = 'org-1';

describe('CaseFolds', () => {
  it('a settled snapshot makes the folds exact up to it, after dropping the cases written since the last one', () => {
    const folds = new CaseFolds();
    const a = fold(1);
    const b = fold(1);
    folds.settle(ORG, 10, new Set(), [
      ['a', undefined, a],
      ['b', undefined, b],
    ]);
    expect(folds.exactSeq(ORG)).toBe(10);
    expect(folds.get(ORG, 'a')).toBe(a);
    // Case b got an event numbered 11 by some other writer: its fold goes, a's stays.
    folds.settle(ORG, 11, new Set(['b']), []);
    expect(folds.exactSeq(ORG)).toBe(11);
    expect(folds.get(ORG, 'a')).toBe(a);
    expect(folds.get(ORG, 'b')).toBeUndefined();
    // Too many events to list: every fold of the organisation goes.
    folds.settle(ORG, 5000, 'all', []);
    expect(folds.get(ORG, 'a')).toBeUndefined();
  });

  it('a snapshot older than one settled already installs nothing', () => {
    const folds = new CaseFolds();
    folds.settle(ORG, 20, new Set(), []);
    folds.settle(ORG, 15, new Set(), [['a', undefined, fold(1)]]);
    expect(folds.get(ORG, 'a')).toBeUndefined();
    expect(folds.exactSeq(ORG)).toBe(20);
  });

  it('a stored push moves the folds on to its group only when that group alone wrote after its snapshot', () => {
    const folds = new CaseFolds();
    const held = fold(1);
    folds.settle(ORG, 10, new Set(), [['a', undefined, held]]);
    // Another push's rows shared the group (numbers 11–15, 3 of them this push's): folds move on, the number does not.
    const moved = fold(2);
    folds.stored(ORG, 10, [['a', held, moved]], { after: 10, last: 15, mine: 3 });
    expect(folds.get(ORG, 'a')).toBe(moved);
    expect(folds.exactSeq(ORG)).toBe(10);
    // Something was stored between the snapshot and the group (numbered 11): the number stays too.
    const later = fold(3);
    folds.stored(ORG, 10, [['a', moved, later]], { after: 11, last: 12, mine: 1 });
    expect(folds.exactSeq(ORG)).toBe(10);
    // Alone, right after its snapshot: exact up to its last number.
    const last = fold(4);
    folds.stored(ORG, 10, [['a', later, last]], { after: 10, last: 12, mine: 2 });
    expect(folds.exactSeq(ORG)).toBe(12);
  });

  it('a stored push read before a later settled snapshot leaves the folds as they are', () => {
    const folds = new CaseFolds();
    const held = fold(1);
    folds.settle(ORG, 10, new Set(), [['a', undefined, held]]);
    // Another push read at 12 and found case a written meanwhile: its fold was dropped.
    folds.settle(ORG, 12, new Set(['a']), []);
    // The push read at 10 is stored now: its fold of a may lack what was numbered 11–12, so it is not kept.
    folds.stored(ORG, 10, [['a', held, fold(2)]], { after: 12, last: 13, mine: 1 });
    expect(folds.get(ORG, 'a')).toBeUndefined();
    expect(folds.exactSeq(ORG)).toBe(12);
  });
});
