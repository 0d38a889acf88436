import { describe, expect, it } from 'vitest';
import { slaStagesFor } from '../domain/sla';
import { fireBrigadePreset } from './s1-fire-brigade';
import { propertyServicePreset } from './s10-property-service';
import { officeReceptionPreset } from './s11-office-reception';
import { retailQualityPreset } from './s3-retail-quality';
import { MINUTE, cst, makeEvent, makeRegistration, policyOf, stageById } from './presets.fixtures';

// "当日 / 当天" limits: the day is the day the stage starts, taken before anything is added, so a case
// received in the last minute of a day is due at 24:00 of that day, not the next (issue 12).

const lastMinute = cst(2026, 11, 27, 23, 59) + 30_000;
const midnight = cst(2026, 11, 28);

describe('same-day limits', () => {
  const registered = [
    ['S1-3', fireBrigadePreset, 'report_to_chief'],
    ['S10-5', propertyServicePreset, 'verify_same_day'],
    ['S11-3', officeReceptionPreset, 'verify_same_day'],
  ] as const;
  for (const [rule, preset, stageId] of registered) {
    it(`${rule} a case received at 23:59:30 is due at 24:00 that same day; one received at 00:00 has the whole day`, () => {
      const policy = policyOf(preset);
      const late = slaStagesFor(policy, [makeRegistration(lastMinute, { kind: policy.kinds[0]!.code })], lastMinute + 1000);
      expect(stageById(late, stageId).dueAt).toBe(midnight);
      const early = slaStagesFor(policy, [makeRegistration(midnight, { kind: policy.kinds[0]!.code })], midnight + MINUTE);
      expect(stageById(early, stageId).dueAt).toBe(midnight + 24 * 60 * MINUTE);
    });
  }

  it('S3-5 a reply in the last minute of the day: the flow table is due by 24:00 that day', () => {
    const policy = policyOf(retailQualityPreset);
    const events = [
      makeRegistration(cst(2026, 11, 27, 9), { kind: policy.kinds[0]!.code, form: { compensationOrReturn: 'yes' } }),
      makeEvent('case.replied', { to: 'complainant', method: 'phone', content: '同意退货' }, lastMinute),
    ];
    expect(stageById(slaStagesFor(policy, events, lastMinute + 1000), 'flow_table_signed').dueAt).toBe(midnight);
  });
});
