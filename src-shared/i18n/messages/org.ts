import type { MessageTable } from '../message-table';

export const orgMessages = {
  'staff.credential': {
    'zh-CN': () => 'PIN 码须为 4–8 位数字；口令至少 10 个字符，不能全是数字。',
    en: () => 'A PIN is 4–8 digits; a passphrase is at least 10 characters and not only digits.',
  },
  'staff.verifier': {
    'zh-CN': () => 'PIN 码或口令的校验值格式不对（强度不符合要求），已拒绝保存。',
    en: () => 'The PIN or passphrase verifier is not in the required format (too weak); nothing was saved.',
  },
} satisfies MessageTable;
