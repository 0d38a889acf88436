import type { MessageTable } from '../message-table';

export const surveyMessages = {
  'survey.satisfiedTooMany': { 'zh-CN': (f) => `「${f}」满意人数不能多于参加人数。`, en: (f) => `"${f}": more satisfied than respondents.` },
  'survey.scoreTooHigh': { 'zh-CN': (f) => `「${f}」评分合计不能超过参加人数的 5 倍。`, en: (f) => `"${f}": the score sum exceeds 5 per respondent.` },
} satisfies MessageTable;
