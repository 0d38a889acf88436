import type { MessageTable } from '../message-table';

export const configAuthoriseMessages = {
  'config.needsAdmin': {
    'zh-CN': () => '制度、人员、站点和工作台等机构配置只能由管理员修改：请在本台由管理员输入口令确认后再发布。',
    en: () =>
      'The organisation’s configuration (policy, staff, sites, desks) is changed only by an administrator: have an administrator confirm with their passphrase at this desk, then publish again.',
  },
  'config.dutyOtherDesk': {
    'zh-CN': () => '这条事项完成记录写的是其他工作台，本工作台只能记录自己完成的事项。',
    en: () => 'This duty mark names another desk; a desk records only the duties it marked itself.',
  },
} satisfies MessageTable;
