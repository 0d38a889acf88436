import type { Policy } from '../../../src-shared/domain/policy';
import { EditableRows } from './EditableRows';
import { codeColumn, textColumn } from './columns';
import { codesOf, rowsOf, type SectionEditorProps } from './editor-props';
import { freeCode } from './rows';
import { usePT } from './i18n';

// 岗位角色: the roles ladders, approvals and penalties address. Removing one still addressed is refused
// by validatePolicy with the place that names it.

type Role = Policy['roles'][number];

export function RolesEditor(props: SectionEditorProps<Policy['roles']>) {
  const { value, base } = props;
  const { t } = usePT();
  return (
    <EditableRows<Role>
      testId="edit-roles"
      {...rowsOf(props)}
      minRows={1}
      addLabel={t('add.roles')}
      newRow={() => ({
        code: freeCode(
          'role',
          value.map((r) => r.code),
        ),
        name: '',
      })}
      columns={[
        codeColumn<Role>('code', value, codesOf(base.roles, 'code'), t('code')),
        textColumn<Role>('name', t('name'), 160),
        textColumn<Role>('description', t('description'), 360),
      ]}
    />
  );
}
