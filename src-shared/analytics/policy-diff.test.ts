import { describe, expect, it } from 'vitest';
import { policySchema, type Policy } from '../domain/policy';
import { policyForCase, policyInForce, nextRevision } from '../domain/revisions';
import { slaStagesFor } from '../domain/sla';
import { DAY, HOUR } from '../domain/projection.fixtures';
import { changesBySection, diffPolicies } from './policy-diff';
import { analyticsPolicy, caseOf, eventsFor } from './test-fixtures';

const bj = (y: number, m: number, d: number, h = 0, min = 0) => Date.UTC(y, m - 1, d, h - 8, min);
const rev1 = policySchema.parse(analyticsPolicy({ effectiveFrom: bj(2026, 1, 1) }));
const today = bj(2026, 11, 27, 10);
const tomorrow = bj(2026, 11, 28);

function revise(): Policy {
  const resolve = rev1.stages.find((s) => s.id === 'resolve')!;
  const r = nextRevision(
    rev1,
    {
      stages: rev1.stages.map((s) => (s.id === 'resolve' ? { ...resolve, limit: { amount: 1, unit: 'days' as const } } : s)),
      categories: [...rev1.categories, { code: 'parking', name: '停车', departmentId: 'sec' }],
    },
    { author: '张主任', reason: '缩短解决时限，新增停车类别', effectiveFrom: tomorrow, date: today },
  );
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

describe('S0-2 policy revisions', () => {
  const rev2 = revise();

  it('S0-2 the side-by-side diff shows exactly what the administrator changed', () => {
    const changes = diffPolicies(rev1, rev2);
    expect(changes.map((c) => [c.path, c.kind, c.before, c.after])).toEqual([
      ['effectiveFrom', 'changed', rev1.effectiveFrom, tomorrow],
      ['categories[parking]', 'added', undefined, { code: 'parking', name: '停车', departmentId: 'sec' }],
      ['stages[resolve].limit.amount', 'changed', 2, 1],
    ]);
    // The same paths as steps, for the describer (policy-diff-text) that puts them into words.
    expect(changes.map((c) => c.steps)).toEqual([['effectiveFrom'], ['categories', { id: 'parking' }], ['stages', { id: 'resolve' }, 'limit', 'amount']]);
    expect(changesBySection(changes).map((s) => s.section)).toEqual(['effectiveFrom', 'categories', 'stages']);
    expect(rev2.revisions.at(-1)).toMatchObject({ author: '张主任', status: '缩短解决时限，新增停车类别', effectiveFrom: tomorrow });
    expect(diffPolicies(rev1, rev1)).toEqual([]);
  });

  it('S0-2 a revision effective tomorrow does not change today’s cases; cases registered after it use it', () => {
    const revisions = [rev1, rev2];
    expect(policyInForce(revisions, today)!.revision).toBe(1);
    expect(policyInForce(revisions, tomorrow + HOUR)!.revision).toBe(2);

    // Registered today under the revision then in force, evaluated the day after tomorrow.
    const todayEvents = eventsFor({ id: 'today', receivedAt: today, policyRevision: policyInForce(revisions, today)!.revision });
    const todayCase = caseOf({ id: 'today', receivedAt: today, policyRevision: 1 });
    const governing = policyForCase(revisions, todayCase)!;
    expect(governing.revision).toBe(1);
    const resolveToday = slaStagesFor(governing, todayEvents, tomorrow + DAY).find((s) => s.stageId === 'resolve')!;
    expect(resolveToday.dueAt).toBe(today + 2 * DAY);

    const later = tomorrow + 2 * HOUR;
    const laterRev = policyInForce(revisions, later)!.revision;
    const laterEvents = eventsFor({ id: 'later', receivedAt: later, policyRevision: laterRev });
    const laterCase = caseOf({ id: 'later', receivedAt: later, policyRevision: laterRev });
    const resolveLater = slaStagesFor(policyForCase(revisions, laterCase)!, laterEvents, later).find((s) => s.stageId === 'resolve')!;
    expect(resolveLater.dueAt).toBe(later + DAY);
  });
});
