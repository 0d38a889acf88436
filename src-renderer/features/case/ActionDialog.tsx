import type { ButtonProps } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { Alert, Checkbox, Form, Input, Radio, Rate, Select } from 'antd';
import type { CaseState } from '../../../src-shared/domain/case-state';
import type { NewEvent } from '../../../src-shared/domain/events';
import type { StageStatus } from '../../../src-shared/domain/sla-types';
import { useDesk, staffRolesOf } from '../../data/desk-context';
import { writeEvent } from '../../data/write-event';
import { getLanguage, localised, useT } from '../../i18n/i18n';
import type { ActionSpec, FieldSpec, OptionSource } from './action-specs';
import { actionOptions, hintOf, shownFields } from './action-options';
import { nativeDateMax } from '../../components/native-date';
import { FormDialog } from '../../components/FormDialog';

// One dialog for every case action: fields from the action's spec, the event written through the one
// command path, and the domain's refusal shown as sentences.

export function ActionDialog({
  spec,
  state,
  stages,
  onClose,
}: {
  spec: ActionSpec;
  state: CaseState;
  stages: StageStatus[];
  onClose: (done: boolean) => void;
}) {
  const t = useT();
  const desk = useDesk();
  const { policyFor, staff, config, identity } = desk;
  const policy = policyFor(state.policyRevision) ?? desk.policy!;
  const actor = staffRolesOf(staff!);
  const ctx = useMemo(() => ({ state, policy, actor, stages, now: Date.now() }), [state, policy, actor, stages]);
  const [form] = Form.useForm<Record<string, unknown>>();
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  // Ctrl+Enter pressed twice before the first save ends writes once (the keyboard has no confirmLoading).
  const saving = useRef(false);
  const assignDept = Form.useWatch('departmentId', form) as string | undefined;
  const transferDept = Form.useWatch('toDepartmentId', form) as string | undefined;
  const chosenDept = assignDept ?? transferDept;
  const inDepartment = (staffId: unknown, departmentId: unknown) =>
    typeof departmentId !== 'string' || !departmentId || config.staff.some((x) => x.id === staffId && x.departmentId === departmentId);

  const options = (src?: OptionSource) => actionOptions(src, { ...ctx, staff: config.staff, chosenDept, lang: getLanguage() }, t);
  // The case's preset may name a field in its own words (S9-5: the director's step records 管理处主任处理结果).
  const fieldLabel = (f: FieldSpec) => f.labelFor?.(ctx) ?? t(f.label);
  const hintText = (f: FieldSpec) => hintOf(f, ctx, t);

  // A required field left empty says which one, in the words of its label.
  const requiredRule = (f: FieldSpec) => {
    const message = t(f.type === 'text' || f.type === 'textarea' ? 'common.requiredFill' : 'common.requiredChoose', { label: fieldLabel(f) });
    if (f.type === 'rating') return [{ required: true, type: 'number' as const, min: 1, message }];
    if (f.minItems)
      return [
        { required: true, message },
        { type: 'array' as const, min: f.minItems, message: t('common.chooseAtLeast', { label: fieldLabel(f), n: f.minItems }) },
      ];
    return [{ required: true, message }];
  };

  // Plain Enter outside a text area, a list or a button submits, as in any form.
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key !== 'Enter' || e.defaultPrevented || e.nativeEvent.isComposing) return;
    if ((e.target as HTMLElement).closest('textarea, button, .ant-select, .ant-rate, .ant-radio-group, a')) return;
    e.preventDefault();
    void submit();
  };

  async function submit() {
    if (saving.current) return;
    saving.current = true;
    try {
      await save();
    } finally {
      saving.current = false;
    }
  }

  async function save() {
    const values = await form.validateFields().catch(() => undefined);
    if (!values || !identity) return;
    setBusy(true);
    const event = { type: spec.type, payload: spec.payload(values, ctx) } as NewEvent;
    const r = await writeEvent(desk.db, { ...identity, actor, policy: desk.policy ?? policy, policyFor }, state.id, event);
    setBusy(false);
    if (!r.ok) {
      // An error about one of the dialog's fields goes under that field, named by its label, not its path.
      const byField = (e: (typeof r.errors)[number]) => shownFields(spec, ctx).find((f) => e.path === `payload.${f.name}`);
      const said = (e: (typeof r.errors)[number]) => localised(e.message).replace(e.path, byField(e) ? fieldLabel(byField(e)!) : e.path);
      form.setFields(r.errors.filter(byField).map((e) => ({ name: byField(e)!.name, errors: [said(e)] })));
      setErrors(r.errors.filter((e) => !byField(e)).map(said));
      return;
    }
    onClose(true);
  }

  return (
    <FormDialog
      title={t(spec.label)}
      onOk={submit}
      onCancel={() => onClose(false)}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      wrapProps={{ onKeyDown }}
      okButtonProps={{ danger: spec.danger, 'data-testid': 'action-ok' } as ButtonProps}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={spec.initial?.(ctx)}
        onValuesChange={(changed: Record<string, unknown>) => {
          const follows = spec.follow?.(changed);
          if (follows) form.setFieldsValue(follows);
          // 派单/转办: a handler chosen before the department changed is cleared when not of the new one.
          if ('departmentId' in changed && !inDepartment(form.getFieldValue('assigneeId'), changed.departmentId))
            form.setFieldsValue({ assigneeId: undefined });
          if ('toDepartmentId' in changed && !inDepartment(form.getFieldValue('toAssigneeId'), changed.toDepartmentId))
            form.setFieldsValue({ toAssigneeId: undefined });
        }}
        data-testid="action-form"
      >
        {shownFields(spec, ctx).map((f) => (
          <Form.Item
            key={f.name}
            name={f.name}
            label={f.type === 'checkbox' ? undefined : fieldLabel(f)}
            extra={hintText(f)}
            valuePropName={f.type === 'checkbox' ? 'checked' : 'value'}
            rules={f.required ? requiredRule(f) : undefined}
          >
            {f.type === 'text' ? (
              <Input data-testid={`f-${f.name}`} />
            ) : f.type === 'textarea' ? (
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} data-testid={`f-${f.name}`} />
            ) : f.type === 'select' ? (
              <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={options(f.options)} data-testid={`f-${f.name}`} />
            ) : f.type === 'multiselect' ? (
              <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={options(f.options)} data-testid={`f-${f.name}`} />
            ) : f.type === 'checkbox' ? (
              <Checkbox data-testid={`f-${f.name}`}>{fieldLabel(f)}</Checkbox>
            ) : f.type === 'choice' ? (
              <Radio.Group options={options(f.options)} data-testid={`f-${f.name}`} />
            ) : f.type === 'datetime' ? (
              <Input type="datetime-local" max={nativeDateMax('datetime-local')} data-testid={`f-${f.name}`} />
            ) : (
              <Rate data-testid={`f-${f.name}`} />
            )}
          </Form.Item>
        ))}
        {errors.length > 0 && <Alert type="error" showIcon message={errors.join(' ')} data-testid="action-error" />}
      </Form>
    </FormDialog>
  );
}
