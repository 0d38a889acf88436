import { describe, expect, it } from 'vitest';
import type { CaseEvent, NewEvent } from '../domain/events';
import { policySchema } from '../domain/policy';
import { projectCase } from '../domain/projection';
import { DAY, HOUR, makeEvent } from '../domain/projection.fixtures';
import { fireBrigadePreset } from '../presets/s1-fire-brigade';
import { gasStationPreset } from '../presets/s6-gas-station';
import { retailQualityPreset } from '../presets/s3-retail-quality';
import { slaStagesFor } from '../domain/sla';
import { validateAction } from '../domain/actions';
import {
  accountabilityList,
  breachPenaltyProposals,
  decision,
  expenseProposal,
  expenseSignature,
  expenseSignatureChain,
  firstAskPenaltyProposals,
  formatYuan,
  ledgerNameOf,
  ledgerRows,
  ledgerTotals,
  rewardProposal,
} from './ledger';
import { analyticsPolicy, eventsFor, stage } from './test-fixtures';

const t0 = Date.UTC(2026, 10, 2, 1);

/** Appends proposed events to a case's log the way the desk writer would, and re-projects. */
function withEvents(base: CaseEvent[], news: NewEvent[], at: number, actorId = 'staff-1') {
  const all = [...base, ...news.map((n, i) => makeEvent(n.type, n.payload as never, at + i, { caseId: base[0]!.caseId, actorId }))];
  return { events: all, state: projectCase(all)! };
}

// S6-10 as the gas-station regulation words it: late investigation or reply costs the station manager
// 100 yuan and the manager in charge 200 yuan per occurrence; not applying first-ask costs 50.
const s6 = policySchema.parse(
  analyticsPolicy({
    stages: [
      {
        id: 'investigate',
        name: '调查处理',
        startsOn: ['case.registered'],
        stopsOn: ['case.investigated'],
        limit: { amount: 3, unit: 'days' },
        clock: 'natural',
        rules: ['S6-5'],
      },
      { id: 'reply', name: '回复', startsOn: ['case.investigated'], stopsOn: ['case.replied'], limit: { amount: 1, unit: 'days' }, clock: 'natural' },
      { id: 'ack', name: '登记', startsOn: ['case.registered'], stopsOn: ['case.accepted'], limit: { amount: 1, unit: 'hours' }, clock: 'natural' },
    ],
    penalties: [
      {
        id: 'late_station_manager',
        name: '未按时调查处理、回复(站长)',
        trigger: { on: 'breach', stageIds: ['investigate', 'reply'] },
        amount: 100,
        targetRole: 'station_manager',
        approverRole: 'director',
        rules: ['S6-10'],
      },
      {
        id: 'late_manager_in_charge',
        name: '未按时调查处理、回复(分管经理)',
        trigger: { on: 'breach', stageIds: ['investigate', 'reply'] },
        amount: 200,
        targetRole: 'manager_in_charge',
        approverRole: 'director',
        rules: ['S6-10'],
      },
      {
        id: 'first_ask',
        name: '未执行首问负责制',
        trigger: { on: 'first_ask_violation' },
        amount: 50,
        targetRole: 'responsible_person',
        approverRole: 'station_manager',
        rules: ['S6-10'],
      },
    ],
    expenses: [{ id: 'return_freight', name: '退货运费', defaultAmount: 80, signatureChain: ['manager_in_charge', 'station_manager'], rules: ['S3-8'] }],
  }),
);

