import { describe, expect, it } from 'vitest';
import { callbackDue, slaStagesFor } from '../domain/sla';
import { projectCase } from '../domain/projection';
import { propertyServicePreset } from './s10-property-service';
import { DAY, HOUR, cst, makeEvent, makeRegistration, policyOf, stageById } from './presets.fixtures';

// RULES.md S10 — 物业服务部接待业主来访投诉工作制度 (S10-11 is n/a; S10-12 and S10-17 are records).

const policy = policyOf(propertyServicePreset);
const T = cst(2026, 11, 27, 16, 0);

function complaint(extra: Parameters<typeof makeRegistration>[1] = {}) {
  return makeRegistration(T, { channel: 'visit', category: 'water', form: { documentRef: 'MT-20261127-03', nature: '停水未通知' }, ...extra });
}
const relative = (stages: { stageId: string; dueAt?: number; startedAt?: number }[]) => stages.map((s) => [s.stageId, (s.dueAt ?? 0) - (s.startedAt ?? 0)]);

describe('S10 property service department preset', () => {
  it('S10-1 the office and phone number are published', () => {
    expect(policy.publicContact?.office).toBe('物业服务部接待室');
  });

  it('S10-2 equal treatment: an acquaintance and a child stranger get exactly the same deadlines', () => {
    const friend = complaint({ complainant: { anonymous: false, confidential: false, name: '老熟人', role: '业主' } });
    const child = complaint({ complainant: { anonymous: false, confidential: false, name: '小朋友', role: '住户子女' } });
    expect(relative(slaStagesFor(policy, [friend], T + HOUR))).toEqual(relative(slaStagesFor(policy, [child], T + HOUR)));
    // No rule of the policy can single out a person: appliesTo only knows kinds, severities, categories, channels and form values.
    for (const s of policy.stages)
      expect(Object.keys(s.appliesTo).every((k) => ['kinds', 'severities', 'categories', 'channels', 'form'].includes(k))).toBe(true);
  });

  it('S10-3 letters, phone calls, faxes and visits are registered centrally on one record and get the same handling', () => {
    expect(policy.channels.map((c) => c.code)).toEqual(['letter', 'phone', 'fax', 'visit']);
    const byChannel = policy.channels.map((c) => relative(slaStagesFor(policy, [complaint({ channel: c.code })], T + HOUR)));
    for (const r of byChannel) expect(r).toEqual(byChannel[0]);
    expect(new Set(policy.kinds.map((k) => k.formId))).toEqual(new Set(['visit_complaint_record']));
  });

  it('S10-4 the record holds resident name, complaint document number, nature or summary, and the result', () => {
    const form = policy.forms.find((f) => f.id === 'visit_complaint_record')!;
    expect(form.requires).toEqual(['complainant.name']);
    expect(form.fields.map((f) => [f.label, f.required])).toEqual([
      ['投诉文件(信件、传真、电话及面谈的正式记录的编号)', true],
      ['投诉性质或内容摘要', true],
    ]);
    const state = projectCase([complaint(), makeEvent('case.resolved', { result: '已恢复供水并张贴通知' }, T + DAY)]);
    expect([state?.complainant.name, state?.form.documentRef, state?.form.nature, state?.result?.text]).toEqual([
      '张三',
      'MT-20261127-03',
      '停水未通知',
      '已恢复供水并张贴通知',
    ]);
  });

  it('S10-5 investigated and verified the same day; special cases are decided by the manager', () => {
    expect(stageById(slaStagesFor(policy, [complaint()], T + HOUR), 'verify_same_day').dueAt).toBe(cst(2026, 11, 28, 0, 0));
    const verified = [complaint(), makeEvent('case.investigated', { inspectorIds: ['cs-yang'], findings: '属实' }, T + 2 * HOUR)];
    expect(stageById(slaStagesFor(policy, verified, T + 3 * HOUR), 'verify_same_day').state).toBe('met');
    expect(policy.approvals.find((a) => a.id === 'manager_decision')?.steps[0]?.role).toBe('cs_manager');
  });

  it('S10-6 the result goes to the resident and the customer-service manager, then a callback', () => {
    const events = [
      complaint(),
      makeEvent('case.replied', { to: 'complainant', method: 'phone', content: '已处理' }, T + DAY),
      makeEvent('case.replied', { to: 'superior', method: 'phone', content: '已处理,报经理' }, T + DAY),
      makeEvent('case.resolved', { result: '已处理' }, T + DAY),
    ];
    expect(projectCase(events)?.replies.map((r) => r.to)).toEqual(['complainant', 'superior']);
    expect(callbackDue(policy, events)?.dueAt).toBe(T + 8 * DAY);
  });

  it('S10-7 every complaint-handling notice is numbered for tracking', () => {
    expect(policy.forms.find((f) => f.id === 'complaint_notice')?.title).toBe('客户投诉处理通知单');
    const state = projectCase([
      complaint(),
      makeEvent('case.assigned', { departmentId: 'maintenance', noticeNo: 'TZ-2026-0118' }, T + HOUR),
      makeEvent('case.assigned', { departmentId: 'service_dept', noticeNo: 'TZ-2026-0119' }, T + 2 * HOUR),
    ]);
    expect(state?.noticeNos).toEqual(['TZ-2026-0118', 'TZ-2026-0119']);
  });

  it('S10-8 a major issue beyond the department goes to upper management, which decides', () => {
    const major = [complaint({ severity: 'major' })];
    expect(stageById(slaStagesFor(policy, major, T + HOUR), 'major_escalation').notifyRoles).toEqual(['cs_manager', 'upper_management']);
    const escalated = [...major, makeEvent('case.escalated', { toRole: 'upper_management', reason: '需统一协调' }, T + 2 * HOUR)];
    expect(stageById(slaStagesFor(policy, escalated, T + 3 * HOUR), 'major_escalation').state).toBe('met');
    expect(policy.approvals.find((a) => a.id === 'manager_decision')?.steps.at(-1)?.role).toBe('upper_management');
  });

  it('S10-9 the reply to the resident takes a week at most', () => {
    expect(stageById(slaStagesFor(policy, [complaint()], T + HOUR), 'reply_within_week').dueAt).toBe(T + 7 * DAY);
    expect(stageById(slaStagesFor(policy, [complaint()], T + 7 * DAY + 1), 'reply_within_week').state).toBe('breached');
  });

  it('S10-10 quarterly or yearly analysis of complaints', () => {
    expect(policy.analysisPeriods).toEqual(['quarterly', 'yearly']);
  });

  it('S10-13 callbacks are part of the yearly plan; solved complaints are followed up by phone', () => {
    expect(policy.duties?.find((d) => d.id === 'yearly_callback_plan')?.every).toBe('yearly');
    const rule = callbackDue(policy, [complaint(), makeEvent('case.resolved', { result: '已解决' }, T + DAY)])?.rule;
    expect(rule?.methods[0]).toBe('phone');
  });

  it('S10-14 at least one survey a year of owners opinions on power, water, fire safety and security, sanitation', () => {
    expect(policy.duties?.find((d) => d.id === 'yearly_survey')).toMatchObject({ every: 'yearly', items: ['供电', '供水', '消防治安', '卫生'] });
  });

  it('S10-15 at a callback, when no immediate answer is possible, the expected reply time is recorded', () => {
    const field = policy.forms.find((f) => f.id === 'repair_callback_record')?.fields.find((f) => f.key === 'expectedReplyAt');
    expect(field).toMatchObject({ type: 'datetime', label: '预定回复时间' });
  });

  it('S10-16 problems raised at callbacks are sorted and resolved item by item; an unsatisfied callback reopens the case', () => {
    expect(policy.callback.unsatisfiedReopens).toBe(true);
    const events = [
      complaint(),
      makeEvent('case.resolved', { result: '已修' }, T + DAY),
      makeEvent('case.callback_done', { method: 'phone', satisfied: false, satisfaction: 2, outcome: '仍漏水' }, T + 2 * DAY),
      makeEvent('case.reopened', { reason: '回访不满意' }, T + 2 * DAY),
    ];
    expect(projectCase(events)).toMatchObject({ reopenCount: 1 });
    expect(stageById(slaStagesFor(policy, events, T + 2 * DAY + HOUR), 'repair_notice').state).toBe('running');
  });

  it('S10-18 repair callbacks: inspect on site, ask about the repair staff, check charges, the callee signs', () => {
    const repair = makeRegistration(T, { kind: 'repair', channel: 'phone', category: 'power', form: { documentRef: 'WX-0031', nature: '跳闸' } });
    const events = [repair, makeEvent('case.resolved', { result: '更换空开' }, T + HOUR)];
    expect(callbackDue(policy, events)?.rule.calleeSigns).toBe(true);
    const fields = policy.forms
      .find((f) => f.id === 'repair_callback_record')!
      .fields.filter((f) => f.required)
      .map((f) => f.label);
    expect(fields).toEqual(['实地查看维修项目', '维修人员服务情况', '核对收费情况']);
    const state = projectCase([
      ...events,
      makeEvent('case.callback_done', { method: 'visit', satisfied: true, satisfaction: 5, outcome: '满意', calleeName: '李业主' }, T + DAY),
    ]);
    expect(state?.callbacks[0]?.calleeName).toBe('李业主');
  });

  it('S10-19 a problem found at a callback is notified in writing to the repair staff within 24 h', () => {
    const reopenedAt = T + 2 * DAY;
    const events = [
      complaint(),
      makeEvent('case.resolved', { result: '已修' }, T + DAY),
      makeEvent('case.reopened', { reason: '回访发现维修不到位' }, reopenedAt),
    ];
    expect(stageById(slaStagesFor(policy, events, reopenedAt + HOUR), 'repair_notice').dueAt).toBe(reopenedAt + 24 * HOUR);
    const notified = [
      ...events,
      makeEvent('case.assigned', { departmentId: 'maintenance', noticeNo: 'TZ-2026-0120', instruction: '书面通知整改' }, reopenedAt + 3 * HOUR),
    ];
    expect(stageById(slaStagesFor(policy, notified, reopenedAt + 30 * HOUR), 'repair_notice').state).toBe('met');
  });

  it('S10-20 targets: callback rate 100 %, valid-complaint rate below 1 %', () => {
    expect(policy.targets).toMatchObject({ callbackRate: 1, validComplaintRate: 0.01 });
  });
});
