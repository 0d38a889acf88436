import type { CaseState, CaseStatus } from './case-state';
import { eventPayloads, type EventType, type NewEvent } from './events';
import { fieldErrorsOf, type FieldError, type ParseResult } from './parse';
import type { AppliesTo, Approval, Penalty, Policy, Reward } from './policy';
import { addValidationMessages, messageFor, type LocalisedMessage } from '../i18n/validation';

// Which case actions a person may take now, and why not (STYLE.md: the domain decides, components only
// show). `validateAction` checks a proposed event against the same rules plus its payload's references,
// and changes nothing. Rule IDs: S1-5 identity reveal, S1-9 recusal, S6-4 two inspectors, X-1 hand-over,
// X-2 no closing without feedback or a recorded reason, S0-4 approvals by role, S1-14 reward ranges.

export interface Actor {
  id: string;
  roles: readonly string[];
  /** The actor's department, when the desk knows it (hand-over acknowledgement is the department's). */
  departmentId?: string;
}

export const CASE_ACTIONS = {
  accept: 'case.accepted',
  classify: 'case.classified',
  assign: 'case.assigned',
  transfer: 'case.transferred',
  acknowledge: 'case.handover_acknowledged',
  coordinate: 'case.coordinated',
  recuse: 'case.recused',
  escalate: 'case.escalated',
  flagRisk: 'case.risk_flagged',
  requestExtension: 'case.extension_requested',
  decideExtension: 'case.extension_decided',
  pauseClock: 'case.clock_paused',
  resumeClock: 'case.clock_resumed',
  sendSample: 'case.sample_sent',
  siteVisit: 'case.site_visited',
  investigate: 'case.investigated',
  requestApproval: 'case.approval_requested',
  decideApproval: 'case.approval_decided',
  reply: 'case.replied',
  resolve: 'case.resolved',
  feedback: 'case.feedback_given',
  feedbackImpossible: 'case.feedback_impossible',
  callback: 'case.callback_done',
  reject: 'case.rejected',
  reopen: 'case.reopened',
  close: 'case.closed',
  note: 'case.note',
  addMaterial: 'case.material_added',
  sign: 'case.signed',
  print: 'case.document_printed',
  revealIdentity: 'case.identity_viewed',
  proposeReward: 'case.reward_proposed',
  decideReward: 'case.reward_decided',
  proposePenalty: 'case.penalty_proposed',
  decidePenalty: 'case.penalty_decided',
  recordExpense: 'case.expense_recorded',
} as const satisfies Record<string, Exclude<EventType, 'case.registered'>>;

export type CaseAction = keyof typeof CASE_ACTIONS;
export const ACTION_OF_EVENT = Object.fromEntries(Object.entries(CASE_ACTIONS).map(([a, t]) => [t, a])) as Record<
  Exclude<EventType, 'case.registered'>,
  CaseAction
>;

