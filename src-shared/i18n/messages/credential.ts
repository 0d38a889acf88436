import type { MessageTable } from '../message-table';

export const credentialMessages = {
  'staff.credentialAdminOnly': {
    'zh-CN': () => '只有用管理口令登录的管理员可以重设工作人员的登录凭据。',
    en: () => 'Only an administrator signed in with a passphrase can reset a person’s sign-in credential.',
  },
  'staff.unknown': {
    'zh-CN': () => '找不到这名工作人员（可能已被删除），未做任何更改。',
    en: () => 'This person is not on the staff list (perhaps removed); nothing was changed.',
  },
  'staff.credentialNotPin': {
    'zh-CN': () => 'PIN 码须为 4–8 位数字。',
    en: () => 'A PIN is 4–8 digits.',
  },
  'staff.credentialNotPassphrase': {
    'zh-CN': () => '管理口令至少 10 个字符，不能全是数字，首尾不能有空格。',
    en: () => 'A passphrase has at least 10 characters, not only digits, without leading or trailing spaces.',
  },
  'staff.lastAdministrator': {
    'zh-CN': (_f, d) =>
      `${typeof d.name === 'string' ? d.name : '此人'}是本单位唯一能用管理口令确认管理操作的人：改为 PIN 码后，本单位将没有人能发布制度或管理人员。请先为另一位管理人员设置管理口令，再改此人的凭据。未做任何更改。`,
    en: (_f, d) =>
      `${typeof d.name === 'string' ? d.name : 'This person'} is the organisation’s only administrator with a passphrase: with a PIN, nobody could publish the policy or manage staff any more. Give another administering person a passphrase first. Nothing was changed.`,
  },
} satisfies MessageTable;
