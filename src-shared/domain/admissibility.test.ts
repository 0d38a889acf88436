import { describe, expect, it } from 'vitest';
import { admissibilityCheck, admissibilityQuestions, categoryAdmissibility, rejectionAtIntake } from './admissibility';
import { samplePolicy } from './policy.fixtures';
import { eventPayloads } from './events';
import { projectCase } from './projection';
import { T0, makeEvent, makeRegistration } from './projection.fixtures';

const hospital = samplePolicy({
  inadmissibleReasons: [
    { code: 'court', text: '已向人民法院起诉', referral: '请等待人民法院的处理结果' },
    { code: 'petition', text: '已经信访部门处理' },
    { code: 'vague', text: '无明确投诉对象和具体事实' },
    { code: 'police', text: '已由公安机关立案侦查' },
    { code: 'remit', text: '不属于投诉管理部门职责范围', referral: '请向有关主管部门反映' },
  ],
});

describe('admissibilityCheck', () => {
  it('S4-7 a complaint already filed in court is inadmissible, with the explanation and referral to record', () => {
    const r = admissibilityCheck(hospital, { court: true, vague: false });
    expect(r).toMatchObject({ admissible: false, reasonCode: 'court', reason: '已向人民法院起诉', referral: '请等待人民法院的处理结果' });
    if (!r.admissible) {
      expect(r.rejection).toEqual({ reasonCode: 'court', explanation: '已向人民法院起诉。请等待人民法院的处理结果', referral: '请等待人民法院的处理结果' });
      expect(eventPayloads['case.rejected'].safeParse(r.rejection).success).toBe(true);
    }
  });

  it('S6-2 outside the remit: explain and name the competent department; the first applicable reason wins', () => {
    const r = admissibilityCheck(hospital, { remit: true, police: true });
    expect(r).toMatchObject({ admissible: false, reasonCode: 'police' });
    const remit = admissibilityCheck(hospital, { remit: true });
    expect(remit).toMatchObject({ admissible: false, referral: '请向有关主管部门反映' });
  });

  it('admissible when no reason applies; unknown codes are ignored; reasons without referral have none', () => {
    expect(admissibilityCheck(hospital, {})).toEqual({ admissible: true });
    expect(admissibilityCheck(hospital, { court: false, whatever: true })).toEqual({ admissible: true });
    const r = admissibilityCheck(hospital, { petition: true });
    expect(r).toMatchObject({ admissible: false, reason: '已经信访部门处理' });
    if (!r.admissible) expect(r.referral).toBeUndefined();
    expect(admissibilityQuestions(hospital).map((q) => q.code)).toEqual(['court', 'petition', 'vague', 'police', 'remit']);
  });

  it('S8-3 a category outside the service commitments marks the complaint invalid; S7-11 municipal ones are external', () => {
    const p = samplePolicy();
    expect(categoryAdmissibility(p, 'c-out')).toEqual({ valid: false });
    expect(categoryAdmissibility(p, 'c-city')).toEqual({ valid: true, external: '自来水公司' });
    expect(categoryAdmissibility(p, 'c-water')).toEqual({ valid: true });
    expect(categoryAdmissibility(p, undefined)).toEqual({ valid: true });
  });

  it('S8-8 an invalid complaint is still registered with a number, marked invalid and explained to the complainant', () => {
    const p = samplePolicy();
    const reg = makeRegistration(T0, { category: 'c-out' });
    const verdict = categoryAdmissibility(p, reg.payload.category);
    expect(verdict.valid).toBe(false);
    const s = projectCase([
      reg,
      makeEvent('case.classified', { valid: verdict.valid }, T0 + 60_000),
      makeEvent('case.replied', { to: 'complainant', method: 'phone', content: '该事项不属于本处服务承诺范围，已向您说明。' }, T0 + 120_000),
    ])!;
    expect(s).toMatchObject({ number: 'HZ01-20261127-001', valid: false, status: 'replied' });
    expect(s.replies[0]!.content).toContain('说明');
  });
});

describe('rejectionAtIntake (the intake screen records its 不予受理 through this)', () => {
  it('S4-7 the reason must be one the policy defines and the complainant is told why; the policy referral fills in', () => {
    expect(rejectionAtIntake(hospital, { reasonCode: 'court', explanation: '  已起诉，法院处理中 ' })).toEqual({
      ok: true,
      rejection: { reasonCode: 'court', explanation: '已起诉，法院处理中', referral: '请等待人民法院的处理结果' },
    });
    expect(rejectionAtIntake(hospital, { reasonCode: 'court', explanation: '' })).toEqual({
      ok: false,
      errors: [{ path: 'explanation', code: 'intake.explanationRequired' }],
    });
    expect(rejectionAtIntake(hospital, { reasonCode: 'lunch', explanation: '说明' })).toEqual({
      ok: false,
      errors: [{ path: 'inadmissibleReason', code: 'intake.reasonUnknown' }],
    });
  });

  it('S6-2 outside the remit: the clerk may name the competent department instead of the policy wording; no referral is invented', () => {
    const named = rejectionAtIntake(hospital, { reasonCode: 'remit', explanation: '属医保问题', referral: '区医保局' });
    expect(named.ok && named.rejection.referral).toBe('区医保局');
    const none = rejectionAtIntake(hospital, { reasonCode: 'vague', explanation: '未说明对象', referral: ' ' });
    expect(none.ok && none.rejection).toEqual({ reasonCode: 'vague', explanation: '未说明对象' });
    // The payload is what the event schema accepts.
    expect(eventPayloads['case.rejected'].safeParse(named.ok && named.rejection).success).toBe(true);
  });
});
