import type { MessageTable } from '../message-table';

export const configKindMessages = {
  'config.idMismatch': {
    'zh-CN': (f) => `「${f}」与记录内容不符（编号应由站点、年份或周期生成）。`,
    en: (f) => `"${f}" does not match the record's content (it is made from its site, year or period).`,
  },
} satisfies MessageTable;
