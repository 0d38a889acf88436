import type { MessageTable } from '../message-table';

export const syncAuthoriseMessages = {
  'sync.deskMismatch': {
    'zh-CN': () => '记录的工作台与提交它的工作台不符，已拒绝。',
    en: () => 'The record names another desk than the one that sent it; refused.',
  },
  'sync.actorUnknown': {
    'zh-CN': () => '记录的操作人不是本单位的在册人员，已拒绝。',
    en: () => 'The record’s actor is not a staff member of this organisation; refused.',
  },
  'sync.atAhead': {
    'zh-CN': () => '记录时间晚于服务器当前时间：请校正本机时钟后重新操作。',
    en: () => 'The record is dated after the server’s current time: correct this computer’s clock and redo it.',
  },
  'sync.policyUnknown': {
    'zh-CN': () => '记录所依据的制度版本在服务器上不存在，已拒绝。',
    en: () => 'The policy revision the record names does not exist on the server; refused.',
  },
  'sync.policyMismatch': {
    'zh-CN': () => '记录所依据的制度版本与该案件登记时的版本不同，已拒绝。',
    en: () => 'The record names another policy revision than the one its case was registered under; refused.',
  },
  'sync.caseSite': {
    'zh-CN': () => '该案件属于其他站点，本工作台无权写入。',
    en: () => 'The case belongs to another site; this desk may not write to it.',
  },
  'sync.caseNumberTaken': {
    'zh-CN': () => '该案件编号已被本单位另一件案件使用，已拒绝。请联系管理员。',
    en: () => 'Another case of this organisation already holds this case number; refused. Contact the administrator.',
  },
  'sync.afterRefused': {
    'zh-CN': () => '同一案件中较早的一条记录被拒绝，此条随之未保存。',
    en: () => 'An earlier record of the same case was refused, so this one was not stored either.',
  },
} satisfies MessageTable;
