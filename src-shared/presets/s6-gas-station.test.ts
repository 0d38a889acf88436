import { describe, expect, it } from 'vitest';
import { slaStagesFor } from '../domain/sla';
import { projectCase } from '../domain/projection';
import { riskFlagAlerts } from '../domain/alerts';
import { gasStationPreset } from './s6-gas-station';
import { DAY, HOUR, cst, makeEvent, makeRegistration, policyOf, stageById } from './presets.fixtures';
import { validateAction } from '../domain/actions';

// RULES.md S6 — 投诉举报调查处理工作制度 (fuel station).

const policy = policyOf(gasStationPreset);
const T = cst(2026, 11, 27, 15, 0);

function complaint(extra: Parameters<typeof makeRegistration>[1] = {}) {
  return makeRegistration(T, {
    kind: 'complaint',
    channel: 'verbal',
    category: 'fuel_quality',
    form: { ledgerClass: 'complaint', sampleNeeded: 'no' },
    ...extra,
  });
}

function opinion(onSiteNeeded: 'yes' | 'no') {
  return makeRegistration(T, { kind: 'opinion_book', channel: 'opinion_book', form: { onSiteNeeded } });
}

describe('S6 gas station preset', () => {
  it('S6-1 verbal, letter, phone and fax channels; the station manager leads intake and registration', () => {
    expect(policy.channels.map((c) => c.code)).toEqual(expect.arrayContaining(['verbal', 'letter', 'phone', 'fax']));
    expect(policy.departments.find((d) => d.id === 'station')?.headRole).toBe('station_manager');
    expect(policy.publicContact).toMatchObject({ office: '银川市兴庆区石油城基地加油加气站', phone: '6933248' });
  });

  it('S6-2 out of the station remit: explained, with the competent department named; simple questions answered on the spot without deadlines', () => {
    const reason = policy.inadmissibleReasons.find((r) => r.code === 'out_of_jurisdiction')!;
    expect(reason.text).toContain('说明理由');
    const state = projectCase([
      complaint(),
      makeEvent('case.rejected', { reasonCode: reason.code, explanation: reason.text, referral: '市场监督管理部门' }, T + HOUR),
    ]);
    expect(state).toMatchObject({ status: 'rejected', rejection: { referral: '市场监督管理部门' } });
    const consultation = makeRegistration(T, { kind: 'consultation', channel: 'verbal', category: 'service_quality' });
    expect(slaStagesFor(policy, [consultation], T + HOUR)).toEqual([]);
    expect(policy.kinds.find((k) => k.code === 'consultation')?.callbackExempt).toBe(true);
  });

  it('S6-3 every case enters the registration book; a leader signs an opinion before it goes to the manager in charge; the office transfers out-of-remit cases', () => {
    expect(policy.forms.find((f) => f.id === 'register_book')?.title).toBe('举报投诉登记薄');
    expect(policy.approvals.find((a) => a.id === 'leader_opinion')).toMatchObject({ before: 'case.assigned', steps: [{ role: 'leader_in_charge' }] });
    const state = projectCase([
      complaint(),
      makeEvent('case.transferred', { external: '质量技术监督部门', reason: '不属于站内管辖,由办公室移交' }, T + HOUR, { actorId: 'office-clerk' }),
    ]);
    expect(state?.external).toBe('质量技术监督部门');
  });

  it('S6-4 at least two inspectors investigate; a confirmed violation is recorded', () => {
    expect(policy.minInspectors).toBe(2);
    const state = projectCase([
      complaint(),
      makeEvent('case.investigated', { inspectorIds: ['inspector-a', 'inspector-b'], findings: '加油机计量超差', violation: true }, T + DAY),
    ]);
    expect(state?.investigations[0]).toMatchObject({ inspectorIds: ['inspector-a', 'inspector-b'], violation: true });
    expect(state!.investigations[0]!.inspectorIds.length).toBeGreaterThanOrEqual(policy.minInspectors!);
  });

  it('S6-5 investigation within 3 days of receipt, or within 7 days of sending the sample when testing comes first', () => {
    expect(stageById(slaStagesFor(policy, [complaint()], T + HOUR), 'investigation').dueAt).toBe(T + 3 * DAY);
    const sentAt = T + 2 * DAY;
    const events = [
      complaint({ form: { ledgerClass: 'complaint', sampleNeeded: 'yes' } }),
      makeEvent('case.sample_sent', { sample: '92号汽油 1L', lab: '质检所' }, sentAt),
    ];
    const s = slaStagesFor(policy, events, T + 5 * DAY);
    expect(stageById(s, 'investigation')).toMatchObject({ state: 'met', metAt: sentAt });
    expect(stageById(s, 'sample_investigation')).toMatchObject({ state: 'running', dueAt: sentAt + 7 * DAY });
    expect(policy.approvals.find((a) => a.id === 'written_report')).toMatchObject({ before: 'case.replied', steps: [{ role: 'leader_in_charge' }] });
  });

  it('S6-6 opinion book: reply within 5 days when an on-site investigation is needed, else within 1 day; reviewed by the leaders', () => {
    const onsite = slaStagesFor(policy, [opinion('yes')], T + HOUR);
    expect(onsite.map((s) => [s.stageId, s.dueAt])).toEqual([['opinion_onsite_reply', T + 5 * DAY]]);
    const desk = slaStagesFor(policy, [opinion('no')], T + HOUR);
    expect(desk.map((s) => [s.stageId, s.dueAt])).toEqual([['opinion_desk_reply', T + DAY]]);
    expect(policy.approvals.find((a) => a.id === 'opinion_reply_review')?.steps.map((s) => s.role)).toEqual(['leader_in_charge', 'main_leader']);
    expect(policy.duties?.find((d) => d.id === 'read_opinion_book')?.role).toBe('station_manager');
  });

  it('S6-7 the ledger by category records registration time, investigation time, investigator and result', () => {
    const cls = policy.forms.find((f) => f.id === 'register_book')?.fields.find((f) => f.key === 'ledgerClass');
    expect(cls?.options?.map((o) => o.label)).toEqual(['人员来信', '公众监督', '投诉']);
    const state = projectCase([
      complaint(),
      makeEvent('case.investigated', { inspectorIds: ['inspector-a', 'inspector-b'], findings: '属实' }, T + DAY),
      makeEvent('case.resolved', { result: '更换油枪' }, T + 2 * DAY),
    ])!;
    expect([state.registeredAt, state.investigations[0]?.at, state.investigations[0]?.inspectorIds, state.result?.text]).toEqual([
      T,
      T + DAY,
      ['inspector-a', 'inspector-b'],
      '更换油枪',
    ]);
    expect(state.form.ledgerClass).toBe('complaint');
  });

  it('S6-8 first-ask: the first receiver stays responsible, and not applying it costs 50 yuan', () => {
    const state = projectCase([
      complaint({ firstReceiverId: 'attendant-ma' }),
      makeEvent('case.escalated', { toRole: 'station_manager', reason: '本人不能解决,及时上报' }, T + HOUR),
    ]);
    expect(state?.firstReceiverId).toBe('attendant-ma');
    expect(policy.penalties.find((p) => p.id === 'first_ask_violation')).toMatchObject({
      amount: 50,
      trigger: { on: 'first_ask_violation' },
      targetRole: 'receiver',
    });
  });

  it('S6-9 the station manager is alerted to intervene in petition matters', () => {
    const alerts = riskFlagAlerts(policy, makeEvent('case.risk_flagged', { flag: 'petition' }, T));
    expect(alerts.map((a) => a.roles)).toEqual([['station_manager']]);
  });

  it('S6-10 late investigation or reply: station manager −100, manager in charge −200 per occurrence', () => {
    const amounts = Object.fromEntries(policy.penalties.map((p) => [p.id, [p.amount, p.targetRole]]));
    expect(amounts).toEqual({
      late_station_manager: [100, 'station_manager'],
      late_manager_in_charge: [200, 'manager_in_charge'],
      first_ask_violation: [50, 'receiver'],
    });
    const late = stageById(slaStagesFor(policy, [complaint()], T + 3 * DAY + HOUR), 'investigation');
    expect(late.state).toBe('breached');
    for (const id of ['late_station_manager', 'late_manager_in_charge']) {
      expect(policy.penalties.find((p) => p.id === id)?.trigger.stageIds).toContain(late.stageId);
    }
  });

  it('S6-4 an investigation by one inspector is refused; two inspectors are accepted', () => {
    const log = [complaint()];
    const state = projectCase(log)!;
    const actor = { id: 'inspector-a', roles: ['inspector'] };
    const one = validateAction(
      state,
      policy,
      actor,
      { type: 'case.investigated', payload: { inspectorIds: ['inspector-a'], findings: '属实' } },
      T + HOUR,
      log,
    );
    expect(one.ok ? '' : one.errors[0]?.code).toBe('action.inspectors');
    const two = validateAction(
      state,
      policy,
      actor,
      { type: 'case.investigated', payload: { inspectorIds: ['inspector-a', 'inspector-b'], findings: '属实' } },
      T + HOUR,
      log,
    );
    expect(two.ok).toBe(true);
  });
});
