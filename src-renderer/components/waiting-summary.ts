import type { Language } from '../i18n/i18n';
import type { WaitingList } from '../data/projection-waiting';

// What the status bar says about the projection's waiting list (data/projection-waiting.ts): "N 件案件待整理"
// and, on hover, why. A pure function of the list, so a Node test of the projector checks the very words
// a clerk reads (src-renderer/data/projection-retry.test.ts); SyncStatus.tsx renders it.

const TEXT = {
  'zh-CN': {
    waiting: '{n} 件案件待整理',
    hint: '这些案件的记录已到达本台，但还不能整理成案件：{why}。条件具备后会自动整理，无需操作。',
    registration: '等待登记记录 {n} 件',
    policy: '等待制度版本 {n} 件',
    error: '整理出错、正在自动重试 {n} 件',
  },
  en: {
    waiting: '{n} case(s) waiting to be filed',
    hint: 'Their records have reached this desk but cannot be filed as cases yet: {why}. They are filed automatically once possible; nothing to do.',
    registration: '{n} waiting for the registration',
    policy: '{n} waiting for a policy revision',
    error: '{n} failed and being retried automatically',
  },
} satisfies Record<Language, Record<string, string>>;

export interface WaitingSummary {
  count: number;
  /** The tag's text. */
  label: string;
  /** The tooltip: why they wait. */
  hint: string;
  /** A fold failed and is being retried (the tag turns orange). */
  failing: boolean;
}

const fill = (s: string, n: number | string, key = 'n') => s.replace(`{${key}}`, String(n));

export function waitingSummary(list: WaitingList, lang: Language): WaitingSummary | undefined {
  const entries = Object.values(list);
  if (entries.length === 0) return undefined;
  const t = TEXT[lang];
  const count = (r: 'registration' | 'policy' | 'error') => entries.filter((w) => w.reason === r).length;
  const why = (['registration', 'policy', 'error'] as const)
    .filter((r) => count(r) > 0)
    .map((r) => fill(t[r], count(r)))
    .join(lang === 'zh-CN' ? '；' : '; ');
  return { count: entries.length, label: fill(t.waiting, entries.length), hint: fill(t.hint, why, 'why'), failing: count('error') > 0 };
}
