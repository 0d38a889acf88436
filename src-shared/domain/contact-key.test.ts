import { describe, expect, it } from 'vitest';
import { contactKeyOf, contactKeyOfPhone } from './contact-key';

describe('the complainant lookup key (S7-7 repeated complaints at intake)', () => {
  it('reads a mobile number the same with spaces, dashes or the country code', () => {
    for (const typed of ['13812345678', '138 1234 5678', '138-1234-5678', '+86 138 1234 5678', '008613812345678']) expect(contactKeyOfPhone(typed)).toBe('13812345678');
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
