import { describe, expect, it } from 'vitest';
import { makeEvent, makeRegistration } from './projection.fixtures';
import { testPolicy } from './sla.fixtures';
import { slaStagesFor } from './sla';
import { breachPenalties, riskFlagAlerts, stageAlerts } from './alerts';

const cst = (y: number, m: number, d: number, h = 0, min = 0) => Date.UTC(y, m - 1, d, h - 8, min);
const MIN = 60_000;
const HOUR = 60 * MIN;

const policy = testPolicy();
const received = cst(2026, 11, 27, 10, 0);
const product = makeRegistration(received, { kind: 'product' });
const at = (ms: number) => slaStagesFor(policy, [product], received + ms);

describe('stage alerts', () => {
  it('X-3 breach transition is reported with the ladder roles', () => {
    const alerts = stageAlerts(at(4.5 * MIN), at(5 * MIN + 1));
    expect(alerts).toEqual([
      {
        kind: 'breach',
        stageId: 'product-accept',
        stageName: '受理产品质量投诉',
        at: received + 5 * MIN,
        dueAt: received + 5 * MIN,
        roles: ['order-desk-manager', 'gm'],
        rules: ['S3-3'],
      },
    ]);
  });

  it('X-3 warning transition names the warning roles; nothing is repeated while the state holds', () => {
    const warning = stageAlerts(at(MIN), at(4 * MIN + 1));
    expect(warning.map((a) => [a.kind, a.stageId, a.at, a.roles])).toEqual([['warning', 'product-accept', received + 4 * MIN, ['order-desk-manager']]]);
    expect(stageAlerts(at(4 * MIN + 1), at(4 * MIN + 30_000))).toEqual([]);
    expect(stageAlerts(at(6 * MIN), at(60 * MIN))).toEqual([]);
  });

  it('X-3 a desk that was off when the warning came still hears the breach (running → breached: one breach alert)', () => {
    const alerts = stageAlerts(at(MIN), at(HOUR));
    expect(alerts.map((a) => a.kind)).toEqual(['breach']);
  });

  it('X-3 a breach is never silent, even when the ladder names no role', () => {
    const p = testPolicy({
      stages: [
        {
          id: 'quiet',
          name: '无升级阶梯',
          startsOn: ['case.registered'],
          stopsOn: ['case.accepted'],
          limit: { amount: 10, unit: 'minutes' },
          clock: 'natural',
        },
      ],
    });
    const reg = makeRegistration(received);
    const alerts = stageAlerts(slaStagesFor(p, [reg], received), slaStagesFor(p, [reg], received + 11 * MIN));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ kind: 'breach', stageId: 'quiet', roles: [] });
  });

  it('a stage that starts with a start step in its ladder notifies its roles; a met stage raises nothing', () => {
    const reg = makeRegistration(received, { severity: 'general' });
    const before = slaStagesFor(policy, [reg], received + MIN);
    const classified = makeEvent('case.classified', { severity: 'important' }, received + 2 * MIN);
    const after = slaStagesFor(policy, [reg, classified], received + 2 * MIN);
    expect(stageAlerts(before, after).map((a) => [a.kind, a.stageId, a.roles])).toEqual([['start', 'important-reply', ['senior-butler']]]);
    const accepted = makeEvent('case.accepted', {}, received + 3 * MIN);
    expect(stageAlerts(at(MIN), slaStagesFor(policy, [product, accepted], received + 10 * MIN))).toEqual([]);
  });

  it('a stage restarted by a reopening warns and breaches again', () => {
    const reg = makeRegistration(received, { severity: 'important' });
    const replied = makeEvent('case.replied', { to: 'complainant', method: 'phone', content: '已答复' }, received + HOUR);
    const resolved = makeEvent('case.resolved', { result: '已修复' }, received + 80 * HOUR);
    const reopened = makeEvent('case.reopened', { reason: '回访不满意' }, received + 100 * HOUR);
    const log = [reg, replied, resolved, reopened];
    const prev = slaStagesFor(policy, [reg, replied], received + 79 * HOUR); // breached before resolving
    const next = slaStagesFor(policy, log, received + 100 * HOUR + 72 * HOUR + MIN);
    expect(stageAlerts(prev, next).map((a) => [a.kind, a.stageId, a.dueAt])).toEqual([['breach', 'important-resolve', received + 172 * HOUR]]);
  });
});