describe('S6-10 penalties proposed on a breach', () => {
  const events = eventsFor({ id: 'g1', receivedAt: t0 });
  const state = projectCase(events)!;
  const breached = [stage('investigate', 'breached', { dueAt: t0 + 3 * DAY }), stage('ack', 'breached', { dueAt: t0 + HOUR }), stage('reply', 'pending')];

  it('S6-10 a late investigation proposes −100 to the station manager and −200 to the manager in charge', () => {
    const proposals = breachPenaltyProposals(s6, state, breached);
    expect(
      proposals.map((p) => (p.type === 'case.penalty_proposed' ? [p.payload.penaltyId, p.payload.amount, p.payload.targetRole, p.payload.stageId] : [])),
    ).toEqual([
      ['late_station_manager:investigate', 100, 'station_manager', 'investigate'],
      ['late_manager_in_charge:investigate', 200, 'manager_in_charge', 'investigate'],
    ]);
    const after = withEvents(events, proposals, t0 + 4 * DAY).state;
    // Proposed once per occurrence: asking again proposes nothing new.
    expect(breachPenaltyProposals(s6, after, breached)).toEqual([]);
    // A late reply later is a second occurrence.
    const lateReply = breachPenaltyProposals(s6, after, [...breached.slice(0, 2), stage('reply', 'met', { metLate: true })]);
    expect(lateReply.map((p) => (p.type === 'case.penalty_proposed' ? p.payload.penaltyId : ''))).toEqual([
      'late_station_manager:reply',
      'late_manager_in_charge:reply',
    ]);
  });

  it('S6-10 only the approver role the policy names may decide, and the ledger shows the deductions', () => {
    const { events: evs, state: proposed } = withEvents(events, breachPenaltyProposals(s6, state, breached), t0 + 4 * DAY);
    // While proposed, the ledger already names who must decide.
    expect(ledgerRows(s6, [proposed]).map((r) => [r.status, r.approverRole])).toEqual([
      ['proposed', 'director'],
      ['proposed', 'director'],
    ]);
    expect(decision(s6, proposed, 'penalty', 'late_station_manager:investigate', true, ['station_manager'])).toEqual({ ok: false, error: 'ledger.wrongRole' });
    // A rejection without its reason is refused.
    expect(decision(s6, proposed, 'penalty', 'late_manager_in_charge:investigate', false, ['director'], { note: '  ' })).toEqual({
      ok: false,
      error: 'ledger.rejectReason',
    });
    const d1 = decision(s6, proposed, 'penalty', 'late_station_manager:investigate', true, ['director']);
    const d2 = decision(s6, proposed, 'penalty', 'late_manager_in_charge:investigate', false, ['director'], { note: '已说明原因' });
    if (!d1.ok || !d2.ok) throw new Error('decisions refused');
    const decided = withEvents(evs, [d1.value, d2.value], t0 + 5 * DAY, 'staff-dir').state;
    expect(decision(s6, decided, 'penalty', 'late_station_manager:investigate', true, ['director'])).toEqual({ ok: false, error: 'ledger.alreadyDecided' });
    const rows = ledgerRows(s6, [decided]);
    expect(rows.map((r) => [r.itemId, r.amount, r.party, r.status, r.note])).toEqual([
      ['late_station_manager:investigate', -100, 'station_manager', 'approved', undefined],
      ['late_manager_in_charge:investigate', -200, 'manager_in_charge', 'rejected', '已说明原因'],
    ]);
    expect(ledgerTotals(rows)).toEqual({ rewards: 0, penalties: -100, expenses: 0, byParty: { station_manager: -100 } });
  });

  it('S0-2 S6-10 a later revision naming another approver leaves the rows of cases registered before it alone', () => {
    const { state: proposed } = withEvents(events, breachPenaltyProposals(s6, state, breached), t0 + 4 * DAY);
    const rev2 = { ...s6, revision: s6.revision + 1, penalties: s6.penalties.map((p) => ({ ...p, name: `${p.name}（修订）`, approverRole: 'deputy' })) };
    const byRevision = (r: number) => [s6, rev2].find((p) => p.revision === r);
    expect(ledgerRows(rev2, [proposed], byRevision).map((r) => [r.approverRole, r.name])).toEqual(
      ledgerRows(s6, [proposed]).map((r) => [r.approverRole, r.name]),
    );
    expect(ledgerRows(rev2, [proposed]).map((r) => r.approverRole)).toEqual(['deputy', 'deputy']);
  });

  it('S6-10 not applying first-ask proposes −50 to the responsible person, one occurrence at a time', () => {
    const p = firstAskPenaltyProposals(s6, state, '推诿来访群众');
    expect(p).toEqual([
      { type: 'case.penalty_proposed', payload: { penaltyId: 'first_ask:1', amount: 50, targetRole: 'responsible_person', reason: '推诿来访群众' } },
    ]);
    const after = withEvents(events, p, t0 + HOUR).state;
    expect(firstAskPenaltyProposals(s6, after, '再次推诿')[0]!.payload).toMatchObject({ penaltyId: 'first_ask:2' });
  });
});

