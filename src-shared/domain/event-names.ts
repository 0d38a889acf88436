import type { EventType } from './events';

// What each event is called, on screen (the case timeline) and on paper (the archive, the regulation's
// deadline table) alike, so a clerk reads the same word in both places.

export const EVENT_NAMES: Record<EventType, { 'zh-CN': string; en: string }> = {
  'case.registered': { 'zh-CN': '登记', en: 'Registered' },
  'case.accepted': { 'zh-CN': '受理', en: 'Accepted' },
  'case.classified': { 'zh-CN': '分类定级', en: 'Classified' },
  'case.assigned': { 'zh-CN': '派单', en: 'Assigned' },
  'case.handover_acknowledged': { 'zh-CN': '部门签收', en: 'Hand-over acknowledged' },
  'case.transferred': { 'zh-CN': '转办', en: 'Transferred' },
  'case.coordinated': { 'zh-CN': '多部门协调', en: 'Coordinated' },
  'case.recused': { 'zh-CN': '回避', en: 'Recused' },
  'case.escalated': { 'zh-CN': '上报', en: 'Escalated' },
  'case.risk_flagged': { 'zh-CN': '风险标记', en: 'Risk flagged' },
  'case.clock_paused': { 'zh-CN': '暂停计时', en: 'Clock paused' },
  'case.clock_resumed': { 'zh-CN': '恢复计时', en: 'Clock resumed' },
  'case.extension_requested': { 'zh-CN': '申请延期', en: 'Extension requested' },
  'case.extension_decided': { 'zh-CN': '延期审批', en: 'Extension decided' },
  'case.sample_sent': { 'zh-CN': '送检', en: 'Sample sent' },
  'case.site_visited': { 'zh-CN': '到达现场', en: 'Site visited' },
  'case.investigated': { 'zh-CN': '调查核实', en: 'Investigated' },
  'case.approval_requested': { 'zh-CN': '提请审批', en: 'Approval requested' },
  'case.approval_decided': { 'zh-CN': '审批', en: 'Approval decided' },
  'case.replied': { 'zh-CN': '答复', en: 'Replied' },
  'case.resolved': { 'zh-CN': '办结', en: 'Resolved' },
  'case.feedback_given': { 'zh-CN': '反馈结果', en: 'Feedback given' },
  'case.feedback_impossible': { 'zh-CN': '无法反馈', en: 'Feedback impossible' },
  'case.callback_done': { 'zh-CN': '回访', en: 'Callback' },
  'case.reopened': { 'zh-CN': '重新处理', en: 'Reopened' },
  'case.rejected': { 'zh-CN': '不予受理', en: 'Not admissible' },
  'case.closed': { 'zh-CN': '结案', en: 'Closed' },
  'case.note': { 'zh-CN': '备注', en: 'Note' },
  'case.material_added': { 'zh-CN': '添加材料', en: 'Material added' },
  'case.attachment_added': { 'zh-CN': '添加附件', en: 'File attached' },
  'case.attachment_withdrawn': { 'zh-CN': '撤回附件', en: 'File withdrawn' },
  'case.signed': { 'zh-CN': '签名', en: 'Signed' },
  'case.document_printed': { 'zh-CN': '打印文档', en: 'Printed' },
  'case.identity_viewed': { 'zh-CN': '查看保密身份', en: 'Confidential identity viewed' },
  'case.reward_proposed': { 'zh-CN': '提出奖励', en: 'Reward proposed' },
  'case.reward_decided': { 'zh-CN': '奖励审批', en: 'Reward decided' },
  'case.penalty_proposed': { 'zh-CN': '提出处罚', en: 'Penalty proposed' },
  'case.penalty_decided': { 'zh-CN': '处罚审批', en: 'Penalty decided' },
  'case.expense_recorded': { 'zh-CN': '记录费用', en: 'Expense recorded' },
};

export function eventName(type: EventType, lang: 'zh-CN' | 'en' = 'zh-CN'): string {
  return EVENT_NAMES[type]?.[lang] ?? type;
}
