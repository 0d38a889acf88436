// Canonical JSON (object keys sorted, no whitespace): two documents are "identical" for the append-only
// rule exactly when their canonical forms are equal, whatever key order the desk serialised them in.

export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

/**
 * Canonical JSON of JSON data (what a request body parses to), and the value JSON.parse would give back
 * from that text — built on the way rather than parsed again: keys sorted, -0 as 0 (as the text writes it).
 */
export function canonicalForm(value: unknown): { text: string; parsed: unknown } {
  const parsed = sortKeys(value);
  return { text: JSON.stringify(parsed), parsed };
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return Object.is(value, -0) ? 0 : value;
}
