// Rule references such as (S4-3) or （S1-2、X-1） in a preset's text tie it to docs/RULES.md for the
// software's own tests (policy.rules lists them separately). People never read them: the printed
// regulation (src-main/documents/builders/regulation.ts) and every screen drop them (issue 11 finding 10).

export function withoutRuleRefs(text: string): string {
  return text.replace(/\s*[（(]\s*(?:[SX]\d*-\d+[a-z]?\s*[、,，/]?\s*)+[)）]/gu, '');
}
