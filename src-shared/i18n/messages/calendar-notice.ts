import type { MessageTable } from '../message-table';
import { MAX_RANGE_DAYS } from '../../domain/calendar-notice';

// Refusals of the State Council notice editor (src-shared/domain/calendar-notice.ts, issue 12).

export const calendarNoticeMessages = {
  'notice.notADate': {
    'zh-CN': () => '请填写完整的日期（年-月-日）。',
    en: () => 'Enter a complete date (year-month-day).',
  },
  'notice.rangeReversed': {
    'zh-CN': () => '放假结束日期早于开始日期，请检查后重新填写。',
    en: () => 'The last day off is before the first; check the dates.',
  },
  'notice.rangeTooLong': {
    'zh-CN': () => `一段放假最长 ${MAX_RANGE_DAYS} 天，请分段录入或检查日期。`,
    en: () => `A run of days off is at most ${MAX_RANGE_DAYS} days; enter it in parts or check the dates.`,
  },
  'notice.wrongYear': {
    'zh-CN': (_f, d) => `日期不在 ${String(d.year)} 年内：每年的放假安排单独录入，请先选择对应年份。`,
    en: (_f, d) => `The date is not in ${String(d.year)}: each year’s notice is entered on its own; choose that year first.`,
  },
  'notice.conflict': {
    'zh-CN': () => '这一天已经录入为相反的安排（放假或调休上班），请先删除原来的那条。',
    en: () => 'This day is already entered the other way (off or worked); remove that entry first.',
  },
} satisfies MessageTable;