export const ACTION_LABELS: Record<CaseAction, LocalisedMessage> = {
  accept: { 'zh-CN': '受理', en: 'Accept' },
  classify: { 'zh-CN': '分类定级', en: 'Classify' },
  assign: { 'zh-CN': '派单', en: 'Assign' },
  transfer: { 'zh-CN': '转办', en: 'Transfer' },
  acknowledge: { 'zh-CN': '确认接收', en: 'Acknowledge hand-over' },
  coordinate: { 'zh-CN': '协调', en: 'Coordinate' },
  recuse: { 'zh-CN': '回避', en: 'Recuse' },
  escalate: { 'zh-CN': '上报', en: 'Escalate' },
  flagRisk: { 'zh-CN': '标记风险', en: 'Flag risk' },
  requestExtension: { 'zh-CN': '申请延期', en: 'Request extension' },
  decideExtension: { 'zh-CN': '审批延期', en: 'Decide extension' },
  pauseClock: { 'zh-CN': '暂停计时', en: 'Pause clock' },
  resumeClock: { 'zh-CN': '恢复计时', en: 'Resume clock' },
  sendSample: { 'zh-CN': '送检', en: 'Send sample' },
  siteVisit: { 'zh-CN': '到场', en: 'Site visit' },
  investigate: { 'zh-CN': '调查核实', en: 'Investigate' },
  requestApproval: { 'zh-CN': '提交审批', en: 'Request approval' },
  decideApproval: { 'zh-CN': '审批', en: 'Decide approval' },
  reply: { 'zh-CN': '答复', en: 'Reply' },
  resolve: { 'zh-CN': '办结', en: 'Resolve' },
  feedback: { 'zh-CN': '反馈结果', en: 'Give feedback' },
  feedbackImpossible: { 'zh-CN': '无法反馈', en: 'Feedback impossible' },
  callback: { 'zh-CN': '回访', en: 'Callback' },
  reject: { 'zh-CN': '不予受理', en: 'Reject' },
  reopen: { 'zh-CN': '重新办理', en: 'Reopen' },
  close: { 'zh-CN': '结案', en: 'Close' },
  note: { 'zh-CN': '备注', en: 'Note' },
  addMaterial: { 'zh-CN': '添加材料', en: 'Add material' },
  sign: { 'zh-CN': '签字', en: 'Sign' },
  print: { 'zh-CN': '打印', en: 'Print' },
  revealIdentity: { 'zh-CN': '查看投诉人身份', en: 'Reveal identity' },
  proposeReward: { 'zh-CN': '申请奖励', en: 'Propose reward' },
  decideReward: { 'zh-CN': '审批奖励', en: 'Decide reward' },
  proposePenalty: { 'zh-CN': '提出处罚', en: 'Propose penalty' },
  decidePenalty: { 'zh-CN': '审批处罚', en: 'Decide penalty' },
  recordExpense: { 'zh-CN': '登记费用', en: 'Record expense' },
};

export const STATUS_LABELS: Record<CaseStatus, LocalisedMessage> = {
  registered: { 'zh-CN': '已登记', en: 'Registered' },
  accepted: { 'zh-CN': '已受理', en: 'Accepted' },
  assigned: { 'zh-CN': '已派单', en: 'Assigned' },
  in_progress: { 'zh-CN': '处理中', en: 'In progress' },
  replied: { 'zh-CN': '已答复', en: 'Replied' },
  resolved: { 'zh-CN': '已办结', en: 'Resolved' },
  rejected: { 'zh-CN': '不予受理', en: 'Rejected' },
  closed: { 'zh-CN': '已关闭', en: 'Closed' },
};

const s = (v: unknown) => String(v ?? '');
const zhAction = (d: Record<string, unknown>) => ACTION_LABELS[d.action as CaseAction]?.['zh-CN'] ?? s(d.action);
const enAction = (d: Record<string, unknown>) => (ACTION_LABELS[d.action as CaseAction]?.en ?? s(d.action)).toLowerCase();

