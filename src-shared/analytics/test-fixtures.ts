import type { CaseState } from '../domain/case-state';
import type { CaseEvent } from '../domain/events';
import type { PolicyInput } from '../domain/policy';
import type { StageStatus } from '../domain/sla-types';
import { projectCase } from '../domain/projection';
import { HOUR, MINUTE, makeEvent, makeRegistration } from '../domain/projection.fixtures';

// Builders for the analytics tests and the bench: cases made from real, schema-checked events folded by
// the real projection, so a fixture is always a case a desk could hold.

export interface CaseSpec {
  id: string;
  receivedAt: number;
  kind?: string;
  category?: string;
  severity?: string;
  departmentId?: string;
  channel?: string;
  receptionPoint?: string;
  subject?: string;
  place?: string;
  valid?: boolean;
  /** Minutes after receipt. */
  replyAfterMin?: number;
  resolveAfterMin?: number;
  rejected?: boolean;
  callback?: { afterResolveMin: number; satisfaction: number; satisfied: boolean };
  investigated?: { dangerLevel?: string; verified: boolean; afterMin: number };
  policyRevision?: number;
}

let seq = 0;

export function eventsFor(spec: CaseSpec): CaseEvent[] {
  const env = { caseId: spec.id, policyRevision: spec.policyRevision ?? 1 };
  const t = spec.receivedAt;
  const n = String(++seq % 1000).padStart(3, '0');
  const events: CaseEvent[] = [
    makeRegistration(
      t,
      {
        number: `HZ01-20260101-${n}`,
        kind: spec.kind ?? 'complaint',
        channel: spec.channel ?? 'phone',
        receivedAt: t,
        ...(spec.category ? { category: spec.category } : {}),
        ...(spec.severity ? { severity: spec.severity } : {}),
        ...(spec.departmentId ? { departmentId: spec.departmentId } : {}),
        ...(spec.receptionPoint ? { receptionPoint: spec.receptionPoint } : {}),
        subject: spec.subject ?? '楼上漏水',
        form: spec.place ? { location: spec.place } : {},
      },
      env,
    ),
  ];
  if (spec.valid !== undefined) events.push(makeEvent('case.classified', { valid: spec.valid }, t + MINUTE, env));
  if (spec.rejected) events.push(makeEvent('case.rejected', { reasonCode: 'out_of_scope', explanation: '不属于本单位职责范围。' }, t + 2 * MINUTE, env));
  if (spec.investigated) {
    events.push(
      makeEvent(
        'case.investigated',
        {
          inspectorIds: ['staff-2', 'staff-3'],
          findings: '现场核实。',
          verified: spec.investigated.verified,
          ...(spec.investigated.dangerLevel ? { dangerLevel: spec.investigated.dangerLevel } : {}),
        },
        t + spec.investigated.afterMin * MINUTE,
        env,
      ),
    );
  }
  if (spec.replyAfterMin !== undefined)
    events.push(makeEvent('case.replied', { to: 'complainant', method: 'phone', content: '已答复。' }, t + spec.replyAfterMin * MINUTE, env));
  if (spec.resolveAfterMin !== undefined) {
    const resolvedAt = t + spec.resolveAfterMin * MINUTE;
    events.push(makeEvent('case.resolved', { result: '已处理。' }, resolvedAt, env));
    if (spec.callback) {
      events.push(
        makeEvent(
          'case.callback_done',
          { method: 'phone', satisfied: spec.callback.satisfied, satisfaction: spec.callback.satisfaction, outcome: '业主确认。' },
          resolvedAt + spec.callback.afterResolveMin * MINUTE,
          env,
        ),
      );
    }
  }
  return events;
}

export function caseOf(spec: CaseSpec): CaseState {
  const s = projectCase(eventsFor(spec));
  if (!s) throw new Error(`fixture ${spec.id} did not project`);
  return s;
}

/** A StageStatus as the SLA engine would report it; only the fields the analysis reads matter. */
export function stage(stageId: string, state: StageStatus['state'], extra: Partial<StageStatus> = {}): StageStatus {
  return {
    stageId,
    name: stageId,
    state,
    clock: 'natural',
    paused: false,
    pausedMs: 0,
    extended: false,
    provisional: false,
    notifyRoles: [],
    rules: [],
    ...extra,
  };
}

/** A small but complete policy (property management, S7 / S10 flavoured) for analytics tests. */
export function analyticsPolicy(overrides: Partial<PolicyInput> = {}): PolicyInput {
  return {
    id: 'pm',
    presetId: 'test',
    name: '测试制度',
    revision: 1,
    effectiveFrom: Date.UTC(2025, 0, 1),
    utcOffsetMinutes: 480,
    roles: [
      { code: 'station_manager', name: '站长' },
      { code: 'manager_in_charge', name: '分管经理' },
      { code: 'director', name: '主任' },
    ],
    departments: [
      { id: 'eng', name: '工程部' },
      { id: 'sec', name: '秩序部' },
    ],
    channels: [
      { code: 'phone', name: '电话' },
      { code: 'visit', name: '来访' },
    ],
    receptionPoints: ['服务中心'],
    kinds: [
      { code: 'complaint', name: '投诉', formId: 'f' },
      { code: 'consult', name: '咨询', formId: 'f', callbackExempt: true },
    ],
    forms: [{ id: 'f', title: '登记表', fields: [] }],
    categories: [
      { code: 'leak', name: '漏水', departmentId: 'eng' },
      { code: 'noise', name: '噪音', departmentId: 'sec' },
    ],
    severities: [
      { code: 'general', name: '一般', rank: 1, definition: '轻微不便' },
      { code: 'important', name: '重要', rank: 2, definition: '服务不到位' },
    ],
    inadmissibleReasons: [],
    riskFlags: [],
    stages: [
      { id: 'reply', name: '答复', startsOn: ['case.registered'], stopsOn: ['case.replied'], limit: { amount: 1, unit: 'hours' }, clock: 'natural' },
      { id: 'resolve', name: '解决', startsOn: ['case.registered'], stopsOn: ['case.resolved'], limit: { amount: 2, unit: 'days' }, clock: 'natural' },
    ],
    approvals: [],
    callback: { rules: [{ within: { amount: 3, unit: 'days' }, methods: ['phone'] }], unsatisfiedReopens: true },
    rewards: [],
    penalties: [],
    expenses: [],
    analysisPeriods: ['weekly', 'monthly'],
    targets: { callbackRate: 1, validComplaintRate: 0.01, baseLabel: '户', baseCount: 400 },
    document: { title: '测试制度', purpose: '测试', chapters: [], appendix: [], signOff: { author: '甲', reviewer: '乙', approver: '丙' }, source: 'S7' },
    ...overrides,
  };
}

export { HOUR, MINUTE };
