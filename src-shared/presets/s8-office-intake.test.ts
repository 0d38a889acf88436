import { describe, expect, it } from 'vitest';
import { callbackDue, slaStagesFor } from '../domain/sla';
import { projectCase } from '../domain/projection';
import { officeIntakePreset } from './s8-office-intake';
import { dutyOccurrences } from '../analytics/duties';
import { DAY, HOUR, MINUTE, cst, makeEvent, makeRegistration, policyOf, stageById } from './presets.fixtures';
import { categoryAdmissibility } from '../domain/admissibility';

// RULES.md S8 — 天下城管理处受理投诉工作流程.

const policy = policyOf(officeIntakePreset);
const T = cst(2026, 11, 27, 10, 0);

function complaint(category = 'engineering', at = T) {
  return makeRegistration(at, { channel: 'visit', category, receptionPoint: '服务中心前台', form: { roomNo: 'A-1203' } });
}

describe('S8 management office intake preset', () => {
  it('S8-1 the front desk is the single intake; a complaint another department receives is passed on and registered there', () => {
    expect(policy.receptionPoints).toEqual(['服务中心前台']);
    const passed = makeRegistration(T, {
      channel: 'internal',
      category: 'security',
      receptionPoint: '服务中心前台',
      form: { roomNo: 'B-302', passedBy: '护卫部小高' },
    });
    const state = projectCase([passed]);
    expect(state).toMatchObject({ receptionPoint: '服务中心前台', channel: 'internal', form: { passedBy: '护卫部小高' } });
    expect(stageById(slaStagesFor(policy, [passed], T + MINUTE), 'handover').startedAt).toBe(T);
  });

  it('S8-2 the first receiver fills the register and delivers it to the responsible department within 20 minutes', () => {
    expect(stageById(slaStagesFor(policy, [complaint()], T + MINUTE), 'handover').dueAt).toBe(T + 20 * MINUTE);
    const delivered = [complaint(), makeEvent('case.assigned', { departmentId: 'engineering' }, T + 15 * MINUTE)];
    expect(stageById(slaStagesFor(policy, delivered, T + HOUR), 'handover')).toMatchObject({ state: 'met', metLate: false });
    expect(stageById(slaStagesFor(policy, [complaint()], T + 21 * MINUTE), 'handover')).toMatchObject({ state: 'breached', notifyRoles: ['duty_manager'] });
  });

  it('S8-3 valid complaints concern the office services; complaints outside its commitments are invalid', () => {
    expect(policy.categories.filter((c) => c.invalid).map((c) => c.code)).toEqual(['out_of_commitment']);
    const state = projectCase([complaint('out_of_commitment'), makeEvent('case.classified', { valid: false, note: '属服务承诺范围以外' }, T + 5 * MINUTE)]);
    expect(state?.valid).toBe(false);
    expect(projectCase([complaint(), makeEvent('case.classified', { valid: true }, T + 5 * MINUTE)])?.valid).toBe(true);
  });

  it('S8-4 the department returns the result to the front-desk receiver, who does the callback', () => {
    expect(policy.callbackRole).toBe('front_desk');
    const events = [
      complaint(),
      makeEvent('case.assigned', { departmentId: 'engineering' }, T + 10 * MINUTE),
      makeEvent('case.replied', { to: 'receiver', method: 'internal', content: '已更换水管' }, T + DAY),
      makeEvent('case.resolved', { result: '已更换水管', departmentId: 'engineering' }, T + DAY),
    ];
    expect(projectCase(events)?.replies[0]?.to).toBe('receiver');
    expect(stageById(slaStagesFor(policy, events, T + DAY + HOUR), 'callback')).toMatchObject({ state: 'running', startedAt: T + DAY });
  });

  it('S8-5 two or more departments involved: the duty manager coordinates', () => {
    const state = projectCase([
      complaint(),
      makeEvent('case.coordinated', { departmentIds: ['engineering', 'environment'], coordinatorId: 'duty-manager-1' }, T + HOUR),
    ]);
    expect(state?.coordinatorId).toBe('duty-manager-1');
    expect(state?.departmentsInvolved).toEqual(expect.arrayContaining(['engineering', 'environment']));
    expect(policy.roles.find((r) => r.code === 'duty_manager')?.description).toContain('统一协调');
  });

  it('S8-6 a serious complaint, or one beyond the duty manager, goes via the service-centre manager to the office director for approval', () => {
    expect(policy.approvals.find((a) => a.id === 'director_approval')).toMatchObject({
      appliesTo: { severities: ['serious'] },
      before: 'case.resolved',
      steps: [{ role: 'service_manager' }, { role: 'office_director' }],
    });
    expect(policy.severities.find((s) => s.code === 'serious')?.definition).toContain('严重有损于管理处形象');
  });

  it('S8-7 developer issues: forwarded within 20 minutes, callback within 3 working days across the National Day holiday and its make-up working day', () => {
    const at = cst(2026, 9, 30, 9, 50);
    const forwardedAt = cst(2026, 9, 30, 10, 0);
    const events = [complaint('developer', at), makeEvent('case.transferred', { external: '开发商工程部', reason: '开发商遗留问题' }, forwardedAt)];
    const s = slaStagesFor(policy, events, forwardedAt + HOUR);
    expect(stageById(s, 'handover')).toMatchObject({ state: 'met', dueAt: at + 20 * MINUTE });
    // Oct 1–7 holiday; Oct 8 (Thu), Oct 9 (Fri), make-up Saturday Oct 10 → due at the end of Oct 10.
    expect(stageById(s, 'developer_callback').dueAt).toBe(cst(2026, 10, 11, 0, 0));
    expect(s.map((x) => x.stageId)).not.toContain('callback');
    expect(policy.categories.find((c) => c.code === 'developer')?.external).toBe('开发商相关部门');
  });

  it('S8-8 invalid complaints are registered and explained, with no routing or deadlines', () => {
    const invalid = policy.categories.find((c) => c.code === 'out_of_commitment');
    expect(invalid?.departmentId).toBeUndefined();
    expect(invalid?.description).toContain('解释');
    const events = [
      complaint('out_of_commitment'),
      makeEvent('case.replied', { to: 'complainant', method: 'visit', content: '该事项属市政管理,已向业主解释' }, T + 10 * MINUTE),
    ];
    expect(slaStagesFor(policy, events, T + DAY)).toEqual([]);
    expect(projectCase(events)?.replies).toHaveLength(1);
  });

  it('S8-9 callback within 3 days of the end of handling, by visit or phone', () => {
    const resolvedAt = T + 2 * DAY;
    const events = [complaint(), makeEvent('case.resolved', { result: '已修复' }, resolvedAt)];
    const due = callbackDue(policy, events);
    expect(due?.dueAt).toBe(resolvedAt + 3 * DAY);
    expect(due?.rule.methods).toEqual(['visit', 'phone']);
    expect(stageById(slaStagesFor(policy, events, resolvedAt + 4 * DAY), 'callback').state).toBe('breached');
  });

  it('S8-10 monthly: last month figures by the 2nd, the summary to the office director by the 5th', () => {
    const duties = new Map((policy.duties ?? []).map((d) => [d.id, d]));
    const figures = duties.get('monthly_figures')!;
    const report = duties.get('monthly_report')!;
    expect(figures.output).toBe('投诉数据汇总表');
    expect(report.reportToRole).toBe('office_director');
    const december = dutyOccurrences([figures, report], cst(2026, 12, 1), cst(2027, 1, 1), policy.utcOffsetMinutes);
    // Both report on November: the figures by the end of 2 December, the summary by the end of 5 December.
    expect(december.map((o) => [o.dutyId, o.dueAt, o.covers.key])).toEqual([
      ['monthly_figures', cst(2026, 12, 3), '2026-11'],
      ['monthly_report', cst(2026, 12, 6), '2026-11'],
    ]);
  });

  it('S8-11 repeated complaints: the director convenes a meeting with corrective and preventive actions', () => {
    expect(policy.duties?.find((d) => d.id === 'repeat_meeting')).toMatchObject({
      role: 'office_director',
      items: ['组织有关部门召开会议进行分析解决', '采取有效的纠正预防措施'],
    });
  });

  it('S8-12 the three records: complaint register, owner visit record, complaint data summary', () => {
    expect(policy.forms.map((f) => f.title)).toEqual(['业主(用户)投诉处理登记表', '访问业主(用户)记录表', '投诉数据汇总表']);
  });

  it('S8-3 the category decides validity: outside the commitments is invalid, developer issues are valid but external', () => {
    expect(categoryAdmissibility(policy, 'out_of_commitment')).toEqual({ valid: false });
    expect(categoryAdmissibility(policy, 'developer')).toEqual({ valid: true, external: '开发商相关部门' });
    expect(categoryAdmissibility(policy, 'engineering')).toEqual({ valid: true });
  });
});