addValidationMessages({
  'action.recused': { 'zh-CN': () => '您已对此案件回避（S1-9），不能再办理，请交由其他人员。', en: () => 'You have recused yourself from this case (S1-9) and cannot act on it; hand it to someone else.' },
  'action.status': {
    'zh-CN': (_f, d) => `案件当前为「${s(d.status)}」，不能${zhAction(d)}。`,
    en: (_f, d) => `The case is "${s(d.statusEn)}"; you cannot ${enAction(d)} now.`,
  },
  'action.role': {
    'zh-CN': (_f, d) => `只有「${s(d.roles)}」可以${zhAction(d)}，请交给有此角色的人员。`,
    en: (_f, d) => `Only "${s(d.roles)}" may ${enAction(d)}; pass it to someone with that role.`,
  },
  'action.identityRole': {
    'zh-CN': (_f, d) => `投诉人身份保密（S1-5），只有「${s(d.roles)}」可以查看。`,
    en: (_f, d) => `The complainant's identity is confidential (S1-5); only "${s(d.roles)}" may reveal it.`,
  },
  'action.notConfidential': { 'zh-CN': () => '投诉人信息未设保密，可直接查看，无需申请。', en: () => 'The complainant is not confidential; there is nothing to reveal.' },
  'action.inspectors': {
    'zh-CN': (_f, d) => `调查至少需要 ${s(d.min)} 名未回避的检查人员（S6-4），请补充人员。`,
    en: (_f, d) => `An investigation needs at least ${s(d.min)} inspectors who have not recused themselves (S6-4); add more.`,
  },
  'action.approvalPending': {
    'zh-CN': (_f, d) => `须先完成「${s(d.name)}」审批，才能${zhAction(d)}。`,
    en: (_f, d) => `The approval "${s(d.name)}" must be completed before you can ${enAction(d)}.`,
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
    'zh-CN': () => '结案前须先向投诉人反馈处理结果，或记录无法反馈的原因（X-2）。',
    en: () => 'Before closing, give the complainant feedback on the result or record why that is impossible (X-2).',
  },
  'action.callbackExempt': { 'zh-CN': () => '此类别按制度无需回访。', en: () => 'This kind needs no callback under the policy.' },
  'action.notYourDepartment': {
    'zh-CN': () => '只有当前责任部门可以确认接收此案件。',
    en: () => 'Only the department currently responsible can acknowledge the hand-over.',
  },
  'action.nothingToAcknowledge': { 'zh-CN': () => '案件尚未派给部门，或已确认接收。', en: () => 'The case has not been handed to a department, or the hand-over is already acknowledged.' },
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
  'action.notVerified': { 'zh-CN': () => '只有经调查核实的举报才能申请奖励（S1-14）。', en: () => 'Only a verified report can earn a reward (S1-14).' },
  'action.dueAtPast': { 'zh-CN': () => '新的期限须晚于申请时间。', en: () => 'The new deadline must be later than the request.' },
  'action.recusedStaff': {
    'zh-CN': (f, d) => `「${f}」中的人员「${s(d.ref)}」已回避（S1-9），不能参与此案件。`,
    en: (f, d) => `"${f}": staff member "${s(d.ref)}" has recused themselves (S1-9) and cannot take part.`,
  },
});

const ACTIVE: readonly CaseStatus[] = ['registered', 'accepted', 'assigned', 'in_progress'];
const OPEN: readonly CaseStatus[] = [...ACTIVE, 'replied'];
const AFTER_RESULT: readonly CaseStatus[] = ['resolved', 'closed'];
const ALL: readonly CaseStatus[] = [...OPEN, 'resolved', 'rejected', 'closed'];

/** Statuses in which each action makes sense at all. */
const ALLOWED_IN: Record<CaseAction, readonly CaseStatus[]> = {
  accept: ['registered'],
  classify: OPEN,
  // Routing continues after a first reply (S7-13 reply within hours, resolve within days).
  assign: OPEN,
  transfer: OPEN,
  acknowledge: OPEN,
  coordinate: OPEN,
  recuse: OPEN,
  escalate: [...OPEN, 'resolved'],
  flagRisk: [...OPEN, 'resolved'],
  requestExtension: OPEN,
  decideExtension: OPEN,
  pauseClock: OPEN,
  resumeClock: OPEN,
  sendSample: OPEN,
  siteVisit: OPEN,
  investigate: OPEN,
  requestApproval: [...OPEN, 'resolved'],
  decideApproval: [...OPEN, 'resolved'],
  reply: [...OPEN, 'resolved'],
  resolve: OPEN,
  feedback: AFTER_RESULT,
  feedbackImpossible: AFTER_RESULT,
  callback: AFTER_RESULT,
  reject: ACTIVE,
  reopen: ['replied', 'resolved', 'closed', 'rejected'],
  close: ['resolved', 'rejected'],
  note: ALL,
  addMaterial: ALL,
  sign: ALL,
  print: ALL,
  revealIdentity: ALL,
  proposeReward: [...OPEN, ...AFTER_RESULT],
  decideReward: [...OPEN, ...AFTER_RESULT],
  proposePenalty: ALL,
  decidePenalty: ALL,
  recordExpense: [...OPEN, ...AFTER_RESULT],
};

/** Whether a policy rule (stage, approval, callback) applies to this case; empty lists mean "all". */
export function appliesToCase(a: AppliesTo, state: CaseState): boolean {
  const inList = (list: readonly string[] | undefined, v: string | undefined) => !list || list.length === 0 || (v !== undefined && list.includes(v));
  if (!inList(a.kinds, state.kind) || !inList(a.severities, state.severity) || !inList(a.categories, state.category) || !inList(a.channels, state.channel)) return false;
  if (a.form && state.form[a.form.key] !== a.form.equals) return false;
  return true;
}

