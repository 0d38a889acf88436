import { describe, expect, it } from 'vitest';
import { ACTION_OF_EVENT, CASE_ACTIONS, availableActions, validateAction, type Actor, type CaseAction } from './actions';
import { EVENT_TYPES, type CaseEvent, type NewEvent } from './events';
import { projectCase } from './projection';
import { MINUTE, T0, makeEvent, makeRegistration } from './projection.fixtures';
import { samplePolicy } from './policy.fixtures';
import type { Policy } from './policy';

const policy = samplePolicy();
const clerk: Actor = { id: 'staff-1', roles: ['clerk'], departmentId: 'd-svc' };
const butler: Actor = { id: 's-2', roles: ['butler', 'inspector'], departmentId: 'd-svc' };
const engHead: Actor = { id: 's-3', roles: ['head', 'inspector'], departmentId: 'd-eng' };
const chief: Actor = { id: 's-4', roles: ['chief'] };
const director: Actor = { id: 's-5', roles: ['director'] };

let t = T0;
const ev = <T extends NewEvent['type']>(type: T, payload: Extract<NewEvent, { type: T }>['payload'], actorId = 'staff-1') =>
  makeEvent(type, payload as never, (t += MINUTE), { actorId }) as CaseEvent;

/** Each case's events, for the action table's `log` (what the case is at a moment, caseAt). */
const logOf = new WeakMap<object, CaseEvent[]>();
function caseWith(...events: CaseEvent[]) {
  const log = [
    makeRegistration(T0, { severity: 'important', complainant: { anonymous: false, confidential: true, name: '张三', phone: '13812345678' } }),
    ...events,
  ];
  const state = projectCase(log)!;
  logOf.set(state, log);
  return state;
}
const log = (state: object) => logOf.get(state) ?? [];

function why(state: ReturnType<typeof caseWith>, action: CaseAction, actor: Actor, p: Policy = policy) {
  const a = availableActions(state, p, actor, t + MINUTE, log(state)).find((x) => x.action === action)!;
  return a.allowed ? 'allowed' : a.reason!['zh-CN'];
}

function check(state: ReturnType<typeof caseWith>, actor: Actor, event: NewEvent, p: Policy = policy) {
  const r = validateAction(state, p, actor, event, t + MINUTE, log(state));
  return r.ok ? 'ok' : r.errors.map((e) => `${e.path}: ${e.message['zh-CN']}`).join(' | ');
}

