import { describe, expect, it } from 'vitest';
import { policySchema } from '../../../src-shared/domain/policy';
import { fireBrigadePreset } from '../../../src-shared/presets/s1-fire-brigade';
import { propertyPreset } from '../../../src-shared/presets/s7-property';
import { validateIntake } from '../../data/domain';
import { toLocalInput } from '../../format/time';
import { bookReceptionDay, emptyIntake, toIntakeValues } from './intake-model';

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

describe('a receive time in the future (issue 11 finding 7)', () => {
  const property = policySchema.parse(propertyPreset);
  const now = Date.UTC(2026, 10, 28, 7);

  it('is kept as typed and refused with a zh-CN message naming 接收时间, not replaced by now', () => {
    const typed = {
      ...emptyIntake(property, now),
      subject: '楼上漏水',
      receivedAt: toLocalInput(now + 86_400_000),
      form: { roomNo: '3-1-1201', zone: '', ownerDeadline: '' },
    };
    const values = toIntakeValues(typed, now);
    expect(values.receivedAt).toBeGreaterThan(now);
    expect(validateIntake(property, values, 'zh-CN', now)).toContainEqual({ path: 'receivedAt', message: '「接收时间」不能晚于现在，请检查日期和时间。' });
    const earlier = toIntakeValues({ ...typed, receivedAt: toLocalInput(now - 30 * 60_000) }, now);
    expect(validateIntake(property, earlier, 'zh-CN', now).filter((e) => e.path === 'receivedAt')).toEqual([]);
  });
});