/**
 * Reward and penalty items are keyed by the policy's id, or `<policy id>:<suffix>` when one case has
 * several (a penalty per occurrence, S3-6 / S6-10).
 */
export function policyItemOf<T extends { id: string }>(items: readonly T[], itemId: string): T | undefined {
  return items.find((x) => x.id === itemId || itemId.startsWith(`${x.id}:`));
}

/** S6-4: the policy's own minimum; a policy that lists S6-4 without one still needs two inspectors. */
export function minInspectors(policy: Policy): number {
  return policy.minInspectors ?? (policy.rules.includes('S6-4') ? 2 : 1);
}

function clockPaused(state: CaseState): boolean {
  for (let i = state.timeline.length - 1; i >= 0; i--) {
    const t = state.timeline[i]!.type;
    if (t === 'case.clock_paused') return true;
    if (t === 'case.clock_resumed') return false;
  }
  return false;
}

function approvalComplete(state: CaseState, a: Approval): boolean {
  return a.steps.every((step) => state.approvals.some((x) => x.approvalId === a.id && x.step === step.id && x.decided?.approved === true));
}

function pendingExtensions(state: CaseState) {
  return state.extensions.filter((x) => !x.decided);
}

function pendingApprovalSteps(state: CaseState) {
  return state.approvals.filter((x) => x.requestedAt !== undefined && !x.decided);
}

interface Refusal {
  code: string;
  detail?: Record<string, unknown>;
}

const roleNames = (policy: Policy, codes: readonly string[]) => codes.map((c) => policy.roles.find((r) => r.code === c)?.name ?? c).join('、');
const holds = (actor: Actor, roles: readonly string[]) => roles.some((r) => actor.roles.includes(r));

