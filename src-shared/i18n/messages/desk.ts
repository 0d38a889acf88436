import type { MessageTable } from '../message-table';

// Refusals the desk's data layer itself can give, in both languages, beside the shared validation messages.
export const deskMessages = {
  'desk.caseUnknown': {
    'zh-CN': () => '本台找不到这个案件，它可能还没有同步过来。请稍后刷新再试。',
    en: () => 'This desk does not have this case; it may not have synced yet. Refresh and try again shortly.',
  },
  'desk.policyMissing': {
    'zh-CN': () => '本台没有该案件登记时的制度版本，暂时无法处理。请连接服务器同步后再试。',
    en: () => 'This desk lacks the policy revision the case was registered under. Sync with the server and try again.',
  },
} satisfies MessageTable;
