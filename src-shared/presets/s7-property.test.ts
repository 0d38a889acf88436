import { describe, expect, it } from 'vitest';
import { callbackDue, slaEvaluation, slaStagesFor } from '../domain/sla';
import { projectCase } from '../domain/projection';
import { propertyPreset } from './s7-property';
import { DAY, HOUR, MINUTE, cst, makeEvent, makeRegistration, policyOf, registerThroughIntake, stageById } from './presets.fixtures';
import { caseDeadlineSummary } from '../domain/sla';
import { stageAlerts } from '../domain/alerts';
import { availableActions, validateAction } from '../domain/actions';

// RULES.md S7 — 业户意见和投诉处理工作制度, proved on the preset through the SLA engine and the projection.

const policy = policyOf(propertyPreset);
/** Friday 2026-11-27 10:00 Beijing time. */
const T = cst(2026, 11, 27, 10, 0);

function complaint(severity: string, extra: Parameters<typeof makeRegistration>[1] = {}) {
  return makeRegistration(T, { channel: 'hotline', category: 'facilities', severity, form: { roomNo: '3-1-802' }, ...extra });
}

describe('S7 property preset', () => {
  it('S7-1 24-hour owners hotline: a reply deadline runs through the night on the natural clock', () => {
    expect(policy.channels.find((c) => c.code === 'hotline')?.name).toContain('24小时');
    expect(policy.receptionPoints.some((p) => p.includes('业主服务中心'))).toBe(true);
    expect(policy.receptionPoints.some((p) => p.includes('监控中心'))).toBe(true);
    const night = cst(2026, 11, 28, 23, 30); // Saturday night
    const stages = slaStagesFor(policy, [makeRegistration(night, { channel: 'hotline', severity: 'general', category: 'facilities' })], night + MINUTE);
    expect(stageById(stages, 'general_reply').dueAt).toBe(cst(2026, 11, 29, 0, 30));
  });

  it('S7-15 a suggestion, though the shared form asks its 等级, runs none of the complaint deadlines (S7-13); a complaint of that 等级 does', () => {
    const at = cst(2026, 11, 27, 10);
    const ids = (kind: string) =>
      slaStagesFor(
        policy,
        [makeRegistration(at, { kind, channel: 'hotline', severity: 'general', category: kind === 'suggestion' ? 'suggestion' : 'facilities' })],
        at + MINUTE,
      ).map((s) => s.stageId);
    expect(ids('suggestion').filter((id) => /^(general|important|major)_/.test(id))).toEqual([]);
    expect(ids('complaint')).toEqual(expect.arrayContaining(['general_reply', 'general_resolve']));
    expect(ids('opinion')).toEqual(expect.arrayContaining(['general_reply', 'general_resolve']));
  });

  it('S7-2 the zone butler takes on-site complaints, the service assistant visits, letters and faxes', () => {
    const roles = new Map(policy.roles.map((r) => [r.code, r.description ?? '']));
    expect(roles.get('butler')).toContain('现场');
    expect(roles.get('service_assistant')).toMatch(/来访.*信函.*传真/);
    expect(policy.channels.map((c) => c.code)).toEqual(expect.arrayContaining(['onsite', 'visit', 'letter', 'fax']));
  });

  it('S7-3 layered reporting: an important complaint goes at once to the senior and chief butler, a major one up to the project head and branch GM', () => {
    const important = slaStagesFor(policy, [complaint('important')], T + MINUTE);
    expect(stageById(important, 'important_reply').notifyRoles).toEqual(['senior_butler', 'chief_butler']);
    const major = slaStagesFor(policy, [complaint('major')], T + MINUTE);
    expect(stageById(major, 'major_reply').notifyRoles).toEqual(['project_head', 'chief_butler', 'branch_gm']);
    // The chief takes the final decision on major complaints; the senior butler does the monthly statistics.
    expect(policy.approvals.find((a) => a.id === 'major_decision')?.steps.map((s) => s.role)).toEqual(['chief_butler']);
    expect(policy.duties?.find((d) => d.id === 'monthly_statistics')).toMatchObject({ every: 'monthly', role: 'senior_butler' });
  });

  it('S7-4 the office and hotline are published with the policy', () => {
    expect(policy.publicContact).toMatchObject({ office: '业主服务中心' });
    expect(policy.publicContact?.hours).toContain('24小时');
  });

  it('S7-5 first-ask: whoever receives it, in any department, stays its first receiver after it is passed on', () => {
    const events = [
      complaint('general', { firstReceiverId: 'security-guard-7' }),
      makeEvent('case.transferred', { toDepartmentId: 'engineering', reason: '漏水属工程部' }, T + 10 * MINUTE),
    ];
    const state = projectCase(events);
    expect(state?.firstReceiverId).toBe('security-guard-7');
    expect(state?.departmentId).toBe('engineering');
  });

  it('S7-6 every complaint goes into the 客户投诉登记表; weekly statistics to the senior and chief butler; the chief signs before archiving', () => {
    expect(policy.forms.map((f) => f.title)).toEqual(['客户投诉登记表']);
    expect(policy.kinds.every((k) => k.formId === 'customer_complaint_register')).toBe(true);
    const weekly = policy.duties?.find((d) => d.id === 'weekly_statistics');
    expect(weekly).toMatchObject({ every: 'weekly', reportToRole: 'chief_butler' });
    expect(weekly?.items?.join()).toContain('物业大管家');
    const signoff = policy.approvals.find((a) => a.id === 'register_signoff');
    expect(signoff).toMatchObject({ before: 'case.closed', steps: [{ role: 'chief_butler' }] });
  });

  it('S7-7 a weekly analysis of repeated problems', () => {
    expect(policy.analysisPeriods).toContain('weekly');
    expect(policy.duties?.find((d) => d.id === 'weekly_analysis')).toMatchObject({ every: 'weekly', role: 'senior_butler' });
  });

  it('S7-8 the result is reported back to the owner and to the superior', () => {
    const events = [
      complaint('general'),
      makeEvent('case.replied', { to: 'complainant', method: 'phone', content: '已安排维修' }, T + 30 * MINUTE),
      makeEvent('case.replied', { to: 'superior', method: 'phone', content: '已处理完毕' }, T + 40 * MINUTE),
    ];
    expect(projectCase(events)?.replies.map((r) => r.to)).toEqual(['complainant', 'superior']);
    expect(stageById(slaStagesFor(policy, events, T + HOUR), 'general_reply')).toMatchObject({ state: 'met', metAt: T + 30 * MINUTE });
  });

  it('S7-9 a follow-up item is handled or answered within 24 h, else the senior butler is told', () => {
    const assigned = T + 15 * MINUTE;
    const events = [complaint('general'), makeEvent('case.assigned', { departmentId: 'engineering' }, assigned)];
    const running = stageById(slaStagesFor(policy, events, assigned + HOUR), 'follow_up');
    expect(running).toMatchObject({ state: 'running', dueAt: assigned + 24 * HOUR });
    const late = stageById(slaStagesFor(policy, events, assigned + 25 * HOUR), 'follow_up');
    expect(late).toMatchObject({ state: 'breached', notifyRoles: ['senior_butler'] });
  });

  it('S7-10 solved on the spot meets the deadlines with no hand-over; otherwise the hand-over starts the follow-up clock', () => {
    const onSpot = [
      complaint('general'),
      makeEvent('case.replied', { to: 'complainant', method: 'onsite', content: '当场解决' }, T + 5 * MINUTE),
      makeEvent('case.resolved', { result: '当场更换灯泡' }, T + 5 * MINUTE),
    ];
    const s = slaStagesFor(policy, onSpot, T + HOUR);
    expect(stageById(s, 'general_resolve').state).toBe('met');
    expect(stageById(s, 'follow_up').state).toBe('pending');
    const passedOn = [complaint('general'), makeEvent('case.transferred', { toDepartmentId: 'security', reason: '超出管家职权' }, T + 5 * MINUTE)];
    expect(stageById(slaStagesFor(policy, passedOn, T + HOUR), 'follow_up').startedAt).toBe(T + 5 * MINUTE);
  });

  it('S7-11 municipal matters (water, power, gas, roads, post, telecom) are explained and coordinated with the municipal bodies', () => {
    const municipal = policy.categories.find((c) => c.code === 'municipal');
    expect(municipal?.name).toMatch(/水.*电.*气.*道路.*邮电.*通讯/);
    expect(municipal?.external).toBe('市政有关部门');
    expect(municipal?.departmentId).toBe('service_center');
  });

  it('S7-12 three classes with the regulation definitions, major above important above general', () => {
    const sev = new Map(policy.severities.map((s) => [s.code, s]));
    expect(sev.get('major')?.definition).toContain('一个月内得不到合理解决');
    expect(sev.get('major')?.definition).toContain('人身伤害');
    expect(sev.get('important')?.definition).toContain('不到位、有过失');
    expect(sev.get('general')?.definition).toContain('轻微不便');
    expect(sev.get('major')!.rank).toBeGreaterThan(sev.get('important')!.rank);
    expect(sev.get('important')!.rank).toBeGreaterThan(sev.get('general')!.rank);
  });

  it('S7-13 important complaint: reply within 3 h, resolve within 3 days; overrun only with the chief butler approval', () => {
    const requested = makeEvent(
      'case.extension_requested',
      { requestId: 'x1', stageId: 'important_resolve', newDueAt: T + 5 * DAY, reason: '等待配件' },
      T + 2 * DAY,
    );
    const s = slaStagesFor(policy, [complaint('important')], T + MINUTE);
    expect(stageById(s, 'important_reply').dueAt).toBe(T + 3 * HOUR);
    expect(stageById(s, 'important_resolve').dueAt).toBe(T + 3 * DAY);
    const bySenior = [
      complaint('important'),
      requested,
      makeEvent('case.extension_decided', { requestId: 'x1', approved: true, approverRole: 'senior_butler' }, T + 2 * DAY + HOUR),
    ];
    expect(stageById(slaStagesFor(policy, bySenior, T + 4 * DAY), 'important_resolve')).toMatchObject({ state: 'breached', extended: false });
    const byChief = [
      complaint('important'),
      requested,
      makeEvent('case.extension_decided', { requestId: 'x1', approved: true, approverRole: 'chief_butler' }, T + 2 * DAY + HOUR),
    ];
    expect(stageById(slaStagesFor(policy, byChief, T + 4 * DAY), 'important_resolve')).toMatchObject({
      state: 'warning',
      extended: true,
      dueAt: T + 5 * DAY,
      originalDueAt: T + 3 * DAY,
    });
  });

  it('S7-13 general complaint: reply within 1 h, resolve within 2 days; the senior butler approves an overrun', () => {
    const s = slaStagesFor(policy, [complaint('general')], T + MINUTE);
    expect(stageById(s, 'general_reply').dueAt).toBe(T + HOUR);
    expect(stageById(s, 'general_resolve').dueAt).toBe(T + 2 * DAY);
    expect(policy.stages.find((x) => x.id === 'general_resolve')?.extensionApproverRole).toBe('senior_butler');
  });

  it('S7-13 major complaint: reported at once, reply within 24 h, resolved within a week, and no extension', () => {
    const events = [
      complaint('major'),
      makeEvent('case.extension_requested', { requestId: 'x2', stageId: 'major_resolve', newDueAt: T + 14 * DAY, reason: '延期' }, T + DAY),
      makeEvent('case.extension_decided', { requestId: 'x2', approved: true, approverRole: 'chief_butler' }, T + DAY),
    ];
    const s = slaStagesFor(policy, events, T + 2 * DAY);
    expect(stageById(s, 'major_reply')).toMatchObject({ dueAt: T + 24 * HOUR, state: 'breached' });
    expect(stageById(s, 'major_resolve')).toMatchObject({ dueAt: T + 7 * DAY, extended: false });
    // Only the stages of the complaint's own class apply.
    expect(s.map((x) => x.stageId)).not.toContain('general_reply');
  });

  it('S7-14 the butler calls back on the owner after the complaint is resolved', () => {
    const resolvedAt = T + DAY;
    const due = callbackDue(policy, [complaint('general'), makeEvent('case.resolved', { result: '已修复' }, resolvedAt)]);
    expect(due?.dueAt).toBe(resolvedAt + 7 * DAY);
    expect(due?.rule.methods).toContain('visit');
    expect(policy.callbackRole).toBe('butler');
  });

  it('S7-15 reasonable suggestions are recorded and routed to the service centre for improvement, without a callback', () => {
    const suggestion = policy.categories.find((c) => c.code === 'suggestion');
    expect(suggestion).toMatchObject({ departmentId: 'service_center', kinds: ['suggestion'] });
    const events = [
      makeRegistration(T, { kind: 'suggestion', channel: 'visit', category: 'suggestion' }),
      makeEvent('case.resolved', { result: '已转工程部整改' }, T + DAY),
    ];
    expect(callbackDue(policy, events)).toBeUndefined();
  });

  it("S7-13 general complaint: the owner's requested deadline, when earlier than two days, is the deadline, with its own timer and alert", () => {
    const viaIntake = (ownerDeadline: string) =>
      registerThroughIntake(policy, T, { channel: 'hotline', category: 'facilities', severity: 'general', form: { roomNo: '3-1-802', ownerDeadline } });
    // The owner wants it fixed by tomorrow 18:00 (Beijing): that, not two days, is when the case is due.
    const early = [viaIntake('2026-11-28T18:00')];
    const atStart = slaStagesFor(policy, early, T + MINUTE);
    expect(stageById(atStart, 'general_owner_deadline')).toMatchObject({ dueAt: cst(2026, 11, 28, 18), state: 'running' });
    expect(stageById(atStart, 'general_resolve').dueAt).toBe(T + 2 * DAY);
    expect(caseDeadlineSummary(atStart.filter((x) => x.stageId !== 'general_reply'))?.stageId).toBe('general_owner_deadline');
    // Missing it raises its own breach alert to the senior butler, while the two-day stage still runs.
    const after = slaStagesFor(policy, early, cst(2026, 11, 28, 18, 1));
    expect(stageById(after, 'general_resolve').state).toBe('running');
    expect(stageAlerts(atStart, after).filter((a) => a.kind === 'breach' && a.stageId !== 'general_reply')).toEqual([
      expect.objectContaining({
        stageId: 'general_owner_deadline',
        stageName: '一般投诉:业户要求的解决期限',
        roles: ['senior_butler'],
        dueAt: cst(2026, 11, 28, 18),
      }),
    ]);
    // Resolved before the owner's time: met.
    const met = slaStagesFor(policy, [...early, makeEvent('case.resolved', { result: '已修复' }, cst(2026, 11, 28, 12))], cst(2026, 12, 5));
    expect(stageById(met, 'general_owner_deadline')).toMatchObject({ state: 'met', metLate: false });
    // An owner's date later than two days, or none: two days is the deadline and no second timer runs.
    for (const later of [viaIntake('2026-12-10T18:00'), viaIntake('')]) {
      const stages = slaStagesFor(policy, [later], T + MINUTE);
      expect(stages.map((x) => x.stageId)).not.toContain('general_owner_deadline');
      expect(caseDeadlineSummary(stages.filter((x) => x.stageId !== 'general_reply'))?.dueAt).toBe(T + 2 * DAY);
    }
  });

  it('S7-16 "一个月" is a calendar month (民法典 art. 201–203): unresolved at 24:00 of the corresponding day, the complaint becomes major', () => {
    // Registered 27 Nov: the month ends with 27 Dec (24:00); 30 days would have been 27 Dec 10:00.
    const events = [registerThroughIntake(policy, T, { channel: 'hotline', category: 'facilities', severity: 'general', form: { roomNo: '3-1-802' } })];
    expect(slaEvaluation(policy, events, cst(2026, 12, 27, 23, 59)).escalatedSeverity).toBeUndefined();
    const later = slaEvaluation(policy, events, cst(2026, 12, 28, 0, 1));
    expect(later.escalatedSeverity).toMatchObject({ from: 'general', to: 'major', stageId: 'unresolved_month', at: cst(2026, 12, 28) });
    // 31 January has no 31 February: the month ends with the last day of February.
    const jan31 = cst(2027, 1, 31, 10);
    const short = [registerThroughIntake(policy, jan31, { channel: 'hotline', category: 'facilities', severity: 'important', form: { roomNo: '3-1-802' } })];
    expect(stageById(slaStagesFor(policy, short, jan31 + MINUTE), 'unresolved_month').dueAt).toBe(cst(2027, 3, 1));
    // Resolved within the month: it stays general.
    const resolved = [...events, makeEvent('case.resolved', { result: '已修复' }, T + 10 * DAY)];
    expect(slaEvaluation(policy, resolved, T + 40 * DAY).escalatedSeverity).toBeUndefined();
  });

  it("S7-16 once major, the chief butler's week runs from the escalation; the lateness before it stays on record", () => {
    const events = [
      registerThroughIntake(policy, T, { channel: 'hotline', category: 'facilities', severity: 'general', form: { roomNo: '3-1-802' } }),
      makeEvent('case.replied', { to: 'complainant', method: 'phone', content: '已安排维修' }, T + 30 * MINUTE),
    ];
    const becameMajor = cst(2026, 12, 28);
    const s = slaEvaluation(policy, events, becameMajor + DAY).stages;
    // Not born weeks overdue: one week (and 24 h for the clear reply) from the moment it became major.
    expect(stageById(s, 'major_resolve')).toMatchObject({ startedAt: becameMajor, dueAt: becameMajor + 7 * DAY, state: 'running' });
    expect(stageById(s, 'major_reply')).toMatchObject({ startedAt: becameMajor, dueAt: becameMajor + DAY, state: 'breached' });
    // The general stages as they stood when it became major: the two-day resolve was missed, the month ran out.
    expect(stageById(s, 'general_resolve')).toMatchObject({ state: 'breached', dueAt: T + 2 * DAY, stoppedAt: becameMajor });
    expect(stageById(s, 'unresolved_month')).toMatchObject({ state: 'breached', stoppedAt: becameMajor });
    expect(stageById(s, 'general_reply')).toMatchObject({ state: 'met', metLate: false });
    // Only live stages drive the queue's timer: the major week.
    expect(caseDeadlineSummary(s)?.stageId).toBe('major_reply');
  });

  it("S7-16 S7-3 an escalated complaint waits for the chief butler's decision like a major one, at the desk and the server alike (one check)", () => {
    const reg = registerThroughIntake(policy, T, { channel: 'hotline', category: 'facilities', severity: 'important', form: { roomNo: '3-1-802' } });
    const butler = { id: 'b', roles: ['butler'] };
    const chief = { id: 'c', roles: ['chief_butler'] };
    const resolve = { type: 'case.resolved' as const, payload: { result: '已修复' } };
    const verdict = (log: (typeof reg)[], at: number) => {
      const r = validateAction(projectCase(log)!, policy, butler, resolve, at, log);
      return r.ok ? 'ok' : r.errors.map((e) => e.message['zh-CN']).join(' | ');
    };
    // Within the month it is an important complaint: no final decision is needed to resolve it.
    expect(verdict([reg], cst(2026, 12, 27, 23, 59))).toBe('ok');
    // From 28 Dec it counts as major (S7-16): resolving waits for 重大投诉最终处理决定 by the chief butler (S7-3).
    const late = cst(2026, 12, 28, 10);
    expect(verdict([reg], late)).toContain('重大投诉最终处理决定');
    expect(verdict([reg], late)).toContain('首席物业管家');
    const offered = availableActions(projectCase([reg])!, policy, butler, late, [reg]);
    expect(offered.find((a) => a.action === 'resolve')).toMatchObject({ allowed: false, code: 'action.approvalPending' });
    expect(offered.find((a) => a.action === 'requestApproval')?.allowed).toBe(true);
    // The chief's decision is asked for, given, and then the case may be resolved.
    const request = makeEvent(
      'case.approval_requested',
      { approvalId: 'major_decision', step: 'chief', role: 'chief_butler', note: '超期一个月，请作出最终处理决定' },
      late,
    );
    expect(validateAction(projectCase([reg])!, policy, butler, request, late, [reg]).ok).toBe(true);
    const decided = makeEvent(
      'case.approval_decided',
      { approvalId: 'major_decision', step: 'chief', role: 'chief_butler', approved: true, opinion: '同意更换' },
      late + HOUR,
      { actorId: chief.id },
    );
    expect(validateAction(projectCase([reg, request])!, policy, chief, decided, late + HOUR, [reg, request]).ok).toBe(true);
    expect(verdict([reg, request, decided], late + 2 * HOUR)).toBe('ok');
  });

  it('S7-16 only a valid complaint escalates: one classified invalid stays as it was', () => {
    const reg = registerThroughIntake(policy, T, { channel: 'hotline', category: 'facilities', severity: 'general', form: { roomNo: '3-1-802' } });
    const invalid = [reg, makeEvent('case.classified', { valid: false, note: '非公司责任' }, T + HOUR)];
    const e = slaEvaluation(policy, invalid, T + 60 * DAY);
    expect(e.escalatedSeverity).toBeUndefined();
    expect(e.stages.map((x) => x.stageId)).not.toContain('major_resolve');
    const valid = [reg, makeEvent('case.classified', { valid: true }, T + HOUR)];
    expect(slaEvaluation(policy, valid, T + 60 * DAY).escalatedSeverity?.to).toBe('major');
  });
});