/** Why `actor` may not take `action` on the case now, or undefined when they may. */
function refusalOf(action: CaseAction, state: CaseState, policy: Policy, actor: Actor): Refusal | undefined {
  if (state.recusedStaffIds.includes(actor.id)) return { code: 'action.recused' };
  if (!ALLOWED_IN[action].includes(state.status)) {
    return { code: 'action.status', detail: { status: STATUS_LABELS[state.status]['zh-CN'], statusEn: STATUS_LABELS[state.status].en } };
  }
  // Feedback and callbacks follow a handling result; a case closed after a rejection has none.
  if ((action === 'feedback' || action === 'feedbackImpossible' || action === 'callback') && !state.result) {
    return { code: 'action.status', detail: { status: STATUS_LABELS[state.status]['zh-CN'], statusEn: STATUS_LABELS[state.status].en } };
  }
  const gate = policy.approvals.find((a) => a.before === CASE_ACTIONS[action] && appliesToCase(a.appliesTo, state) && !approvalComplete(state, a));
  if (gate) return { code: 'action.approvalPending', detail: { name: gate.name } };

  switch (action) {
    case 'acknowledge':
      if (!state.departmentId || state.handoverAcknowledged) return { code: 'action.nothingToAcknowledge' };
      if (actor.departmentId !== undefined && actor.departmentId !== state.departmentId) return { code: 'action.notYourDepartment' };
      return undefined;
    case 'requestExtension':
      if (!policy.stages.some((st) => st.extensionApproverRole && appliesToCase(st.appliesTo, state))) {
        return { code: 'action.notApplicable', detail: { what: '可延期的时限', whatEn: 'extensible stage' } };
      }
      return undefined;
    case 'decideExtension': {
      const pending = pendingExtensions(state);
      if (pending.length === 0) return { code: 'action.nothingPending', detail: { what: '延期申请', whatEn: 'extension request' } };
      const roles = pending.map((x) => policy.stages.find((st) => st.id === x.stageId)?.extensionApproverRole).filter((r): r is string => !!r);
      if (!holds(actor, roles)) return { code: 'action.role', detail: { roles: roleNames(policy, roles) } };
      return undefined;
    }
    case 'pauseClock':
      if (!policy.stages.some((st) => st.pausable && appliesToCase(st.appliesTo, state))) {
        return { code: 'action.notApplicable', detail: { what: '可暂停的时限', whatEn: 'pausable stage' } };
      }
      return clockPaused(state) ? { code: 'action.clockPaused' } : undefined;
    case 'resumeClock':
      return clockPaused(state) ? undefined : { code: 'action.clockRunning' };
    case 'requestApproval':
      if (!policy.approvals.some((a) => appliesToCase(a.appliesTo, state) && !approvalComplete(state, a))) {
        return { code: 'action.notApplicable', detail: { what: '待办审批', whatEn: 'open approval' } };
      }
      return undefined;
    case 'decideApproval': {
      const pending = pendingApprovalSteps(state);
      if (pending.length === 0) return { code: 'action.nothingPending', detail: { what: '审批', whatEn: 'approval' } };
      const roles = pending.map((x) => x.role);
      if (!holds(actor, roles)) return { code: 'action.role', detail: { roles: roleNames(policy, roles) } };
      return undefined;
    }
    case 'callback': {
      if (policy.kinds.find((k) => k.code === state.kind)?.callbackExempt) return { code: 'action.callbackExempt' };
      if (policy.callbackRole && !actor.roles.includes(policy.callbackRole)) return { code: 'action.role', detail: { roles: roleNames(policy, [policy.callbackRole]) } };
      return undefined;
    }
    case 'reject':
      return policy.inadmissibleReasons.length ? undefined : { code: 'action.notApplicable', detail: { what: '不予受理理由', whatEn: 'inadmissibility reason' } };
    case 'close':
      if (state.status === 'resolved' && !state.feedback) return { code: 'action.feedbackFirst' };
      return undefined;
    case 'revealIdentity':
      if (!state.complainant.confidential) return { code: 'action.notConfidential' };
      if (!holds(actor, policy.identityViewerRoles)) return { code: 'action.identityRole', detail: { roles: roleNames(policy, policy.identityViewerRoles) || '—' } };
      return undefined;
    case 'proposeReward':
      if (policy.rewards.length === 0) return { code: 'action.notApplicable', detail: { what: '奖励', whatEn: 'reward' } };
      if (!state.investigations.some((i) => i.verified)) return { code: 'action.notVerified' };
      return undefined;
    case 'decideReward': {
      const pending = state.rewards.filter((r) => !r.decided);
      if (pending.length === 0) return { code: 'action.nothingPending', detail: { what: '奖励申请', whatEn: 'reward' } };
      const roles = pending.map((r) => policyItemOf<Reward>(policy.rewards, r.id)?.approverRole).filter((r): r is string => !!r);
      if (!holds(actor, roles)) return { code: 'action.role', detail: { roles: roleNames(policy, roles) } };
      return undefined;
    }
    case 'proposePenalty':
      return policy.penalties.length ? undefined : { code: 'action.notApplicable', detail: { what: '处罚规定', whatEn: 'penalty' } };
    case 'decidePenalty': {
      const pending = state.penalties.filter((r) => !r.decided);
      if (pending.length === 0) return { code: 'action.nothingPending', detail: { what: '处罚', whatEn: 'penalty' } };
      const roles = pending.map((r) => policyItemOf<Penalty>(policy.penalties, r.id)?.approverRole).filter((r): r is string => !!r);
      if (!holds(actor, roles)) return { code: 'action.role', detail: { roles: roleNames(policy, roles) } };
      return undefined;
    }
    default:
      return undefined;
  }
}

export interface ActionAvailability {
  action: CaseAction;
  eventType: Exclude<EventType, 'case.registered'>;
  label: LocalisedMessage;
  allowed: boolean;
  /** Why not, as a sentence in both languages; absent when allowed. */
  reason?: LocalisedMessage;
  code?: string;
}

/** Every case action with whether `actor` may take it now, and the reason when not. */
export function availableActions(state: CaseState, policy: Policy, actor: Actor): ActionAvailability[] {
  return (Object.keys(CASE_ACTIONS) as CaseAction[]).map((action) => {
    const refusal = refusalOf(action, state, policy, actor);
    const base = { action, eventType: CASE_ACTIONS[action], label: ACTION_LABELS[action] };
    if (!refusal) return { ...base, allowed: true };
    return { ...base, allowed: false, code: refusal.code, reason: messageFor(refusal.code, 'action', { action, ...refusal.detail }) };
  });
}

