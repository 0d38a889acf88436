import type { CaseState } from '../domain/case-state';
import type { Policy } from '../domain/policy';
import { bigrams, jaccard } from './similarity';

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
    const subjects = list.map((c) => bigrams(c.subject));
    const places = list.map((c) => bigrams(placeOf(c, placeKeys)));
    const parent = list.map((_, i) => i);
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length && list[j]!.receivedAt - list[i]!.receivedAt <= windowMs; j++) {
        if (find(parent, i) === find(parent, j)) continue;
        if (jaccard(subjects[i]!, subjects[j]!) >= subjectT || jaccard(places[i]!, places[j]!) >= placeT) parent[find(parent, j)] = find(parent, i);
      }
    }
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
