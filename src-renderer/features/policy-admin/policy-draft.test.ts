import { describe, expect, it } from 'vitest';
import { presetById } from '../../../src-shared/presets';
import { policySchema, type StaffRoles } from '../../../src-shared/domain/policy';
import { changedSections, checkDraft, draftPolicy, errorRows, locate, sectionShapeOk } from './policy-draft';

const base = policySchema.parse(presetById('s7-property')!.policy);
const everyone: StaffRoles[] = [{ id: 's1', name: '李助理', roles: base.roles.map((r) => r.code) }];

describe('the revision being edited (S0-2)', () => {
  it('S0-2 only the sections that really differ go into the revision', () => {
    const draft = { categories: structuredClone(base.categories), callback: { ...base.callback, unsatisfiedReopens: true } };
    expect(Object.keys(changedSections(base, draft))).toEqual(['callback']);
    expect(changedSections(base, {})).toEqual({});
  });

  it('S0-2 a new category routed to an existing department is valid', () => {
    const categories = [...base.categories, { code: 'parking', name: '停车管理', departmentId: 'security' }];
    expect(checkDraft(base, { categories }, everyone)).toEqual([]);
  });

  it('S0-2 a category routed to a deleted department is refused with the zh-CN message, located in its row', () => {
    const departments = base.departments.filter((d) => d.id !== 'environment');
    const errors = checkDraft(base, { departments }, everyone);
    const row = base.categories.findIndex((c) => c.departmentId === 'environment');
    expect(errors.map((e) => e.path)).toEqual([`categories.${row}.departmentId`]);
    expect(errors[0]!.message['zh-CN']).toContain('路由到的部门「environment」不存在');
    expect(locate(errors[0]!.path, draftPolicy(base, { departments }))).toEqual({
      section: 'categories',
      row,
      rowName: '环境卫生绿化',
      fields: ['departmentId'],
    });
    expect([...errorRows(errors, 'categories', base)]).toEqual([row]);
  });

  it('S0-2 a code that already exists is refused as a duplicate', () => {
    const categories = [...base.categories, { code: 'facilities', name: '设施' }];
    const errors = checkDraft(base, { categories }, everyone);
    expect(errors.map((e) => [e.path, e.code])).toEqual([[`categories.${base.categories.length}`, 'policy.duplicate']]);
    expect(errors[0]!.message['zh-CN']).toContain('代码「facilities」重复了');
  });

  it('S0-2 a penalty approved by a role nobody holds is refused; so is a row without a name', () => {
    const penalties = [
      { id: 'late', name: '', trigger: { on: 'breach' as const }, amount: 50, targetRole: 'butler', approverRole: 'branch_gm', perOccurrence: true, rules: [] },
    ];
    const staff: StaffRoles[] = [{ id: 's1', name: '王管家', roles: ['butler', 'chief_butler', 'senior_butler'] }];
    const errors = checkDraft(base, { penalties }, staff);
    expect(errors.map((e) => [e.path, e.code])).toEqual([
      ['penalties.0.name', 'required'],
      ['penalties.0.approverRole', 'policy.roleUnheld'],
    ]);
    expect(errors[1]!.message['zh-CN']).toContain('没有任何人员担任该角色');
  });

  it('S0-2 a penalty addressed to a role nobody holds is refused', () => {
    const penalties = [
      {
        id: 'late',
        name: '超时未处理',
        trigger: { on: 'breach' as const },
        amount: 50,
        targetRole: 'admin_assistant',
        approverRole: 'senior_butler',
        perOccurrence: true,
        rules: [],
      },
    ];
    const staff: StaffRoles[] = [{ id: 's1', name: '王管家', roles: ['butler', 'chief_butler', 'senior_butler'] }];
    const errors = checkDraft(base, { penalties }, staff);
    expect(errors.map((e) => e.path)).toEqual(['penalties.0.targetRole']);
    expect(errors[0]!.message['zh-CN']).toBe(
      '「penalties.0.targetRole」处罚的角色「admin_assistant」目前没有任何人员担任，这项处罚无人可罚；请先给人员分配此角色或改选角色。',
    );
    expect(checkDraft(base, { penalties: [{ ...penalties[0]!, targetRole: 'butler' }] }, staff)).toEqual([]);
  });

  it('locates callback rule problems in the rule table and other paths in their section', () => {
    expect(locate('callback.rules.0.methods.1', base)).toEqual({ section: 'callback', row: 0, fields: ['methods'] });
    expect(locate('callback.weeklyRepairKind', base)).toEqual({ section: 'callback', fields: ['weeklyRepairKind'] });
    expect(locate('stages.2.limit.amount', base)).toEqual({
      section: 'stages',
      row: 2,
      rowName: base.stages[2]!.name,
      fields: ['limit.amount', 'amount', 'limit'],
    });
    expect(locate('reason', base)).toEqual({ section: 'reason', fields: [] });
  });

  it('a section broken in the JSON is not handed to its form', () => {
    expect(sectionShapeOk('categories', base.categories)).toBe(true);
    expect(sectionShapeOk('categories', { code: 'x' })).toBe(false);
    expect(sectionShapeOk('callback', { rules: [] })).toBe(false);
  });
});