class Errors {
  readonly list: FieldError[] = [];
  add(path: string, code: string, detail: Record<string, unknown> = {}): void {
    this.list.push({ path, code, message: messageFor(code, path, detail) });
  }
  unknown(path: string, ref: string, what: string, whatEn: string): void {
    this.add(path, 'action.unknownRef', { ref, what, whatEn });
  }
}

/** Checks of a payload's references against the policy and the case, beyond its schema. */
function checkPayload(e: Errors, ev: NewEvent, state: CaseState, policy: Policy, actor: Actor, at: number): void {
  const dept = (path: string, id: string | undefined) => id !== undefined && !policy.departments.some((d) => d.id === id) && e.unknown(path, id, '部门', 'department');
  const notRecused = (path: string, id: string | undefined) => id !== undefined && state.recusedStaffIds.includes(id) && e.add(path, 'action.recusedStaff', { ref: id });
  switch (ev.type) {
    case 'case.classified': {
      const p = ev.payload;
      if (p.kind !== undefined && !policy.kinds.some((k) => k.code === p.kind)) e.unknown('payload.kind', p.kind, '类别', 'kind');
      if (p.category !== undefined && !policy.categories.some((c) => c.code === p.category)) e.unknown('payload.category', p.category, '分类', 'category');
      if (p.severity !== undefined && !policy.severities.some((c) => c.code === p.severity)) e.unknown('payload.severity', p.severity, '等级', 'severity');
      break;
    }
    case 'case.assigned':
      dept('payload.departmentId', ev.payload.departmentId);
      notRecused('payload.assigneeId', ev.payload.assigneeId);
      break;
    case 'case.handover_acknowledged':
      if (ev.payload.departmentId !== state.departmentId) e.add('payload.departmentId', 'action.notYourDepartment');
      break;
    case 'case.transferred': {
      const p = ev.payload;
      if (p.toDepartmentId === undefined && p.toAssigneeId === undefined && !p.external?.trim()) e.add('payload', 'action.noTarget');
      dept('payload.toDepartmentId', p.toDepartmentId);
      if (p.toDepartmentId !== undefined && p.toDepartmentId === state.departmentId && p.toAssigneeId === undefined) e.add('payload.toDepartmentId', 'action.sameDepartment');
      notRecused('payload.toAssigneeId', p.toAssigneeId);
      break;
    }
    case 'case.coordinated':
      ev.payload.departmentIds.forEach((d, i) => dept(`payload.departmentIds.${i}`, d));
      notRecused('payload.coordinatorId', ev.payload.coordinatorId);
      break;
    case 'case.recused':
      if (state.recusedStaffIds.includes(ev.payload.staffId)) e.add('payload.staffId', 'action.duplicate', { ref: ev.payload.staffId });
      break;
    case 'case.escalated':
      if (!policy.roles.some((r) => r.code === ev.payload.toRole)) e.unknown('payload.toRole', ev.payload.toRole, '角色', 'role');
      break;
    case 'case.risk_flagged':
      if (!policy.riskFlags.some((r) => r.code === ev.payload.flag)) e.unknown('payload.flag', ev.payload.flag, '风险标记', 'risk flag');
      else if (state.riskFlags.includes(ev.payload.flag)) e.add('payload.flag', 'action.duplicate', { ref: ev.payload.flag });
      break;
    case 'case.clock_paused':
    case 'case.clock_resumed': {
      const id = ev.payload.stageId;
      if (id !== undefined && !policy.stages.some((st) => st.id === id && st.pausable)) e.unknown('payload.stageId', id, '可暂停的时限', 'pausable stage');
      break;
    }
    case 'case.extension_requested': {
      const p = ev.payload;
      const stage = policy.stages.find((st) => st.id === p.stageId);
      if (!stage || !stage.extensionApproverRole || !appliesToCase(stage.appliesTo, state)) e.unknown('payload.stageId', p.stageId, '可延期的时限', 'extensible stage');
      if (p.newDueAt <= at) e.add('payload.newDueAt', 'action.dueAtPast');
      if (state.extensions.some((x) => x.requestId === p.requestId)) e.add('payload.requestId', 'action.duplicate', { ref: p.requestId });
      break;
    }
    case 'case.extension_decided': {
      const p = ev.payload;
      const req = state.extensions.find((x) => x.requestId === p.requestId && !x.decided);
      if (!req) {
        e.add('payload.requestId', 'action.nothingPending', { what: '延期申请', whatEn: 'extension request' });
        break;
      }
      const role = policy.stages.find((st) => st.id === req.stageId)?.extensionApproverRole;
      if (!role || p.approverRole !== role || !actor.roles.includes(role)) e.add('payload.approverRole', 'action.role', { action: 'decideExtension', roles: roleNames(policy, role ? [role] : []) });
      break;
    }
    case 'case.investigated': {
      const ids = ev.payload.inspectorIds;
      ids.forEach((id, i) => notRecused(`payload.inspectorIds.${i}`, id));
      const eligible = new Set(ids.filter((id) => !state.recusedStaffIds.includes(id)));
      const min = minInspectors(policy);
      if (eligible.size < min) e.add('payload.inspectorIds', 'action.inspectors', { min });
      break;
    }
    case 'case.approval_requested': {
      const p = ev.payload;
      const a = policy.approvals.find((x) => x.id === p.approvalId && appliesToCase(x.appliesTo, state));
      const idx = a ? a.steps.findIndex((st) => st.id === p.step) : -1;
      if (!a || idx < 0) {
        e.unknown('payload.step', `${p.approvalId}/${p.step}`, '审批步骤', 'approval step');
        break;
      }
      const step = a.steps[idx]!;
      if (p.role !== step.role) e.unknown('payload.role', p.role, '审批角色', 'approval role');
      const prev = a.steps[idx - 1];
      if (prev && !state.approvals.some((x) => x.approvalId === a.id && x.step === prev.id && x.decided?.approved)) e.add('payload.step', 'action.stepOrder', { label: prev.label });
      if (state.approvals.some((x) => x.approvalId === a.id && x.step === step.id && (x.decided?.approved || !x.decided))) e.add('payload.step', 'action.duplicate', { ref: step.label });
      break;
    }
    case 'case.approval_decided': {
      const p = ev.payload;
      const pending = state.approvals.find((x) => x.approvalId === p.approvalId && x.step === p.step && !x.decided);
      if (!pending) {
        e.add('payload.step', 'action.nothingPending', { what: '审批', whatEn: 'approval' });
        break;
      }
      if (p.role !== pending.role || !actor.roles.includes(pending.role)) e.add('payload.role', 'action.role', { action: 'decideApproval', roles: roleNames(policy, [pending.role]) });
      break;
    }
    case 'case.resolved':
      dept('payload.departmentId', ev.payload.departmentId);
      break;
    case 'case.callback_done': {
      const methods = new Set(policy.callback.rules.filter((r) => appliesToCase(r.appliesTo, state)).flatMap((r) => r.methods));
      if (methods.size && !methods.has(ev.payload.method)) e.unknown('payload.method', ev.payload.method, '回访方式', 'callback method');
      break;
    }
    case 'case.rejected':
      if (!policy.inadmissibleReasons.some((r) => r.code === ev.payload.reasonCode)) e.unknown('payload.reasonCode', ev.payload.reasonCode, '不予受理理由', 'inadmissibility reason');
      break;
    case 'case.reward_proposed': {
      const p = ev.payload;
      const reward = policyItemOf(policy.rewards, p.rewardId);
      if (!reward) {
        e.unknown('payload.rewardId', p.rewardId, '奖励', 'reward');
        break;
      }
      if (state.rewards.some((r) => r.id === p.rewardId)) e.add('payload.rewardId', 'action.duplicate', { ref: p.rewardId });
      const level = p.level !== undefined ? reward.levels.find((l) => l.level === p.level) : reward.levels.length === 1 ? reward.levels[0] : undefined;
      if (!level) e.unknown('payload.level', p.level ?? '', '奖励等级', 'reward level');
      else if (p.amount < level.min || p.amount > level.max) e.add('payload.amount', 'action.amountRange', { min: level.min, max: level.max });
      break;
    }
    case 'case.reward_decided': {
      const p = ev.payload;
      const item = state.rewards.find((r) => r.id === p.rewardId && !r.decided);
      if (!item) {
        e.add('payload.rewardId', 'action.nothingPending', { what: '奖励申请', whatEn: 'reward' });
        break;
      }
      const reward = policyItemOf(policy.rewards, item.id);
      if (!reward || p.approverRole !== reward.approverRole || !actor.roles.includes(reward.approverRole)) {
        e.add('payload.approverRole', 'action.role', { action: 'decideReward', roles: roleNames(policy, reward ? [reward.approverRole] : []) });
      }
      if (p.approved && p.amount !== undefined && reward) {
        const level = reward.levels.find((l) => l.level === item.level) ?? reward.levels[0];
        if (level && (p.amount < level.min || p.amount > level.max)) e.add('payload.amount', 'action.amountRange', { min: level.min, max: level.max });
      }
      break;
    }
    case 'case.penalty_proposed': {
      const p = ev.payload;
      const penalty = policyItemOf(policy.penalties, p.penaltyId);
      if (!penalty) {
        e.unknown('payload.penaltyId', p.penaltyId, '处罚规定', 'penalty');
        break;
      }
      if (state.penalties.some((r) => r.id === p.penaltyId)) e.add('payload.penaltyId', 'action.duplicate', { ref: p.penaltyId });
      if (p.targetRole !== penalty.targetRole) e.unknown('payload.targetRole', p.targetRole, '处罚对象', 'penalty target');
      if (p.stageId !== undefined && !policy.stages.some((st) => st.id === p.stageId)) e.unknown('payload.stageId', p.stageId, '时限', 'stage');
      break;
    }
    case 'case.penalty_decided': {
      const p = ev.payload;
      const item = state.penalties.find((r) => r.id === p.penaltyId && !r.decided);
      if (!item) {
        e.add('payload.penaltyId', 'action.nothingPending', { what: '处罚', whatEn: 'penalty' });
        break;
      }
      const penalty = policyItemOf(policy.penalties, item.id);
      if (!penalty || p.approverRole !== penalty.approverRole || !actor.roles.includes(penalty.approverRole)) {
        e.add('payload.approverRole', 'action.role', { action: 'decidePenalty', roles: roleNames(policy, penalty ? [penalty.approverRole] : []) });
      }
      break;
    }
    case 'case.expense_recorded': {
      const p = ev.payload;
      if (policy.expenses.length && !policyItemOf(policy.expenses, p.expenseId)) e.unknown('payload.expenseId', p.expenseId, '费用项目', 'expense');
      dept('payload.liableDepartmentId', p.liableDepartmentId);
      break;
    }
    default:
      break;
  }
}

