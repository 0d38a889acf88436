import { useSyncExternalStore } from 'react';
import type { MessageKey } from './zh-CN/desk';
import { CATALOGUE, type KeyOf, type Namespace } from './catalogue';
import { fillTemplate } from '../../src-shared/i18n/template';
import { messageFor, type MessageCode } from '../../src-shared/i18n/validation';

// Every user-visible string goes through here (docs/architecture.md §House rules): the desk's catalogue
// (./catalogue.ts, a namespace a screen family) and, for domain codes, the shared message catalogue (`say`).

export type Language = 'zh-CN' | 'en';
export type { MessageKey };

const STORAGE_KEY = 'jiesu.language';

let current: Language = readStoredLanguage();
const listeners = new Set<() => void>();

function readStoredLanguage(): Language {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

export function getLanguage(): Language {
  return current;
}

export function setLanguage(lang: Language): void {
  current = lang;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, lang);
  } catch {
    // Storage can be unavailable (private mode); the choice then lasts for this session only.
  }
  listeners.forEach((l) => l());
}

export type Vars = Record<string, string | number>;

/** Translates a key; `{name}` placeholders are replaced from `vars`. */
export function t(key: MessageKey, vars?: Vars, lang: Language = current): string {
  return fillTemplate(CATALOGUE[lang].desk[key], vars);
}

/** Re-renders the caller when the language changes. */
export function useT(): (key: MessageKey, vars?: Vars) => string {
  const lang = useSyncExternalStore(
    (cb) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    () => current,
  );
  return (key, vars) => t(key, vars, lang);
}

export function useLanguage(): Language {
  return useSyncExternalStore(
    (cb) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    () => current,
  );
}

/** Picks the sentence for the current language from a {zh-CN, en} pair (validation and bridge errors). */
export function localised(message: { 'zh-CN': string; en: string }, lang: Language = current): string {
  return message[lang];
}

/** The sentence of a domain code (src-shared/i18n/validation.ts) in the desk's language. */
export function say(code: MessageCode, field = '', detail?: object, lang: Language = current): string {
  return messageFor(code, field, detail)[lang];
}

/** The words of one namespace of the desk's catalogue as a hook: `t` fills `{name}` placeholders and follows the desk's language. */
export function useFeatureT<N extends Namespace>(ns: N): { t: (key: KeyOf<N>, vars?: Vars) => string; lang: Language } {
  const lang = useLanguage();
  return { lang, t: (key, vars) => translate(ns, key, vars, lang) };
}

/** A word of a namespace outside React (exports, tables built once). */
export function translate<N extends Namespace>(ns: N, key: KeyOf<N>, vars?: Vars, lang: Language = current): string {
  return fillTemplate((CATALOGUE[lang][ns] as Record<KeyOf<N>, string>)[key], vars);
}
