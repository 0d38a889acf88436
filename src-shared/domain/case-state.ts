import type { Complainant } from './events';

// The shape of a case as the fold of its events (docs/architecture.md §The event log: a case is a fold).
// `projectCase` in ./projection.ts builds it; nothing stores a CaseState that cannot be rebuilt.

/** The one list of case statuses (queue filters, reports, print input and the action table read it). */
export const CASE_STATUSES = [
  'registered', // 已登记
  'accepted', // 已受理
  'assigned', // 已派单 (handed to a department)
  'in_progress', // 处理中 (department acknowledged / investigating)
  'replied', // 已答复
  'resolved', // 已办结, awaiting feedback/callback
  'rejected', // 不予受理 (S4-7 / S6-2), with reason and explanation
  'closed', // 已关闭
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Still being handled: not yet replied, resolved, rejected or closed. */
export const ACTIVE_STATUSES: readonly CaseStatus[] = ['registered', 'accepted', 'assigned', 'in_progress'];
/** Open for routing and handling; routing continues after a first reply (S7-13: reply within hours, resolve within days). */
export const OPEN_STATUSES: readonly CaseStatus[] = [...ACTIVE_STATUSES, 'replied'];
/** A reopening (S9-10) starts from one of these. */
export const REOPENABLE_STATUSES: readonly CaseStatus[] = ['replied', 'resolved', 'closed', 'rejected'];

export interface Extension {
  requestId: string;
  stageId: string;
  newDueAt: number;
  reason: string;
  requestedAt: number;
  requestedBy: string;
  decided?: { approved: boolean; approverRole: string; by: string; at: number; note?: string };
}

export interface ApprovalStepState {
  approvalId: string;
  step: string;
  role: string;
  requestedAt?: number;
  decided?: { approved: boolean; by: string; at: number; opinion?: string };
}

export interface MoneyItem {
  id: string;
  amount: number;
  proposedAt: number;
  proposedBy: string;
  level?: string;
  targetRole?: string;
  stageId?: string;
  reason?: string;
  decided?: { approved: boolean; by: string; approverRole: string; at: number; amount?: number; note?: string };
}

export interface TimelineEntry {
  eventId: string;
  type: string;
  at: number;
  actorId: string;
}

export interface CaseState {
  id: string;
  orgId: string;
  siteId: string;
  deskId: string;
  number: string;
  policyRevision: number;
  kind: string;
  channel: string;
  category?: string;
  severity?: string;
  /** S8-3: undefined until classified. */
  valid?: boolean;
  status: CaseStatus;
  registeredAt: number;
  receivedAt: number;
  /** X-1 / S1-2: set by case.registered and never changed by any later event. */
  firstReceiverId: string;
  receptionPoint?: string;
  /** Department currently responsible. */
  departmentId?: string;
  assigneeIds: string[];
  /** Every department that has been involved, in order of involvement (S8-5). */
  departmentsInvolved: string[];
  coordinatorId?: string;
  noticeNos: string[];
  /** Hand-over acknowledged by the department currently responsible. */
  handoverAcknowledged: boolean;
  recusedStaffIds: string[];
  external?: string;
  escalations: { toRole: string; toStaffId?: string; reason: string; at: number; by: string }[];
  riskFlags: string[];
  complainant: Complainant;
  subject: string;
  description: { time?: string; cause?: string; process?: string; result?: string; text?: string };
  demand?: string;
  /**
   * The earlier case the clerk linked this one to at intake (S7-7 / S8-11 a repeated complaint), from
   * case.registered; never set for a confidential or anonymous complainant (S1-5, domain/intake.ts).
   */
  relatedCaseId?: string;
  form: Record<string, string | number | boolean | null>;
  apologised: boolean;
  investigations: {
    inspectorIds: string[];
    findings: string;
    violation?: boolean;
    verified?: boolean;
    dangerLevel?: string;
    evidence: string[];
    at: number;
    by: string;
  }[];
  replies: { to: string; method: string; content: string; at: number; by: string }[];
  result?: { text: string; rectification?: string; departmentId?: string; at: number; by: string };
  feedback?: { given: true; method: string; content: string; at: number; by: string } | { given: false; reason: string; at: number; by: string };
  callbacks: { method: string; satisfied: boolean; satisfaction: number; outcome: string; calleeName?: string; notes?: string; at: number; by: string }[];
  rejection?: { reasonCode: string; explanation: string; referral?: string; at: number; by: string };
  reopenCount: number;
  extensions: Extension[];
  approvals: ApprovalStepState[];
  rewards: MoneyItem[];
  penalties: MoneyItem[];
  expenses: { expenseId: string; amount: number; description: string; liableDepartmentId?: string; at: number; by: string }[];
  materials: { kind: 'material' | 'evidence' | 'diary'; title: string; description?: string; at: number; by: string }[];
  /** Files attached (issue 13), in the order added; `id` is the adding event's id. Absent in documents stored before. */
  attachments: {
    id: string;
    hash: string;
    name: string;
    type: string;
    size: number;
    kind: string;
    caption?: string;
    width?: number;
    height?: number;
    at: number;
    by: string;
    withdrawn?: { reason: string; at: number; by: string };
  }[];
  signatures: { signerName: string; role: string; document: string; image?: string; at: number; by: string; eventId: string }[];
  printed: { document: string; copies: number; at: number; by: string }[];
  identityViews: { reason: string; at: number; by: string }[];
  notes: { text: string; tag?: string; at: number; by: string }[];
  closedAt?: number;
  resolvedAt?: number;
  /** Last event applied, in (at, id) order; used for incremental updates. */
  lastEventAt: number;
  lastEventId: string;
  eventCount: number;
  timeline: TimelineEntry[];
}
