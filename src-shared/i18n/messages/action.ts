import type { MessageTable } from '../message-table';
import { ACTION_LABELS, STATUS_LABELS, type CaseAction } from '../../domain/actions';
import type { CaseStatus } from '../../domain/case-state';

// The sentences behind the refusal and payload codes of ./actions.ts (codes with parameters; the
// words live here, one namespace of the message catalogue, ../validation.ts).

const s = (v: unknown) => String(v ?? '');
const zhAction = (d: Record<string, unknown>): string => ACTION_LABELS[d.action as CaseAction]?.['zh-CN'] ?? s(d.action);
const enAction = (d: Record<string, unknown>): string => (ACTION_LABELS[d.action as CaseAction]?.en ?? s(d.action)).toLowerCase();

export const actionMessages = {
  'action.recused': {
    'zh-CN': () => '您已对此案件回避，不能再办理，请交由其他人员。',
    en: () => 'You have recused yourself from this case and cannot act on it; hand it to someone else.',
  },
  'action.status': {
    'zh-CN': (_f, d) => `案件当前为「${STATUS_LABELS[d.status as CaseStatus]?.['zh-CN'] ?? s(d.status)}」，不能${zhAction(d)}。`,
    en: (_f, d) => `The case is "${STATUS_LABELS[d.status as CaseStatus]?.en ?? s(d.status)}"; you cannot ${enAction(d)} now.`,
  },
  'action.role': {
    'zh-CN': (_f, d) => `只有「${s(d.roles)}」可以${zhAction(d)}，请交给有此角色的人员。`,
    en: (_f, d) => `Only "${s(d.roles)}" may ${enAction(d)}; pass it to someone with that role.`,
  },
  'action.identityRole': {
    'zh-CN': (_f, d) => `${s(d.person ?? '投诉人')}身份保密，只有「${s(d.roles)}」可以查看。`,
    en: (_f, d) => `The complainant's identity is confidential; only "${s(d.roles)}" may reveal it.`,
  },
  'action.identitySealed': {
    'zh-CN': () => '本工作台没有收到该投诉人的身份（服务器只发给有权查看身份的人员所在的工作台），无法查看。',
    en: () => 'This desk never received the complainant’s identity (the server sends it only to desks where someone may reveal it).',
  },
  'action.notConfidential': {
    'zh-CN': () => '投诉人信息未设保密，可直接查看，无需申请。',
    en: () => 'The complainant is not confidential; there is nothing to reveal.',
  },
  'action.inspectors': {
    'zh-CN': (_f, d) => `调查至少需要 ${s(d.min)} 名未回避的检查人员，请补充人员。`,
    en: (_f, d) => `An investigation needs at least ${s(d.min)} inspectors who have not recused themselves; add more.`,
  },
  'action.approvalPending': {
    // The policy's approval names already say what is decided (处理意见审批, 领导签署意见…): no 审批 appended.
    'zh-CN': (_f, d) => `须先经「${s(d.roles)}」批准（${s(d.name)}），才能${zhAction(d)}。`,
    en: (_f, d) => `"${s(d.roles)}" must first approve "${s(d.name)}" before you can ${enAction(d)}.`,
  },
  'action.nothingPending': {
    'zh-CN': (_f, d) => `没有等待审批的${s(d.what)}。`,
    en: (_f, d) => `There is no pending ${s(d.whatEn)} to decide.`,
  },
  'action.unknownRef': {
    'zh-CN': (f, d) => `「${f}」的${s(d.what)}「${s(d.ref)}」在本制度中不存在或不适用于此案件，请重新选择。`,
    en: (f, d) => `"${f}": the ${s(d.whatEn)} "${s(d.ref)}" does not exist in this policy or does not apply to this case; choose again.`,
  },
  'action.feedbackFirst': {
    'zh-CN': () => '结案前须先向投诉人反馈处理结果，或记录无法反馈的原因。',
    en: () => 'Before closing, give the complainant feedback on the result or record why that is impossible.',
  },
  'action.callbackFollowUp': {
    'zh-CN': () => '最近一次回访不满意，需再次回访至满意（或重新办理）后才能结案。',
    en: () => 'The latest callback was unsatisfied; call back again until the resident is satisfied (or reopen the case) before closing.',
  },
  'action.callbackExempt': { 'zh-CN': () => '此类别按制度无需回访。', en: () => 'This kind needs no callback under the policy.' },
  'action.notYourDepartment': {
    'zh-CN': () => '只有当前责任部门可以确认接收此案件。',
    en: () => 'Only the department currently responsible can acknowledge the hand-over.',
  },
  'action.nothingToAcknowledge': {
    'zh-CN': () => '案件尚未派给部门，或已确认接收。',
    en: () => 'The case has not been handed to a department, or the hand-over is already acknowledged.',
  },
  'action.alreadyRegistered': { 'zh-CN': () => '案件已登记，不能重复登记。', en: () => 'The case is already registered.' },
  'action.duplicate': {
    'zh-CN': (f, d) => `「${f}」的「${s(d.ref)}」已经记录过了。`,
    en: (f, d) => `"${f}": "${s(d.ref)}" is already recorded.`,
  },
  'action.clockPaused': { 'zh-CN': () => '计时已暂停，请先恢复计时。', en: () => 'The clock is already paused; resume it first.' },
  'action.clockRunning': { 'zh-CN': () => '计时没有暂停，无需恢复。', en: () => 'The clock is not paused.' },
  'action.notApplicable': {
    'zh-CN': (_f, d) => `本制度没有适用于此案件的${s(d.what)}，不能${zhAction(d)}。`,
    en: (_f, d) => `The policy has no ${s(d.whatEn)} that applies to this case; you cannot ${enAction(d)}.`,
  },
  'action.noTarget': { 'zh-CN': () => '转办须指明接收部门、接收人或外部单位。', en: () => 'A transfer must name a department, a person or an outside body.' },
  'action.sameDepartment': { 'zh-CN': () => '案件已在该部门，无需转办。', en: () => 'The case is already with that department.' },
  'action.amountRange': {
    'zh-CN': (f, d) => `「${f}」须在 ${s(d.min)}–${s(d.max)} 元之间。`,
    en: (f, d) => `"${f}" must be between ${s(d.min)} and ${s(d.max)} yuan.`,
  },
  'action.stepOrder': {
    'zh-CN': (_f, d) => `须先通过上一步「${s(d.label)}」。`,
    en: (_f, d) => `The previous step "${s(d.label)}" must be approved first.`,
  },
  'action.notVerified': { 'zh-CN': () => '只有经调查核实的举报才能申请奖励。', en: () => 'Only a verified report can earn a reward.' },
  'action.dueAtPast': { 'zh-CN': () => '新的期限须晚于申请时间。', en: () => 'The new deadline must be later than the request.' },
  'action.recusedStaff': {
    'zh-CN': (f, d) => `「${f}」中的人员「${s(d.ref)}」已回避，不能参与此案件。`,
    en: (f, d) => `"${f}": staff member "${s(d.ref)}" has recused themselves and cannot take part.`,
  },
  'action.noticeNo': { 'zh-CN': () => '派单须填写投诉处理通知单编号。', en: () => 'A hand-over needs the complaint-handling notice number.' },
  'action.writtenReplyFirst': { 'zh-CN': () => '办结前须先向投诉人书面答复。', en: () => 'Give the complainant a written reply before resolving.' },
  'action.refusalReason': { 'zh-CN': () => '不同意时须写明理由。', en: () => 'Say why when you refuse.' },
  'action.approvalRecords': { 'zh-CN': (_f, d) => `请填写${s(d.label)}。`, en: (_f, d) => `Write the ${s(d.label)}.` },
} satisfies MessageTable;
