import type { Policy } from '../../../src-shared/domain/policy';
import { EditableRows } from './EditableRows';
import { codeColumn, selectColumn, switchColumn, textColumn } from './columns';
import { codesOf, rowsOf, type SectionEditorProps } from './editor-props';
import { formOptions } from './options';
import { freeCode } from './rows';
import { usePT } from './i18n';

// 投诉类型: what kinds of matter the desk registers, the form each uses, and which need no callback.

type Kind = Policy['kinds'][number];

export function KindsEditor(props: SectionEditorProps<Policy['kinds']>) {
  const { value, policy, base } = props;
  const { t } = usePT();
  return (
    <EditableRows<Kind>
      testId="edit-kinds"
      {...rowsOf(props)}
      minRows={1}
      addLabel={t('add.kinds')}
      newRow={() => ({
        code: freeCode(
          'kind',
          value.map((k) => k.code),
        ),
        name: '',
        formId: policy.forms[0]?.id ?? '',
        callbackExempt: false,
      })}
      columns={[
        codeColumn<Kind>('code', value, codesOf(base.kinds, 'code'), t('code')),
        textColumn<Kind>('name', t('name')),
        selectColumn<Kind>('formId', t('form'), { options: formOptions(policy), width: 180 }),
        switchColumn<Kind>('callbackExempt', t('callbackExempt')),
      ]}
    />
  );
}
