import type { Policy } from '../../../src-shared/domain/policy';
import { EditableRows } from './EditableRows';
import { codeColumn, multiColumn, selectColumn, textColumn } from './columns';
import { codesOf, rowsOf, type SectionEditorProps } from './editor-props';
import { departmentOptions, kindOptions } from './options';
import { freeCode } from './rows';
import { usePT } from './i18n';

// 类别与派单: the categories a complaint is filed under and the department each routes to (S4-4).

type Category = Policy['categories'][number];

export function CategoriesEditor(props: SectionEditorProps<Policy['categories']>) {
  const { value, policy, base } = props;
  const { t } = usePT();
  return (
    <EditableRows<Category>
      testId="edit-categories"
      {...rowsOf(props)}
      addLabel={t('add.categories')}
      newRow={() => ({
        code: freeCode(
          'category',
          value.map((c) => c.code),
        ),
        name: '',
      })}
      columns={[
        codeColumn<Category>('code', value, codesOf(base.categories, 'code'), t('code')),
        textColumn<Category>('name', t('name')),
        selectColumn<Category>('departmentId', t('department'), { options: departmentOptions(policy), placeholder: t('noDepartment'), width: 160 }),
        multiColumn<Category>('kinds', t('kindsOf'), { options: kindOptions(policy), placeholder: t('allKinds'), width: 200 }),
      ]}
    />
  );
}