/**
 * Checks a proposed event for this case: its payload's shape, whether the actor may take the action now,
 * and whether what it names exists in the policy and the case. Returns the parsed event (defaults filled)
 * or errors in zh-CN and en. Changes nothing. `at` is when the event would be recorded (default: now).
 */
export function validateAction(state: CaseState, policy: Policy, actor: Actor, event: NewEvent, at: number = Date.now()): ParseResult<NewEvent> {
  const schema = eventPayloads[event.type as EventType];
  if (!schema) return { ok: false, errors: [{ path: 'type', code: 'eventType', message: messageFor('eventType', 'type') }] };
  if (event.type === 'case.registered') {
    return { ok: false, errors: [{ path: 'type', code: 'action.alreadyRegistered', message: messageFor('action.alreadyRegistered', 'type') }] };
  }
  const parsed = schema.safeParse(event.payload, { reportInput: true });
  if (!parsed.success) {
    return { ok: false, errors: fieldErrorsOf(parsed.error).map((fe) => ({ ...fe, path: fe.path === '(root)' ? 'payload' : `payload.${fe.path}` })) };
  }
  const checked = { type: event.type, payload: parsed.data } as NewEvent;
  const action = ACTION_OF_EVENT[event.type];
  const refusal = refusalOf(action, state, policy, actor);
  if (refusal) return { ok: false, errors: [{ path: 'type', code: refusal.code, message: messageFor(refusal.code, 'type', { action, ...refusal.detail }) }] };
  const e = new Errors();
  checkPayload(e, checked, state, policy, actor, at);
  return e.list.length ? { ok: false, errors: e.list } : { ok: true, value: checked };
}
