import type { MessageTable } from '../message-table';

export const revisionMessages = {
  'revision.effectiveTooEarly': {
    'zh-CN': (f, d) => `「${f}」早于当前版本的生效日期（${String(d.current)}），新版本只能在此之后生效。`,
    en: (f, d) => `"${f}" is before the current revision's effective date (${String(d.current)}); a new revision can only take effect after it.`,
  },
  'revision.authorRequired': {
    'zh-CN': (f) => `「${f}」必须填写：请写明修改人和修改原因。`,
    en: (f) => `"${f}" is required: say who made the change and why.`,
  },
} satisfies MessageTable;
