import type { Policy } from '../../../src-shared/domain/policy';

// Pick lists of the policy being edited, so an administrator chooses a department or role by its name
// instead of typing a code. Built from the draft, so a department deleted in this revision disappears.

export interface Option {
  value: string;
  label: string;
}

const named = (code: string, name: string): Option => ({ value: code, label: name.trim() || code });

export const roleOptions = (p: Policy): Option[] => p.roles.map((r) => named(r.code, r.name));
export const departmentOptions = (p: Policy): Option[] => p.departments.map((d) => named(d.id, d.name));
export const kindOptions = (p: Policy): Option[] => p.kinds.map((k) => named(k.code, k.name));
export const channelOptions = (p: Policy): Option[] => p.channels.map((c) => named(c.code, c.name));
export const stageOptions = (p: Policy): Option[] => p.stages.map((s) => named(s.id, s.name));
export const formOptions = (p: Policy): Option[] => p.forms.map((f) => named(f.id, f.title));
