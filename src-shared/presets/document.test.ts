import { describe, expect, it } from 'vitest';
import { slaStagesFor } from '../domain/sla';
import { nextRevision, policyForCase } from '../domain/revisions';
import { projectCase } from '../domain/projection';
import { PRESETS, demoStaff } from './index';
import { propertyPreset } from './s7-property';
import { DAY, HOUR, cst, makeRegistration, policyOf, stageById } from './presets.fixtures';

// RULES.md S0 — every preset is a regulation that can be printed from its live policy, is versioned,
// and changes by editing data.

const policies = PRESETS.map((p) => ({ id: p.id, policy: policyOf(p.policy) }));
const hasChinese = /[\u4e00-\u9fff]/;

describe('S0 regulation documents of the presets', () => {
  it('S0-1 every preset carries a title, purpose, chapters with clauses, appendix and sign-off for printing', () => {
    for (const { id, policy } of policies) {
      const d = policy.document;
      expect(d.title, id).toMatch(hasChinese);
      expect(d.purpose.length, id).toBeGreaterThan(20);
      expect(d.chapters.length, id).toBeGreaterThan(0);
      for (const c of d.chapters) expect(c.clauses.length, `${id} ${c.title}`).toBeGreaterThan(0);
      expect(d.appendix.length, id).toBeGreaterThan(0);
      expect(
        Object.values(d.signOff).every((v) => hasChinese.test(v)),
        id,
      ).toBe(true);
    }
    // The clauses are the seed's own wording, e.g. S7's deadline table and S4's five inadmissible situations.
    const s7 = policies.find((p) => p.id === 's7-property')!.policy.document;
    expect(s7.chapters.flatMap((c) => c.clauses)).toContain(
      '2. 重要投诉:接待后第一时间转物业大管家、物业大管家进处置状态(上报首席物业管家)。重要投诉应在3小时内答复,一般3日内处理完毕,超时需首席物业管家批准。',
    );
    expect(new Set(policies.map((p) => p.policy.document.source))).toEqual(new Set(['S1', 'S2', 'S3', 'S4', 'S6', 'S7', 'S8', 'S9', 'S10', 'S11', 'starter']));
  });

  it('S0-2 a revision record with 页码/修改日期/修改人/修改状态/修改单号/生效日期; a case keeps the revision in force at registration', () => {
    for (const { id, policy } of policies) {
      const rec = policy.revisions[0]!;
      expect(Object.keys(rec).sort(), id).toEqual(['author', 'date', 'effectiveFrom', 'orderNo', 'page', 'status']);
      expect(rec.effectiveFrom, id).toBe(policy.effectiveFrom);
    }
    const rev1 = policyOf(propertyPreset);
    const rev2Result = nextRevision(
      rev1,
      { stages: propertyPreset.stages!.map((s) => (s.id === 'general_reply' ? { ...s, limit: { amount: 30, unit: 'minutes' as const } } : s)) },
      { author: '首席物业管家', reason: '一般投诉答复时限缩短为30分钟', effectiveFrom: cst(2026, 12, 1), date: cst(2026, 11, 20) },
      demoStaff('s7-property'),
    );
    expect(rev2Result.ok).toBe(true);
    if (!rev2Result.ok) return;
    const rev2 = rev2Result.value;
    expect(rev2.revisions.map((r) => r.status)).toEqual(['首次发布', '一般投诉答复时限缩短为30分钟']);
    const before = makeRegistration(cst(2026, 11, 30, 10, 0), { channel: 'hotline', category: 'facilities', severity: 'general' }, { policyRevision: 1 });
    const after = makeRegistration(
      cst(2026, 12, 2, 10, 0),
      { channel: 'hotline', category: 'facilities', severity: 'general' },
      { policyRevision: 2, caseId: 'case-2' },
    );
    const oldCase = policyForCase([rev1, rev2], projectCase([before])!)!;
    const newCase = policyForCase([rev1, rev2], projectCase([after])!)!;
    expect(stageById(slaStagesFor(oldCase, [before], before.at + 1), 'general_reply').dueAt).toBe(before.at + HOUR);
    expect(stageById(slaStagesFor(newCase, [after], after.at + 1), 'general_reply').dueAt).toBe(after.at + 30 * 60_000);
  });

  it('S0-3 the policy model covers the core parts of a regulation: working time, duties, performance, conduct, rewards and penalties, communication, disputes', () => {
    for (const { id, policy } of policies) {
      expect(policy.stages.length + policy.callback.rules.length, `${id} working time`).toBeGreaterThan(0);
      expect(policy.roles.length, `${id} duties`).toBeGreaterThan(0);
      expect(policy.analysisPeriods.length, `${id} performance`).toBeGreaterThan(0);
    }
    const all = policies.map((p) => p.policy);
    expect(
      all.some((p) => p.rewards.length > 0),
      'rewards',
    ).toBe(true);
    expect(
      all.some((p) => p.penalties.some((x) => x.amount > 0)),
      'penalties',
    ).toBe(true);
    expect(
      all.some((p) => p.penalties.some((x) => x.trigger.on === 'first_ask_violation')),
      'conduct',
    ).toBe(true);
    expect(
      all.some((p) => (p.duties ?? []).some((d) => d.reportToRole !== undefined)),
      'internal communication',
    ).toBe(true);
    expect(
      all.some((p) => p.kinds.some((k) => k.code === 'appeal')),
      'disputes',
    ).toBe(true);
  });

  it('S0-4 the same rules for everyone, and rules change by editing data, not code', () => {
    for (const { id, policy } of policies) {
      for (const s of [...policy.stages, ...policy.approvals]) {
        expect(
          Object.keys(s.appliesTo).every((k) => ['kinds', 'severities', 'categories', 'channels', 'form'].includes(k)),
          `${id} ${s.id}`,
        ).toBe(true);
      }
    }
    const edited = policyOf({
      ...propertyPreset,
      stages: propertyPreset.stages!.map((s) => (s.id === 'important_resolve' ? { ...s, limit: { amount: 5, unit: 'days' as const } } : s)),
    });
    const reg = makeRegistration(cst(2026, 11, 27, 10, 0), { channel: 'hotline', category: 'facilities', severity: 'important' });
    expect(stageById(slaStagesFor(edited, [reg], reg.at + 1), 'important_resolve').dueAt).toBe(reg.at + 5 * DAY);
  });
});