describe('availableActions', () => {
  it('lists every case action once, and every event type but registration has an action', () => {
    const fresh = caseWith();
    const list = availableActions(fresh, policy, clerk, t, log(fresh));
    expect(list.map((a) => a.action)).toEqual(Object.keys(CASE_ACTIONS));
    for (const type of EVENT_TYPES) if (type !== 'case.registered') expect(ACTION_OF_EVENT[type], type).toBeDefined();
    expect(list.find((a) => a.action === 'accept')).toMatchObject({ allowed: true, label: { 'zh-CN': '受理' } });
  });

  it('follows the status: a closed case can only be reopened or annotated (notes, materials, files)', () => {
    const closed = caseWith(ev('case.rejected', { reasonCode: 'court', explanation: '已起诉' }), ev('case.closed', {}));
    const allowed = availableActions(closed, policy, clerk, t, log(closed))
      .filter((a) => a.allowed)
      .map((a) => a.action);
    expect(allowed.sort()).toEqual(
      ['addMaterial', 'attach', 'note', 'print', 'proposePenalty', 'recordExpense', 'reopen', 'sign', 'withdrawAttachment'].sort(),
    );
    expect(why(closed, 'callback', clerk)).toBe('案件当前为「已关闭」，不能回访。');
    expect(why(closed, 'assign', clerk)).toBe('案件当前为「已关闭」，不能派单。');
  });

  it('S1-9 a recused staff member cannot take any action on the case', () => {
    const s = caseWith(ev('case.recused', { staffId: 's-2', reason: '与举报人是邻居' }));
    const list = availableActions(s, policy, butler, t, log(s));
    expect(list.every((a) => !a.allowed && a.code === 'action.recused')).toBe(true);
    expect(list[0]!.reason!['zh-CN']).toContain('回避');
    expect(check(s, butler, { type: 'case.note', payload: { text: '我来处理' } })).toContain('回避');
    // Nor can they be named as an inspector or assignee by someone else.
    expect(check(s, engHead, { type: 'case.investigated', payload: { inspectorIds: ['s-2'], findings: '属实' } })).toContain('已回避');
    expect(check(s, clerk, { type: 'case.assigned', payload: { departmentId: 'd-eng', assigneeId: 's-2' } })).toContain('已回避');
  });

  it('S1-5 only the identity viewer roles may reveal a confidential complainant', () => {
    const s = caseWith();
    expect(why(s, 'revealIdentity', clerk)).toBe('投诉人身份保密，只有「管理处主任」可以查看。');
    expect(why(s, 'revealIdentity', director)).toBe('allowed');
    const open = projectCase([makeRegistration(T0)])!;
    expect(why(open, 'revealIdentity', director)).toContain('未设保密');
    // A desk that received the identity sealed (domain/sealing.ts) has nothing to reveal, whoever asks.
    const sealed = projectCase([makeRegistration(T0, { complainant: { anonymous: false, confidential: true, sealed: true } })])!;
    expect(why(sealed, 'revealIdentity', director)).toContain('本工作台没有收到');
  });

  it('X-1 the hand-over is acknowledged by the department it was handed to, once', () => {
    expect(why(caseWith(), 'acknowledge', engHead)).toContain('尚未派给部门');
    const s = caseWith(ev('case.assigned', { departmentId: 'd-eng' }));
    expect(why(s, 'acknowledge', butler)).toBe('只有当前责任部门可以确认接收此案件。');
    expect(why(s, 'acknowledge', engHead)).toBe('allowed');
    expect(check(s, engHead, { type: 'case.handover_acknowledged', payload: { departmentId: 'd-fin' } })).toContain('当前责任部门');
    const acked = caseWith(ev('case.assigned', { departmentId: 'd-eng' }), ev('case.handover_acknowledged', { departmentId: 'd-eng' }));
    expect(why(acked, 'acknowledge', engHead)).toContain('已确认接收');
  });

  it('X-2 a resolved case is closed only after feedback or a recorded reason why not', () => {
    const resolved = caseWith(ev('case.resolved', { result: '已修复' }));
    expect(why(resolved, 'close', clerk)).toBe('结案前须先向投诉人反馈处理结果，或记录无法反馈的原因。');
    // The sample policy gates feedback behind the director's approval of the handling opinion (S1-10).
    expect(why(resolved, 'feedback', clerk)).toBe('须先经「管理处主任」批准（处理意见审批），才能反馈结果。');
    expect(why(resolved, 'feedbackImpossible', clerk)).toBe('allowed');
    const noContact = caseWith(ev('case.resolved', { result: '已修复' }), ev('case.feedback_impossible', { reason: '匿名举报，无联系方式' }));
    expect(why(noContact, 'close', clerk)).toBe('allowed');
  });

  it('S1-10 the handling opinion is approved by the leader before feedback', () => {
    let s = caseWith(ev('case.resolved', { result: '已整改' }));
    expect(check(s, clerk, { type: 'case.approval_requested', payload: { approvalId: 'a-opinion', step: 's1', role: 'clerk' } })).toContain('审批角色');
    expect(check(s, clerk, { type: 'case.approval_requested', payload: { approvalId: 'a-opinion', step: 's1', role: 'director' } })).toBe('ok');
    const req = ev('case.approval_requested', { approvalId: 'a-opinion', step: 's1', role: 'director' });
    s = caseWith(ev('case.resolved', { result: '已整改' }), req);
    expect(why(s, 'decideApproval', chief)).toBe('只有「管理处主任」可以审批，请交给有此角色的人员。');
    expect(check(s, director, { type: 'case.approval_decided', payload: { approvalId: 'a-opinion', step: 's1', role: 'director', approved: true } })).toBe(
      'ok',
    );
    s = caseWith(
      ev('case.resolved', { result: '已整改' }),
      req,
      ev('case.approval_decided', { approvalId: 'a-opinion', step: 's1', role: 'director', approved: true }, 's-5'),
    );
    expect(why(s, 'feedback', clerk)).toBe('allowed');
  });

  it('S6-4 an investigation needs at least two inspectors where the policy implements S6-4', () => {
    const s = caseWith();
    const one: NewEvent = { type: 'case.investigated', payload: { inspectorIds: ['s-3'], findings: '油品合格' } };
    const two: NewEvent = { type: 'case.investigated', payload: { inspectorIds: ['s-3', 's-2'], findings: '油品合格' } };
    const gas = samplePolicy({ rules: ['S6-4'] });
    expect(check(s, engHead, one, gas)).toBe('payload.inspectorIds: 调查至少需要 2 名未回避的检查人员，请补充人员。');
    expect(check(s, engHead, two, gas)).toBe('ok');
    expect(check(s, engHead, { type: 'case.investigated', payload: { inspectorIds: ['s-3', 's-3'], findings: '同一人' } }, gas)).toContain('2 名');
    expect(check(s, engHead, one)).toBe('ok');
  });

  it('S7-13 an overrun needs the named role: extension of the important-complaint reply stage by the chief butler', () => {
    const s = caseWith();
    const request: NewEvent = {
      type: 'case.extension_requested',
      payload: { requestId: 'x1', stageId: 'reply', newDueAt: T0 + 86_400_000, reason: '等待配件' },
    };
    expect(check(s, butler, request)).toBe('ok');
    expect(check(s, butler, { ...request, payload: { ...request.payload, stageId: 'resolve' } })).toContain('可延期的时限');
    const general = projectCase([makeRegistration(T0, { severity: 'general' })])!;
    expect(why(general, 'requestExtension', butler)).toContain('没有适用于此案件的可延期的时限');
    const pending = caseWith(ev('case.extension_requested', { requestId: 'x1', stageId: 'reply', newDueAt: T0 + 86_400_000, reason: '等待配件' }));
    expect(why(pending, 'decideExtension', butler)).toBe('只有「首席物业管家」可以审批延期，请交给有此角色的人员。');
    expect(check(pending, chief, { type: 'case.extension_decided', payload: { requestId: 'x1', approved: true, approverRole: 'chief' } })).toBe('ok');
    expect(check(pending, chief, { type: 'case.extension_decided', payload: { requestId: 'x1', approved: true, approverRole: 'director' } })).toContain(
      '首席物业管家',
    );
    expect(check(pending, chief, { type: 'case.extension_decided', payload: { requestId: 'x9', approved: true, approverRole: 'chief' } })).toContain(
      '没有等待审批的延期申请',
    );
  });

  it('S1-14 a reward needs a verified report and an amount within its level', () => {
    const unverified = caseWith(ev('case.investigated', { inspectorIds: ['s-3'], findings: '未发现隐患', verified: false }));
    expect(why(unverified, 'proposeReward', clerk)).toContain('经调查核实');
    const verified = caseWith(ev('case.investigated', { inspectorIds: ['s-3'], findings: '确有隐患', verified: true }));
    expect(check(verified, clerk, { type: 'case.reward_proposed', payload: { rewardId: 'w-hazard', amount: 1000, level: 'l1' } })).toBe(
      'payload.amount: 「payload.amount」须在 300–500 元之间。',
    );
    expect(check(verified, clerk, { type: 'case.reward_proposed', payload: { rewardId: 'w-hazard', amount: 400, level: 'l1' } })).toBe('ok');
    expect(check(verified, clerk, { type: 'case.reward_proposed', payload: { rewardId: 'w-other', amount: 400 } })).toContain('奖励「w-other」');
  });

  it('penalties name a policy penalty (or one occurrence of it) and are decided by its approver', () => {
    const s = caseWith();
    expect(check(s, chief, { type: 'case.penalty_proposed', payload: { penaltyId: 'p-late:reply', amount: 50, targetRole: 'head', stageId: 'reply' } })).toBe(
      'ok',
    );
    expect(check(s, chief, { type: 'case.penalty_proposed', payload: { penaltyId: 'p-late', amount: 50, targetRole: 'clerk' } })).toContain('处罚对象');
    const proposed = caseWith(ev('case.penalty_proposed', { penaltyId: 'p-late:reply', amount: 50, targetRole: 'head' }, 's-4'));
    expect(why(proposed, 'decidePenalty', chief)).toContain('管理处主任');
    expect(check(proposed, director, { type: 'case.penalty_decided', payload: { penaltyId: 'p-late:reply', approved: true, approverRole: 'director' } })).toBe(
      'ok',
    );
  });

  it('callbacks are done by the policy callback role, never for exempt kinds, with a listed method', () => {
    const resolved = caseWith(ev('case.resolved', { result: '已修复' }));
    expect(why(resolved, 'callback', butler)).toContain('前台接待');
    expect(check(resolved, clerk, { type: 'case.callback_done', payload: { method: 'phone', satisfied: true, satisfaction: 5, outcome: '满意' } })).toBe('ok');
    expect(check(resolved, clerk, { type: 'case.callback_done', payload: { method: 'letter', satisfied: true, satisfaction: 5, outcome: '满意' } })).toContain(
      '回访方式',
    );
    const advice = projectCase([makeRegistration(T0, { kind: 'advice' }), ev('case.resolved', { result: '已采纳' })])!;
    expect(why(advice, 'callback', clerk)).toBe('此类别按制度无需回访。');
  });

  it('S4-7 a rejection names one of the policy inadmissibility reasons', () => {
    const s = caseWith();
    expect(check(s, clerk, { type: 'case.rejected', payload: { reasonCode: 'court', explanation: '已向法院起诉' } })).toBe('ok');
    expect(check(s, clerk, { type: 'case.rejected', payload: { reasonCode: 'whim', explanation: '不想办' } })).toContain('不予受理理由「whim」');
  });

  it('a clock pauses only on a pausable stage and resumes only when paused', () => {
    const s = caseWith();
    expect(why(s, 'pauseClock', engHead)).toContain('可暂停的时限');
    const lab = samplePolicy({
      stages: [
        ...samplePolicy().stages.map((x) => ({ ...x })),
        {
          id: 'investigate',
          name: '调查',
          startsOn: ['case.registered'],
          stopsOn: ['case.investigated'],
          limit: { amount: 3, unit: 'days' },
          clock: 'natural',
          pausable: true,
        },
      ],
    });
    expect(why(s, 'pauseClock', engHead, lab)).toBe('allowed');
    expect(why(s, 'resumeClock', engHead, lab)).toContain('没有暂停');
    const paused = caseWith(ev('case.clock_paused', { reason: '送检' }));
    expect(why(paused, 'pauseClock', engHead, lab)).toContain('已暂停');
    expect(why(paused, 'resumeClock', engHead, lab)).toBe('allowed');
  });
});

describe('validateAction', () => {
  it('reports payload errors under payload.* and never changes the state', () => {
    const s = caseWith();
    const before = structuredClone(s);
    const r = validateAction(s, policy, clerk, { type: 'case.transferred', payload: { reason: '', extra: 1 } as never }, t, log(s));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.path)).toEqual(expect.arrayContaining(['payload']));
    expect(check(s, clerk, { type: 'case.transferred', payload: { reason: '转交' } })).toBe('payload: 转办须指明接收部门、接收人或外部单位。');
    expect(check(s, clerk, { type: 'case.transferred', payload: { toDepartmentId: 'd-x', reason: '转交' } })).toContain('部门「d-x」');
    expect(check(s, clerk, { type: 'case.registered', payload: {} as never })).toContain('不能重复登记');
    expect(s).toStrictEqual(before);
  });

  it('returns the parsed event with defaults on success', () => {
    const fresh = caseWith();
    const r = validateAction(fresh, policy, engHead, { type: 'case.investigated', payload: { inspectorIds: ['s-3'], findings: '属实' } }, t, log(fresh));
    expect(r).toEqual({ ok: true, value: { type: 'case.investigated', payload: { inspectorIds: ['s-3'], findings: '属实', evidence: [] } } });
  });
});
