import { describe, expect, it } from 'vitest';
import { administersWithPin, canAdminister, holdsAdminRole } from './administration';
import { hashCredential } from '../credentials';
import { propertyPreset } from '../presets/s7-property';
import { policyOf } from '../presets/presets.fixtures';

// Who may administer (issue 12: decided in the domain, not in the settings screen; issue 10 item 3:
// a passphrase, never a PIN, guards administration).

describe('administration', () => {
  const policy = policyOf(propertyPreset);

  it('an admin-like role or the head of a department of the policy administers; a clerk does not', () => {
    expect(holdsAdminRole(policy, ['admin'])).toBe(true);
    expect(holdsAdminRole(policy, ['senior_butler'])).toBe(true);
    expect(holdsAdminRole(policy, ['receptionist'])).toBe(false);
    expect(holdsAdminRole(undefined, ['senior_butler'])).toBe(false);
  });

  it('only with a passphrase: the same head signed in with a PIN may not administer', async () => {
    const [pin, passphrase] = await Promise.all([hashCredential('2468'), hashCredential('长城-2026-物业')]);
    expect(canAdminister(policy, { roles: ['senior_butler'], pinHash: passphrase })).toBe(true);
    expect(canAdminister(policy, { roles: ['senior_butler'], pinHash: pin })).toBe(false);
    expect(canAdminister(policy, { roles: ['receptionist'], pinHash: passphrase })).toBe(false);
  });

  it('a PIN about to be set for an administering person is flagged (first run warns), a passphrase or a clerk is not; the preset before parsing will do', () => {
    expect(administersWithPin(propertyPreset, ['dept_supervisor'], '1357')).toBe(true);
    expect(administersWithPin(propertyPreset, ['dept_supervisor'], '工程部-主管-2026')).toBe(false);
    expect(administersWithPin(propertyPreset, ['butler'], '1357')).toBe(false);
    expect(administersWithPin(propertyPreset, ['dept_supervisor'], '13')).toBe(false);
  });
});