describe('risk flag alerts', () => {
  it('S1-6 a violence flag raised on a case alerts the duty chief and the director at once', () => {
    const e = makeEvent('case.risk_flagged', { flag: 'violence', note: '来电者扬言报复' }, received);
    expect(riskFlagAlerts(policy, e)).toEqual([
      { kind: 'risk', caseId: 'case-1', flag: 'violence', flagName: '暴力倾向', at: received, roles: ['duty-chief', 'director'] },
    ]);
  });

  it('S1-6 flags carried by the registration itself alert too, once per flag', () => {
    const reg = makeRegistration(received, { riskFlags: ['suicide', 'violence', 'suicide'] });
    expect(riskFlagAlerts(policy, reg).map((a) => [a.flag, a.roles])).toEqual([
      ['suicide', ['duty-chief']],
      ['violence', ['duty-chief', 'director']],
    ]);
  });

  it('S1-6 an unknown flag still alerts (to the holding desk); other events alert nothing', () => {
    expect(riskFlagAlerts(policy, makeEvent('case.risk_flagged', { flag: 'explosion' }, received))).toMatchObject([
      { flag: 'explosion', flagName: 'explosion', roles: [] },
    ]);
    expect(riskFlagAlerts(policy, makeEvent('case.accepted', {}, received))).toEqual([]);
  });
});

describe('breach penalties', () => {
  const p = testPolicy({
    penalties: [
      {
        id: 'late-fine',
        name: '两小时内未回复',
        trigger: { on: 'breach', stageIds: ['product-accept'] },
        amount: 50,
        targetRole: 'dept-head',
        approverRole: 'hr',
        perOccurrence: true,
        rules: ['S3-6'],
      },
      {
        id: 'station-fine',
        name: '调查不及时',
        trigger: { on: 'breach', stageIds: ['investigate'] },
        amount: 100,
        targetRole: 'station-manager',
        approverRole: 'gm',
        perOccurrence: false,
        rules: ['S6-10'],
      },
    ],
  });

  it('S3-6 a late reply costs the department head 50 yuan per occurrence; an on-time one costs nothing', () => {
    expect(breachPenalties(p, slaStagesFor(p, [product], received + 3 * MIN))).toEqual([]);
    const owed = breachPenalties(p, slaStagesFor(p, [product], received + 6 * MIN));
    expect(owed).toEqual([
      {
        itemId: `late-fine:product-accept:${received}`,
        penaltyId: 'late-fine',
        stageId: 'product-accept',
        amount: 50,
        targetRole: 'dept-head',
        approverRole: 'hr',
        at: received + 5 * MIN,
        rules: ['S3-6'],
      },
    ]);
    // Met late still counts; once proposed it is not offered again.
    const lateAccept = makeEvent('case.accepted', {}, received + 9 * MIN);
    expect(breachPenalties(p, slaStagesFor(p, [product, lateAccept], received + HOUR)).map((x) => x.itemId)).toEqual([owed[0]!.itemId]);
    expect(breachPenalties(p, slaStagesFor(p, [product, lateAccept], received + HOUR), [{ id: owed[0]!.itemId }])).toEqual([]);
  });

  it('S6-10 a late investigation is penalised once per case', () => {
    const reg = makeRegistration(received);
    const owed = breachPenalties(p, slaStagesFor(p, [reg], received + 4 * 24 * HOUR));
    expect(owed.map((x) => [x.itemId, x.amount, x.targetRole])).toEqual([['station-fine', 100, 'station-manager']]);
  });
});
