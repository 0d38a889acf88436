// Text similarity for Chinese complaint subjects and places: no word segmentation needed, character
// bigrams carry most of the meaning of short Chinese phrases ("电梯故障", "3号楼").

/** NFKC (full-width digits and letters → half-width), lower case, no spaces, punctuation or symbols. */
export function normaliseText(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');
}

/** The set of character bigrams; a one-character text is its own single gram. */
export function bigrams(s: string): Set<string> {
  const chars = Array.from(normaliseText(s));
  const out = new Set<string>();
  if (chars.length === 1) out.add(chars[0]!);
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  return out;
}

/** |A ∩ B| / |A ∪ B|; 0 when either side is empty (an empty subject matches nothing). */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const g of small) if (large.has(g)) shared++;
  return shared / (a.size + b.size - shared);
}

export function textSimilarity(a: string, b: string): number {
  return jaccard(bigrams(a), bigrams(b));
}
