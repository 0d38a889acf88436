import { describe, expect, it } from 'vitest';
import { contactKeyOf, contactKeyOfPhone, lookupKeysOf, nameKeyOf, placeFieldOf, placeKeyOf } from './contact-key';
import { propertyPreset } from '../presets/s7-property';
import { hospitalPreset } from '../presets/s4-hospital';
import { policyOf } from '../presets/presets.fixtures';

const property = policyOf(propertyPreset);
const hospital = policyOf(hospitalPreset);

describe('the complainant lookup key (S7-7 repeated complaints at intake)', () => {
  it('reads a mobile number the same with spaces, dashes or the country code', () => {
    for (const typed of ['13812345678', '138 1234 5678', '138-1234-5678', '+86 138 1234 5678', '008613812345678'])
      expect(contactKeyOfPhone(typed)).toBe('13812345678');
  });
  it('names no one with fewer than seven digits', () => {
    expect(contactKeyOfPhone('12345')).toBe('');
    expect(contactKeyOfPhone(undefined)).toBe('');
  });
  it('S1-5 a confidential or anonymous complainant cannot be looked up', () => {
    const c = { anonymous: false, confidential: false, phone: '13812345678' };
    expect(contactKeyOf({ complainant: c })).toBe('13812345678');
    expect(contactKeyOf({ complainant: { ...c, confidential: true } })).toBe('');
    expect(contactKeyOf({ complainant: { ...c, anonymous: true } })).toBe('');
  });
});

describe('the name and place keys (S7-7, S8-11)', () => {
  it('reads a room number the same in full-width characters, with any dash, spaces or capitals', () => {
    for (const typed of ['3-1201', ' 3 - 1201 ', '3—1201', '3——1201', '3–1201', '３－１２０１', '3－1201']) expect(placeKeyOf(typed)).toBe('3-1201');
    expect(placeKeyOf('B座１２０１')).toBe(placeKeyOf('b座1201'));
    expect(placeKeyOf('3-1202')).not.toBe(placeKeyOf('3-1201'));
    expect(placeKeyOf('')).toBe('');
    expect(placeKeyOf(null)).toBe('');
    expect(placeKeyOf(1201)).toBe('1201');
  });
  it('reads a name the same with spaces or full-width letters; one character or a surname with a courtesy word names no one', () => {
    expect(nameKeyOf(' 张 秀兰 ')).toBe('张秀兰');
    expect(nameKeyOf('Ｍａｒｙ　Ｌｅｅ')).toBe(nameKeyOf('mary lee'));
    expect(nameKeyOf('王')).toBe('');
    expect(nameKeyOf('刘先生')).toBe('');
    expect(nameKeyOf('欧阳女士')).toBe('');
    expect(nameKeyOf(undefined)).toBe('');
  });
  it("the place is the field the kind's form declares as the place (房号, 科室/病区)", () => {
    expect(placeFieldOf(property, 'complaint')?.key).toBe('roomNo');
    expect(placeFieldOf(property, 'complaint')?.label).toBe('房号');
    expect(placeFieldOf(hospital, hospital.kinds[0]!.code)?.label).toBe('科室/病区');
    expect(placeFieldOf(property, 'no-such-kind')).toBeUndefined();
  });
  it('S1-5 a case gets its three keys, none for a confidential or anonymous complainant', () => {
    const state = {
      kind: 'complaint',
      form: { roomNo: '３－１２０１', floor: '12' },
      complainant: { anonymous: false, confidential: false, name: '张秀兰', phone: '138 1234 5678' },
    };
    expect(lookupKeysOf(state, property)).toEqual({ contact: '13812345678', nameKey: '张秀兰', placeKey: '3-1201' });
    const none = { contact: '', nameKey: '', placeKey: '' };
    expect(lookupKeysOf({ ...state, complainant: { ...state.complainant, confidential: true } }, property)).toEqual(none);
    expect(lookupKeysOf({ ...state, complainant: { ...state.complainant, anonymous: true } }, property)).toEqual(none);
    // Without its policy the case cannot say which field is the place.
    expect(lookupKeysOf(state, undefined)).toEqual({ contact: '13812345678', nameKey: '张秀兰', placeKey: '' });
  });
});
