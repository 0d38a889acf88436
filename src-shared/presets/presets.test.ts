import { describe, expect, it } from 'vitest';
// eslint-disable-next-line no-restricted-imports -- the test reads the committed rules catalogue from disk
import { readFileSync } from 'node:fs';
import { policySchema } from '../domain/policy';
import { validatePolicy } from '../domain/policy-validate';
import { PRESETS, demoStaff, presetById } from './index';

// Every preset is valid data, passes the meaning checks with its demo staff, and names only real rules.

const rulesMd = readFileSync(new URL('../../docs/RULES.md', import.meta.url), 'utf8');
const knownRuleIds = new Set([...rulesMd.matchAll(/^- ((?:S\d+|X)-\d+)\b/gm)].map((m) => m[1]!));

describe('presets catalogue', () => {
  it('lists each preset once, with a zh-CN name, description and its policy under the same id', () => {
    const ids = PRESETS.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of PRESETS) {
      expect(p.policy.presetId).toBe(p.id);
      expect(p.name).toMatch(/[\u4e00-\u9fff]/);
      expect(p.description).toMatch(/[\u4e00-\u9fff]/);
      expect(p.nameEn.length).toBeGreaterThan(0);
      expect(presetById(p.id)).toBe(p);
    }
    expect(presetById('no-such-preset')).toBeUndefined();
    expect(demoStaff('no-such-preset')).toEqual([]);
  });

  for (const entry of PRESETS) {
    describe(entry.id, () => {
      it('parses with policySchema', () => {
        const r = policySchema.safeParse(entry.policy);
        expect(r.success ? [] : r.error.issues).toEqual([]);
      });

      it('passes validatePolicy with its demo staff', () => {
        const r = validatePolicy(entry.policy, demoStaff(entry.id));
        expect(r.ok ? [] : r.errors.map((e) => `${e.path}: ${e.message['zh-CN']}`)).toEqual([]);
      });

      it('demo staff hold every role the preset defines, in existing departments', () => {
        const staff = demoStaff(entry.id);
        const held = new Set(staff.flatMap((s) => s.roles));
        const departments = new Set(entry.policy.departments.map((d) => d.id));
        for (const role of entry.policy.roles) expect(held, role.code).toContain(role.code);
        for (const s of staff) expect(departments, s.name).toContain(s.departmentId);
        expect(new Set(staff.map((s) => s.id)).size).toBe(staff.length);
      });

      it('names only rule IDs that exist in RULES.md', () => {
        const p = policySchema.parse(entry.policy);
        const named = [
          ...p.rules,
          ...p.stages.flatMap((s) => s.rules),
          ...p.approvals.flatMap((a) => a.rules),
          ...p.rewards.flatMap((r) => r.rules),
          ...p.penalties.flatMap((r) => r.rules),
          ...p.expenses.flatMap((r) => r.rules),
          ...(p.duties ?? []).flatMap((d) => d.rules),
        ];
        for (const id of named) expect(knownRuleIds, id).toContain(id);
        // Every rule a part implements is also declared by the policy as a whole.
        for (const id of named) expect(p.rules, id).toContain(id);
      });

      it('carries a first revision effective from the policy effective date', () => {
        const p = policySchema.parse(entry.policy);
        expect(p.revisions[0]?.effectiveFrom).toBe(p.effectiveFrom);
        expect(p.revision).toBeGreaterThanOrEqual(1);
      });
    });
  }
});
