import { ulid } from 'ulid';
import type { CaseState } from '../../../src-shared/domain/case-state';
import type { EventType, NewEvent } from '../../../src-shared/domain/events';
import type { Policy, StaffRoles } from '../../../src-shared/domain/policy';
import type { StageStatus } from '../../../src-shared/domain/sla-types';
import type { MessageKey } from '../../i18n/i18n';
import { fromLocalInput } from '../../format/time';
import { approvalStepOf, minInspectors, nextNoticeNo, pendingApprovalSteps, requestableSteps } from '../../data/domain';

// How each case action is asked for: which fields its dialog shows and how the answers become the
// event's payload. Whether an action is allowed, and whether its payload is acceptable, is decided by
// the domain (availableActions / validateAction / parseEvent) — never here.

export type OptionSource =
  | 'departments'
  | 'staff'
  | 'roles'
  | 'riskFlags'
  | 'stages'
  | 'channels'
  | 'kinds'
  | 'categories'
  | 'severities'
  | 'reasons'
  | 'pendingExtensions'
  | 'replyTo'
  | 'dangerLevels'
  | 'approvalSteps'
  | 'pendingApprovals'
  | 'decisions'
  | 'materialKinds'
  | 'expenses'
  | 'callbackMethods'
  | 'satisfiedChoices';

export interface FieldSpec {
  name: string;
  label: MessageKey;
  type: 'text' | 'textarea' | 'select' | 'multiselect' | 'checkbox' | 'datetime' | 'rating' | 'choice';
  options?: OptionSource;
  required?: boolean;
  /** A multiselect that needs at least this many choices (多部门协调: two departments or it is no coordination). */
  minItems?: number;
  /** Asked only where the case's policy has it (隐患等级: where rewards are graded by danger level, S1-14). */
  when?: (c: ActionContext) => boolean;
  /** The label in the case's preset's own words, where it has some (S9-5 管理处主任处理结果); else `label`. */
  labelFor?: (c: ActionContext) => string | undefined;
  /** A hint in the case's preset's own terms, never another preset's (issue 16 finding 7). */
  hint?: (c: ActionContext) => Hint | undefined;
}

export interface Hint {
  key: MessageKey;
  vars?: Record<string, string | number>;
}

export interface ActionSpec {
  type: EventType;
  label: MessageKey;
  fields: FieldSpec[];
  /** Prefilled answers. */
  initial?: (c: ActionContext) => Record<string, unknown>;
  payload: (v: Record<string, unknown>, c: ActionContext) => NewEvent['payload'];
  danger?: boolean;
  /** Answers that follow from one just given (the clerk can still change them afterwards). */
  follow?: (changed: Record<string, unknown>) => Record<string, unknown> | undefined;
}

export interface ActionContext {
  state: CaseState;
  policy: Policy;
  actor: StaffRoles;
  stages: StageStatus[];
  now: number;
}

const s = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
const req = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');
const arr = (v: unknown): string[] => (Array.isArray(v) ? (v as string[]) : []);
// A datetime-local value is a wall-clock time of the organisation's zone, as the screen shows times.
const time = (v: unknown): number | undefined => (typeof v === 'string' && v ? fromLocalInput(v) : undefined);
const note: FieldSpec = { name: 'note', label: 'field.note', type: 'textarea' };
const reason: FieldSpec = { name: 'reason', label: 'field.reason', type: 'textarea', required: true };

/** The pending approval step the signed-in person decides (theirs by role, else the first waiting). */
const myPendingStep = (state: CaseState, actor: StaffRoles) =>
  pendingApprovalSteps(state).find((x) => actor.roles.includes(x.role)) ?? pendingApprovalSteps(state)[0];
const stepRecords = ({ state, policy, actor }: ActionContext): string | undefined => {
  const p = myPendingStep(state, actor);
  return p ? approvalStepOf(policy, p.approvalId, p.step).step?.records : undefined;
};

