import type { MessageTable } from '../message-table';

export const sealedMessages = {
  'sync.sealedByServer': {
    'zh-CN': () => '投诉人身份的“保密”标记只能由服务器加上，新记录不能带有它。',
    en: () => 'Only the server marks a complainant’s identity sealed; a new record cannot carry the mark.',
  },
} satisfies MessageTable;
