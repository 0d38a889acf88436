import type { ComponentType } from 'react';
import type { Policy } from '../../../src-shared/domain/policy';
import { CalendarEditor } from './CalendarEditor';
import { CallbackEditor } from './CallbackEditor';
import { CategoriesEditor } from './CategoriesEditor';
import { DepartmentsEditor } from './DepartmentsEditor';
import type { SectionEditorProps } from './editor-props';
import { KindsEditor } from './KindsEditor';
import { PenaltiesEditor } from './PenaltiesEditor';
import type { Section } from './policy-draft';
import { RewardsEditor } from './RewardsEditor';
import { RolesEditor } from './RolesEditor';
import { StagesEditor } from './StagesEditor';

// The form editor of each section an administrator changes; the other sections (severities, approvals,
// the regulation text …) are edited as JSON only.

const EDITORS: { [S in Section]?: ComponentType<SectionEditorProps<Policy[S]>> } = {
  kinds: KindsEditor,
  categories: CategoriesEditor,
  stages: StagesEditor,
  callback: CallbackEditor,
  rewards: RewardsEditor,
  penalties: PenaltiesEditor,
  departments: DepartmentsEditor,
  roles: RolesEditor,
  calendarOverrides: CalendarEditor,
};

export const hasForm = (s: Section): boolean => s in EDITORS;

export function SectionForm<S extends Section>({ section, ...props }: { section: S } & SectionEditorProps<Policy[S]>) {
  const Editor = EDITORS[section] as ComponentType<SectionEditorProps<Policy[S]>> | undefined;
  return Editor ? <Editor {...props} /> : null;
}
