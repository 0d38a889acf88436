/** A message with `{name}` placeholders filled from `vars`; unknown placeholders stay as written. */
export function fillTemplate(template: string, vars?: Record<string, string | number>): string {
  return vars ? template.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : template;
}
