import { describe, expect, it } from 'vitest';
import { slaStagesFor } from '../domain/sla';
import { projectCase } from '../domain/projection';
import { riskFlagAlerts } from '../domain/alerts';
import { hospitalDemoStaff, hospitalPreset } from './s4-hospital';
import { DAY, HOUR, MINUTE, cst, makeEvent, makeRegistration, policyOf, stageById } from './presets.fixtures';
import { admissibilityCheck } from '../domain/admissibility';
import { buildRegistration, intakeDefaults } from '../domain/intake';

// RULES.md S4 — 人民医院投诉接待工作制度(管理办法).

const policy = policyOf(hospitalPreset);
const T = cst(2026, 11, 27, 10, 0);

function patientComplaint(category: string, extra: Parameters<typeof makeRegistration>[1] = {}) {
  return makeRegistration(T, { channel: 'visit', category, receptionPoint: '服务台', form: { patientType: 'outpatient' }, ...extra });
}

describe('S4 hospital preset', () => {
  it('S4-1 24-hour reception at the five standing reception points; a complaint at 03:00 on a Sunday starts its clock at once', () => {
    expect(policy.receptionPoints).toEqual(expect.arrayContaining(['综合办', '医教科', '护理部', '服务台', '总值班']));
    const night = cst(2026, 11, 29, 3, 0);
    const s = slaStagesFor(policy, [makeRegistration(night, { channel: 'visit', category: 'medical', receptionPoint: '总值班' })], night + HOUR);
    expect(stageById(s, 'feedback')).toMatchObject({ startedAt: night, state: 'running' });
  });

  it('S4-2 window complaints by window staff, outpatients by the one-stop desk, inpatients by the ward nurse station', () => {
    const field = policy.forms.find((f) => f.id === 'patient_complaint')?.fields.find((f) => f.key === 'patientType');
    expect(field?.required).toBe(true);
    expect(field?.options?.map((o) => [o.value, o.label])).toEqual([
      ['window', '窗口投诉(窗口工作人员接待)'],
      ['outpatient', '门诊病人(一站式服务台接待)'],
      ['inpatient', '住院病人(科室护士站接待)'],
    ]);
    expect(policy.receptionPoints).toEqual(expect.arrayContaining(['窗口', '一站式服务台(门诊)', '各科护士站(住院)']));
  });

  it('S4-3 every employee receives complaints; the first receiver stays responsible; refusing to receive is itself a complaint', () => {
    expect(hospitalDemoStaff().every((s) => s.roles.includes('staff'))).toBe(true);
    const events = [
      patientComplaint('medical', { firstReceiverId: 'doctor-liu' }),
      makeEvent('case.transferred', { toDepartmentId: 'medical_affairs', reason: '无能力解决,上交医教科' }, T + 20 * MINUTE),
    ];
    expect(projectCase(events)?.firstReceiverId).toBe('doctor-liu');
    expect(policy.categories.find((c) => c.code === 'refused_reception')).toMatchObject({ departmentId: 'general_office' });
  });

  it('S4-4 unresolved at reception: medical → 医教科, billing → 财务科, conduct → 综合办', () => {
    const dept = new Map(policy.departments.map((d) => [d.id, d.name]));
    const routeOf = (code: string) => dept.get(policy.categories.find((c) => c.code === code)?.departmentId ?? '');
    expect(routeOf('medical')).toBe('医教科');
    expect(routeOf('billing')).toBe('财务科');
    expect(routeOf('conduct')).toBe('综合办');
    // Every complaint is registered: the form needs the complainant and a category.
    expect(policy.forms.find((f) => f.id === 'patient_complaint')?.requires).toEqual(expect.arrayContaining(['complainant.name', 'category']));
  });

  it('S4-5 incorrect opinions or unreasonable demands are explained patiently by the receiver, not routed away', () => {
    const c = policy.categories.find((x) => x.code === 'explanation');
    expect(c?.departmentId).toBeUndefined();
    expect(c?.description).toContain('耐心解释');
  });

  it('S4-6 not resolvable at once: contact details kept, result fed back within 5 working days across the National Day holiday', () => {
    expect(policy.forms.find((f) => f.id === 'patient_complaint')?.requires).toContain('complainant.phone');
    const at = cst(2026, 9, 30, 10, 0); // Wednesday before the 2026 National Day holiday (Oct 1–7)
    const events = [makeRegistration(at, { channel: 'visit', category: 'medical', receptionPoint: '服务台' })];
    // Oct 8, Oct 9, make-up Saturday Oct 10, Oct 12, Oct 13 → due at the end of Tuesday Oct 13.
    expect(stageById(slaStagesFor(policy, events, at + HOUR), 'feedback').dueAt).toBe(cst(2026, 10, 14, 0, 0));
    const fed = [...events, makeEvent('case.feedback_given', { method: 'phone', content: '调查结果和处理意见' }, cst(2026, 10, 12, 9, 0))];
    expect(stageById(slaStagesFor(policy, fed, cst(2026, 10, 20)), 'feedback')).toMatchObject({ state: 'met', metLate: false });
  });

  it('S4-7 five inadmissible situations, each with the explanation given to the complainant', () => {
    expect(policy.inadmissibleReasons.map((r) => r.code)).toEqual(['court', 'petition_handled', 'no_target', 'police_case', 'out_of_remit']);
    const text = new Map(policy.inadmissibleReasons.map((r) => [r.code, r.text]));
    expect(text.get('court')).toContain('人民法院起诉');
    expect(text.get('petition_handled')).toContain('信访部门');
    expect(text.get('no_target')).toContain('没有明确的投诉对象和具体事实');
    expect(text.get('police_case')).toContain('治安案件、刑事案件');
    expect(text.get('out_of_remit')).toContain('不属于投诉管理部门职权范围');
    const reason = policy.inadmissibleReasons[0]!;
    const events = [
      patientComplaint('medical'),
      makeEvent('case.rejected', { reasonCode: reason.code, explanation: reason.text, referral: reason.referral }, T + HOUR),
    ];
    expect(projectCase(events)).toMatchObject({ status: 'rejected', rejection: { reasonCode: 'court', referral: '人民法院' } });
    expect(stageById(slaStagesFor(policy, events, T + 30 * DAY), 'feedback').state).toBe('met');
  });

  it('S4-8 violent or unlawful behaviour alerts security and the leaders at once, to be reported to the police and health authority', () => {
    const alerts = riskFlagAlerts(policy, makeEvent('case.risk_flagged', { flag: 'violence', note: '辱骂并推搡医生' }, T));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.roles).toEqual(['security_officer', 'hospital_leader', 'complaint_officer']);
    expect(policy.riskFlags.find((f) => f.code === 'violence')?.reportExternally).toEqual(['公安机关', '卫生行政部门']);
  });

  it('S4-9 periodic classification and analysis, analysis meetings and follow-up of rectification', () => {
    expect(policy.analysisPeriods).toEqual(expect.arrayContaining(['monthly', 'quarterly']));
    const duties = new Map((policy.duties ?? []).map((d) => [d.id, d]));
    expect(duties.get('classification_analysis')?.items).toContain('督促相关部门、科室及时整改');
    expect(duties.get('analysis_meeting')).toMatchObject({ every: 'quarterly', role: 'hospital_leader' });
  });

  it('S4-10 staff complaints and quality-safety issues (drugs, devices, water, power, gas) go to the complaint office and are fed back', () => {
    expect(policy.kinds.find((k) => k.code === 'internal')).toMatchObject({ formId: 'internal_complaint' });
    expect(policy.categories.find((c) => c.code === 'quality_safety')).toMatchObject({ departmentId: 'general_office', kinds: ['internal'] });
    const item = policy.forms.find((f) => f.id === 'internal_complaint')?.fields.find((f) => f.key === 'safetyItem');
    expect(item?.options?.map((o) => o.label)).toEqual(['药品', '医疗器械', '水', '电', '气']);
    const events = [
      makeRegistration(T, { kind: 'internal', channel: 'internal', category: 'quality_safety', form: { reporterDepartment: '药剂科', safetyItem: 'drugs' } }),
    ];
    const s = slaStagesFor(policy, events, T + HOUR);
    expect(s.map((x) => x.stageId)).toEqual(['internal_feedback']);
  });

  it('S4-11 the case archive holds the five required sections in order', () => {
    expect(policy.archiveSections?.map((s) => s.title)).toEqual([
      '投诉人基本信息,包括诊疗过程和全部资料',
      '投诉事项及相关证明材料',
      '调查、处理及结果',
      '整改和评估',
      '其他与投诉事项有关的材料',
    ]);
    expect(policy.forms.find((f) => f.id === 'patient_complaint')?.fields.map((f) => f.key)).toContain('treatmentCourse');
  });

  it('S4-12 a public 24-hour complaint number is printed with the regulation', () => {
    expect(policy.publicContact?.hours).toBe('24小时');
    expect(policy.document.appendix[0]).toBe('医院24小时公开投诉电话:');
  });

  it('S4-7 the admissibility check turns an answered reason into the explanation and referral recorded on the rejection', () => {
    expect(admissibilityCheck(policy, { court: false, no_target: false })).toEqual({ admissible: true });
    const r = admissibilityCheck(policy, { police_case: true, out_of_remit: true });
    expect(r.admissible ? undefined : r.rejection).toMatchObject({ reasonCode: 'police_case', referral: '公安机关' });
  });

  it('S4-4 registering a billing complaint routes it to 财务科 without the receiver choosing', () => {
    const values = { ...intakeDefaults(policy, 'complaint', T), category: 'billing', subject: '重复收费', receptionPoint: '服务台' };
    const event = buildRegistration(values, { policy, number: 'YY01-20261127-001', firstReceiverId: 'nurse-li' });
    expect(event.payload.departmentId).toBe('finance');
  });
});
