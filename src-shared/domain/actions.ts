import { ACTIVE_STATUSES, CASE_STATUSES, OPEN_STATUSES, REOPENABLE_STATUSES, type CaseState, type CaseStatus } from './case-state';
import { eventPayloads, type CaseEvent, type EventPayload, type EventType, type NewEvent } from './events';
import { fieldErrorsOf, type FieldError, type ParseResult } from './parse';
import type { Approval, Penalty, Policy, Reward } from './policy';
import { appliesToCase, slaEvaluation } from './sla';
import { callbackMethods, unsatisfiedCallback } from './callback-outcome';
import { messageFor, type LocalisedMessage, type MessageCode } from '../i18n/validation';
import { attachmentKindsOf, bodyRefusal } from './attachments';
import { personWordOf } from './intake';

// Every case action, defined once (issue 12 "one definition per action"): its event, the statuses in
// which it makes sense, the roles the policy names for it, its refusal as a code with parameters, and the
// checks of its payload against the policy and the case. The desk (availableActions, to show what a
// person may do and why not) and the server (authorising pushed events) read the same table.
//
// THE ONE ENTRY POINT for "may this actor write this event on this case state under this policy":
//   validateAction(state, policy, actor, event, at, log) → ParseResult<NewEvent>
// The server's authorisation calls it for every pushed event. `log` is the case's events the fold `state`
// was made of: what the case is at `at` depends on time as well (caseAt, S7-16), not on the fold alone.
//
// Rule IDs: S1-5 identity reveal, S1-9 recusal, S6-4 two inspectors, X-1 hand-over, X-2 no closing
// without feedback or a recorded reason, S0-4 approvals by role, S1-14 reward ranges, S6-5 written reply
// before resolving, S10-7 numbered notices.

export { appliesToCase };

export interface Actor {
  id: string;
  roles: readonly string[];
  /** The actor's department, when the desk knows it (hand-over acknowledgement is the department's). */
  departmentId?: string;
}

export type ActionEvent = Exclude<EventType, 'case.registered'>;

/** A refusal: a message code and its parameters (the words are in src-shared/i18n/messages/action.ts). */
export interface Refusal {
  code: MessageCode;
  detail?: Record<string, unknown>;
}

interface Ctx {
  state: CaseState;
  policy: Policy;
  actor: Actor;
}

export interface ActionDef<T extends ActionEvent = ActionEvent> {
  event: T;
  label: LocalisedMessage;
  /** Statuses in which the action makes sense at all. */
  allowedIn: readonly CaseStatus[];
  /** Roles the policy names for the action on this case now; undefined: anyone at the desk; empty: nobody. */
  roles?: (policy: Policy, state: CaseState) => readonly string[] | undefined;
  /** Refusal code used when the actor lacks the roles (default `action.role`). */
  roleCode?: MessageCode;
  /** Why not, beyond status, approvals and roles (checked before the roles: "nothing to decide" first). */
  refuse?: (c: Ctx) => Refusal | undefined;
  /** Checks of the parsed payload's references against the policy and the case, beyond its schema. */
  check?: (e: Errors, payload: EventPayload<T>, c: Ctx & { at: number }) => void;
  /**
   * Whether the desk offers the action on this case at all (default: always). Not a refusal: an event
   * written anyway stays valid (a late 到场 from another desk), the desk just does not put the button up.
   */
  offered?: (policy: Policy, state: CaseState) => boolean;
}

const OPEN = OPEN_STATUSES;
const AFTER_RESULT: readonly CaseStatus[] = ['resolved', 'closed'];
const ALL: readonly CaseStatus[] = CASE_STATUSES;

