import type { Policy } from '../../../src-shared/domain/policy';
import { EditableRows } from './EditableRows';
import { codeColumn, selectColumn, textColumn } from './columns';
import { codesOf, rowsOf, type SectionEditorProps } from './editor-props';
import { roleOptions } from './options';
import { freeCode } from './rows';
import { usePT } from './i18n';

// 部门: the departments categories route to. Removing one a category still routes to is refused by
// validatePolicy, which names the category.

type Department = Policy['departments'][number];

export function DepartmentsEditor(props: SectionEditorProps<Policy['departments']>) {
  const { value, policy, base } = props;
  const { t } = usePT();
  return (
    <EditableRows<Department>
      testId="edit-departments"
      {...rowsOf(props)}
      minRows={1}
      addLabel={t('add.departments')}
      newRow={() => ({
        id: freeCode(
          'dept',
          value.map((d) => d.id),
        ),
        name: '',
      })}
      columns={[
        codeColumn<Department>('id', value, codesOf(base.departments, 'id'), t('code')),
        textColumn<Department>('name', t('name')),
        selectColumn<Department>('headRole', t('headRole'), { options: roleOptions(policy), placeholder: t('none'), width: 160 }),
      ]}
    />
  );
}
