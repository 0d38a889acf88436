import { beforeAll, describe, expect, it } from 'vitest';
import { credentialChangeRefusal, lastAdministratorRemoved } from './credential-change';
import { hashCredential } from '../credentials';
import type { Staff } from './org';
import { propertyPreset } from '../presets/s7-property';
import { policyOf } from '../presets/presets.fixtures';

// Who may set or reset an existing person's credential (设置 → 工作人员 → 重设登录凭据; issue 10 item 3):
// decided here for the desk and for the server (src-server/sync/authorise-config.ts).

describe('changing a staff member’s credential', () => {
  const policy = policyOf(propertyPreset);
  let pin: string;
  let passphrase: string;
  const person = (id: string, name: string, roles: string[], pinHash: string, active = true): Staff => ({
    id,
    orgId: 'org',
    name,
    roles,
    pinHash,
    active,
    rev: 0,
    updatedAt: 0,
  });
  let li: Staff; // the only passphrase administrator
  let wang: Staff; // a department head with a PIN
  let zhao: Staff; // a clerk

  beforeAll(async () => {
    [pin, passphrase] = await Promise.all([hashCredential('1357'), hashCredential('阳光花园-管理-2026')]);
    li = person('li', '李助理', ['senior_butler'], passphrase);
    wang = person('wang', '王主管', ['dept_supervisor'], pin);
    zhao = person('zhao', '赵管家', ['butler'], pin);
  });

  it('an administrator signed in with a passphrase gives a head a passphrase, or resets a clerk’s PIN', () => {
    const staff = [li, wang, zhao];
    expect(credentialChangeRefusal(policy, staff, li, wang, 'passphrase', '工程部-主管-2026')).toBeUndefined();
    expect(credentialChangeRefusal(policy, staff, li, zhao, 'pin', '8642')).toBeUndefined();
    // Their own passphrase too.
    expect(credentialChangeRefusal(policy, staff, li, li, 'passphrase', '阳光花园-管理-2027')).toBeUndefined();
  });

  it('a clerk, or a head signed in with a PIN, may change nobody’s credential, not even their own', () => {
    const staff = [li, wang, zhao];
    for (const actor of [zhao, wang, undefined]) {
      for (const target of [zhao, wang])
        expect(credentialChangeRefusal(policy, staff, actor, target, 'passphrase', '工程部-主管-2026')?.code).toBe('staff.credentialAdminOnly');
    }
    expect(credentialChangeRefusal(policy, staff, zhao, zhao, 'pin', '2468')?.message['zh-CN']).toBe('只有用管理口令登录的管理员可以重设工作人员的登录凭据。');
  });

  it('the secret must be of the kind chosen', () => {
    const staff = [li, wang, zhao];
    expect(credentialChangeRefusal(policy, staff, li, wang, 'passphrase', '13572468')?.code).toBe('staff.credentialNotPassphrase');
    expect(credentialChangeRefusal(policy, staff, li, zhao, 'pin', '工程部-主管-2026')?.code).toBe('staff.credentialNotPin');
    expect(credentialChangeRefusal(policy, staff, li, zhao, 'pin', '12')?.code).toBe('staff.credentialNotPin');
    expect(credentialChangeRefusal(policy, staff, li, undefined, 'pin', '2468')?.code).toBe('staff.unknown');
  });

  it('the only passphrase administrator cannot be given a PIN; once a second one has a passphrase, either can', async () => {
    const refused = credentialChangeRefusal(policy, [li, wang, zhao], li, li, 'pin', '2468');
    expect(refused?.code).toBe('staff.lastAdministrator');
    expect(refused?.message['zh-CN']).toBe(
      '李助理是本单位唯一能用管理口令确认管理操作的人：改为 PIN 码后，本单位将没有人能发布制度或管理人员。请先为另一位管理人员设置管理口令，再改此人的凭据。未做任何更改。',
    );
    // A deactivated administrator with a passphrase administers nothing.
    expect(credentialChangeRefusal(policy, [li, { ...wang, pinHash: passphrase, active: false }], li, li, 'pin', '2468')?.code).toBe('staff.lastAdministrator');
    const wangWithPassphrase = { ...wang, pinHash: await hashCredential('工程部-主管-2026') };
    expect(credentialChangeRefusal(policy, [li, wangWithPassphrase, zhao], li, li, 'pin', '2468')).toBeUndefined();
    expect(credentialChangeRefusal(policy, [li, wangWithPassphrase, zhao], li, wangWithPassphrase, 'pin', '2468')).toBeUndefined();
  });

  it('the server’s form of the rule: a batch that leaves no administrator names who lost it; an organisation that had none may change anything', () => {
    expect(lastAdministratorRemoved(policy, [li, wang], [{ ...li, pinHash: pin }])?.name).toBe('李助理');
    expect(lastAdministratorRemoved(policy, [li, wang], [{ ...li, active: false }])?.name).toBe('李助理');
    expect(lastAdministratorRemoved(policy, [li, wang], [{ ...li, roles: ['butler'] }])?.name).toBe('李助理');
    expect(
      lastAdministratorRemoved(
        policy,
        [li, wang],
        [
          { ...li, pinHash: pin },
          { ...wang, pinHash: passphrase },
        ],
      ),
    ).toBeUndefined();
    expect(lastAdministratorRemoved(policy, [wang, zhao], [{ ...wang, pinHash: '' }])).toBeUndefined();
  });
});