describe('S6-10 under the gas-station preset and the real SLA engine', () => {
  it('S6-10 an investigation not done within 3 days proposes −100 to the station manager and −200 to the manager in charge, decided by the main leader', () => {
    const s6preset = policySchema.parse(gasStationPreset);
    const events = eventsFor({ id: 'gs1', kind: 'complaint', receivedAt: t0 });
    const now = t0 + 4 * DAY;
    const stages = slaStagesFor(s6preset, events, now);
    expect(stages.find((s) => s.stageId === 'investigation')?.state).toBe('breached');
    const state = projectCase(events)!;
    const proposals = breachPenaltyProposals(s6preset, state, stages);
    expect(proposals.map((p) => (p.type === 'case.penalty_proposed' ? [p.payload.amount, p.payload.targetRole, p.payload.stageId] : []))).toEqual([
      [100, 'station_manager', 'investigation'],
      [200, 'manager_in_charge', 'investigation'],
    ]);
    // The desk's own action check accepts what the ledger proposes, so the writer will store it.
    const clerk = { id: 'staff-1', roles: ['station_manager'] };
    for (const p of proposals) expect(validateAction(state, s6preset, clerk, p, now, events).ok).toBe(true);
    const { state: proposed, events: proposedLog } = withEvents(events, proposals, now);
    expect(decision(s6preset, proposed, 'penalty', 'late_station_manager:investigation', true, ['station_manager'])).toEqual({
      ok: false,
      error: 'ledger.wrongRole',
    });
    const d = decision(s6preset, proposed, 'penalty', 'late_station_manager:investigation', true, ['main_leader']);
    if (d.ok) expect(validateAction(proposed, s6preset, { id: 'staff-9', roles: ['main_leader'] }, d.value, now, proposedLog).ok).toBe(true);
    expect(d.ok && d.value.type === 'case.penalty_decided' ? d.value.payload.approverRole : '').toBe('main_leader');
    // Investigated in time: nothing to propose.
    const onTime = [...events, makeEvent('case.investigated', { inspectorIds: ['i1', 'i2'], findings: '油品合格。' }, t0 + DAY, { caseId: 'gs1' })];
    expect(breachPenaltyProposals(s6preset, projectCase(onTime)!, slaStagesFor(s6preset, onTime, now))).toEqual([]);
  });
});

describe('S3-6 under the retail preset and the real SLA engine', () => {
  it('S3-6 a product complaint not replied within 2 hours charges 50 yuan to the department head, approved by HR', () => {
    const s3 = policySchema.parse(retailQualityPreset);
    const events = eventsFor({ id: 'r1', kind: 'product', receivedAt: t0 });
    const stages = slaStagesFor(s3, events, t0 + 3 * HOUR);
    const proposals = breachPenaltyProposals(s3, projectCase(events)!, stages);
    expect(proposals.map((p) => (p.type === 'case.penalty_proposed' ? [p.payload.amount, p.payload.targetRole, p.payload.stageId] : []))).toEqual([
      [50, 'dept_head', 'product_reply'],
    ]);
    const proposed = withEvents(events, proposals, t0 + 3 * HOUR).state;
    expect(decision(s3, proposed, 'penalty', 'late_reply_fine:product_reply', true, ['hr_officer']).ok).toBe(true);
    expect(decision(s3, proposed, 'penalty', 'late_reply_fine:product_reply', true, ['dept_head'])).toEqual({ ok: false, error: 'ledger.wrongRole' });
  });
});

