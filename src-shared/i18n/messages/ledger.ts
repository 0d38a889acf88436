import type { MessageTable } from '../message-table';

// Refusals of the rewards-and-penalties ledger (src-shared/analytics/ledger.ts).

export const ledgerMessages = {
  'ledger.notFound': {
    'zh-CN': () => '找不到这笔记录或制度中对应的条款，请刷新后再试。',
    en: () => 'This entry or its policy clause was not found; refresh and try again.',
  },
  'ledger.alreadyDecided': { 'zh-CN': () => '这笔记录已经审批或签署完毕，无需重复操作。', en: () => 'This entry has already been decided or fully signed.' },
  'ledger.wrongRole': {
    'zh-CN': () => '您没有制度规定的审批角色，请由有权审批的人员处理。',
    en: () => 'You do not hold the approver role the policy names; ask someone who does.',
  },
  'ledger.amountOutOfRange': {
    'zh-CN': () => '金额超出该危险等级的奖励范围，请在规定范围内填写。',
    en: () => 'The amount is outside the range for this danger level.',
  },
  'ledger.notVerified': {
    'zh-CN': () => '举报尚未核实或未评定危险等级，不能提出奖励。',
    en: () => 'The report is not verified or has no danger level yet; no reward can be proposed.',
  },
  'ledger.alreadyProposed': { 'zh-CN': () => '本案已提出过该项奖励。', en: () => 'This reward has already been proposed for the case.' },
  'ledger.signatureOrder': {
    'zh-CN': () => '请按签字顺序签署：下一位应由制度规定的角色签字。',
    en: () => 'Sign in order: the next signature belongs to the role the policy names.',
  },
  'ledger.amount': { 'zh-CN': () => '请填写金额（元），不能为负数。', en: () => 'Enter the amount in yuan; it cannot be negative.' },
  'ledger.description': { 'zh-CN': () => '请填写费用说明。', en: () => 'Describe the expense.' },
  'ledger.rejectReason': { 'zh-CN': () => '请填写驳回理由。', en: () => 'Give the reason for the rejection.' },
} satisfies MessageTable;
