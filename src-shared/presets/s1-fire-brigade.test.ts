import { describe, expect, it } from 'vitest';
import { slaStagesFor } from '../domain/sla';
import { projectCase } from '../domain/projection';
import { riskFlagAlerts } from '../domain/alerts';
import { fireBrigadePreset } from './s1-fire-brigade';
import { appointmentsOn, dutyOccurrences } from '../analytics/duties';
import { intakeDefaults, intakeSchemaFor } from '../domain/intake';
import { DAY, HOUR, MINUTE, cst, makeEvent, makeRegistration, policyOf, stageById } from './presets.fixtures';
import { validateAction } from '../domain/actions';
import { canRevealIdentity, maskComplainant } from '../domain/masking';

// RULES.md S1 — 火灾隐患举报投诉查处工作制度.

const policy = policyOf(fireBrigadePreset);
const T = cst(2026, 11, 27, 10, 0); // Friday

function report(at = T, extra: Parameters<typeof makeRegistration>[1] = {}) {
  return makeRegistration(at, {
    kind: 'report',
    channel: 'hotline_96119',
    category: 'fire_hazard',
    complainant: { anonymous: false, confidential: true, name: '举报人', phone: '13900000000' },
    form: { hazardPlace: '某商场安全出口' },
    ...extra,
  });
}

