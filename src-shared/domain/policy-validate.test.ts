import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { validatePolicy } from './policy-validate';
import type { PolicyInput } from './policy';
import { samplePolicyInput, sampleStaff } from './policy.fixtures';

function withChange(change: (p: PolicyInput) => void): PolicyInput {
  const p = structuredClone(samplePolicyInput());
  change(p);
  return p;
}

function errorsOf(input: unknown, staff = sampleStaff) {
  const r = validatePolicy(input, staff);
  return r.ok ? [] : r.errors;
}

describe('validatePolicy', () => {
  it('accepts the sample policy and fills defaults', () => {
    const r = validatePolicy(samplePolicyInput(), sampleStaff);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.utcOffsetMinutes).toBe(480);
  });

  it('S0-4 refuses a form that both requires and hides a field, in Chinese, naming the form and the field', () => {
    const errors = errorsOf(
      withChange((p) => {
        p.forms[0]!.requires = ['demand'];
        p.forms[0]!.hides = ['demand'];
      }),
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ path: 'forms.0.hides.0', code: 'policy.requiredHidden' });
    expect(errors[0]!.message['zh-CN']).toContain('必填');
    expect(errors[0]!.message['zh-CN']).toContain('demand');
  });

  it('refuses a category routed to a missing department, naming the field and the department', () => {
    const errors = errorsOf(withChange((p) => void (p.categories[0]!.departmentId = 'd-ghost')));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ path: 'categories.0.departmentId', code: 'policy.missingDepartment' });
    expect(errors[0]!.message['zh-CN']).toContain('d-ghost');
    expect(errors[0]!.message['zh-CN']).toContain('部门');
    expect(errors[0]!.message.en).toContain('does not exist');
  });

  it('refuses duplicate codes', () => {
    const errors = errorsOf(
      withChange((p) => {
        p.departments.push({ id: 'd-eng', name: '另一个工程部' });
        p.forms[1]!.fields.push({ key: 'brand', label: '品牌2', type: 'text' });
      }),
    );
    expect(errors.map((e) => [e.path, e.code])).toEqual([
      ['departments.3', 'policy.duplicate'],
      ['forms.1.fields.4', 'policy.duplicate'],
    ]);
    expect(errors[0]!.message['zh-CN']).toContain('d-eng');
  });

  it('refuses a row whose name is blank, naming the row', () => {
    const errors = errorsOf(
      withChange((p) => {
        p.departments[1]!.name = '  ';
        p.kinds[0]!.name = '';
      }),
    );
    expect(errors.map((e) => [e.path, e.code])).toEqual([
      ['departments.1.name', 'required'],
      ['kinds.0.name', 'required'],
    ]);
    expect(errors[0]!.message['zh-CN']).toContain('必须填写');
  });

  it('refuses a kind whose form is missing', () => {
    const errors = errorsOf(withChange((p) => void (p.kinds[0]!.formId = 'f-none')));
    expect(errors[0]).toMatchObject({ path: 'kinds.0.formId', code: 'policy.missingForm' });
  });

  it('S0-4 refuses a stage that can never stop (same events as its start, or only registration)', () => {
    const same = errorsOf(withChange((p) => void (p.stages[1]!.stopsOn = ['case.registered'])));
    expect(same[0]).toMatchObject({ path: 'stages.1.stopsOn', code: 'policy.stageNeverStops' });
    expect(same[0]!.message['zh-CN']).toContain('永远不会结束');
    const onlyReg = errorsOf(
      withChange((p) => {
        p.stages[1]!.startsOn = ['case.assigned'];
        p.stages[1]!.stopsOn = ['case.registered'];
      }),
    );
    expect(onlyReg[0]).toMatchObject({ path: 'stages.1.stopsOn', code: 'policy.stageNeverStops' });
    expect(onlyReg[0]!.message['zh-CN']).toContain('登记');
    const empty = errorsOf(withChange((p) => void (p.stages[1]!.stopsOn = [])));
    expect(empty[0]?.path).toBe('stages.1.stopsOn');
  });

  it('refuses a stage or approval that applies to unknown kinds, severities or categories', () => {
    const errors = errorsOf(
      withChange((p) => {
        p.stages[0]!.appliesTo = { kinds: ['ghost-kind'], severities: ['urgent'], categories: ['c-water', 'c-nope'] };
        p.approvals[0]!.appliesTo = { kinds: ['zzz'] };
      }),
    );
    expect(errors.map((e) => e.path)).toEqual([
      'stages.0.appliesTo.kinds.0',
      'stages.0.appliesTo.severities.0',
      'stages.0.appliesTo.categories.1',
      'approvals.0.appliesTo.kinds.0',
    ]);
    expect(errors[1]!.message['zh-CN']).toContain('等级「urgent」');
  });

  it('refuses every role reference that is not among the roles', () => {
    const errors = errorsOf(
      withChange((p) => {
        p.departments[0]!.headRole = 'r1';
        p.stages[0]!.extensionApproverRole = 'r2';
        p.stages[0]!.ladder = [{ at: 'breach', notifyRoles: ['r3'] }];
        p.approvals[0]!.steps[0]!.role = 'r4';
        p.riskFlags[0]!.alertRoles = ['r5'];
        p.penalties[0]!.targetRole = 'r6';
        p.penalties[0]!.approverRole = 'r7';
        p.rewards[0]!.approverRole = 'r8';
        p.expenses[0]!.signatureChain = ['r9'];
        p.identityViewerRoles = ['r10'];
        p.callbackRole = 'r11';
      }),
      [],
    );
    expect(errors.every((e) => e.code === 'policy.unknownRole')).toBe(true);
    expect(errors.map((e) => e.path).sort()).toEqual(
      [
        'departments.0.headRole',
        'stages.0.extensionApproverRole',
        'stages.0.ladder.0.notifyRoles.0',
        'approvals.0.steps.0.role',
        'riskFlags.0.alertRoles.0',
        'penalties.0.targetRole',
        'penalties.0.approverRole',
        'rewards.0.approverRole',
        'expenses.0.signatureChain.0',
        'identityViewerRoles.0',
        'callbackRole',
      ].sort(),
    );
  });

  it('refuses an approval, extension, reward or penalty role that nobody on the staff holds', () => {
    const noDirector = sampleStaff.filter((s) => !s.roles.includes('director'));
    const errors = errorsOf(samplePolicyInput(), noDirector);
    expect(errors.map((e) => e.path).sort()).toEqual(['approvals.0.steps.0.role', 'penalties.0.approverRole', 'rewards.0.approverRole']);
    expect(errors.every((e) => e.code === 'policy.roleUnheld')).toBe(true);
    expect(errors[0]!.message['zh-CN']).toContain('没有任何人员担任');
    // Without a staff list only the policy itself is checked.
    expect(validatePolicy(samplePolicyInput()).ok).toBe(true);
  });

  it('reports shape errors with field paths and never throws on any input', () => {
    const r = validatePolicy({ ...samplePolicyInput(), roles: 'all' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatchObject({ path: 'roles', code: 'type' });
    const hostile = new Proxy(
      {},
      {
        get: () => {
          throw new Error('boom');
        },
        ownKeys: () => {
          throw new Error('boom');
        },
      },
    );
    expect(validatePolicy(hostile).ok).toBe(false);
    fc.assert(fc.property(fc.anything(), (x) => validatePolicy(x).ok === false));
  });
});
