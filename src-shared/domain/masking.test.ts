import { describe, expect, it } from 'vitest';
import { canRevealIdentity, maskComplainant, maskName, maskPhone } from './masking';
import type { Complainant } from './events';

const reporter: Complainant = {
  anonymous: false,
  confidential: true,
  name: '张三丰',
  phone: '138-1234-5678',
  address: '杭州市西湖区文三路 100 号',
  organisation: '某某贸易公司',
  role: '举报人',
};

describe('maskComplainant', () => {
  it('S1-5 a confidential reporter is shown as 张** / 138****5678 until revealed', () => {
    expect(maskComplainant(reporter, false)).toEqual({
      anonymous: false,
      confidential: true,
      name: '张**',
      phone: '138****5678',
      address: '杭州市****',
      organisation: '某某****',
      role: '举报人',
    });
    expect(maskComplainant(reporter, true)).toEqual(reporter);
    expect(reporter.name).toBe('张三丰');
    expect(maskComplainant(reporter).phone).toBe('138****5678');
    expect(canRevealIdentity({ identityViewerRoles: ['director'] }, { roles: ['clerk', 'director'] })).toBe(true);
    expect(canRevealIdentity({ identityViewerRoles: ['director'] }, { roles: ['clerk'] })).toBe(false);
    expect(canRevealIdentity({ identityViewerRoles: [] }, { roles: ['director'] })).toBe(false);
  });

  it('a complainant who is not confidential is shown in full', () => {
    expect(maskComplainant({ ...reporter, confidential: false }, false).phone).toBe('138-1234-5678');
  });

  it('masks names of any length and short or landline numbers without leaking digits', () => {
    expect(maskName('李')).toBe('李**');
    expect(maskName('欧阳娜娜')).toBe('欧**');
    expect(maskName('  ')).toBe('');
    expect(maskPhone('0571-8765 4321')).toBe('057****4321');
    expect(maskPhone('87654321')).toBe('****4321');
    expect(maskPhone('119')).toBe('****');
    expect(maskComplainant({ anonymous: true, confidential: true }, false)).toEqual({ anonymous: true, confidential: true });
  });
});