describe('S1-14 reward for a verified hazard report', () => {
  const s1 = policySchema.parse(fireBrigadePreset);
  const serious = eventsFor({ id: 'h1', kind: 'report', receivedAt: t0, investigated: { verified: true, dangerLevel: 'serious', afterMin: 600 } });

  it('S1-14 a verified report proposes a reward within the range of its danger level', () => {
    const r = rewardProposal(s1, projectCase(serious)!);
    expect(r.ok).toBe(true);
    if (!r.ok || r.value.type !== 'case.reward_proposed') return;
    const level = s1.rewards[0]!.levels.find((l) => l.level === 'serious')!;
    expect(r.value.payload.level).toBe('serious');
    expect(r.value.payload.amount).toBeGreaterThanOrEqual(level.min);
    expect(r.value.payload.amount).toBeLessThanOrEqual(level.max);
    expect(r.value.payload.amount).toBeGreaterThanOrEqual(300);
    expect(r.value.payload.amount).toBeLessThanOrEqual(1000);
    expect(rewardProposal(s1, projectCase(serious)!, 1000)).toEqual({ ok: false, error: 'ledger.amountOutOfRange' });
    expect(validateAction(projectCase(serious)!, s1, { id: 'staff-1', roles: ['duty_officer'] }, r.value, t0 + DAY, serious).ok).toBe(true);
  });

  it('S1-14 an unverified report earns nothing; approval is by the policy’s role and within range', () => {
    const unverified = eventsFor({ id: 'h2', kind: 'report', receivedAt: t0, investigated: { verified: false, dangerLevel: 'major', afterMin: 60 } });
    expect(rewardProposal(s1, projectCase(unverified)!)).toEqual({ ok: false, error: 'ledger.notVerified' });
    const r = rewardProposal(s1, projectCase(serious)!, 600);
    if (!r.ok) throw new Error('refused');
    const proposed = withEvents(serious, [r.value], t0 + DAY).state;
    expect(rewardProposal(s1, proposed)).toEqual({ ok: false, error: 'ledger.alreadyProposed' });
    const approver = s1.rewards[0]!.approverRole;
    expect(decision(s1, proposed, 'reward', 'hazard_report_reward', true, ['inspector'])).toEqual({ ok: false, error: 'ledger.wrongRole' });
    expect(decision(s1, proposed, 'reward', 'hazard_report_reward', true, [approver], { amount: 900 })).toEqual({
      ok: false,
      error: 'ledger.amountOutOfRange',
    });
    const ok = decision(s1, proposed, 'reward', 'hazard_report_reward', true, [approver], { amount: 700 });
    if (!ok.ok) throw new Error('refused');
    const rows = ledgerRows(s1, [withEvents(serious, [r.value, ok.value], t0 + DAY).state]);
    expect(rows.map((x) => [x.kind, x.amount, x.status])).toEqual([['reward', 700, 'approved']]);
  });
});

describe('S1-14 approval range follows the proposed level', () => {
  it('S1-14 a reward proposed for a 较大 hazard is approved within 500–800 even after a later investigation grades it 重大', () => {
    const s1 = policySchema.parse(fireBrigadePreset);
    const serious = eventsFor({ id: 'h3', kind: 'report', receivedAt: t0, investigated: { verified: true, dangerLevel: 'serious', afterMin: 600 } });
    const r = rewardProposal(s1, projectCase(serious)!);
    if (!r.ok) throw new Error('refused');
    const { state: regraded, events: regradedLog } = withEvents(
      serious,
      [
        r.value,
        {
          type: 'case.investigated',
          payload: { inspectorIds: ['i1', 'i2'], findings: '复查：升级为重大火灾隐患。', evidence: [], verified: true, dangerLevel: 'major' },
        },
      ],
      t0 + DAY,
    );
    const approver = s1.rewards[0]!.approverRole;
    const d900 = decision(s1, regraded, 'reward', 'hazard_report_reward', true, [approver], { amount: 900 });
    expect(d900).toEqual({ ok: false, error: 'ledger.amountOutOfRange' });
    const d800 = decision(s1, regraded, 'reward', 'hazard_report_reward', true, [approver], { amount: 800 });
    if (!d800.ok) throw new Error('refused');
    // What the ledger allows, the desk's own check stores.
    expect(validateAction(regraded, s1, { id: 'staff-9', roles: [approver] }, d800.value, t0 + 2 * DAY, regradedLog).ok).toBe(true);
  });
});

