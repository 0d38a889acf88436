import { useFeatureT, type Language } from '../../i18n/i18n';
import type { KeyOf } from '../../i18n/catalogue';

// The ledger's words: namespace `ledger` of the desk's catalogue (src-renderer/i18n/catalogue.ts).

export type LedgerKey = KeyOf<'ledger'>;

export function useLT(): { t: (key: LedgerKey, vars?: Record<string, string | number>) => string; lang: Language } {
  return useFeatureT('ledger');
}