export class Errors {
  readonly list: FieldError[] = [];
  add(path: string, code: MessageCode, detail: Record<string, unknown> = {}): void {
    this.list.push({ path, code, message: messageFor(code, path, detail) });
  }
  unknown(path: string, ref: string, what: string, whatEn: string): void {
    this.add(path, 'action.unknownRef', { ref, what, whatEn });
  }
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

/** S10-7: every hand-over to a department carries a numbered 投诉处理通知单. */
export function requiresNoticeNo(policy: Policy): boolean {
  return policy.rules.includes('S10-7');
}

/** S10-7: the next notice number of this case's series (case number, then the notice's ordinal). */
export function nextNoticeNo(state: CaseState): string {
  return `${state.number}-${String(state.noticeNos.length + 1).padStart(2, '0')}`;
}

function clockPaused(state: CaseState): boolean {
  for (let i = state.timeline.length - 1; i >= 0; i--) {
    const t = state.timeline[i]!.type;
    if (t === 'case.clock_paused') return true;
    if (t === 'case.clock_resumed') return false;
  }
  return false;
}

/**
 * The case as the action table judges it at `at`: its fold, with the severity a breached stage has raised it
 * to by then (S7-16: a valid complaint unresolved a month counts as major). Approvals, stages and roles that
 * name a severity apply by this one, so an escalated case waits for the major complaint's decision (S7-3)
 * like one registered major; the desk and the server both judge through it (issue 16). `log` is the events
 * the fold was made of.
 */
export function caseAt(policy: Policy, state: CaseState, log: readonly CaseEvent[], at: number): CaseState {
  if (!policy.stages.some((st) => st.escalateSeverityTo)) return state;
  const to = slaEvaluation(policy, log, at).escalatedSeverity?.to;
  return to && to !== state.severity ? { ...state, severity: to } : state;
}

export function approvalComplete(state: CaseState, a: Approval): boolean {
  return a.steps.every((step) => state.approvals.some((x) => x.approvalId === a.id && x.step === step.id && x.decided?.approved === true));
}

/** The approvals of the policy that apply to this case and are not yet complete. */
export function openApprovals(policy: Policy, state: CaseState): Approval[] {
  return policy.approvals.filter((a) => appliesToCase(a.appliesTo, state) && !approvalComplete(state, a));
}

/** The next step of an open approval that may be requested now (its previous step approved, itself not pending or approved). */
export function requestableSteps(policy: Policy, state: CaseState): { approval: Approval; step: Approval['steps'][number] }[] {
  const out: { approval: Approval; step: Approval['steps'][number] }[] = [];
  for (const a of openApprovals(policy, state)) {
    const idx = a.steps.findIndex((st) => !state.approvals.some((x) => x.approvalId === a.id && x.step === st.id && x.decided?.approved));
    const step = a.steps[idx];
    if (!step) continue;
    if (state.approvals.some((x) => x.approvalId === a.id && x.step === step.id && !x.decided)) continue;
    out.push({ approval: a, step });
  }
  return out;
}

/**
 * S8-6 / S2-6 chains: an approved step forwards the approval to its next step's role at once (the approver
 * passes it on, as the 服务中心经理 reports to the 管理处主任), so the next approver finds it waiting.
 */
export function eventsFollowingDecision(policy: Policy, decision: NewEvent): NewEvent[] {
  if (decision.type !== 'case.approval_decided' || !decision.payload.approved) return [];
  const a = policy.approvals.find((x) => x.id === decision.payload.approvalId);
  const at = a ? a.steps.findIndex((st) => st.id === decision.payload.step) : -1;
  const next = at >= 0 ? a!.steps[at + 1] : undefined;
  if (!a || !next) return [];
  return [
    {
      type: 'case.approval_requested',
      payload: { approvalId: a.id, step: next.id, role: next.role, ...(decision.payload.opinion ? { note: decision.payload.opinion } : {}) },
    },
  ];
}

/** An approval of the policy and one of its steps, by their ids (both undefined when the policy has no such approval). */
export function approvalStepOf(
  policy: Policy,
  approvalId: string,
  stepId: string,
): { approval?: Policy['approvals'][number]; step?: Policy['approvals'][number]['steps'][number] } {
  const approval = policy.approvals.find((a) => a.id === approvalId);
  return { approval, step: approval?.steps.find((st) => st.id === stepId) };
}

export function pendingApprovalSteps(state: CaseState) {
  return state.approvals.filter((x) => x.requestedAt !== undefined && !x.decided);
}

const pendingExtensions = (state: CaseState) => state.extensions.filter((x) => !x.decided);

export const roleNames = (policy: Policy, codes: readonly string[]) => codes.map((c) => policy.roles.find((r) => r.code === c)?.name ?? c).join('、');
const holds = (actor: Actor, roles: readonly string[]) => roles.some((r) => actor.roles.includes(r));
const statusRefusal = (state: CaseState): Refusal => ({ code: 'action.status', detail: { status: state.status } });
const notApplicable = (what: string, whatEn: string): Refusal => ({ code: 'action.notApplicable', detail: { what, whatEn } });
const nothingPending = (what: string, whatEn: string): Refusal => ({ code: 'action.nothingPending', detail: { what, whatEn } });
const definedRoles = (list: readonly (string | undefined)[]) => [...new Set(list.filter((r): r is string => !!r))];

function dept(e: Errors, policy: Policy, path: string, id: string | undefined): void {
  if (id !== undefined && !policy.departments.some((d) => d.id === id)) e.unknown(path, id, '部门', 'department');
}
function notRecused(e: Errors, state: CaseState, path: string, id: string | undefined): void {
  if (id !== undefined && state.recusedStaffIds.includes(id)) e.add(path, 'action.recusedStaff', { ref: id });
}
const feedbackFollowsResult = ({ state }: Ctx) => (state.result ? undefined : statusRefusal(state));

const def = <T extends ActionEvent>(d: ActionDef<T>): ActionDef<T> => d;

/**
 * Events that only start or stop a stage (到场 S2-4, 送样 S6, 材料 S3, 签字 S3): offered where a stage of the
 * case's policy that applies to this case uses them.
 */
const usedByAStage =
  (event: ActionEvent) =>
  (policy: Policy, state: CaseState): boolean =>
    policy.stages.some((st) => appliesToCase(st.appliesTo, state) && ([...st.startsOn, ...st.stopsOn] as string[]).includes(event));

export const ACTION_DEFS = {
  accept: def({ event: 'case.accepted', label: { 'zh-CN': '受理', en: 'Accept' }, allowedIn: ['registered'] }),
  classify: def({
    event: 'case.classified',
    label: { 'zh-CN': '分类定级', en: 'Classify' },
    allowedIn: OPEN,
    check: (e, p, { policy }) => {
      if (p.kind !== undefined && !policy.kinds.some((k) => k.code === p.kind)) e.unknown('payload.kind', p.kind, '类别', 'kind');
      if (p.category !== undefined && !policy.categories.some((c) => c.code === p.category)) e.unknown('payload.category', p.category, '分类', 'category');
      if (p.severity !== undefined && !policy.severities.some((c) => c.code === p.severity)) e.unknown('payload.severity', p.severity, '等级', 'severity');
    },
  }),
  assign: def({
    event: 'case.assigned',
    label: { 'zh-CN': '派单', en: 'Assign' },
    allowedIn: OPEN,
    check: (e, p, { policy, state }) => {
      dept(e, policy, 'payload.departmentId', p.departmentId);
      notRecused(e, state, 'payload.assigneeId', p.assigneeId);
      if (requiresNoticeNo(policy) && !p.noticeNo?.trim()) e.add('payload.noticeNo', 'action.noticeNo');
      else if (p.noticeNo && state.noticeNos.includes(p.noticeNo)) e.add('payload.noticeNo', 'action.duplicate', { ref: p.noticeNo });
    },
  }),
  transfer: def({
    event: 'case.transferred',
    label: { 'zh-CN': '转办', en: 'Transfer' },
    allowedIn: OPEN,
    check: (e, p, { policy, state }) => {
      if (p.toDepartmentId === undefined && p.toAssigneeId === undefined && !p.external?.trim()) e.add('payload', 'action.noTarget');
      dept(e, policy, 'payload.toDepartmentId', p.toDepartmentId);
      // A category routes a new case to its department on paper only; until someone hands it over
      // (派单 or 转办), transferring it there is the hand-over itself (S11-2), not a repeat.
      const handedOver = state.timeline.some((x) => x.type === 'case.assigned' || x.type === 'case.transferred');
      if (handedOver && p.toDepartmentId !== undefined && p.toDepartmentId === state.departmentId && p.toAssigneeId === undefined)
        e.add('payload.toDepartmentId', 'action.sameDepartment');
      notRecused(e, state, 'payload.toAssigneeId', p.toAssigneeId);
    },
  }),
  acknowledge: def({
    event: 'case.handover_acknowledged',
    label: { 'zh-CN': '确认接收', en: 'Acknowledge hand-over' },
    allowedIn: OPEN,
    refuse: ({ state, actor }) => {
      if (!state.departmentId || state.handoverAcknowledged) return { code: 'action.nothingToAcknowledge' };
      if (actor.departmentId !== undefined && actor.departmentId !== state.departmentId) return { code: 'action.notYourDepartment' };
      return undefined;
    },
    check: (e, p, { state }) => {
      if (p.departmentId !== state.departmentId) e.add('payload.departmentId', 'action.notYourDepartment');
    },
  }),
  coordinate: def({
    event: 'case.coordinated',
    label: { 'zh-CN': '协调', en: 'Coordinate' },
    allowedIn: OPEN,
    check: (e, p, { policy, state }) => {
      p.departmentIds.forEach((d, i) => dept(e, policy, `payload.departmentIds.${i}`, d));
      notRecused(e, state, 'payload.coordinatorId', p.coordinatorId);
    },
  }),
  recuse: def({
    event: 'case.recused',
    label: { 'zh-CN': '回避', en: 'Recuse' },
    allowedIn: OPEN,
    check: (e, p, { state }) => {
      if (state.recusedStaffIds.includes(p.staffId)) e.add('payload.staffId', 'action.duplicate', { ref: p.staffId });
    },
  }),
  escalate: def({
    event: 'case.escalated',
    label: { 'zh-CN': '上报', en: 'Escalate' },
    allowedIn: [...OPEN, 'resolved'],
    check: (e, p, { policy }) => {
      if (!policy.roles.some((r) => r.code === p.toRole)) e.unknown('payload.toRole', p.toRole, '角色', 'role');
    },
  }),
  flagRisk: def({
    event: 'case.risk_flagged',
    label: { 'zh-CN': '标记风险', en: 'Flag risk' },
    allowedIn: [...OPEN, 'resolved'],
    check: (e, p, { policy, state }) => {
      if (!policy.riskFlags.some((r) => r.code === p.flag)) e.unknown('payload.flag', p.flag, '风险标记', 'risk flag');
      else if (state.riskFlags.includes(p.flag)) e.add('payload.flag', 'action.duplicate', { ref: p.flag });
    },
  }),
  requestExtension: def({
    event: 'case.extension_requested',
    label: { 'zh-CN': '申请延期', en: 'Request extension' },
    allowedIn: OPEN,
    refuse: ({ policy, state }) =>
      policy.stages.some((st) => st.extensionApproverRole && appliesToCase(st.appliesTo, state))
        ? undefined
        : notApplicable('可延期的时限', 'extensible stage'),
    check: (e, p, { policy, state, at }) => {
      const stage = policy.stages.find((st) => st.id === p.stageId);
      if (!stage || !stage.extensionApproverRole || !appliesToCase(stage.appliesTo, state))
        e.unknown('payload.stageId', p.stageId, '可延期的时限', 'extensible stage');
      if (p.newDueAt <= at) e.add('payload.newDueAt', 'action.dueAtPast');
      if (state.extensions.some((x) => x.requestId === p.requestId)) e.add('payload.requestId', 'action.duplicate', { ref: p.requestId });
    },
  }),
  decideExtension: def({
    event: 'case.extension_decided',
    label: { 'zh-CN': '审批延期', en: 'Decide extension' },
    allowedIn: OPEN,
    refuse: ({ state }) => (pendingExtensions(state).length ? undefined : nothingPending('延期申请', 'extension request')),
    roles: (policy, state) => definedRoles(pendingExtensions(state).map((x) => policy.stages.find((st) => st.id === x.stageId)?.extensionApproverRole)),
    check: (e, p, { policy, state, actor }) => {
      const req = state.extensions.find((x) => x.requestId === p.requestId && !x.decided);
      if (!req) return e.add('payload.requestId', 'action.nothingPending', { what: '延期申请', whatEn: 'extension request' });
      const role = policy.stages.find((st) => st.id === req.stageId)?.extensionApproverRole;
      if (!role || p.approverRole !== role || !actor.roles.includes(role))
        e.add('payload.approverRole', 'action.role', { action: 'decideExtension', roles: roleNames(policy, role ? [role] : []) });
    },
  }),
  pauseClock: def({
    event: 'case.clock_paused',
    label: { 'zh-CN': '暂停计时', en: 'Pause clock' },
    allowedIn: OPEN,
    refuse: ({ policy, state }) => {
      if (!policy.stages.some((st) => st.pausable && appliesToCase(st.appliesTo, state))) return notApplicable('可暂停的时限', 'pausable stage');
      return clockPaused(state) ? { code: 'action.clockPaused' } : undefined;
    },
    check: (e, p, { policy }) => pausableStage(e, policy, p.stageId),
  }),
  resumeClock: def({
    event: 'case.clock_resumed',
    label: { 'zh-CN': '恢复计时', en: 'Resume clock' },
    allowedIn: OPEN,
    refuse: ({ state }) => (clockPaused(state) ? undefined : { code: 'action.clockRunning' }),
    check: (e, p, { policy }) => pausableStage(e, policy, p.stageId),
  }),
  sendSample: def({ event: 'case.sample_sent', label: { 'zh-CN': '送样检验', en: 'Send sample' }, allowedIn: OPEN, offered: usedByAStage('case.sample_sent') }),
  siteVisit: def({ event: 'case.site_visited', label: { 'zh-CN': '到场', en: 'Arrive on site' }, allowedIn: OPEN, offered: usedByAStage('case.site_visited') }),
  investigate: def({
    event: 'case.investigated',
    label: { 'zh-CN': '调查核实', en: 'Investigate' },
    allowedIn: OPEN,
    check: (e, p, { policy, state }) => {
      p.inspectorIds.forEach((id, i) => notRecused(e, state, `payload.inspectorIds.${i}`, id));
      const eligible = new Set(p.inspectorIds.filter((id) => !state.recusedStaffIds.includes(id)));
      const min = minInspectors(policy);
      if (eligible.size < min) e.add('payload.inspectorIds', 'action.inspectors', { min });
    },
  }),
  requestApproval: def({
    event: 'case.approval_requested',
    label: { 'zh-CN': '提交审批', en: 'Request approval' },
    allowedIn: [...OPEN, 'resolved'],
    refuse: ({ policy, state }) => (requestableSteps(policy, state).length ? undefined : notApplicable('待办审批', 'open approval')),
    check: (e, p, { policy, state }) => {
      const a = policy.approvals.find((x) => x.id === p.approvalId && appliesToCase(x.appliesTo, state));
      const idx = a ? a.steps.findIndex((st) => st.id === p.step) : -1;
      if (!a || idx < 0) return e.unknown('payload.step', `${p.approvalId}/${p.step}`, '审批步骤', 'approval step');
      const step = a.steps[idx]!;
      if (p.role !== step.role) e.unknown('payload.role', p.role, '审批角色', 'approval role');
      const prev = a.steps[idx - 1];
      if (prev && !state.approvals.some((x) => x.approvalId === a.id && x.step === prev.id && x.decided?.approved))
        e.add('payload.step', 'action.stepOrder', { label: prev.label });
      if (state.approvals.some((x) => x.approvalId === a.id && x.step === step.id && (x.decided?.approved || !x.decided)))
        e.add('payload.step', 'action.duplicate', { ref: step.label });
    },
  }),
  decideApproval: def({
    event: 'case.approval_decided',
    label: { 'zh-CN': '审批', en: 'Decide approval' },
    allowedIn: [...OPEN, 'resolved'],
    refuse: ({ state }) => (pendingApprovalSteps(state).length ? undefined : nothingPending('审批', 'approval')),
    roles: (_policy, state) => definedRoles(pendingApprovalSteps(state).map((x) => x.role)),
    check: (e, p, { policy, state, actor }) => {
      const pending = state.approvals.find((x) => x.approvalId === p.approvalId && x.step === p.step && !x.decided);
      if (!pending) return e.add('payload.step', 'action.nothingPending', { what: '审批', whatEn: 'approval' });
      if (p.role !== pending.role || !actor.roles.includes(pending.role))
        e.add('payload.role', 'action.role', { action: 'decideApproval', roles: roleNames(policy, [pending.role]) });
      // S0-4: a refusal says why, so the requester knows what to change.
      if (!p.approved && !p.opinion?.trim()) e.add('payload.opinion', 'action.refusalReason');
      // A step that records something on the form (S9-5 the director's result) is not approved blank.
      const records = approvalStepOf(policy, p.approvalId, p.step).step?.records;
      if (p.approved && records && !p.opinion?.trim()) e.add('payload.opinion', 'action.approvalRecords', { label: records });
    },
  }),
  reply: def({ event: 'case.replied', label: { 'zh-CN': '答复', en: 'Reply' }, allowedIn: [...OPEN, 'resolved'] }),
  resolve: def({
    event: 'case.resolved',
    label: { 'zh-CN': '办结', en: 'Resolve' },
    allowedIn: OPEN,
    // S6-5: where the policy asks for a written reply, the case is not resolved without one.
    refuse: ({ policy, state }) =>
      requiresWrittenReply(policy) && !state.replies.some((r) => r.to === 'complainant') ? { code: 'action.writtenReplyFirst' } : undefined,
    check: (e, p, { policy }) => dept(e, policy, 'payload.departmentId', p.departmentId),
  }),
  feedback: def({ event: 'case.feedback_given', label: { 'zh-CN': '反馈结果', en: 'Give feedback' }, allowedIn: AFTER_RESULT, refuse: feedbackFollowsResult }),
  feedbackImpossible: def({
    event: 'case.feedback_impossible',
    label: { 'zh-CN': '无法反馈', en: 'Feedback impossible' },
    allowedIn: AFTER_RESULT,
    refuse: feedbackFollowsResult,
  }),
  callback: def({
    event: 'case.callback_done',
    label: { 'zh-CN': '回访', en: 'Callback' },
    allowedIn: AFTER_RESULT,
    refuse: (c) =>
      feedbackFollowsResult(c) ?? (c.policy.kinds.find((k) => k.code === c.state.kind)?.callbackExempt ? { code: 'action.callbackExempt' } : undefined),
    roles: (policy) => (policy.callbackRole ? [policy.callbackRole] : undefined),
    check: (e, p, { policy, state }) => {
      const methods = callbackMethods(policy, state);
      if (methods.length && !methods.includes(p.method)) e.unknown('payload.method', p.method, '回访方式', 'callback method');
    },
  }),
  reject: def({
    event: 'case.rejected',
    label: { 'zh-CN': '不予受理', en: 'Reject' },
    allowedIn: ACTIVE_STATUSES,
    refuse: ({ policy }) => (policy.inadmissibleReasons.length ? undefined : notApplicable('不予受理理由', 'inadmissibility reason')),
    check: (e, p, { policy }) => {
      if (!policy.inadmissibleReasons.some((r) => r.code === p.reasonCode))
        e.unknown('payload.reasonCode', p.reasonCode, '不予受理理由', 'inadmissibility reason');
    },
  }),
  reopen: def({ event: 'case.reopened', label: { 'zh-CN': '重新办理', en: 'Reopen' }, allowedIn: REOPENABLE_STATUSES }),
  close: def({
    event: 'case.closed',
    label: { 'zh-CN': '结案', en: 'Close' },
    allowedIn: ['resolved', 'rejected'],
    refuse: ({ state }) => {
      if (state.status === 'resolved' && !state.feedback) return { code: 'action.feedbackFirst' };
      // S9-10: an unsatisfied callback is followed up (called back again or reopened), never closed over.
      if (state.status === 'resolved' && unsatisfiedCallback(state)) return { code: 'action.callbackFollowUp' };
      return undefined;
    },
  }),
  note: def({ event: 'case.note', label: { 'zh-CN': '备注', en: 'Note' }, allowedIn: ALL }),
  addMaterial: def({
    event: 'case.material_added',
    label: { 'zh-CN': '添加材料', en: 'Add material' },
    allowedIn: ALL,
    offered: usedByAStage('case.material_added'),
  }),
  // Files are added and withdrawn from the case page's 附件 section, not the action bar (offered: false).
  attach: def({
    event: 'case.attachment_added',
    label: { 'zh-CN': '添加附件', en: 'Attach file' },
    allowedIn: ALL,
    offered: () => false,
    check: (e, p, { policy }) => {
      if (!attachmentKindsOf(policy).some((k) => k.code === p.kind)) e.unknown('payload.kind', p.kind, '附件类别', 'file kind');
      const refused = bodyRefusal(p.type, p.size);
      if (refused) e.add('payload.type', refused.code, refused.detail);
    },
  }),
  withdrawAttachment: def({
    event: 'case.attachment_withdrawn',
    label: { 'zh-CN': '撤回附件', en: 'Withdraw file' },
    allowedIn: ALL,
    offered: () => false,
    check: (e, p, { state }) => {
      const a = (state.attachments ?? []).find((x) => x.id === p.attachmentId);
      if (!a) e.add('payload.attachmentId', 'attachment.unknown');
      else if (a.withdrawn) e.add('payload.attachmentId', 'attachment.alreadyWithdrawn');
    },
  }),
  sign: def({ event: 'case.signed', label: { 'zh-CN': '签字', en: 'Sign' }, allowedIn: ALL, offered: usedByAStage('case.signed') }),
  print: def({ event: 'case.document_printed', label: { 'zh-CN': '打印', en: 'Print' }, allowedIn: ALL }),
  revealIdentity: def({
    event: 'case.identity_viewed',
    label: { 'zh-CN': '查看投诉人身份', en: 'Reveal identity' },
    allowedIn: ALL,
    // A desk that received the identity sealed (no one there may reveal it, domain/sealing.ts) has nothing to
    // show, so it writes no audit of a look that cannot happen.
    refuse: ({ state }) =>
      !state.complainant.confidential ? { code: 'action.notConfidential' } : state.complainant.sealed ? { code: 'action.identitySealed' } : undefined,
    roles: (policy) => policy.identityViewerRoles,
    roleCode: 'action.identityRole',
  }),
  proposeReward: def({
    event: 'case.reward_proposed',
    label: { 'zh-CN': '申请奖励', en: 'Propose reward' },
    allowedIn: [...OPEN, ...AFTER_RESULT],
    refuse: ({ policy, state }) => {
      if (policy.rewards.length === 0) return notApplicable('奖励', 'reward');
      return state.investigations.some((i) => i.verified) ? undefined : { code: 'action.notVerified' };
    },
    check: (e, p, { policy, state }) => {
      const reward = policyItemOf(policy.rewards, p.rewardId);
      if (!reward) return e.unknown('payload.rewardId', p.rewardId, '奖励', 'reward');
      if (state.rewards.some((r) => r.id === p.rewardId)) e.add('payload.rewardId', 'action.duplicate', { ref: p.rewardId });
      const level = p.level !== undefined ? reward.levels.find((l) => l.level === p.level) : reward.levels.length === 1 ? reward.levels[0] : undefined;
      if (!level) e.unknown('payload.level', p.level ?? '', '奖励等级', 'reward level');
      else if (p.amount < level.min || p.amount > level.max) e.add('payload.amount', 'action.amountRange', { min: level.min, max: level.max });
    },
  }),
  decideReward: def({
    event: 'case.reward_decided',
    label: { 'zh-CN': '审批奖励', en: 'Decide reward' },
    allowedIn: [...OPEN, ...AFTER_RESULT],
    refuse: ({ state }) => (state.rewards.some((r) => !r.decided) ? undefined : nothingPending('奖励申请', 'reward')),
    roles: (policy, state) => definedRoles(state.rewards.filter((r) => !r.decided).map((r) => policyItemOf<Reward>(policy.rewards, r.id)?.approverRole)),
    check: (e, p, { policy, state, actor }) => {
      const item = state.rewards.find((r) => r.id === p.rewardId && !r.decided);
      if (!item) return e.add('payload.rewardId', 'action.nothingPending', { what: '奖励申请', whatEn: 'reward' });
      const reward = policyItemOf(policy.rewards, item.id);
      if (!reward || p.approverRole !== reward.approverRole || !actor.roles.includes(reward.approverRole)) {
        e.add('payload.approverRole', 'action.role', { action: 'decideReward', roles: roleNames(policy, reward ? [reward.approverRole] : []) });
      }
      if (p.approved && p.amount !== undefined && reward) {
        const level = reward.levels.find((l) => l.level === item.level) ?? reward.levels[0];
        if (level && (p.amount < level.min || p.amount > level.max)) e.add('payload.amount', 'action.amountRange', { min: level.min, max: level.max });
      }
    },
  }),
  proposePenalty: def({
    event: 'case.penalty_proposed',
    label: { 'zh-CN': '提出处罚', en: 'Propose penalty' },
    allowedIn: ALL,
    refuse: ({ policy }) => (policy.penalties.length ? undefined : notApplicable('处罚规定', 'penalty')),
    check: (e, p, { policy, state }) => {
      const penalty = policyItemOf(policy.penalties, p.penaltyId);
      if (!penalty) return e.unknown('payload.penaltyId', p.penaltyId, '处罚规定', 'penalty');
      if (state.penalties.some((r) => r.id === p.penaltyId)) e.add('payload.penaltyId', 'action.duplicate', { ref: p.penaltyId });
      if (p.targetRole !== penalty.targetRole) e.unknown('payload.targetRole', p.targetRole, '处罚对象', 'penalty target');
      if (p.stageId !== undefined && !policy.stages.some((st) => st.id === p.stageId)) e.unknown('payload.stageId', p.stageId, '时限', 'stage');
    },
  }),
  decidePenalty: def({
    event: 'case.penalty_decided',
    label: { 'zh-CN': '审批处罚', en: 'Decide penalty' },
    allowedIn: ALL,
    refuse: ({ state }) => (state.penalties.some((r) => !r.decided) ? undefined : nothingPending('处罚', 'penalty')),
    roles: (policy, state) => definedRoles(state.penalties.filter((r) => !r.decided).map((r) => policyItemOf<Penalty>(policy.penalties, r.id)?.approverRole)),
    check: (e, p, { policy, state, actor }) => {
      const item = state.penalties.find((r) => r.id === p.penaltyId && !r.decided);
      if (!item) return e.add('payload.penaltyId', 'action.nothingPending', { what: '处罚', whatEn: 'penalty' });
      const penalty = policyItemOf(policy.penalties, item.id);
      if (!penalty || p.approverRole !== penalty.approverRole || !actor.roles.includes(penalty.approverRole)) {
        e.add('payload.approverRole', 'action.role', { action: 'decidePenalty', roles: roleNames(policy, penalty ? [penalty.approverRole] : []) });
      }
    },
  }),
  recordExpense: def({
    event: 'case.expense_recorded',
    label: { 'zh-CN': '登记费用', en: 'Record expense' },
    allowedIn: [...OPEN, ...AFTER_RESULT],
    offered: (policy) => policy.expenses.length > 0,
    check: (e, p, { policy }) => {
      if (policy.expenses.length && !policyItemOf(policy.expenses, p.expenseId)) e.unknown('payload.expenseId', p.expenseId, '费用项目', 'expense');
      dept(e, policy, 'payload.liableDepartmentId', p.liableDepartmentId);
    },
  }),
} as const satisfies Record<string, ActionDef<ActionEvent>>;

export type CaseAction = keyof typeof ACTION_DEFS;
const ACTIONS = Object.keys(ACTION_DEFS) as CaseAction[];

/** Action → event type (derived from the definitions). */
export const CASE_ACTIONS = Object.fromEntries(ACTIONS.map((a) => [a, ACTION_DEFS[a].event])) as { [A in CaseAction]: (typeof ACTION_DEFS)[A]['event'] };
export const ACTION_OF_EVENT = Object.fromEntries(ACTIONS.map((a) => [ACTION_DEFS[a].event, a])) as Record<ActionEvent, CaseAction>;
export const ACTION_LABELS = Object.fromEntries(ACTIONS.map((a) => [a, ACTION_DEFS[a].label])) as Record<CaseAction, LocalisedMessage>;

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

function pausableStage(e: Errors, policy: Policy, id: string | undefined): void {
  if (id !== undefined && !policy.stages.some((st) => st.id === id && st.pausable)) e.unknown('payload.stageId', id, '可暂停的时限', 'pausable stage');
}

/** S6-5: the policy asks for a written reply before a case is resolved. */
export function requiresWrittenReply(policy: Policy): boolean {
  return policy.rules.includes('S6-5');
}

const defOf = (action: CaseAction) => ACTION_DEFS[action] as ActionDef;

/** The roles the policy names for `action` on this case now (undefined: anyone at the desk). */
export function rolesFor(action: CaseAction, policy: Policy, state: CaseState): readonly string[] | undefined {
  return defOf(action).roles?.(policy, state);
}

/** Why `actor` may not take `action` on the case at `at`, or undefined when they may (`log`: see caseAt). */
export function refusalOf(action: CaseAction, state: CaseState, policy: Policy, actor: Actor, at: number, log: readonly CaseEvent[]): Refusal | undefined {
  return refusalNow(action, caseAt(policy, state, log, at), policy, actor);
}

/** refusalOf on the case as it stands at the moment judged (caseAt already applied). */
function refusalNow(action: CaseAction, state: CaseState, policy: Policy, actor: Actor): Refusal | undefined {
  const d = defOf(action);
  if (state.recusedStaffIds.includes(actor.id)) return { code: 'action.recused' };
  if (!d.allowedIn.includes(state.status)) return statusRefusal(state);
  const gate = policy.approvals.find((a) => a.before === d.event && appliesToCase(a.appliesTo, state) && !approvalComplete(state, a));
  // Who must approve is said with the approval's name, so the clerk knows whom to ask (issue 16).
  if (gate) return { code: 'action.approvalPending', detail: { name: gate.name, roles: roleNames(policy, [...new Set(gate.steps.map((st) => st.role))]) } };
  const own = d.refuse?.({ state, policy, actor });
  if (own) return own;
  const roles = d.roles?.(policy, state);
  // The person is named in the kind's word (举报人 on a hazard report, issue 11), as the printed forms do.
  if (roles && !holds(actor, roles))
    return { code: d.roleCode ?? 'action.role', detail: { roles: roleNames(policy, roles) || '—', person: personWordOf(policy, state.kind) } };
  return undefined;
}

export interface ActionAvailability {
  action: CaseAction;
  eventType: ActionEvent;
  label: LocalisedMessage;
  /** Whether the desk puts the action up on this case at all (see ActionDef.offered). */
  offered: boolean;
  allowed: boolean;
  /** Why not, as a sentence in both languages; absent when allowed. */
  reason?: LocalisedMessage;
  code?: string;
  /** Roles the policy names for this action now (who can, when this person cannot). */
  roles?: readonly string[];
}

/** Every case action with whether `actor` may take it at `at`, and the reason when not (`log`: see caseAt). */
export function availableActions(folded: CaseState, policy: Policy, actor: Actor, at: number, log: readonly CaseEvent[]): ActionAvailability[] {
  const state = caseAt(policy, folded, log, at);
  return ACTIONS.map((action) => {
    const refusal = refusalNow(action, state, policy, actor);
    const roles = rolesFor(action, policy, state);
    const offered: ActionDef['offered'] = ACTION_DEFS[action].offered;
    const base = {
      action,
      eventType: ACTION_DEFS[action].event,
      label: ACTION_LABELS[action],
      offered: offered ? offered(policy, state) : true,
      ...(roles ? { roles } : {}),
    };
    if (!refusal) return { ...base, allowed: true };
    return { ...base, allowed: false, code: refusal.code, reason: messageFor(refusal.code, 'action', { action, ...refusal.detail }) };
  });
}

/**
 * May `actor` write `event` on this case state under this policy? Checks the payload's shape, whether the
 * actor may take the action now, and whether what it names exists in the policy and the case. Returns the
 * parsed event (defaults filled) or errors in zh-CN and en. Changes nothing. `at` is when the event would
 * be recorded; `log` the events `folded` was made of (caseAt). The server authorises pushed events with this same function.
 */
export function validateAction(folded: CaseState, policy: Policy, actor: Actor, event: NewEvent, at: number, log: readonly CaseEvent[]): ParseResult<NewEvent> {
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
  const state = caseAt(policy, folded, log, at);
  const refusal = refusalNow(action, state, policy, actor);
  if (refusal) return { ok: false, errors: [{ path: 'type', code: refusal.code, message: messageFor(refusal.code, 'type', { action, ...refusal.detail }) }] };
  const e = new Errors();
  (defOf(action).check as ActionDef['check'])?.(e, checked.payload as never, { state, policy, actor, at });
  return e.list.length ? { ok: false, errors: e.list } : { ok: true, value: checked };
}
