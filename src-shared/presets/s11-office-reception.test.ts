import { describe, expect, it } from 'vitest';
import { slaStagesFor } from '../domain/sla';
import { projectCase } from '../domain/projection';
import { officeReceptionPreset } from './s11-office-reception';
import { DAY, HOUR, cst, makeEvent, makeRegistration, policyOf, stageById } from './presets.fixtures';

// RULES.md S11 — 管理处接待来访投诉工作制度 (S11-5 is n/a).

const policy = policyOf(officeReceptionPreset);
const T = cst(2026, 11, 27, 11, 0);

function visit(extra: Parameters<typeof makeRegistration>[1] = {}) {
  return makeRegistration(T, { kind: 'visit', channel: 'visit', category: 'engineering', ...extra });
}
const offsets = (stages: { stageId: string; dueAt?: number; startedAt?: number }[]) => stages.map((s) => [s.stageId, (s.dueAt ?? 0) - (s.startedAt ?? 0)]);

describe('S11 management office reception preset', () => {
  it('S11-1 the customer service centre receives visits and complaints; its office and phone are published', () => {
    expect(policy.receptionPoints).toEqual(['客户服务中心']);
    expect(policy.publicContact?.office).toBe('客户服务中心');
  });

  it('S11-2 equal treatment: busy or idle, adult or child, every visitor gets the same deadlines', () => {
    const adult = visit({ complainant: { anonymous: false, confidential: false, name: '熟人业主' } });
    const child = visit({ complainant: { anonymous: false, confidential: false, name: '小孩' } });
    const assign = makeEvent('case.assigned', { departmentId: 'engineering' }, T + HOUR);
    expect(offsets(slaStagesFor(policy, [child, assign], T + 2 * HOUR))).toEqual(offsets(slaStagesFor(policy, [adult, assign], T + 2 * HOUR)));
    expect(offsets(slaStagesFor(policy, [adult, assign], T + 2 * HOUR))).toHaveLength(2);
    // Any manager may receive the visit and stays its first receiver.
    expect(projectCase([visit({ firstReceiverId: 'guard-tian' })])?.firstReceiverId).toBe('guard-tian');
  });

  it('S11-3 recorded, verified the same day and reported to the director, who decides the handling and the department', () => {
    expect(stageById(slaStagesFor(policy, [visit()], T + HOUR), 'verify_same_day').dueAt).toBe(cst(2026, 11, 28, 0, 0));
    const late = stageById(slaStagesFor(policy, [visit()], cst(2026, 11, 28, 9, 0)), 'verify_same_day');
    expect(late).toMatchObject({ state: 'breached', notifyRoles: ['office_director'] });
    expect(policy.approvals.find((a) => a.id === 'director_decision')).toMatchObject({ before: 'case.assigned', steps: [{ role: 'office_director' }] });
  });

  it('S11-4 the responsible department replies to the resident and the director: every matter has an outcome', () => {
    const events = [
      visit(),
      makeEvent('case.assigned', { departmentId: 'engineering' }, T + 2 * HOUR),
      makeEvent('case.replied', { to: 'complainant', method: 'visit', content: '已修复' }, T + DAY),
      makeEvent('case.replied', { to: 'superior', method: 'phone', content: '已修复' }, T + DAY),
    ];
    expect(stageById(slaStagesFor(policy, events, T + 2 * DAY), 'reply')).toMatchObject({ state: 'met', dueAt: T + 2 * HOUR + 3 * DAY });
    expect(projectCase(events)?.replies.map((r) => r.to)).toEqual(['complainant', 'superior']);
  });
});