describe('S3-8 expenses with their signature chain', () => {
  it('S3-8 a return-freight voucher is signed in the policy order by the named roles', () => {
    const events = eventsFor({ id: 'e1', receivedAt: t0 });
    const rec = expenseProposal(s6, projectCase(events)!, 'return_freight', { description: '退货运费，由生产部承担', liableDepartmentId: 'eng' });
    if (!rec.ok) throw new Error('refused');
    expect(rec.value.payload).toMatchObject({ expenseId: 'return_freight:1', amount: 80 });
    let cur = withEvents(events, [rec.value], t0 + HOUR);
    expect(expenseSignature(s6, cur.state, 'return_freight:1', ['station_manager'], '王站长')).toEqual({ ok: false, error: 'ledger.signatureOrder' });
    const first = expenseSignature(s6, cur.state, 'return_freight:1', ['manager_in_charge'], '李经理');
    if (!first.ok) throw new Error('refused');
    cur = withEvents(cur.events, [first.value], t0 + 2 * HOUR);
    expect(ledgerRows(s6, [cur.state])[0]!.status).toBe('signing');
    const second = expenseSignature(s6, cur.state, 'return_freight:1', ['station_manager'], '王站长');
    if (!second.ok) throw new Error('refused');
    cur = withEvents(cur.events, [second.value], t0 + 3 * HOUR);
    expect(expenseSignatureChain(s6, cur.state, 'return_freight:1').map((s) => s.signed?.signerName)).toEqual(['李经理', '王站长']);
    expect(ledgerRows(s6, [cur.state])[0]).toMatchObject({ kind: 'expense', amount: 80, status: 'signed', party: 'eng' });
    expect(expenseProposal(s6, cur.state, 'return_freight', { description: ' ' })).toEqual({ ok: false, error: 'ledger.description' });
  });
});

describe('S1-15 accountability list', () => {
  it('S1-15 lists overdue stages first, longest overdue first, then late ones', () => {
    const a = projectCase(eventsFor({ id: 'x1', receivedAt: t0, departmentId: 'eng' }))!;
    const b = projectCase(eventsFor({ id: 'x2', receivedAt: t0 }))!;
    const now = t0 + 5 * DAY;
    const rows = accountabilityList(
      [
        {
          state: a,
          stages: [stage('investigate', 'breached', { dueAt: t0 + 3 * DAY }), stage('ack', 'met', { metLate: true, dueAt: t0 + HOUR, metAt: t0 + 3 * HOUR })],
        },
        { state: b, stages: [stage('investigate', 'breached', { dueAt: t0 + DAY }), stage('ack', 'met', { dueAt: t0 + HOUR, metAt: t0 })] },
      ],
      now,
    );
    expect(rows.map((r) => [r.caseId, r.stageId, r.status, r.overdueMs])).toEqual([
      ['x2', 'investigate', 'overdue', 4 * DAY],
      ['x1', 'investigate', 'overdue', 2 * DAY],
      ['x1', 'ack', 'late', 2 * HOUR],
    ]);
    expect(rows[1]!.departmentId).toBe('eng');
  });
});

describe('ledger amounts and names as a supervisor reads them', () => {
  it('S6-10 S1-14 amounts carry their sign and 元: deductions with a true minus, payouts with a plus', () => {
    expect(formatYuan(-100)).toBe('\u2212100 元');
    expect(formatYuan(700)).toBe('+700 元');
    expect(formatYuan(0)).toBe('0 元');
    expect(formatYuan(-1200.5)).toBe('\u22121,200.5 元');
    expect(formatYuan(-300, 'en')).toBe('\u2212300 yuan');
  });

  it('S1-14 S6-10 roles, departments and danger levels by name, not code', () => {
    const s1 = policySchema.parse(fireBrigadePreset);
    const s6preset = policySchema.parse(gasStationPreset);
    expect(ledgerNameOf(s6preset)('manager_in_charge')).toBe('分管经理(主管经理)');
    expect(ledgerNameOf(s6preset)('station')).toBe('加油加气站');
    expect(ledgerNameOf(s1)('serious')).toBe('较大火灾隐患');
    expect(ledgerNameOf(s1)('main_leader')).toBe('主要领导');
    expect(ledgerNameOf(s1)('unknown_code')).toBe('unknown_code');
  });
});
