import { describe, expect, it } from 'vitest';
import { policySchema } from '../../../src-shared/domain/policy';
import { fireBrigadePreset } from '../../../src-shared/presets/s1-fire-brigade';
import { propertyPreset } from '../../../src-shared/presets/s7-property';
import { bookReceptionDay, emptyIntake } from './intake-model';

describe('booking a visitor from the reception calendar', () => {
  const fire = policySchema.parse(fireBrigadePreset);
  const now = Date.UTC(2026, 10, 20, 2);

  it('S1-8 opens a visit on the chosen reception day, keeping what the clerk already typed', () => {
    const typed = { ...emptyIntake(fire, now), subject: '要求面见大队领导', form: { hazardPlace: '城东仓库' } };
    const booked = bookReceptionDay(typed, fire, '2026-11-27');
    expect(booked).toMatchObject({ channel: 'visit', subject: '要求面见大队领导', form: { hazardPlace: '城东仓库', receptionDay: '2026-11-27' } });
    expect(fire.forms.find((f) => f.id === fire.kinds.find((k) => k.code === booked.kind)!.formId)!.fields.map((f) => f.key)).toContain('receptionDay');
  });

  it('changes nothing under a policy without reception days', () => {
    const property = policySchema.parse(propertyPreset);
    const values = emptyIntake(property, now);
    expect(bookReceptionDay(values, property, '2026-11-27')).toBe(values);
  });
});
