import { useFeatureT, type Language } from '../../i18n/i18n';
import { CATALOGUE, type KeyOf } from '../../i18n/catalogue';

// 制度管理's words (S0-2, S0-4): namespace `policy` of the desk's catalogue (src-renderer/i18n/catalogue.ts).
// Section names come from the revision comparison's wording (policy-diff-text), so the editor and the
// comparison name them alike.

export type PolicyKey = KeyOf<'policy'>;

export function usePT(): { t: (key: PolicyKey, vars?: Record<string, string | number>) => string; lang: Language; has: (key: string) => key is PolicyKey } {
  return { ...useFeatureT('policy'), has: (key: string): key is PolicyKey => key in CATALOGUE['zh-CN'].policy };
}
