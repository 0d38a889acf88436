import { describe, expect, it } from 'vitest';
import { slaStagesFor } from '../domain/sla';
import { projectCase } from '../domain/projection';
import { constructionSitePreset } from './s2-construction-site';
import { presetById } from './index';
import { HOUR, MINUTE, cst, makeEvent, makeRegistration, policyOf, stageById } from './presets.fixtures';

// RULES.md S2 / S5 — 地盘施工处理投诉管理工作细则.

const policy = policyOf(constructionSitePreset);
const T = cst(2026, 11, 27, 22, 0);

function complaint(category = 'noise') {
  return makeRegistration(T, {
    channel: 'visit',
    category,
    complainant: { anonymous: false, confidential: false, name: '周边业主', phone: '13700000000', address: '幸福里3栋' },
    form: { complainantType: 'owner', spot: '3栋东侧围挡' },
  });
}

describe('S2/S5 construction site preset', () => {
  it('S2-1 scope: neighbouring owners and residents committees complaining about construction', () => {
    const field = policy.forms[0]!.fields.find((f) => f.key === 'complainantType');
    expect(field).toMatchObject({
      required: true,
      options: [
        { value: 'owner', label: '周边地区业主' },
        { value: 'committee', label: '居委会' },
      ],
    });
    expect(policy.inadmissibleReasons.map((r) => r.code)).toEqual(['out_of_scope']);
    expect(presetById('s2-construction-site')?.articles).toEqual(['S2', 'S5']);
  });

  it('S2-2 the engineering manager guides, the supporting manager handles noise permits and power, the site director handles complaints', () => {
    const head = new Map(policy.departments.map((d) => [d.id, d.headRole]));
    expect(head.get('engineering')).toBe('engineering_manager');
    expect(head.get('supporting')).toBe('supporting_manager');
    expect(head.get('site')).toBe('site_director');
    expect(policy.roles.find((r) => r.code === 'supporting_manager')?.description).toMatch(/噪音办证.*供电/);
    expect(policy.callbackRole).toBe('site_director');
  });

  it('S2-3 by cause: noise and power go to the supporting department, other causes to the engineering manager', () => {
    const route = new Map(policy.categories.map((c) => [c.code, c.departmentId]));
    expect(route.get('noise')).toBe('supporting');
    expect(route.get('power')).toBe('supporting');
    for (const c of ['dust', 'traffic', 'damage', 'other']) expect(route.get(c), c).toBe('engineering');
  });

  it('S2-4 the site director goes to the complaint spot at once: arrival is a timed stage', () => {
    const s = stageById(slaStagesFor(policy, [complaint()], T + MINUTE), 'site_arrival');
    expect(s).toMatchObject({ state: 'running', dueAt: T + HOUR, notifyRoles: ['site_director'] });
    const arrived = [complaint(), makeEvent('case.site_visited', { note: '到场查看' }, T + 25 * MINUTE)];
    expect(stageById(slaStagesFor(policy, arrived, T + 2 * HOUR), 'site_arrival')).toMatchObject({ state: 'met', metAt: T + 25 * MINUTE });
    expect(stageById(slaStagesFor(policy, [complaint()], T + 2 * HOUR), 'site_arrival')).toMatchObject({
      state: 'breached',
      notifyRoles: ['engineering_manager'],
    });
  });

  it('S2-5 the goodwill visit is an expense of about 150 yuan of flowers and fruit', () => {
    const visit = policy.expenses.find((e) => e.id === 'goodwill_visit');
    expect(visit).toMatchObject({ defaultAmount: 150, name: '登门慰问(鲜花和水果)' });
    const state = projectCase([
      complaint(),
      makeEvent('case.expense_recorded', { expenseId: 'goodwill_visit', amount: 148, description: '鲜花和水果' }, T + HOUR),
    ]);
    expect(state?.expenses).toMatchObject([{ expenseId: 'goodwill_visit', amount: 148 }]);
  });

  it('S2-6 the solution goes to the engineering manager, the vice-president in charge and the property company GM, in that order', () => {
    const chain = policy.approvals.find((a) => a.id === 'solution_chain');
    expect(chain?.steps.map((s) => s.role)).toEqual(['engineering_manager', 'vice_president', 'property_gm']);
    expect(chain?.before).toBe('case.resolved');
  });

  it('S2-7 the solution is implemented and the handling recorded in the work diary', () => {
    const state = projectCase([
      complaint(),
      makeEvent('case.material_added', { kind: 'diary', title: '工作日记', description: '调整夜间施工时间至22:00前' }, T + HOUR),
      makeEvent('case.resolved', { result: '夜间停止打桩' }, T + 2 * HOUR),
    ]);
    expect(state?.materials.filter((m) => m.kind === 'diary').map((m) => m.title)).toEqual(['工作日记']);
    expect(policy.archiveSections?.map((s) => s.id)).toContain('diary');
  });

  it('S2-8 document control: revision record fields and 编制/审核/批准 sign-off', () => {
    expect(Object.keys(policy.revisions[0]!).sort()).toEqual(['author', 'date', 'effectiveFrom', 'orderNo', 'page', 'status']);
    expect(policy.document.signOff).toEqual({ author: '工程部', reviewer: '工程部经理', approver: '物业公司总经理' });
    expect(policy.document.appendix[0]).toContain('修改记录');
  });
});
