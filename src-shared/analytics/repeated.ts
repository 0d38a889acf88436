import type { CaseState } from '../domain/case-state';
import type { Policy } from '../domain/policy';
import { bigrams } from './similarity';

// Repeated problems (S7-7 weekly, S8-11 meeting with corrective and preventive actions, S10-10 root cause,
// cases of the same category whose place or subject are alike, received within a window of each
// other. Grouping is transitive (A~B and B~C puts A, B and C together), as a meeting would see them.

export interface RepeatedOptions {
  /** Two cases further apart than this are not linked directly (default 30 days). */
  windowMs?: number;
  /** Subject bigram Jaccard at or above this links two cases (default 0.4). */
  subjectThreshold?: number;
  /** Place bigram Jaccard at or above this links two cases (default 0.6). */
  placeThreshold?: number;
  /** The policy's place fields (placeFieldsOf); without them cases are compared by subject only. */
  placeKeys?: readonly string[];
  /** Smallest group reported (default 2). */
  minSize?: number;
}

export interface RepeatedGroup {
  /** The earliest case's id: stable while the group only grows. */
  id: string;
  category: string;
  caseIds: string[];
  numbers: string[];
  subjects: string[];
  places: string[];
  firstAt: number;
  lastAt: number;
}

/** The form fields a policy declares as the place of the problem (FieldDef.place), in form order. */
export function placeFieldsOf(policy: Policy): string[] {
  return [...new Set(policy.forms.flatMap((f) => f.fields.filter((x) => x.place).map((x) => x.key)))];
}

/**
 * Where the problem is: the first declared place field the case's form filled in. Never the complainant's
 * own address or any other identity field (S1-5: a confidential reporter's home must not reach analysis).
 */
export function placeOf(s: CaseState, placeKeys: readonly string[]): string {
  for (const k of placeKeys) {
    const v = s.form[k];
    if (typeof v === 'string' && v.trim()) return v.trim();
  }
  return '';
}

function find(parent: number[], i: number): number {
  while (parent[i] !== i) {
    parent[i] = parent[parent[i]!]!;
    i = parent[i]!;
  }
  return i;
}

/**
 * Unions every pair of items within `windowMs` of each other whose sets have Jaccard ≥ `threshold`.
 * Exact, but without comparing every pair in the window (issue 14: a year at a hundred desks' volume
 * took minutes): prefix filtering (Chaudhuri et al., "A primitive operator for similarity joins", 2006).
 * With the grams of each set ordered rarest first, two sets with Jaccard ≥ t share a gram among the first
 * |x| − ⌈t·|x|⌉ + 1 of each; so each item is compared only with the earlier items in its window that
 * indexed one of its prefix grams. `times` must be ascending.
 *
 * Each posting keeps the gram's position in the indexed set, so the first shared gram of a pair is known
 * at its first meeting and most pairs are refused without a merge (positional filtering, Xiao et al.,
 * "Efficient similarity joins for near duplicate detection", 2008): the grams are sorted, so nothing
 * before that gram is shared by either set, and the overlap is at most 1 + the shorter of the two rests.
 */
