import type { Policy, StaffRoles } from '../../../src-shared/domain/policy';
import { policySchema, validatePolicy } from '../../data/domain';
import type { FieldError } from '../../../src-shared/domain/parse';
import { messageFor } from '../../../src-shared/i18n/validation';

// The revision being edited (S0-2): the sections the administrator changed on top of the latest revision,
// checked as a whole after every edit, with each problem located in words an administrator reads
// ("类别与派单 · 第 9 行（新类别） · 责任部门") instead of a data path.

export const EDITABLE = [
  'kinds',
  'categories',
  'stages',
  'callback',
  'rewards',
  'penalties',
  'departments',
  'roles',
  'severities',
  'approvals',
  'expenses',
  'targets',
  'duties',
  'document',
  'calendarOverrides',
] as const;
export type Section = (typeof EDITABLE)[number];
export type Draft = { [S in Section]?: Policy[S] };

/** Sections whose value differs from the base revision: only these go into the new revision. */
export function changedSections(base: Policy, draft: Draft): Draft {
  const out: Record<string, unknown> = {};
  for (const s of EDITABLE) if (s in draft && JSON.stringify(draft[s]) !== JSON.stringify(base[s])) out[s] = draft[s];
  return out as Draft;
}

/** The policy as it would read with the draft applied, for the editors' pick lists. */
export function draftPolicy(base: Policy, draft: Draft): Policy {
  return { ...base, ...draft };
}

/** Whether a section value has the shape the form editors expect (the JSON path can break it). */
export function sectionShapeOk(section: Section, value: unknown): boolean {
  return policySchema.shape[section].safeParse(value).success;
}

/**
 * Every problem of the draft, as `validatePolicy` (with the staff, so approver roles nobody holds are
 * refused, rows without a name too) reports it, plus penalties addressed to a role nobody holds — not a
 * domain error (no case waits on the addressee), but a penalty nobody can receive is not what an editor means.
 * Empty means the draft can be saved.
 */
export function checkDraft(base: Policy, draft: Draft, staff?: readonly StaffRoles[]): FieldError[] {
  const r = validatePolicy(draftPolicy(base, draft), staff);
  const errors = r.ok ? [] : [...r.errors];
  if (staff && Array.isArray(draft.penalties)) {
    // validatePolicy refuses approvers nobody holds; a penalty addressed to nobody is as empty.
    const held = new Set(staff.flatMap((x) => x.roles));
    draft.penalties.forEach((p, i) => {
      if (typeof p?.targetRole === 'string' && !held.has(p.targetRole))
        errors.push({
          path: `penalties.${i}.targetRole`,
          code: 'penalty.targetUnheld',
          message: messageFor('penalty.targetUnheld', `penalties.${i}.targetRole`, { role: p.targetRole }),
        });
    });
  }
  return errors;
}

export interface Location {
  section: string;
  /** Zero-based row of the section's table (callback: the rule), if the path is inside one. */
  row?: number;
  rowName?: string;
  /** Field names to label, most specific first: 'limit.amount', then 'amount', then 'limit'. */
  fields: string[];
}

const isIndex = (s: string) => /^\d+$/.test(s);

/** Where a validation path points, in terms of the editors' tables. */
export function locate(path: string, policy: Policy): Location {
  const segs = path.split('.');
  const section = segs[0] ?? path;
  // The callback section is an object whose table is its `rules`.
  const rowAt = section === 'callback' && segs[1] === 'rules' ? 2 : 1;
  const rowSeg = segs[rowAt];
  const row = rowSeg !== undefined && isIndex(rowSeg) ? Number(rowSeg) : undefined;
  const rest = (row === undefined ? segs.slice(1) : segs.slice(rowAt + 1)).filter((s) => !isIndex(s));
  const list = (section === 'callback' ? policy.callback?.rules : (policy as Record<string, unknown>)[section]) as unknown;
  const item = row !== undefined && Array.isArray(list) ? (list[row] as { name?: unknown } | undefined) : undefined;
  const rowName = typeof item?.name === 'string' && item.name.trim() ? item.name : undefined;
  const fields = [...new Set([rest.join('.'), rest.at(-1), rest[0]].filter((f): f is string => !!f))];
  return { section, ...(row !== undefined ? { row } : {}), ...(rowName ? { rowName } : {}), fields };
}

/** Which rows of `section` have a problem, for highlighting them in its table. */
export function errorRows(errors: readonly FieldError[], section: Section, policy: Policy): Set<number> {
  const rows = new Set<number>();
  for (const e of errors) {
    const l = locate(e.path, policy);
    if (l.section === section && l.row !== undefined) rows.add(l.row);
  }
  return rows;
}
