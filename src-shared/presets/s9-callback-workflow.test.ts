import { describe, expect, it } from 'vitest';
import { callbackDue, slaStagesFor } from '../domain/sla';
import { projectCase } from '../domain/projection';
import { riskFlagAlerts } from '../domain/alerts';
import { callbackWorkflowPreset } from './s9-callback-workflow';
import { dutyOccurrences } from '../analytics/duties';
import { DAY, HOUR, cst, makeEvent, makeRegistration, policyOf, stageById } from './presets.fixtures';
import { intakeSchemaFor } from '../domain/intake';
import { validateAction } from '../domain/actions';

// RULES.md S9 — 管理处投诉回访工作流程.

const policy = policyOf(callbackWorkflowPreset);
const T = cst(2026, 11, 27, 10, 0);

function complaint(severity = 'normal') {
  return makeRegistration(T, { channel: 'visit', category: 'repair', severity, apologised: true, form: { roomNo: '5-2-601' } });
}
const resolved = (at: number) => makeEvent('case.resolved', { result: '已修复' }, at);
const callback = (at: number, satisfied: boolean, method = 'phone') =>
  makeEvent('case.callback_done', { method, satisfied, satisfaction: satisfied ? 5 : 2, outcome: satisfied ? '满意' : '仍有渗水' }, at);

