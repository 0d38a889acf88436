import { Alert } from 'antd';
import type { Policy } from '../../../src-shared/domain/policy';
import type { FieldError } from '../../../src-shared/domain/parse';
import type { Language } from '../../i18n/i18n';
import { locate } from './policy-draft';
import { usePT, type PolicyKey } from './i18n';

// The validator's messages next to the form, with the data path in each replaced by the place an
// administrator sees: 「类别与派单 · 第 9 行（新类别） · 责任部门」路由到的部门「…」不存在 ….

type T = ReturnType<typeof usePT>;

export function placeOf(path: string, policy: Policy, { t, has }: Pick<T, 't' | 'has'>): string {
  const l = locate(path, policy);
  const label = (k: string): string | undefined => (has(k) ? t(k as PolicyKey) : undefined);
  const parts = [label(`sec.${l.section}`) ?? label(l.section) ?? l.section];
  if (l.row !== undefined) parts.push(`${t('row', { n: l.row + 1 })}${l.rowName ? `（${l.rowName}）` : ''}`);
  const field = l.fields.map((f) => label(`field.${f}`)).find((x) => x !== undefined);
  if (field) parts.push(field);
  return parts.join(' · ');
}

export function problemText(e: FieldError, policy: Policy, lang: Language, t: Pick<T, 't' | 'has'>): string {
  return e.message[lang].split(e.path).join(placeOf(e.path, policy, t));
}

export function ProblemList({ errors, policy, title, testId }: { errors: readonly FieldError[]; policy: Policy; title?: string; testId: string }) {
  const pt = usePT();
  if (!errors.length) return null;
  return (
    <Alert
      type="error"
      showIcon
      data-testid={testId}
      style={{ marginBottom: 12 }}
      title={title}
      description={
        <ul style={{ margin: 0, paddingLeft: 16 }}>
          {errors.map((e, i) => (
            <li key={i}>{problemText(e, policy, pt.lang, pt)}</li>
          ))}
        </ul>
      }
    />
  );
}
