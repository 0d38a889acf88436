import type { Policy } from '../domain/policy';

// Side-by-side comparison of two policy revisions (S0-2): what an administrator changed, section by
// section. Lists of things with an identity (stages, categories, roles …) are matched by that identity,
// not by position, so inserting a category does not show every later one as changed.

export type JsonValue = string | number | boolean | null | JsonValue[] | { [k: string]: JsonValue };

/** One step of a change's path: a field name, or the identity of an entry in a list ('stages[reply]'). */
export type PathStep = string | { id: string };

export interface PolicyChange {
  /** Top-level policy field, e.g. 'stages'. */
  section: string;
  /** Readable path inside it, e.g. 'stages[reply].limit.amount'. */
  path: string;
  /** The same path as steps, so a describer need not parse `path` (identities may contain dots). */
  steps: PathStep[];
  kind: 'added' | 'removed' | 'changed';
  before?: JsonValue;
  after?: JsonValue;
}

const IDENTITY_KEYS = ['id', 'code', 'level', 'key'] as const;

export function isObject(v: unknown): v is Record<string, JsonValue> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The identity an entry of a list is matched by (its id, code, level or key), if it has one. */
export function identityOf(v: JsonValue | undefined): string | undefined {
  if (!isObject(v)) return undefined;
  for (const k of IDENTITY_KEYS) {
    const id = v[k];
    if (typeof id === 'string' || typeof id === 'number') return String(id);
  }
  return undefined;
}

export function sameJson(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function diffValue(section: string, path: string, steps: PathStep[], a: JsonValue | undefined, b: JsonValue | undefined, out: PolicyChange[]): void {
  if (sameJson(a, b)) return;
  if (a === undefined) {
    out.push({ section, path, steps, kind: 'added', after: b! });
    return;
  }
  if (b === undefined) {
    out.push({ section, path, steps, kind: 'removed', before: a });
    return;
  }
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    for (const k of keys) diffValue(section, `${path}.${k}`, [...steps, k], a[k], b[k], out);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const ids = [...a, ...b].map(identityOf);
    if (ids.length > 0 && ids.every((x) => x !== undefined)) {
      const before = new Map(a.map((x) => [identityOf(x)!, x]));
      const after = new Map(b.map((x) => [identityOf(x)!, x]));
      for (const id of new Set([...before.keys(), ...after.keys()]))
        diffValue(section, `${path}[${id}]`, [...steps, { id }], before.get(id), after.get(id), out);
      return;
    }
    // Lists of plain values (role codes, methods, clauses): one change for the whole list.
  }
  out.push({ section, path, steps, kind: 'changed', before: a, after: b });
}

/** The value at `steps` inside a policy's JSON (list entries found by identity), or undefined. */
export function valueAt(root: JsonValue | undefined, steps: readonly PathStep[]): JsonValue | undefined {
  let v = root;
  for (const s of steps) {
    if (typeof s === 'string') v = isObject(v) ? v[s] : undefined;
    else v = Array.isArray(v) ? v.find((x) => identityOf(x) === s.id) : undefined;
    if (v === undefined) return undefined;
  }
  return v;
}

/** Fields that change with every revision by construction and say nothing about the rules. */
const BOOKKEEPING = new Set(['revision', 'revisions']);

/** A policy as plain JSON (what is compared; undefined optional fields disappear). */
export function policyJson(p: Policy): Record<string, JsonValue> {
  return JSON.parse(JSON.stringify(p)) as Record<string, JsonValue>;
}

export function diffPolicies(before: Policy, after: Policy): PolicyChange[] {
  const a = policyJson(before);
  const b = policyJson(after);
  const out: PolicyChange[] = [];
  const sections = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  for (const s of sections) {
    if (BOOKKEEPING.has(s)) continue;
    diffValue(s, s, [s], a[s], b[s], out);
  }
  return out;
}

/** Changes grouped by section, in the order the sections first appear. */
export function changesBySection(changes: readonly PolicyChange[]): { section: string; changes: PolicyChange[] }[] {
  const m = new Map<string, PolicyChange[]>();
  for (const c of changes) {
    const l = m.get(c.section);
    if (l) l.push(c);
    else m.set(c.section, [c]);
  }
  return [...m.entries()].map(([section, list]) => ({ section, changes: list }));
}