describe('S9 complaint and callback workflow preset', () => {
  it('S9-1 the intake prompts an apology first, then registers in the 业主/租户投诉处理登记表', () => {
    expect(policy.apologyPrompt).toContain('先向住户表示歉意');
    expect(policy.forms.find((f) => f.id === 'resident_complaint_register')?.title).toBe('业主/租户投诉处理登记表');
    expect(projectCase([complaint()])?.apologised).toBe(true);
  });

  it('S9-2 departments are notified with a deadline; special cases go to the director', () => {
    const due = T + 2 * DAY;
    const events = [complaint(), makeEvent('case.assigned', { departmentId: 'engineering', dueAt: due, instruction: '限期两天修复' }, T + HOUR)];
    expect(stageById(slaStagesFor(policy, events, T + 2 * HOUR), 'department_deadline').dueAt).toBe(due);
    expect(riskFlagAlerts(policy, makeEvent('case.risk_flagged', { flag: 'special' }, T)).map((a) => a.roles)).toEqual([['director']]);
  });

  it('S9-3 serious complaints: the director organises measures, a responsible person and a deadline, and reports to the general manager', () => {
    const s = stageById(slaStagesFor(policy, [complaint('serious')], T + HOUR), 'serious_handling');
    expect(s.notifyRoles).toEqual(['director', 'general_manager']);
    expect(policy.approvals.find((a) => a.id === 'serious_measures')).toMatchObject({ appliesTo: { severities: ['serious'] }, steps: [{ role: 'director' }] });
    expect(slaStagesFor(policy, [complaint('normal')], T + HOUR).map((x) => x.stageId)).not.toContain('serious_handling');
  });

  it('S9-4 the department reports the result and the office schedules the callback', () => {
    const events = [complaint(), resolved(T + DAY)];
    expect(stageById(slaStagesFor(policy, events, T + DAY + HOUR), 'callback')).toMatchObject({ state: 'running', startedAt: T + DAY, dueAt: T + 4 * DAY });
    expect(policy.callbackRole).toBe('callback_staff');
  });

  it('S9-5 the director writes the result on the form and the head of the resolving department signs it', () => {
    expect(policy.approvals.find((a) => a.id === 'result_signoff')?.steps.map((s) => s.role)).toEqual(['director', 'dept_head']);
    const state = projectCase([
      complaint(),
      resolved(T + DAY),
      makeEvent('case.signed', { signerName: '工程维修部负责人', role: 'dept_head', document: 'resident_complaint_register' }, T + DAY + HOUR),
    ]);
    expect(state?.signatures.map((s) => [s.role, s.document])).toEqual([['dept_head', 'resident_complaint_register']]);
  });

  it('S9-5 the director records the result when deciding the sign-off step, not the clerk at intake', () => {
    // Nobody knows the result at intake: the register asks no such field there.
    expect(policy.forms.find((f) => f.id === 'resident_complaint_register')?.fields.map((f) => f.label)).toEqual(['房号']);
    const requested = makeEvent('case.approval_requested', { approvalId: 'result_signoff', step: 'director', role: 'director' }, T + DAY + HOUR);
    const log = [complaint(), resolved(T + DAY), requested];
    const state = projectCase(log)!;
    const director = { id: 'director-1', roles: ['director'] };
    const decide = (opinion?: string) => ({
      type: 'case.approval_decided' as const,
      payload: { approvalId: 'result_signoff', step: 'director', role: 'director', approved: true, ...(opinion === undefined ? {} : { opinion }) },
    });
    // Approved blank: refused, naming what is missing.
    const blank = validateAction(state, policy, director, decide('  '), T + DAY + 2 * HOUR, log);
    expect(blank.ok ? [] : blank.errors.map((e) => [e.path, e.message['zh-CN']])).toEqual([['payload.opinion', '请填写主任处理结果。']]);
    expect(validateAction(state, policy, director, decide(), T + DAY + 2 * HOUR, log).ok).toBe(false);
    expect(validateAction(state, policy, director, decide('已更换整段水管，住户确认不再漏水'), T + DAY + 2 * HOUR, log).ok).toBe(true);
  });

  it('S9-6 complaint records are archived by the office, complete', () => {
    expect(policy.archiveSections?.[0]).toEqual({ id: 'register', title: '业主/租户投诉处理登记表' });
    const events = [
      complaint(),
      makeEvent('case.assigned', { departmentId: 'engineering' }, T + HOUR),
      resolved(T + DAY),
      makeEvent('case.closed', {}, T + 2 * DAY),
    ];
    expect(projectCase(events)?.timeline.map((e) => e.type)).toEqual(['case.registered', 'case.assigned', 'case.resolved', 'case.closed']);
  });

  it('S9-7 every complaint (100 %) gets a callback, repairs included', () => {
    expect(policy.kinds.every((k) => !k.callbackExempt)).toBe(true);
    expect(policy.targets.callbackRate).toBe(1);
    expect(callbackDue(policy, [complaint(), resolved(T + DAY)])?.dueAt).toBe(T + 4 * DAY);
    const repair = makeRegistration(T, { kind: 'repair', channel: 'phone', category: 'repair', form: { roomNo: '1-101', repairItem: '水龙头' } });
    expect(callbackDue(policy, [repair, resolved(T + HOUR)])?.dueAt).toBe(T + HOUR + 3 * DAY);
  });

  it('S9-8 each week, callbacks for last week repair orders', () => {
    expect(policy.callback.weeklyRepairKind).toBe('repair');
    const duty = policy.duties!.find((d) => d.id === 'weekly_repair_callbacks')!;
    // Monday 2026-11-30 covers the week of 23–29 November.
    const [next] = dutyOccurrences([duty], T, T + 7 * DAY, policy.utcOffsetMinutes);
    expect([next?.at, next?.covers.start]).toEqual([cst(2026, 11, 30), cst(2026, 11, 23)]);
  });

  it('S9-9 a callback by conversation, site inspection or both', () => {
    expect(policy.callback.rules[0]?.methods).toEqual(['visit', 'phone', 'onsite']);
    const state = projectCase([complaint(), resolved(T + DAY), callback(T + 2 * DAY, true, 'onsite')]);
    expect(state?.callbacks.map((c) => c.method)).toEqual(['onsite']);
  });

  it('S9-10 an unsatisfied callback goes to the director, is fixed by a deadline and called back again until satisfied', () => {
    expect(policy.callback.unsatisfiedReopens).toBe(true);
    const events = [
      complaint(),
      resolved(T + DAY),
      callback(T + 2 * DAY, false),
      makeEvent('case.reopened', { reason: '回访不满意:仍有渗水' }, T + 2 * DAY + HOUR),
    ];
    const again = stageById(slaStagesFor(policy, events, T + 2 * DAY + 2 * HOUR), 'recallback');
    expect(again).toMatchObject({ state: 'running', notifyRoles: ['director'], dueAt: T + 5 * DAY + HOUR });
    const satisfied = [...events, resolved(T + 3 * DAY), callback(T + 4 * DAY, true)];
    expect(stageById(slaStagesFor(policy, satisfied, T + 5 * DAY), 'recallback').state).toBe('met');
    expect(projectCase(satisfied)?.callbacks.map((c) => c.satisfied)).toEqual([false, true]);
  });

  it('S9-11 callback records are archived with the case', () => {
    expect(policy.archiveSections?.map((s) => s.id)).toContain('callbacks');
    const state = projectCase([complaint(), resolved(T + DAY), callback(T + 2 * DAY, true)]);
    expect(state?.callbacks[0]).toMatchObject({ outcome: '满意', at: T + 2 * DAY });
  });

  it('S9-1 the intake refuses to register until the clerk confirms the apology', () => {
    const schema = intakeSchemaFor(policy, 'complaint', 'zh-CN');
    const values = {
      kind: 'complaint',
      channel: 'visit',
      receivedAt: T,
      category: 'repair',
      complainant: { anonymous: false, confidential: false, name: '王先生', phone: '13800000000' },
      subject: '楼道灯不亮',
      description: {},
      riskFlags: [],
      form: { roomNo: '5-2-601' },
      apologised: false,
    };
    const refused = schema.safeParse(values);
    expect(refused.success ? [] : refused.error.issues.map((i) => i.path.join('.'))).toEqual(['apologised']);
    expect(schema.safeParse({ ...values, apologised: true }).success).toBe(true);
  });
});