function linkSimilar(sets: readonly Set<string>[], threshold: number, times: readonly number[], windowMs: number, parent: number[]): void {
  // Grams become integers numbered rarest first, each set a sorted array of them: the prefix is then the
  // array's head, and two sets' overlap is one merge of integer arrays instead of string lookups.
  const freq = new Map<string, number>();
  for (const set of sets) for (const g of set) freq.set(g, (freq.get(g) ?? 0) + 1);
  const rank = new Map([...freq.keys()].sort((a, b) => freq.get(a)! - freq.get(b)! || (a < b ? -1 : 1)).map((g, i) => [g, i]));
  const arrays = sets.map((set) => Int32Array.from([...set].map((g) => rank.get(g)!)).sort());
  // A gram's postings: (item, position of the gram in the item's set) pairs in time order, in growing
  // typed arrays, two a gram (list 2g and 2g + 1, below).
  const lists = 2 * rank.size;
  const postings: Int32Array[] = Array.from({ length: lists }, () => new Int32Array(8));
  const used = new Int32Array(lists);
  // Where each list's postings inside the window begin: times only grow, so it only moves forward.
  const head = new Int32Array(lists);
  const at = Float64Array.from(times);
  const seen = new Int32Array(sets.length).fill(-1);
  const ratio = threshold / (1 + threshold);
  for (let j = 0; j < arrays.length; j++) {
    const x = arrays[j]!;
    const nx = x.length;
    if (nx === 0) continue; // an empty text matches nothing
    const tj = at[j]!;
    // ⌈t·|x|⌉ with a guard against 0.6 × 5 = 3.0000000000000004.
    const prefix = nx - Math.ceil(threshold * nx - 1e-9) + 1;
    // A pair whose smaller set is y shares at least ⌈2t/(1+t)·|y|⌉ grams, so a gram among y's first
    // |y| − that + 1 (its "mid-prefix"; Xiao et al. index only that, taking sets smallest first). Here
    // sets come in time order, so a set indexes its mid-prefix in list 2g and the rest of its prefix in
    // list 2g + 1: x probes 2g over its whole prefix (sets no larger than x need no more), and 2g + 1
    // only over its own mid-prefix (a larger y needs x's mid-prefix against y's whole prefix).
    const mid = nx - Math.ceil(2 * ratio * nx - 1e-9) + 1;
    let rj = find(parent, j);
    for (let p = 0; p < prefix; p++) {
      const g = x[p]!;
      for (let side = 0; side < (p < mid ? 2 : 1); side++) {
        const l = 2 * g + side;
        const list = postings[l]!;
        const n = used[l]!;
        let h = head[l]!;
        while (h < n && tj - at[list[h]!]! > windowMs) h += 2;
        head[l] = h;
        for (let k = n - 2; k >= h; k -= 2) {
          const i = list[k]!;
          if (seen[i] === j) continue;
          const y = arrays[i]!;
          const ny = y.length;
          if (p >= mid && ny > nx) continue; // met at x's mid-prefix already, if at all
          seen[i] = j; // the first meeting decides: the bound below holds for the pair, whatever comes later
          const small = nx < ny ? nx : ny;
          const large = nx < ny ? ny : nx;
          if (small < threshold * large - 1e-9) continue; // J ≤ |small| / |large|
          // J ≥ t ⇔ overlap ≥ t/(1+t) · (|x| + |y|)
          const need = Math.ceil(ratio * (nx + ny) - 1e-9);
          const q = list[k + 1]!;
          if (Math.min(nx - p, ny - q) < need) continue;
          const ri = find(parent, i);
          if (ri !== rj && overlapAtLeast(x, p + 1, y, q + 1, need - 1)) {
            parent[rj] = ri;
            rj = ri;
          }
        }
      }
      const l = 2 * g + (p < mid ? 0 : 1);
      let list = postings[l]!;
      const n = used[l]!;
      if (n + 2 > list.length) {
        const grown = new Int32Array(list.length * 2);
        grown.set(list);
        postings[l] = list = grown;
      }
      list[n] = j;
      list[n + 1] = p;
      used[l] = n + 2;
    }
  }
}

/** Whether sorted integer sets a and b share at least `need` elements from positions i and j on. */
function overlapAtLeast(a: Int32Array, i: number, b: Int32Array, j: number, need: number): boolean {
  let overlap = 0;
  while (i < a.length && j < b.length) {
    if (overlap + Math.min(a.length - i, b.length - j) < need) return false;
    if (a[i] === b[j]) {
      overlap++;
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  return overlap >= need;
}

export function findRepeatedProblems(cases: readonly CaseState[], opts: RepeatedOptions = {}): RepeatedGroup[] {
  const windowMs = opts.windowMs ?? 30 * 86_400_000;
  const subjectT = opts.subjectThreshold ?? 0.4;
  const placeT = opts.placeThreshold ?? 0.6;
  const minSize = opts.minSize ?? 2;
  const placeKeys = opts.placeKeys ?? [];

  const byCategory = new Map<string, CaseState[]>();
  for (const c of cases) {
    if (!c.category || c.status === 'rejected') continue;
    const list = byCategory.get(c.category);
    if (list) list.push(c);
    else byCategory.set(c.category, [c]);
  }

  const groups: RepeatedGroup[] = [];
  for (const [category, list] of byCategory) {
    list.sort((a, b) => a.receivedAt - b.receivedAt || a.id.localeCompare(b.id));
    const parent = list.map((_, i) => i);
    const times = list.map((c) => c.receivedAt);
    linkSimilar(
      list.map((c) => bigrams(c.subject)),
      subjectT,
      times,
      windowMs,
      parent,
    );
    if (placeKeys.length)
      linkSimilar(
        list.map((c) => bigrams(placeOf(c, placeKeys))),
        placeT,
        times,
        windowMs,
        parent,
      );
    const members = new Map<number, CaseState[]>();
    list.forEach((c, i) => {
      const r = find(parent, i);
      const m = members.get(r);
      if (m) m.push(c);
      else members.set(r, [c]);
    });
    for (const m of members.values()) {
      if (m.length < minSize) continue;
      groups.push({
        id: m[0]!.id,
        category,
        caseIds: m.map((c) => c.id),
        numbers: m.map((c) => c.number),
        subjects: [...new Set(m.map((c) => c.subject))],
        places: [...new Set(m.map((c) => placeOf(c, placeKeys)).filter(Boolean))],
        firstAt: m[0]!.receivedAt,
        lastAt: m[m.length - 1]!.receivedAt,
      });
    }
  }
  return groups.sort((a, b) => b.caseIds.length - a.caseIds.length || a.firstAt - b.firstAt);
}
