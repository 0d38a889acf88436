import type { Language } from '../i18n/i18n';
import type { PullProgress } from '../data/replication';

// What the join screen says while a new desk pulls its organisation's history (issue 14 item 1): how many
// records have arrived, how many cases are on this desk so far, and about how long the rest will take.
// The time left is the elapsed time scaled by the part of the server's sequence still to pull; it is not
// shown until a second has passed and some of the way is done, because an estimate from one page misleads.

export interface JoinProgressWords {
  /** "正在同步历史记录 37%": the status bar's label while the history follows a usable desk. */
  title: string;
  /** "已收到 … 条记录，已整理 … 件案件" */
  counts: string;
  /** "预计还需约 … 秒", "正在估算剩余时间", or that everything has arrived. */
  remaining: string;
  /** 0–100, for the progress bar. */
  percent: number;
}

const TEXT = {
  'zh-CN': {
    title: '正在同步历史记录 {percent}%',
    counts: '已收到 {events} 条记录，已整理 {cases} 件案件',
    estimating: '正在估算剩余时间…',
    seconds: '预计还需约 {n} 秒',
    minutes: '预计还需约 {n} 分钟',
    arrived: '记录已全部收到，正在整理案件…',
  },
  en: {
    title: 'Syncing history {percent}%',
    counts: '{events} records received, {cases} cases ready',
    estimating: 'Estimating the time left…',
    seconds: 'About {n} s left',
    minutes: 'About {n} min left',
    arrived: 'All records received; preparing the cases…',
  },
} satisfies Record<Language, Record<string, string>>;

function fill(s: string, vars: Record<string, string | number>): string {
  return s.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

export function joinProgressWords(p: PullProgress | undefined, cases: number, now: number, lang: Language): JoinProgressWords {
  const t = TEXT[lang];
  const number = (n: number) => n.toLocaleString(lang);
  const counts = fill(t.counts, { events: number(p?.received ?? 0), cases: number(cases) });
  const words = (remaining: string, percent: number): JoinProgressWords => ({ title: fill(t.title, { percent }), counts, remaining, percent });
  if (!p) return words(t.estimating, 0);
  const way = p.latest - p.fromSeq;
  const done = way > 0 ? Math.min(1, (p.seq - p.fromSeq) / way) : 1;
  if (p.caughtUp || done >= 1) return words(t.arrived, 100);
  const elapsed = now - p.startedAt;
  if (done <= 0 || elapsed < 1000) return words(t.estimating, Math.round(done * 100));
  const left = Math.max(1, Math.round(((elapsed / done) * (1 - done)) / 1000));
  return words(left < 90 ? fill(t.seconds, { n: left }) : fill(t.minutes, { n: Math.ceil(left / 60) }), Math.round(done * 100));
}
