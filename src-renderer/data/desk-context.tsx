import { createContext, useContext } from 'react';
import type { Policy, StaffRoles } from '../../src-shared/domain/policy';
import type { Staff } from '../../src-shared/domain/org';
import type { DeskDatabase } from './database';
import type { DeskConfig, DeskIdentity } from './config';
import type { PolicyFor } from './projector';

// What every screen needs from the desk: the database, which desk this is, the live configuration,
// and who is signed in.

export interface DeskContextValue {
  db: DeskDatabase;
  identity?: DeskIdentity;
  config: DeskConfig;
  /** The policy revision in force now; undefined before first run. */
  policy?: Policy;
  policyFor: PolicyFor;
  staff?: Staff;
  signIn(staff: Staff): void;
  signOut(): void;
  /** Re-reads the desk identity after first run or enrolment. */
  reloadIdentity(): Promise<void>;
}

export const DeskContext = createContext<DeskContextValue | undefined>(undefined);

export function useDesk(): DeskContextValue {
  const v = useContext(DeskContext);
  if (!v) throw new Error('useDesk outside DeskProvider');
  return v;
}

export function staffRolesOf(s: Staff): StaffRoles {
  return { id: s.id, name: s.name, roles: s.roles, departmentId: s.departmentId };
}
