import { useFeatureT } from '../../../i18n/i18n';
import type { KeyOf } from '../../../i18n/catalogue';

// The 附件 section's words: namespace `attachments` of the desk's catalogue (src-renderer/i18n/catalogue.ts).

export type Key = KeyOf<'attachments'>;

export function useAT() {
  return useFeatureT('attachments');
}
