import type { MessageTable } from '../message-table';
import { GRANULARITIES, type Granularity } from '../../analytics/period';

const GRANULARITY_NAMES = { day: '日', week: '周', month: '月', quarter: '季度', year: '年' } as const satisfies Record<Granularity, string>;

export const statisticsMessages = {
  'statistics.periodReversed': {
    'zh-CN': () => '统计期间不对：开始时间（from）必须早于结束时间（to）。',
    en: () => 'The period is reversed: its start (from) must be before its end (to).',
  },
  'statistics.granularity': {
    'zh-CN': (f, d) =>
      `「${f}」不是可用的统计粒度${d.value === undefined ? '' : `（收到「${String(d.value)}」）`}：可选 ${GRANULARITIES.map((g) => `${g}（${GRANULARITY_NAMES[g]}）`).join('、')}。`,
    en: (f, d) => `"${f}" is not a known granularity${d.value === undefined ? '' : ` (got "${String(d.value)}")`}: use one of ${GRANULARITIES.join(', ')}.`,
  },
  'statistics.tooManyPeriods': {
    'zh-CN': (_f, d) => `统计期间按「${String(d.granularity)}」划分超过 ${String(d.max)} 段：请缩短期间或选用更粗的粒度（如 month、year）。`,
    en: (_f, d) =>
      `The period splits into more than ${String(d.max)} "${String(d.granularity)}" buckets: shorten it or choose a coarser granularity (month, year).`,
  },
} satisfies MessageTable;
