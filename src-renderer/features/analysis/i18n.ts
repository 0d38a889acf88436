import { translate as translateIn, useFeatureT, type Language } from '../../i18n/i18n';
import type { KeyOf } from '../../i18n/catalogue';

// 统计分析's words: namespace `analysis` of the desk's catalogue (src-renderer/i18n/catalogue.ts), and how
// the analysis says durations and rates.

export type AnalysisKey = KeyOf<'analysis'>;

export function translate(lang: Language, key: AnalysisKey, vars?: Record<string, string | number>): string {
  return translateIn('analysis', key, vars, lang);
}

export function useAT(): { t: (key: AnalysisKey, vars?: Record<string, string | number>) => string; lang: Language } {
  return useFeatureT('analysis');
}

/** A duration as people say it: minutes under 2 h, hours under 3 days, else days. */
export function formatDuration(ms: number | null, lang: Language): string {
  if (ms === null) return translate(lang, 'common.none');
  const min = ms / 60_000;
  if (min < 120) return translate(lang, 'unit.min', { v: Math.round(min) });
  if (min < 72 * 60) return translate(lang, 'unit.h', { v: Math.round((min / 60) * 10) / 10 });
  return translate(lang, 'unit.d', { v: Math.round((min / 1440) * 10) / 10 });
}

export function formatRate(r: number | null, lang: Language, digits = 1): string {
  return r === null ? translate(lang, 'common.none') : `${(r * 100).toFixed(digits)}%`;
}
