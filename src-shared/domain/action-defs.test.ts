import { describe, expect, it } from 'vitest';
import { ACTION_DEFS, availableActions, validateAction, type Actor } from './actions';
import { projectCase } from './projection';
import { slaStagesFor } from './sla';
import type { CaseEvent, NewEvent } from './events';
import { gasStationPreset } from '../presets/s6-gas-station';
import { propertyServicePreset } from '../presets/s10-property-service';
import { officeReceptionPreset } from '../presets/s11-office-reception';
import { constructionSitePreset } from '../presets/s2-construction-site';
import { DAY, HOUR, cst, makeEvent, makeRegistration, policyOf, stageById } from '../presets/presets.fixtures';

// The action table's own rules (issue 12 "one definition per action", issue 16 findings 4–6).

const T = cst(2026, 11, 27, 10, 0);
const check = (events: CaseEvent[], policy: ReturnType<typeof policyOf>, actor: Actor, e: NewEvent, at = T + DAY) => {
  const r = validateAction(projectCase(events)!, policy, actor, e, at, events);
  return r.ok ? 'ok' : r.errors.map((x) => x.message['zh-CN']).join(' | ');
};

describe('ActionDef table', () => {
  it('has one definition per event type, each with a label and the statuses it is allowed in', () => {
    const events = Object.values(ACTION_DEFS).map((d) => d.event);
    expect(new Set(events).size).toBe(events.length);
    for (const d of Object.values(ACTION_DEFS)) expect(d.allowedIn.length).toBeGreaterThan(0);
  });

  it('S2-4 S2-5 stage-only actions are offered where a stage of the case uses them, expenses where the policy has them', () => {
    const offered = (preset: Parameters<typeof policyOf>[0]) => {
      const policy = policyOf(preset);
      const reg = makeRegistration(T, { kind: policy.kinds[0]!.code, channel: policy.channels[0]!.code });
      const verdicts = availableActions(projectCase([reg])!, policy, { id: 'x', roles: policy.roles.map((r) => r.code) }, T, [reg]);
      return new Set(verdicts.filter((v) => v.offered).map((v) => v.eventType));
    };
    const site = offered(constructionSitePreset);
    expect(site.has('case.site_visited')).toBe(true);
    expect(site.has('case.expense_recorded')).toBe(true);
    const property = offered(propertyServicePreset);
    expect(property.has('case.sample_sent')).toBe(false);
    expect(property.has('case.expense_recorded')).toBe(false);
    // Actions that are not stage-only are always offered.
    expect(property.has('case.note')).toBe(true);
  });

  it('S10-7 a hand-over carries a numbered notice, never empty and never reused', () => {
    const policy = policyOf(propertyServicePreset);
    const reg = makeRegistration(T, { kind: policy.kinds[0]!.code, channel: policy.channels[0]!.code });
    const clerk: Actor = { id: 'c', roles: policy.roles.map((r) => r.code) };
    const dept = policy.departments[0]!.id;
    expect(check([reg], policy, clerk, { type: 'case.assigned', payload: { departmentId: dept } })).toContain('通知单编号');
    expect(check([reg], policy, clerk, { type: 'case.assigned', payload: { departmentId: dept, noticeNo: 'TZ-001' } })).toBe('ok');
    const assigned = makeEvent('case.assigned', { departmentId: dept, noticeNo: 'TZ-001' }, T + HOUR);
    expect(check([reg, assigned], policy, clerk, { type: 'case.assigned', payload: { departmentId: dept, noticeNo: 'TZ-001' } })).toContain('已经记录过了');
  });

  it('S6-5 a complaint is not resolved before the leader-reviewed written reply', () => {
    const policy = policyOf(gasStationPreset);
    const all: Actor = { id: 'x', roles: policy.roles.map((r) => r.code) };
    const reg = makeRegistration(T, { kind: 'complaint', channel: policy.channels[0]!.code });
    expect(check([reg], policy, all, { type: 'case.resolved', payload: { result: '已处理' } })).toContain('书面答复');
    // The reply itself waits for the leader's review of the written report.
    expect(check([reg], policy, all, { type: 'case.replied', payload: { to: 'complainant', method: 'letter', content: '答复函' } })).toContain(
      '须先经「分管领导」批准',
    );
    const review = [
      makeEvent('case.approval_requested', { approvalId: 'written_report', step: 'leader', role: 'leader_in_charge', note: '答复函送审' }, T + HOUR),
      makeEvent('case.approval_decided', { approvalId: 'written_report', step: 'leader', role: 'leader_in_charge', approved: true }, T + 2 * HOUR),
      makeEvent('case.replied', { to: 'complainant', method: 'letter', content: '答复函' }, T + 3 * HOUR),
    ];
    expect(check([reg, ...review], policy, all, { type: 'case.resolved', payload: { result: '已处理' } })).toBe('ok');
  });

  it('S0-4 an approval is decided only by the named role, and a refusal says why', () => {
    const policy = policyOf(officeReceptionPreset);
    const reg = makeRegistration(T, { kind: 'visit', channel: 'visit', category: 'engineering' });
    const req = makeEvent(
      'case.approval_requested',
      { approvalId: 'director_decision', step: 'director', role: 'office_director', note: '报主任决定' },
      T + HOUR,
    );
    const clerk: Actor = { id: 'c', roles: ['cs_clerk'] };
    const director: Actor = { id: 'd', roles: ['office_director'] };
    const decide = (approved: boolean, opinion?: string): NewEvent => ({
      type: 'case.approval_decided',
      payload: { approvalId: 'director_decision', step: 'director', role: 'office_director', approved, opinion },
    });
    const pending = availableActions(projectCase([reg, req])!, policy, clerk, T + HOUR, [reg, req]).find((a) => a.action === 'decideApproval')!;
    expect(pending).toMatchObject({ allowed: false, roles: ['office_director'] });
    expect(pending.reason!['zh-CN']).toContain('办公室主任');
    expect(check([reg, req], policy, director, decide(false))).toContain('写明理由');
    expect(check([reg, req], policy, director, decide(false, '先核实'))).toBe('ok');
    expect(check([reg, req], policy, director, decide(true))).toBe('ok');
  });

  it('S11-3/S11-4 the first transfer to the category’s department is the hand-over, and starts the reply stage', () => {
    const policy = policyOf(officeReceptionPreset);
    // The intake routes by category: the registration already names the department.
    const reg = makeRegistration(T, { kind: 'visit', channel: 'visit', category: 'engineering', departmentId: 'engineering' });
    const clerk: Actor = { id: 'c', roles: ['cs_clerk'] };
    expect(projectCase([reg])!.departmentId).toBe('engineering');
    expect(check([reg], policy, clerk, { type: 'case.transferred', payload: { toDepartmentId: 'engineering', reason: '主任决定由工程部处理' } })).toBe('ok');
    const moved = makeEvent('case.transferred', { toDepartmentId: 'engineering', reason: '主任决定' }, T + HOUR);
    expect(check([reg, moved], policy, clerk, { type: 'case.transferred', payload: { toDepartmentId: 'engineering', reason: '再转' } })).toContain('无需转办');
    const replied = makeEvent('case.replied', { to: 'complainant', method: 'visit', content: '已修好' }, T + DAY);
    expect(stageById(slaStagesFor(policy, [reg, moved, replied], T + 2 * DAY), 'reply')).toMatchObject({ state: 'met', startedAt: T + HOUR });
  });
});

describe('resolved cases', () => {
  it('S3 a resolved case stops the stages nothing can meet any more; feedback stages keep running', async () => {
    const { retailQualityPreset } = await import('../presets/s3-retail-quality');
    const { stageAlerts } = await import('./alerts');
    const policy = policyOf(retailQualityPreset);
    const reg = makeRegistration(T, { kind: policy.kinds[0]!.code, channel: policy.channels[0]!.code });
    const resolved = makeEvent('case.resolved', { result: '已退货' }, T + 2 * 60_000);
    const at = (now: number) => slaStagesFor(policy, [reg, resolved], now);
    const early = at(T + 3 * 60_000);
    const late = at(T + 10 * DAY);
    const accept = early.find((s) => (policy.stages.find((d) => d.id === s.stageId)!.stopsOn as string[]).includes('case.accepted'))!;
    expect(accept.stoppedAt).toBe(T + 2 * 60_000);
    // Frozen: ten days later it has not breached and raises no alert.
    expect(late.find((s) => s.stageId === accept.stageId)!.state).toBe(early.find((s) => s.stageId === accept.stageId)!.state);
    expect(stageAlerts(early, late).filter((a) => a.stageId === accept.stageId)).toEqual([]);
  });
});