export const ACTION_SPECS: ActionSpec[] = [
  { type: 'case.accepted', label: 'action.accept', fields: [note], payload: (v) => ({ note: s(v.note) }) },
  {
    type: 'case.classified',
    label: 'action.classify',
    fields: [
      { name: 'kind', label: 'field.kind', type: 'select', options: 'kinds' },
      { name: 'category', label: 'field.category', type: 'select', options: 'categories' },
      // No 等级 where the preset grades nothing (S2, S10, S11), as at intake (commonFieldsOf).
      { name: 'severity', label: 'field.severity', type: 'select', options: 'severities', when: ({ policy }) => policy.severities.length > 0 },
      { name: 'valid', label: 'field.valid', type: 'checkbox' },
      note,
    ],
    initial: ({ state }) => ({ kind: state.kind, category: state.category, severity: state.severity, valid: state.valid ?? true }),
    payload: (v) => ({ kind: s(v.kind), category: s(v.category), severity: s(v.severity), valid: v.valid === true, note: s(v.note) }),
  },
  {
    type: 'case.assigned',
    label: 'action.assign',
    fields: [
      { name: 'departmentId', label: 'field.department', type: 'select', options: 'departments', required: true },
      { name: 'assigneeId', label: 'field.assignee', type: 'select', options: 'staff' },
      { name: 'noticeNo', label: 'field.noticeNo', type: 'text' },
      { name: 'dueAt', label: 'field.dueAt', type: 'datetime' },
      { name: 'instruction', label: 'field.instruction', type: 'textarea' },
    ],
    // S10-7: the notice number is proposed from the case's series; the clerk may type the paper one.
    initial: ({ state, policy }) => ({
      departmentId: state.departmentId ?? policy.categories.find((c) => c.code === state.category)?.departmentId,
      noticeNo: nextNoticeNo(state),
    }),
    payload: (v) => ({
      departmentId: req(v.departmentId),
      assigneeId: s(v.assigneeId),
      noticeNo: s(v.noticeNo),
      dueAt: time(v.dueAt),
      instruction: s(v.instruction),
    }),
  },
  {
    type: 'case.handover_acknowledged',
    label: 'action.acknowledge',
    fields: [note],
    payload: (v, { state, actor }) => ({ departmentId: state.departmentId ?? actor.departmentId ?? '', note: s(v.note) }),
  },
  {
    type: 'case.transferred',
    label: 'action.transfer',
    fields: [
      { name: 'toDepartmentId', label: 'field.toDepartment', type: 'select', options: 'departments' },
      { name: 'toAssigneeId', label: 'field.assignee', type: 'select', options: 'staff' },
      {
        name: 'external',
        label: 'field.external',
        type: 'text',
        // Examples from the policy: the outside bodies its categories and risk flags name (S1-4 上级或同级消防机构, S7-11 市政有关部门).
        hint: ({ policy }) => {
          const bodies = [
            ...new Set(
              [...policy.categories.map((c) => c.external), ...policy.riskFlags.flatMap((f) => f.reportExternally ?? [])].filter((x): x is string => !!x),
            ),
          ];
          return bodies.length ? { key: 'field.externalExamples', vars: { examples: bodies.join('、') } } : undefined;
        },
      },
      reason,
    ],
    payload: (v, { state }) => ({
      fromDepartmentId: state.departmentId,
      toDepartmentId: s(v.toDepartmentId),
      toAssigneeId: s(v.toAssigneeId),
      external: s(v.external),
      reason: req(v.reason),
    }),
  },
  {
    type: 'case.coordinated',
    label: 'action.coordinate',
    fields: [
      { name: 'departmentIds', label: 'field.departments', type: 'multiselect', options: 'departments', required: true, minItems: 2 },
      { name: 'coordinatorId', label: 'field.coordinator', type: 'select', options: 'staff', required: true },
      note,
    ],
    initial: ({ actor }) => ({ coordinatorId: actor.id }),
    payload: (v) => ({ departmentIds: arr(v.departmentIds), coordinatorId: req(v.coordinatorId), note: s(v.note) }),
  },
  {
    type: 'case.recused',
    label: 'action.recuse',
    fields: [{ name: 'staffId', label: 'field.staff', type: 'select', options: 'staff', required: true }, reason],
    initial: ({ actor }) => ({ staffId: actor.id }),
    payload: (v) => ({ staffId: req(v.staffId), reason: req(v.reason) }),
  },
  {
    type: 'case.escalated',
    label: 'action.escalate',
    fields: [
      { name: 'toRole', label: 'field.toRole', type: 'select', options: 'roles', required: true },
      { name: 'toStaffId', label: 'field.assignee', type: 'select', options: 'staff' },
      reason,
    ],
    payload: (v) => ({ toRole: req(v.toRole), toStaffId: s(v.toStaffId), reason: req(v.reason) }),
  },
  {
    type: 'case.risk_flagged',
    label: 'action.riskFlag',
    danger: true,
    fields: [{ name: 'flag', label: 'field.flag', type: 'select', options: 'riskFlags', required: true }, note],
    payload: (v) => ({ flag: req(v.flag), note: s(v.note) }),
  },
  {
    type: 'case.extension_requested',
    label: 'action.requestExtension',
    fields: [
      { name: 'stageId', label: 'field.stage', type: 'select', options: 'stages', required: true },
      { name: 'newDueAt', label: 'field.newDueAt', type: 'datetime', required: true },
      reason,
    ],
    payload: (v) => ({ requestId: ulid(), stageId: req(v.stageId), newDueAt: time(v.newDueAt) ?? 0, reason: req(v.reason) }),
  },
  {
    type: 'case.extension_decided',
    label: 'action.decideExtension',
    fields: [
      { name: 'requestId', label: 'field.request', type: 'select', options: 'pendingExtensions', required: true },
      { name: 'approved', label: 'field.approved', type: 'checkbox' },
      note,
    ],
    initial: ({ state }) => ({ requestId: state.extensions.find((e) => !e.decided)?.requestId, approved: true }),
    payload: (v, { state, policy, actor }) => {
      const ext = state.extensions.find((e) => e.requestId === v.requestId);
      const approverRole = policy.stages.find((st) => st.id === ext?.stageId)?.extensionApproverRole;
      return {
        requestId: req(v.requestId),
        approved: v.approved === true,
        approverRole: actor.roles.find((r) => r === approverRole) ?? actor.roles[0] ?? '',
        note: s(v.note),
      };
    },
  },
  {
    type: 'case.clock_paused',
    label: 'action.pause',
    fields: [{ name: 'stageId', label: 'field.stage', type: 'select', options: 'stages' }, reason],
    payload: (v) => ({ stageId: s(v.stageId), reason: req(v.reason) }),
  },
  {
    type: 'case.clock_resumed',
    label: 'action.resume',
    fields: [{ name: 'stageId', label: 'field.stage', type: 'select', options: 'stages' }, note],
    payload: (v) => ({ stageId: s(v.stageId), note: s(v.note) }),
  },
  {
    type: 'case.investigated',
    label: 'action.investigate',
    fields: [
      // S6-4's two inspectors only where the policy asks for more than one.
      {
        name: 'inspectorIds',
        label: 'field.inspectors',
        type: 'multiselect',
        options: 'staff',
        required: true,
        hint: ({ policy }) => (minInspectors(policy) > 1 ? { key: 'field.inspectorsMin', vars: { min: minInspectors(policy) } } : undefined),
      },
      { name: 'findings', label: 'field.findings', type: 'textarea', required: true },
      { name: 'violation', label: 'field.violation', type: 'checkbox' },
      { name: 'verified', label: 'field.verified', type: 'checkbox' },
      {
        name: 'dangerLevel',
        label: 'field.dangerLevel',
        type: 'select',
        options: 'dangerLevels',
        when: ({ policy }) => policy.rewards.some((r) => r.levels.length > 0),
      },
    ],
    payload: (v) => ({
      inspectorIds: arr(v.inspectorIds),
      findings: req(v.findings),
      violation: v.violation === true,
      verified: v.verified === true,
      dangerLevel: s(v.dangerLevel),
      evidence: [],
    }),
  },
  {
    type: 'case.replied',
    label: 'action.reply',
    fields: [
      { name: 'to', label: 'field.to', type: 'select', options: 'replyTo', required: true },
      { name: 'method', label: 'field.method', type: 'select', options: 'channels', required: true },
      { name: 'content', label: 'field.content', type: 'textarea', required: true },
    ],
    initial: ({ state }) => ({ to: 'complainant', method: state.channel }),
    payload: (v) => ({ to: (v.to as 'complainant' | 'receiver' | 'superior') ?? 'complainant', method: req(v.method), content: req(v.content) }),
  },
  {
    type: 'case.resolved',
    label: 'action.resolve',
    fields: [
      { name: 'result', label: 'field.result', type: 'textarea', required: true },
      { name: 'rectification', label: 'field.rectification', type: 'textarea' },
    ],
    payload: (v, { state }) => ({ result: req(v.result), rectification: s(v.rectification), departmentId: state.departmentId }),
  },
  {
    type: 'case.feedback_given',
    label: 'action.feedback',
    fields: [
      { name: 'method', label: 'field.method', type: 'select', options: 'channels', required: true },
      { name: 'content', label: 'field.content', type: 'textarea', required: true },
    ],
    initial: ({ state }) => ({ method: state.channel }),
    payload: (v) => ({ method: req(v.method), content: req(v.content) }),
  },
  { type: 'case.feedback_impossible', label: 'action.feedbackImpossible', fields: [reason], payload: (v) => ({ reason: req(v.reason) }) },
  {
    type: 'case.callback_done',
    label: 'action.callback',
    // No defaults (issue 11 finding 5): the clerk chooses how the resident was reached, how many stars and
    // whether they were satisfied; an untouched dialog is refused with a message per field.
    fields: [
      { name: 'method', label: 'field.method', type: 'select', options: 'callbackMethods', required: true },
      { name: 'satisfaction', label: 'field.satisfaction', type: 'rating', required: true },
      { name: 'satisfied', label: 'field.satisfied', type: 'choice', options: 'satisfiedChoices', required: true },
      { name: 'outcome', label: 'field.outcome', type: 'textarea', required: true },
      { name: 'calleeName', label: 'field.calleeName', type: 'text' },
      { name: 'notes', label: 'field.notes', type: 'textarea' },
    ],
    // Two stars or fewer is an unsatisfied callback (S9-10: followed up); three and up, satisfied. The clerk can still change it.
    follow: (changed) =>
      typeof changed.satisfaction === 'number' && changed.satisfaction > 0 ? { satisfied: changed.satisfaction >= 3 ? 'yes' : 'no' } : undefined,
    payload: (v) => ({
      method: req(v.method),
      satisfied: v.satisfied === 'yes',
      satisfaction: typeof v.satisfaction === 'number' ? v.satisfaction : 0,
      outcome: req(v.outcome),
      calleeName: s(v.calleeName),
      notes: s(v.notes),
    }),
  },
  {
    type: 'case.approval_requested',
    label: 'action.requestApproval',
    fields: [
      { name: 'stepKey', label: 'field.approvalStep', type: 'select', options: 'approvalSteps', required: true },
      { name: 'note', label: 'field.approvalWhy', type: 'textarea', required: true },
    ],
    initial: ({ state, policy }) => {
      const first = requestableSteps(policy, state)[0];
      return { stepKey: first ? `${first.approval.id}/${first.step.id}` : undefined };
    },
    payload: (v, { state, policy }) => {
      const found = requestableSteps(policy, state).find((x) => `${x.approval.id}/${x.step.id}` === v.stepKey);
      return { approvalId: found?.approval.id ?? req(v.stepKey), step: found?.step.id ?? '', role: found?.step.role ?? '', note: s(v.note) };
    },
  },
  {
    type: 'case.approval_decided',
    label: 'action.decideApproval',
    // No default decision: the approver chooses (issue 11 finding 5, biased defaults).
    fields: [
      { name: 'stepKey', label: 'field.approvalStep', type: 'select', options: 'pendingApprovals', required: true },
      { name: 'decision', label: 'field.decision', type: 'select', options: 'decisions', required: true },
      // A step that records something on the form (S9-5: the director writes the result) asks for it by its name.
      { name: 'opinion', label: 'field.opinion', type: 'textarea', labelFor: (c) => stepRecords(c) },
    ],
    initial: ({ state, actor }) => {
      const mine = myPendingStep(state, actor);
      return { stepKey: mine ? `${mine.approvalId}/${mine.step}` : undefined };
    },
    payload: (v, { state }) => {
      const p = pendingApprovalSteps(state).find((x) => `${x.approvalId}/${x.step}` === v.stepKey);
      return {
        approvalId: p?.approvalId ?? req(v.stepKey),
        step: p?.step ?? '',
        role: p?.role ?? '',
        approved: v.decision === 'approve',
        opinion: s(v.opinion),
      };
    },
  },
  { type: 'case.site_visited', label: 'action.siteVisit', fields: [note], payload: (v) => ({ note: s(v.note) }) },
  {
    type: 'case.sample_sent',
    label: 'action.sendSample',
    fields: [
      { name: 'sample', label: 'field.sample', type: 'text', required: true },
      { name: 'lab', label: 'field.lab', type: 'text' },
    ],
    payload: (v) => ({ sample: req(v.sample), lab: s(v.lab) }),
  },
  {
    type: 'case.material_added',
    label: 'action.addMaterial',
    fields: [
      { name: 'kind', label: 'field.materialKind', type: 'select', options: 'materialKinds', required: true },
      { name: 'title', label: 'field.title', type: 'text', required: true },
      { name: 'description', label: 'field.description', type: 'textarea' },
    ],
    initial: () => ({ kind: 'material' }),
    payload: (v) => ({ kind: (v.kind as 'material' | 'evidence' | 'diary') ?? 'material', title: req(v.title), description: s(v.description) }),
  },
  {
    type: 'case.expense_recorded',
    label: 'action.recordExpense',
    fields: [
      { name: 'expenseId', label: 'field.expense', type: 'select', options: 'expenses', required: true },
      { name: 'amount', label: 'field.amount', type: 'text', required: true },
      { name: 'description', label: 'field.description', type: 'textarea', required: true },
      { name: 'liableDepartmentId', label: 'field.liableDepartment', type: 'select', options: 'departments' },
    ],
    initial: ({ policy }) => ({ expenseId: policy.expenses[0]?.id }),
    payload: (v) => ({
      expenseId: req(v.expenseId),
      amount: Number(req(v.amount)),
      description: req(v.description),
      liableDepartmentId: s(v.liableDepartmentId),
    }),
  },
  { type: 'case.reopened', label: 'action.reopen', fields: [reason], payload: (v) => ({ reason: req(v.reason) }) },
  {
    type: 'case.rejected',
    label: 'action.reject',
    danger: true,
    fields: [
      { name: 'reasonCode', label: 'field.reasonCode', type: 'select', options: 'reasons', required: true },
      { name: 'explanation', label: 'field.explanation', type: 'textarea', required: true },
      { name: 'referral', label: 'field.referral', type: 'textarea' },
    ],
    payload: (v, { policy }) => ({
      reasonCode: req(v.reasonCode),
      explanation: req(v.explanation),
      referral: s(v.referral) ?? policy.inadmissibleReasons.find((r) => r.code === v.reasonCode)?.referral,
    }),
  },
  { type: 'case.closed', label: 'action.close', fields: [note], payload: (v) => ({ note: s(v.note) }) },
  {
    type: 'case.note',
    label: 'action.note',
    fields: [{ name: 'text', label: 'field.text', type: 'textarea', required: true }],
    payload: (v) => ({ text: req(v.text) }),
  },
];

export function specFor(type: EventType): ActionSpec | undefined {
  return ACTION_SPECS.find((a) => a.type === type);
}
