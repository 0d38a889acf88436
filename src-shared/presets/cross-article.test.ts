import { describe, expect, it } from 'vitest';
import { callbackDue, slaStagesFor } from '../domain/sla';
import { projectCase } from '../domain/projection';
import { PRESETS } from './index';
import { DAY, HOUR, cst, makeEvent, makeRegistration, policyOf } from './presets.fixtures';

// RULES.md X-1…X-6 hold across all articles: checked on every preset of the catalogue.

const presets = PRESETS.map((p) => ({ id: p.id, policy: policyOf(p.policy) }));
const T = cst(2026, 11, 27, 10, 0);

/** A registration every preset accepts: its first kind, channel, category and severity. */
function registrationFor(policy: ReturnType<typeof policyOf>, extra: Parameters<typeof makeRegistration>[1] = {}) {
  const kind = policy.kinds[0]!.code;
  const category = policy.categories.find((c) => !c.kinds || c.kinds.includes(kind))?.code;
  return makeRegistration(T, { kind, channel: policy.channels[0]!.code, category, severity: policy.severities[0]?.code, ...extra });
}

describe('cross-article rules on every preset', () => {
  it('X-1 the first receiver is recorded, never changes, and stays accountable until the hand-over is acknowledged', () => {
    for (const { id, policy } of presets) {
      const dept = policy.departments.at(-1)!.id;
      const assigned = [
        registrationFor(policy, { firstReceiverId: 'first-1' }),
        makeEvent('case.assigned', { departmentId: dept }, T + HOUR, { actorId: 'other-2' }),
      ];
      expect(projectCase(assigned), id).toMatchObject({ firstReceiverId: 'first-1', handoverAcknowledged: false });
      const acknowledged = [...assigned, makeEvent('case.handover_acknowledged', { departmentId: dept }, T + 2 * HOUR, { actorId: 'other-3' })];
      expect(projectCase(acknowledged), id).toMatchObject({ firstReceiverId: 'first-1', handoverAcknowledged: true });
    }
  });

  it('X-2 every kind has its registration form; a case gets a number and a timeline, and ends with feedback or a recorded reason', () => {
    for (const { id, policy } of presets) {
      const forms = new Set(policy.forms.map((f) => f.id));
      for (const k of policy.kinds) expect(forms, `${id} ${k.code}`).toContain(k.formId);
      const state = projectCase([
        registrationFor(policy, { number: 'HZ01-20261127-007' }),
        makeEvent('case.resolved', { result: '已处理' }, T + DAY),
        makeEvent('case.feedback_impossible', { reason: '投诉人电话停机,三次联系未果' }, T + 2 * DAY),
      ]);
      expect(state?.number, id).toBe('HZ01-20261127-007');
      expect(
        state?.timeline.map((e) => e.type),
        id,
      ).toEqual(['case.registered', 'case.resolved', 'case.feedback_impossible']);
      expect(state?.feedback, id).toMatchObject({ given: false, reason: '投诉人电话停机,三次联系未果' });
    }
  });

  it('X-3 every deadline runs as a timer from its start and no stage breaches silently', () => {
    for (const { id, policy } of presets) {
      for (const stage of policy.stages)
        expect(
          stage.ladder.some((l) => l.at === 'breach'),
          `${id} ${stage.id}`,
        ).toBe(true);
      const stages = slaStagesFor(policy, [registrationFor(policy)], T + 1);
      for (const s of stages.filter((x) => x.startedAt !== undefined)) {
        expect(s.state, `${id} ${s.stageId}`).toMatch(/running|warning/);
        expect(s.remainingMs, `${id} ${s.stageId}`).toBe(s.dueAt! - (T + 1));
      }
      for (const s of slaStagesFor(policy, [registrationFor(policy)], T + 400 * DAY).filter((x) => x.state === 'breached')) {
        expect(s.notifyRoles.length, `${id} ${s.stageId}`).toBeGreaterThan(0);
      }
    }
  });

  it('X-4 every closed complaint enters the callback queue unless its kind is exempt', () => {
    for (const { id, policy } of presets) {
      for (const kind of policy.kinds) {
        const category = policy.categories.find((c) => !c.invalid && c.departmentId && (!c.kinds || c.kinds.includes(kind.code)) && !c.external)?.code;
        const events = [registrationFor(policy, { kind: kind.code, category }), makeEvent('case.resolved', { result: '已处理' }, T + DAY)];
        const due = callbackDue(policy, events);
        if (kind.callbackExempt) expect(due, `${id} ${kind.code}`).toBeUndefined();
        else expect(due?.dueAt, `${id} ${kind.code}`).toBeGreaterThan(T + DAY);
      }
    }
  });

  it('X-5 nothing is deleted: a correction is a new entry and the archive keeps both', () => {
    for (const { id, policy } of presets) {
      const categories = policy.categories.filter((c) => !c.kinds || c.kinds.includes(policy.kinds[0]!.code));
      if (categories.length < 2) continue;
      const events = [
        registrationFor(policy, { category: categories[0]!.code }),
        makeEvent('case.classified', { category: categories[1]!.code, note: '更正分类' }, T + HOUR),
      ];
      const state = projectCase(events);
      expect(state?.category, id).toBe(categories[1]!.code);
      expect(
        state?.timeline.map((e) => e.type),
        id,
      ).toEqual(['case.registered', 'case.classified']);
      expect(state?.eventCount, id).toBe(2);
    }
  });

  it('X-6 every preset has periodic analysis, and the catalogue uses weekly, monthly, quarterly and yearly periods', () => {
    for (const { id, policy } of presets) expect(policy.analysisPeriods.length, id).toBeGreaterThan(0);
    expect(new Set(presets.flatMap((p) => p.policy.analysisPeriods))).toEqual(new Set(['weekly', 'monthly', 'quarterly', 'yearly']));
  });
});
