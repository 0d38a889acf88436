import { describe, expect, it } from 'vitest';
import { isSealedEvent, sealEvent, unsealEvent } from './sealing';
import { makeRegistration, makeEvent, T0 } from './projection.fixtures';
import { parseEvent } from './parse';

// S1-5 end to end (issue 10 item 4): what the server withholds from desks that may not reveal identity.

const asJson = (e: unknown) => JSON.parse(JSON.stringify(e)) as Record<string, unknown>;

describe('sealing a confidential identity', () => {
  const reg = asJson(
    makeRegistration(T0, {
      complainant: { anonymous: false, confidential: true, name: '王五', phone: '13900001111', address: '幸福路8号', organisation: '某厂', role: '职工' },
    }),
  );

  it('S1-5 withholds name, phone, address and organisation; keeps the flags and role; the sealed event is still a valid event', () => {
    const before = structuredClone(reg);
    const { sealed, withheld } = sealEvent(reg);
    expect(reg).toEqual(before);
    expect(withheld).toEqual({ name: '王五', phone: '13900001111', address: '幸福路8号', organisation: '某厂' });
    expect((sealed.payload as { complainant: unknown }).complainant).toEqual({ anonymous: false, confidential: true, role: '职工', sealed: true });
    expect(JSON.stringify(sealed)).not.toMatch(/王五|13900001111|幸福路|某厂/);
    expect(isSealedEvent(sealed)).toBe(true);
    expect(parseEvent(sealed).ok).toBe(true);
  });

  it('S1-5 unsealing gives back the event as written', () => {
    const { sealed, withheld } = sealEvent(reg);
    expect(unsealEvent(sealed, withheld!)).toEqual(reg);
  });

  it('S1-5 leaves alone what holds no confidential identity', () => {
    const open = asJson(makeRegistration(T0, { complainant: { anonymous: false, confidential: false, name: '张三' } }));
    expect(sealEvent(open)).toEqual({ sealed: open });
    const nothing = asJson(makeRegistration(T0, { complainant: { anonymous: true, confidential: true } }));
    expect(sealEvent(nothing).withheld).toBeUndefined();
    const note = asJson(makeEvent('case.note', { text: '备注' }, T0));
    expect(sealEvent(note)).toEqual({ sealed: note });
  });
});
