// The shape of a namespace of the shared message catalogue (./validation.ts composes them): each code has
// its sentence in zh-CN (the source) and en side by side, so the type demands both and a reviewer reads
// both at once. A template gets the field's label and the refusal's parameters.

export type Template = (field: string, detail: Record<string, unknown>) => string;

export interface MessagePair {
  'zh-CN': Template;
  en: Template;
}

export type MessageTable = Record<string, MessagePair>;

/** A parameter as it is written into a sentence: empty when it is missing. */
export const paramText = (value: unknown): string => String(value ?? '');

/**
 * A sentence passed as a parameter in both languages — a refusal said elsewhere and relayed, or the first
 * field error appended to a request's refusal — in `language`; undefined when the parameter is not one.
 */
export function sentenceIn(value: unknown, language: 'zh-CN' | 'en'): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const said = (value as Record<string, unknown>)[language];
  return typeof said === 'string' ? said : undefined;
}
