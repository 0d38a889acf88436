// The shape of a namespace of the shared message catalogue (./validation.ts composes them): each code has
// its sentence in zh-CN (the source) and en side by side, so the type demands both and a reviewer reads
// both at once. A template gets the field's label and the refusal's parameters.

export type Template = (field: string, detail: Record<string, unknown>) => string;

export interface MessagePair {
  'zh-CN': Template;
  en: Template;
}

export type MessageTable = Record<string, MessagePair>;
