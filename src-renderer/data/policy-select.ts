import type { Policy } from '../../src-shared/domain/policy';
import { policyInForce as inForce } from '../../src-shared/domain/revisions';

export { policyByRevision } from '../../src-shared/domain/revisions';

// Picks policy revisions (S0-2) through the domain's rules. A case stays under the revision in force
// when it was registered; its events carry that revision number.

export function policyInForce(policies: Policy[], now: number): Policy | undefined {
  return inForce(policies, now) ?? policies[0];
}