describe('S1 fire brigade preset', () => {
  it('S1-1 the 24-hour hotline clock never stops: 3 days from a Friday evening assignment end on Monday evening', () => {
    expect(policy.channels.map((c) => c.code)).toEqual(expect.arrayContaining(['hotline_96119', 'hotline']));
    expect(policy.stages.every((s) => s.clock === 'natural')).toBe(true);
    const assignedAt = cst(2026, 11, 27, 18, 0);
    const events = [report(), makeEvent('case.assigned', { departmentId: 'fire_supervision' }, assignedAt)];
    expect(stageById(slaStagesFor(policy, events, assignedAt + HOUR), 'investigation').dueAt).toBe(cst(2026, 11, 30, 18, 0));
  });

  it('S1-2 first-ask: the duty officer who first receives the report stays responsible after hand-over', () => {
    expect(policy.roles.find((r) => r.code === 'duty_officer')?.description).toContain('首问');
    const events = [
      report(T, { firstReceiverId: 'duty-officer-zhang' }),
      makeEvent('case.assigned', { departmentId: 'fire_supervision', assigneeId: 'inspector-sun' }, T + HOUR),
      makeEvent('case.transferred', { toDepartmentId: 'brigade_office', reason: '转办公室' }, T + 2 * HOUR),
    ];
    expect(projectCase(events)?.firstReceiverId).toBe('duty-officer-zhang');
  });

  it('S1-3 reported to the duty chief the same day, then transferred with a time limit after the chief instruction', () => {
    const late = cst(2026, 11, 27, 22, 30);
    const s = slaStagesFor(policy, [report(late)], late + MINUTE);
    expect(stageById(s, 'report_to_chief').dueAt).toBe(cst(2026, 11, 28, 0, 0));
    const reported = [
      report(late),
      makeEvent('case.approval_requested', { approvalId: 'chief_instruction', step: 'chief', role: 'duty_chief' }, late + 20 * MINUTE),
    ];
    expect(stageById(slaStagesFor(policy, reported, late + HOUR), 'report_to_chief').state).toBe('met');
    expect(policy.approvals.find((a) => a.id === 'chief_instruction')).toMatchObject({ before: 'case.assigned', steps: [{ role: 'duty_chief' }] });
    // 限时办理: the chief's own limit on the transfer wins when it is tighter than the default.
    const limited = [report(), makeEvent('case.assigned', { departmentId: 'fire_supervision', dueAt: T + DAY }, T + HOUR)];
    expect(stageById(slaStagesFor(policy, limited, T + 2 * HOUR), 'investigation').dueAt).toBe(T + DAY);
  });

  it('S1-4 a matter for a higher or peer authority is forwarded after leader approval; a non-fire matter is explained with a referral', () => {
    const higher = policy.categories.find((c) => c.code === 'higher_authority');
    expect(higher?.external).toBe('上级或同级消防机构');
    expect(policy.approvals.find((a) => a.id === 'forward_approval')).toMatchObject({
      appliesTo: { categories: ['higher_authority'] },
      before: 'case.transferred',
      steps: [{ role: 'main_leader' }],
    });
    const reason = policy.inadmissibleReasons.find((r) => r.code === 'not_fire_matter')!;
    expect(reason.text).toContain('书面答复');
    const state = projectCase([
      report(),
      makeEvent('case.rejected', { reasonCode: reason.code, explanation: reason.text, referral: reason.referral }, T + HOUR),
    ]);
    expect(state?.rejection?.referral).toContain('相关部门单位');
  });

  it('S1-5 the reporter identity is confidential from intake and only the leaders may reveal it, on record', () => {
    expect(policy.confidentialByDefault).toBe(true);
    expect(policy.identityViewerRoles).toEqual(['main_leader', 'duty_chief']);
    const state = projectCase([report(), makeEvent('case.identity_viewed', { reason: '核实举报内容' }, T + HOUR, { actorId: 'leader-wang' })]);
    expect(state?.complainant.confidential).toBe(true);
    expect(state?.identityViews).toEqual([{ reason: '核实举报内容', at: T + HOUR, by: 'leader-wang' }]);
  });

  it('S1-6 suicide, violence, explosion or mass-incident signs alert the duty chief and the main leader at once', () => {
    for (const flag of ['suicide', 'violence', 'explosion', 'mass_incident']) {
      const alerts = riskFlagAlerts(policy, makeEvent('case.risk_flagged', { flag }, T));
      expect(
        alerts.map((a) => a.roles),
        flag,
      ).toEqual([['duty_chief', 'main_leader']]);
    }
    const atIntake = riskFlagAlerts(policy, report(T, { riskFlags: ['explosion', 'mass_incident'] }));
    expect(atIntake.map((a) => a.flagName)).toEqual(['爆炸', '可能引发群体性事件']);
  });

  it('S1-7 a risk of continuing or going over the brigade head is reported upward truthfully', () => {
    const alerts = riskFlagAlerts(policy, makeEvent('case.risk_flagged', { flag: 'over_head', note: '扬言到支队反映' }, T));
    expect(alerts[0]).toMatchObject({ flagName: '可能继续或越级举报投诉', roles: ['main_leader'] });
    expect(policy.riskFlags.find((f) => f.code === 'over_head')?.reportExternally).toEqual(['上级消防机构']);
  });

  it('S1-8 the leaders reception day is the last Friday morning of every month', () => {
    const duty = policy.duties!.find((d) => d.id === 'leaders_reception_day')!;
    const sessions = dutyOccurrences([duty], cst(2026, 11, 1), cst(2027, 2, 1), policy.utcOffsetMinutes);
    // 2026-11-27, 2026-12-25 and 2027-01-29 are the last Fridays of their months.
    expect(sessions.map((o) => [o.type, o.at, o.until, o.role])).toEqual([
      ['session', cst(2026, 11, 27, 8, 30), cst(2026, 11, 27, 12, 0), 'main_leader'],
      ['session', cst(2026, 12, 25, 8, 30), cst(2026, 12, 25, 12, 0), 'main_leader'],
      ['session', cst(2027, 1, 29, 8, 30), cst(2027, 1, 29, 12, 0), 'main_leader'],
    ]);
    expect(policy.receptionPoints).toContain('火灾隐患举报投诉信访接待室');
  });

  it("S1-8 a visitor booked at intake appears on that reception day's appointment list", () => {
    const schema = intakeSchemaFor(policy, 'complaint');
    const field = policy.forms[0]!.fields.find((f) => f.key === 'receptionDay');
    expect(field).toMatchObject({ type: 'date', required: false });
    const defaults = intakeDefaults(policy, 'complaint', T);
    const values = {
      ...defaults,
      channel: 'visit',
      category: 'staff_conduct',
      subject: '要求面见大队领导',
      form: { ...defaults.form, hazardPlace: '城东仓库', receptionDay: '2026-11-27' },
    };
    const parsed = schema.safeParse(values);
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toBeUndefined();
    const booked = projectCase([makeRegistration(T, { form: { hazardPlace: '城东仓库', receptionDay: '2026-11-27' } }, { caseId: 'visit-booked' })])!;
    const other = projectCase([
      makeRegistration(T + HOUR, { number: 'HZ01-20261127-002', form: { hazardPlace: '城西', receptionDay: '2026-12-25' } }, { caseId: 'visit-later' }),
    ])!;
    expect(appointmentsOn([booked, other], '2026-11-27').map((c) => c.id)).toEqual([booked.id]);
  });

  it('S1-9 a staff member with a direct interest steps aside, and the recusal is on record', () => {
    const events = [
      report(),
      makeEvent('case.assigned', { departmentId: 'fire_supervision', assigneeId: 'inspector-sun' }, T + HOUR),
      makeEvent('case.recused', { staffId: 'inspector-sun', reason: '与被举报单位负责人系亲属' }, T + 2 * HOUR),
    ];
    const state = projectCase(events);
    expect(state?.recusedStaffIds).toEqual(['inspector-sun']);
    expect(state?.assigneeIds).not.toContain('inspector-sun');
  });

  it('S1-10 the handling opinion is approved by the administrative leader before feedback', () => {
    expect(policy.approvals.find((a) => a.id === 'handling_opinion')).toMatchObject({
      before: 'case.feedback_given',
      steps: [{ role: 'admin_leader', label: '行政领导审批处理意见' }],
    });
    const events = [
      report(),
      makeEvent('case.assigned', { departmentId: 'fire_supervision' }, T + HOUR),
      makeEvent('case.investigated', { inspectorIds: ['inspector-sun', 'inspector-zhou'], findings: '安全出口上锁属实' }, T + DAY),
    ];
    expect(stageById(slaStagesFor(policy, events, T + 2 * DAY), 'investigation')).toMatchObject({ state: 'met', metAt: T + DAY });
  });

  it('S1-11 the result is fed back to the reporter; when impossible, the reason is recorded', () => {
    const resolvedAt = T + 2 * DAY;
    const events = [report(), makeEvent('case.resolved', { result: '责令整改' }, resolvedAt)];
    expect(stageById(slaStagesFor(policy, events, resolvedAt + HOUR), 'feedback').dueAt).toBe(resolvedAt + 3 * DAY);
    const impossible = [...events, makeEvent('case.feedback_impossible', { reason: '匿名举报,无联系方式' }, resolvedAt + HOUR)];
    expect(stageById(slaStagesFor(policy, impossible, resolvedAt + 4 * DAY), 'feedback').state).toBe('met');
    expect(projectCase(impossible)?.feedback).toMatchObject({ given: false, reason: '匿名举报,无联系方式' });
  });

  it('S1-12 periodic situation analysis of reports', () => {
    expect(policy.analysisPeriods).toEqual(expect.arrayContaining(['monthly', 'quarterly']));
    expect(policy.duties?.find((d) => d.id === 'situation_analysis')).toMatchObject({ role: 'duty_chief', reportToRole: 'main_leader' });
  });

  it('S1-13 each archive holds the registration form, written materials, investigation evidence and the handling report', () => {
    expect(policy.archiveSections?.map((s) => s.title)).toEqual(['举报投诉处理登记表', '举报投诉书面材料', '调查、处理、核实的有关证据', '举报投诉处理报告']);
    expect(policy.forms[0]?.title).toBe('举报投诉处理登记表');
  });

  it('S1-14 a verified report earns 300–1000 yuan by the hazard danger level, approved by the main leader', () => {
    const reward = policy.rewards.find((r) => r.id === 'hazard_report_reward')!;
    expect(reward).toMatchObject({ trigger: 'hazard_verified', approverRole: 'main_leader' });
    expect(reward.levels[0]?.min).toBe(300);
    expect(reward.levels.at(-1)?.max).toBe(1000);
    for (let i = 1; i < reward.levels.length; i++) expect(reward.levels[i]!.min).toBeGreaterThanOrEqual(reward.levels[i - 1]!.max);
    const state = projectCase([
      report(),
      makeEvent('case.investigated', { inspectorIds: ['inspector-sun', 'inspector-zhou'], findings: '属实', verified: true, dangerLevel: 'major' }, T + DAY),
    ]);
    expect(state?.investigations[0]).toMatchObject({ verified: true, dangerLevel: 'major' });
    expect(reward.levels.find((l) => l.level === state?.investigations[0]?.dangerLevel)).toMatchObject({ min: 800, max: 1000 });
  });

  it('S1-15 an overdue investigation is breached, the main leader is told, and it feeds the accountability list', () => {
    const events = [report(), makeEvent('case.assigned', { departmentId: 'fire_supervision' }, T + HOUR)];
    expect(stageById(slaStagesFor(policy, events, T + 4 * DAY), 'investigation')).toMatchObject({ state: 'breached', notifyRoles: ['main_leader'] });
    const accountability = policy.penalties.find((p) => p.id === 'accountability');
    // No stage list: a breach of any stage counts.
    expect(accountability?.trigger).toEqual({ on: 'breach' });
    expect(accountability?.approverRole).toBe('main_leader');
  });

  it('S1-10 feedback is refused until the administrative leader has approved the handling opinion', () => {
    const leader = { id: 'leader-zhao', roles: ['admin_leader'] };
    const officer = { id: 'duty-zhang', roles: ['duty_officer'] };
    const feedback = { type: 'case.feedback_given' as const, payload: { method: 'phone', content: '已责令整改' } };
    const handled = [report(), makeEvent('case.resolved', { result: '责令整改' }, T + DAY)];
    const before = validateAction(projectCase(handled)!, policy, officer, feedback, T + DAY + HOUR, handled);
    expect(before.ok ? '' : before.errors[0]?.code).toBe('action.approvalPending');
    const approved = [
      ...handled,
      makeEvent('case.approval_requested', { approvalId: 'handling_opinion', step: 'admin_leader', role: 'admin_leader' }, T + DAY + HOUR, {
        actorId: officer.id,
      }),
      makeEvent(
        'case.approval_decided',
        { approvalId: 'handling_opinion', step: 'admin_leader', role: 'admin_leader', approved: true, opinion: '同意' },
        T + DAY + 2 * HOUR,
        { actorId: leader.id },
      ),
    ];
    expect(validateAction(projectCase(approved)!, policy, officer, feedback, T + DAY + 3 * HOUR, approved).ok).toBe(true);
  });

  it('S1-5 a confidential reporter is masked for the duty officer; only the leaders may reveal the identity', () => {
    const shown = maskComplainant(projectCase([report()])!.complainant, canRevealIdentity(policy, { roles: ['duty_officer'] }));
    expect([shown.name, shown.phone]).toEqual(['举**', '139****0000']);
    expect(canRevealIdentity(policy, { roles: ['main_leader'] })).toBe(true);
    expect(canRevealIdentity(policy, { roles: ['inspector'] })).toBe(false);
  });
});
