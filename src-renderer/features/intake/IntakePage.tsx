import { withoutRuleRefs } from '../../../src-shared/i18n/rule-refs';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Col, Divider, Form, Input, Radio, Row, Select, Space, Typography } from 'antd';
import { Controller, useForm, type FieldErrors, type Resolver } from 'react-hook-form';
import { useDesk, staffRolesOf } from '../../data/desk-context';
import { registerCase } from '../../data/register';
import { writeEvent } from '../../data/write-event';
import { commonFieldsOf, personWordOf, placeFieldOf, rejectionAtIntake, validateIntake } from '../../data/domain';
import { loadDraft, removeDraft, saveDraft } from '../../data/drafts';
import { getLanguage, localised, say, useT, type MessageKey } from '../../i18n/i18n';
import type { CommonField } from '../../../src-shared/domain/policy';
import { navigate } from '../../app/router';
import { formatDateTime } from '../../format/time';
import { useNoTabClearButtons } from '../../hooks/useNoTabClearButtons';
import { bookReceptionDay, emptyIntake, formPathOf, riskFlagsHint, toIntakeValues, type IntakeValues } from './intake-model';
import { nativeDateMax } from '../../components/native-date';
import { EarlierCases } from './EarlierCases';

// 快速登记: one screen, keyboard first (Tab through, Ctrl+Enter saves, Esc goes back), saved as a draft
// while typing so a crash or reload loses nothing.

const DRAFT_DELAY_MS = 250;

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let o = target;
  for (const p of parts.slice(0, -1)) o = (o[p] ??= {}) as Record<string, unknown>;
  o[parts[parts.length - 1]!] = value;
}

export function IntakePage({ receptionDay }: { receptionDay?: string } = {}) {
  const t = useT();
  const { message } = App.useApp();
  const desk = useDesk();
  const { db, policy, staff, identity, config } = desk;
  const deskDoc = config.desks.find((d) => d.id === identity?.deskId);
  const draftId = `intake:${staff?.id ?? 'anon'}`;
  const [draftAt, setDraftAt] = useState<number>();
  // Typed but not yet in the draft store: the status says so until the write lands, so nobody trusts a
  // reload (or a crash) to keep the last keystrokes before it has.
  const [draftPending, setDraftPending] = useState(false);
  const [restored, setRestored] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string>();
  const defaults = useMemo(
    () => emptyIntake(policy, Date.now(), { receptionPoint: deskDoc?.receptionPoint, departmentId: deskDoc?.departmentId }),
    [policy, deskDoc],
  );

  // S4-7 / S6-2: the domain decides what a 不予受理 at intake records (src-shared/domain/admissibility.ts).
  const rejectionOf = (values: IntakeValues) =>
    policy && values.inadmissibleReason
      ? rejectionAtIntake(policy, { reasonCode: values.inadmissibleReason, explanation: values.explanation, referral: values.referral })
      : undefined;
  const resolver: Resolver<IntakeValues> = async (values) => {
    if (!policy || !staff) return { values: {}, errors: {} };
    const errors: Record<string, unknown> = {};
    const now = Date.now();
    for (const e of validateIntake(policy, toIntakeValues(values, now), getLanguage(), now)) {
      setPath(errors, formPathOf(e.path), { type: 'domain', message: e.message });
    }
    const rejection = rejectionOf(values);
    if (rejection && !rejection.ok) for (const e of rejection.errors) setPath(errors, e.path, { type: 'domain', message: say(e.code) });
    return Object.keys(errors).length ? { values: {}, errors: errors as FieldErrors<IntakeValues> } : { values, errors: {} };
  };
  const { control, handleSubmit, reset, setValue, watch, formState } = useForm<IntakeValues>({ defaultValues: defaults, resolver, mode: 'onSubmit' });
  const kind = watch('kind');
  const category = watch('category');
  const anonymous = watch('complainant.anonymous');
  const phone = watch('complainant.phone');
  const name = watch('complainant.name');
  // The form's place field (房号 …): earlier cases at the same place are listed too (S7-7, S8-11).
  const placeField = policy ? placeFieldOf(policy, kind) : undefined;
  const formValues = watch('form');
  const place = placeField ? formValues?.[placeField.key] : undefined;
  const confidential = watch('complainant.confidential');
  const related = watch('related');
  const reason = watch('inadmissibleReason');
  const loaded = useRef(false);
  const formRef = useRef<HTMLFormElement>(null);
  useNoTabClearButtons(formRef);

  // Restore the draft once, then save every change after a short pause.
  useEffect(() => {
    if (loaded.current) return;
    loaded.current = true;
    void loadDraft(db, draftId).then((d) => {
      const start = d ? { ...defaults, ...(d.data as Partial<IntakeValues>) } : defaults;
      // Opened from the reception calendar (S1-8): the visit is booked on that day, over any draft.
      if (d || receptionDay) reset(receptionDay && policy ? bookReceptionDay(start, policy, receptionDay) : start);
      if (d) {
        setDraftAt(d.updatedAt);
        setRestored(true);
      }
    });
  }, [db, draftId, reset, defaults, receptionDay, policy]);
  const draftTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  // While a saved intake resets the form, its empty values must not become a new draft.
  const pauseDrafts = useRef(false);
  useEffect(() => {
    const sub = watch((values) => {
      clearTimeout(draftTimer.current);
      if (pauseDrafts.current) return;
      setDraftPending(true);
      const timer = setTimeout(() => {
        void saveDraft(db, draftId, staff?.id ?? '', values as Record<string, unknown>).then((at) => {
          setDraftAt(at);
          // A later keystroke has scheduled its own write: still pending until that one lands.
          if (draftTimer.current === timer) setDraftPending(false);
        });
      }, DRAFT_DELAY_MS);
      draftTimer.current = timer;
    });
    return () => {
      clearTimeout(draftTimer.current);
      sub.unsubscribe();
    };
  }, [watch, db, draftId, staff]);

  // 责任部门 follows the chosen 类别 where the policy routes that category to a department (S4-4), so the
  // clerk sees on the form the department the case will go to; they may still pick another afterwards
  // (issue 11 finding 12).
  const routedCategory = useRef(category);
  useEffect(() => {
    if (routedCategory.current === category) return;
    routedCategory.current = category;
    const routed = policy?.categories.find((c) => c.code === category)?.departmentId;
    if (routed) setValue('departmentId', routed);
  }, [category, policy, setValue]);

  const formDef = useMemo(() => {
    const k = policy?.kinds.find((x) => x.code === kind);
    return policy?.forms.find((f) => f.id === k?.formId);
  }, [policy, kind]);

  async function save(values: IntakeValues) {
    if (!policy || !staff || !identity || !deskDoc) return;
    setSaving(true);
    setSaveError(undefined);
    const ctx = { ...identity, actor: staffRolesOf(staff), policy, policyFor: desk.policyFor };
    let registered = values.registered;
    if (!registered) {
      const r = await registerCase(db, ctx, deskDoc.code, toIntakeValues(values, Date.now()));
      if (!r.ok) {
        setSaving(false);
        setSaveError(t('common.saveFailed', { reason: r.errors.map((e) => localised(e.message)).join(' ') }));
        return;
      }
      registered = { id: r.state.id, number: r.state.number };
    }
    const rejection = rejectionOf(values);
    if (rejection?.ok) {
      const rej = await writeEvent(db, ctx, registered.id, { type: 'case.rejected', payload: rejection.rejection });
      if (!rej.ok) {
        // The case is registered but its rejection is not: keep the form and its draft, say why, and
        // remember the case so the next save records only the rejection (issue 11 finding 8).
        setValue('registered', registered);
        setSaving(false);
        // The domain names the event's field (payload.explanation); the clerk knows it by its label here.
        const labels: Record<string, string> = {
          'payload.explanation': t('intake.explanation'),
          'payload.referral': t('intake.referral'),
          'payload.reasonCode': t('intake.admissibility'),
        };
        const reason = rej.errors.map((e) => localised(e.message).replaceAll(e.path, labels[e.path] ?? e.path)).join(' ');
        setSaveError(t('intake.rejectionFailed', { number: registered.number, reason }));
        return;
      }
    }
    clearTimeout(draftTimer.current);
    setDraftPending(false);
    pauseDrafts.current = true;
    await removeDraft(db, draftId);
    setSaving(false);
    void message.success(t(values.inadmissibleReason ? 'intake.rejectedSaved' : 'intake.saved', { number: registered.number }));
    reset(emptyIntake(policy, Date.now(), { receptionPoint: deskDoc.receptionPoint, departmentId: deskDoc.departmentId }));
    navigate({ name: 'case', id: registered.id });
  }

  const submit = handleSubmit(save);
  function onKeyDown(e: React.KeyboardEvent) {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void submit();
    } else if (e.key === 'Escape' && !e.defaultPrevented && !(e.target as HTMLElement).closest('.ant-select-open')) {
      navigate({ name: 'queue' });
    }
  }

  if (!policy) return <Alert type="warning" showIcon message={t('intake.noPolicy')} />;
  const err = (path: string): string | undefined => {
    let o: unknown = formState.errors;
    for (const p of path.split('.')) o = (o as Record<string, unknown> | undefined)?.[p];
    return (o as { message?: string } | undefined)?.message;
  };
  // A field is marked required when the kind's form lists it (policy data); the schema enforces it.
  const requires = new Set<string>(formDef?.requires ?? []);
  const item = (label: string, path: string, required = false) => ({
    label,
    validateStatus: err(path) ? ('error' as const) : undefined,
    help: err(path),
    required: required || requires.has(path === 'departmentId' ? 'department' : path),
  });
  // The kind's form decides which common fields it asks and in whose words (S3-2: the product form has no
  // 时间/起因/经过/结果, 客户要求 instead of 诉求; issue 16 finding 7). No severities in the policy: no 等级.
  const common = commonFieldsOf(policy, kind);
  const shown = (path: CommonField) => common.asks(path);
  const riskHint = riskFlagsHint(policy);
  const word = (path: CommonField, key: MessageKey) => common.label(path) ?? t(key);
  const descriptionParts = (['time', 'cause', 'process', 'result'] as const).filter((p) => shown(`description.${p}`));

  return (
    <form
      ref={formRef}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      onKeyDown={onKeyDown}
      data-testid="intake-form"
      aria-label={t('intake.title')}
    >
      <Card
        title={t('intake.title')}
        extra={<Typography.Text type="secondary">{t('intake.saveHint')}</Typography.Text>}
        actions={[
          <Space key="save" style={{ padding: '0 16px' }}>
            <Button type="primary" htmlType="submit" loading={saving} data-testid="intake-save">
              {t('intake.save')}（Ctrl+Enter）
            </Button>
            <Button onClick={() => navigate({ name: 'queue' })}>{t('common.back')}（Esc）</Button>
            <Button
              type="link"
              onClick={() => {
                // Emptying the form is not typing: its reset must not schedule a draft of the empty form,
                // which would land after the removal and come back as 已恢复… next time.
                clearTimeout(draftTimer.current);
                pauseDrafts.current = true;
                reset(defaults);
                setTimeout(() => (pauseDrafts.current = false), 0);
                setDraftPending(false);
                setDraftAt(undefined);
                void removeDraft(db, draftId);
                setRestored(false);
              }}
            >
              {t('intake.discardDraft')}
            </Button>
            {Object.keys(formState.errors).length > 0 && (
              <Typography.Text type="danger" data-testid="intake-invalid">
                {t('intake.fixErrors')}
              </Typography.Text>
            )}
            {draftPending ? (
              <Typography.Text type="secondary" data-testid="draft-status" data-pending="true">
                {t('intake.draftSaving')}
              </Typography.Text>
            ) : draftAt ? (
              <Typography.Text type="secondary" data-testid="draft-status">
                {t('intake.draftSaved', { time: formatDateTime(draftAt).slice(11) })}
              </Typography.Text>
            ) : null}
          </Space>,
        ]}
      >
        {restored && <Alert type="info" showIcon message={t('intake.draftRestored')} style={{ marginBottom: 12 }} data-testid="draft-restored" />}
        {/* The apology prompt is the preset's own (S9-1 in the callback-workflow preset); presets whose
            regulation asks no apology show none (issue 16 finding 7). */}
        {policy.apologyPrompt && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            message={policy.apologyPrompt}
            action={
              <Controller
                control={control}
                name="apologised"
                render={({ field }) => (
                  <Checkbox checked={field.value} onChange={(e) => field.onChange(e.target.checked)} data-testid="apologised">
                    {t('intake.apologised')}
                  </Checkbox>
                )}
              />
            }
          />
        )}
        <Form layout="vertical" component={false}>
          <Row gutter={16}>
            <Col span={6}>
              <Form.Item {...item(t('intake.channel'), 'channel', true)}>
                <Controller
                  control={control}
                  name="channel"
                  render={({ field }) => (
                    <Select
                      {...field}
                      showSearch={{ optionFilterProp: 'label' }}
                      options={policy.channels.map((c) => ({ value: c.code, label: c.name }))}
                      data-testid="intake-channel"
                    />
                  )}
                />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item {...item(t('intake.kind'), 'kind', true)}>
                <Controller
                  control={control}
                  name="kind"
                  render={({ field }) => (
                    <Select
                      {...field}
                      showSearch={{ optionFilterProp: 'label' }}
                      options={policy.kinds.map((k) => ({ value: k.code, label: k.name }))}
                      data-testid="intake-kind"
                    />
                  )}
                />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item {...item(t('intake.receivedAt'), 'receivedAt', true)}>
                <Controller
                  control={control}
                  name="receivedAt"
                  render={({ field }) => <Input type="datetime-local" max={nativeDateMax('datetime-local')} {...field} data-testid="intake-received" />}
                />
              </Form.Item>
            </Col>
            {/* A policy without reception points asks none (and prints no 接待点 row). */}
            {policy.receptionPoints.length > 0 && (
              <Col span={6}>
                <Form.Item {...item(t('intake.receptionPoint'), 'receptionPoint')}>
                  <Controller
                    control={control}
                    name="receptionPoint"
                    render={({ field }) => (
                      <Select
                        {...field}
                        allowClear
                        showSearch={{ optionFilterProp: 'label' }}
                        options={policy.receptionPoints.map((r) => ({ value: r, label: r }))}
                        data-testid="intake-reception"
                      />
                    )}
                  />
                </Form.Item>
              </Col>
            )}
          </Row>
          <Divider titlePlacement="start" plain style={{ margin: '4px 0 12px' }} data-testid="intake-person">
            {t('intake.complainant', { person: personWordOf(policy, kind) })}
          </Divider>
          <Row gutter={16}>
            <Col span={5}>
              <Form.Item {...item(word('complainant.name', 'intake.name'), 'complainant.name')}>
                <Controller
                  control={control}
                  name="complainant.name"
                  render={({ field }) => <Input {...field} disabled={anonymous} autoFocus data-testid="intake-name" />}
                />
              </Form.Item>
            </Col>
            <Col span={5}>
              <Form.Item {...item(word('complainant.phone', 'intake.phone'), 'complainant.phone')}>
                <Controller
                  control={control}
                  name="complainant.phone"
                  render={({ field }) => <Input {...field} disabled={anonymous} inputMode="tel" data-testid="intake-phone" />}
                />
              </Form.Item>
            </Col>
            {shown('complainant.address') && (
              <Col span={6}>
                <Form.Item {...item(word('complainant.address', 'intake.address'), 'complainant.address')}>
                  <Controller
                    control={control}
                    name="complainant.address"
                    render={({ field }) => <Input {...field} disabled={anonymous} data-testid="intake-address" />}
                  />
                </Form.Item>
              </Col>
            )}
            <Col span={8}>
              <Form.Item label=" ">
                <Space>
                  <Controller
                    control={control}
                    name="complainant.anonymous"
                    render={({ field }) => (
                      <Checkbox checked={field.value} onChange={(e) => field.onChange(e.target.checked)} data-testid="intake-anonymous">
                        {t('intake.anonymous')}
                      </Checkbox>
                    )}
                  />
                  <Controller
                    control={control}
                    name="complainant.confidential"
                    render={({ field }) => (
                      <Checkbox checked={field.value} onChange={(e) => field.onChange(e.target.checked)} data-testid="intake-confidential">
                        {t('intake.confidential')}
                      </Checkbox>
                    )}
                  />
                </Space>
              </Form.Item>
            </Col>
          </Row>
          {!anonymous && (
            <EarlierCases
              typed={{ phone: phone ?? '', name: name ?? '', place: typeof place === 'string' ? place : '' }}
              words={{ phone: word('complainant.phone', 'intake.phone'), name: word('complainant.name', 'intake.name'), place: placeField?.label ?? '' }}
              linked={related}
              onLink={(c) => setValue('related', c, { shouldDirty: true })}
              linkBlocked={confidential}
              linkError={formState.errors.related?.message}
            />
          )}
          {anonymous && formState.errors.related && (
            <Alert type="error" showIcon message={formState.errors.related.message} style={{ marginBottom: 12 }} data-testid="intake-link-error" />
          )}
          <Form.Item {...item(t('intake.subject'), 'subject', true)}>
            <Controller
              control={control}
              name="subject"
              render={({ field }) => <Input {...field} placeholder={t('intake.subjectPlaceholder')} data-testid="intake-subject" />}
            />
          </Form.Item>
          {descriptionParts.length > 0 && (
            <Row gutter={16}>
              {descriptionParts.map((p) => (
                <Col span={p === 'time' ? 6 : p === 'cause' ? 18 : 12} key={p}>
                  <Form.Item {...item(word(`description.${p}`, `intake.${p}`), `description.${p}`)}>
                    <Controller
                      control={control}
                      name={`description.${p}`}
                      render={({ field }) =>
                        p === 'time' || p === 'cause' ? (
                          <Input {...field} data-testid={`intake-${p}`} />
                        ) : (
                          <Input.TextArea {...field} autoSize={{ minRows: 2, maxRows: 6 }} data-testid={`intake-${p}`} />
                        )
                      }
                    />
                  </Form.Item>
                </Col>
              ))}
            </Row>
          )}
          {shown('demand') && (
            <Form.Item {...item(word('demand', 'intake.demand'), 'demand')}>
              <Controller control={control} name="demand" render={({ field }) => <Input {...field} data-testid="intake-demand" />} />
            </Form.Item>
          )}
          <Row gutter={16}>
            <Col span={8}>
              <Form.Item {...item(t('intake.category'), 'category')}>
                <Controller
                  control={control}
                  name="category"
                  render={({ field }) => (
                    <Select
                      {...field}
                      allowClear
                      showSearch={{ optionFilterProp: 'label' }}
                      options={policy.categories.filter((c) => !c.kinds || c.kinds.includes(kind)).map((c) => ({ value: c.code, label: c.name }))}
                      data-testid="intake-category"
                    />
                  )}
                />
              </Form.Item>
            </Col>
            {shown('severity') && (
              <Col span={8}>
                <Form.Item {...item(word('severity', 'intake.severity'), 'severity')}>
                  <Controller
                    control={control}
                    name="severity"
                    render={({ field }) => (
                      <Select
                        {...field}
                        allowClear
                        showSearch={{ optionFilterProp: 'label' }}
                        options={policy.severities.map((s) => ({ value: s.code, label: s.name, title: s.definition }))}
                        data-testid="intake-severity"
                      />
                    )}
                  />
                </Form.Item>
              </Col>
            )}
            <Col span={8}>
              <Form.Item {...item(t('intake.department'), 'departmentId')}>
                <Controller
                  control={control}
                  name="departmentId"
                  render={({ field }) => (
                    <Select
                      {...field}
                      allowClear
                      showSearch={{ optionFilterProp: 'label' }}
                      options={policy.departments.map((d) => ({ value: d.id, label: d.name }))}
                      data-testid="intake-department"
                    />
                  )}
                />
              </Form.Item>
            </Col>
          </Row>
          {formDef && formDef.fields.length > 0 && (
            <>
              <Divider titlePlacement="start" plain style={{ margin: '4px 0 12px' }}>
                {formDef.title}
              </Divider>
              <Row gutter={16}>
                {formDef.fields.map((f) => (
                  <Col span={f.type === 'textarea' ? 24 : 8} key={f.key}>
                    <Form.Item {...item(f.label, `form.${f.key}`, f.required)} extra={f.help && withoutRuleRefs(f.help)}>
                      <Controller
                        control={control}
                        name={`form.${f.key}`}
                        render={({ field }) =>
                          f.type === 'select' ? (
                            <Select
                              value={field.value || undefined}
                              onChange={field.onChange}
                              allowClear
                              showSearch={{ optionFilterProp: 'label' }}
                              options={(f.options ?? []).map((o) => ({ value: o.value, label: o.label }))}
                              data-testid={`form-${f.key}`}
                            />
                          ) : f.type === 'textarea' ? (
                            <Input.TextArea
                              value={field.value ?? ''}
                              onChange={field.onChange}
                              maxLength={f.maxLength}
                              autoSize={{ minRows: 2 }}
                              data-testid={`form-${f.key}`}
                            />
                          ) : (
                            <Input
                              value={field.value ?? ''}
                              onChange={field.onChange}
                              maxLength={f.maxLength}
                              type={f.type === 'number' ? 'number' : f.type === 'date' ? 'date' : f.type === 'datetime' ? 'datetime-local' : 'text'}
                              max={f.type === 'date' ? nativeDateMax('date') : f.type === 'datetime' ? nativeDateMax('datetime-local') : undefined}
                              data-testid={`form-${f.key}`}
                            />
                          )
                        }
                      />
                    </Form.Item>
                  </Col>
                ))}
              </Row>
            </>
          )}
          {policy.riskFlags.length > 0 && (
            // Who is alerted comes from the policy's flags (S1-6 leaders, S6-9 the station manager), not from one preset's rule.
            <Form.Item label={t('intake.riskFlags')} extra={riskHint && t(riskHint.key, riskHint.vars)}>
              <Controller
                control={control}
                name="riskFlags"
                render={({ field }) => (
                  <Checkbox.Group
                    value={field.value}
                    onChange={field.onChange}
                    options={policy.riskFlags.map((f) => ({ value: f.code, label: f.name }))}
                    data-testid="intake-risk"
                  />
                )}
              />
            </Form.Item>
          )}
          {policy.inadmissibleReasons.length > 0 && (
            <>
              <Divider titlePlacement="start" plain style={{ margin: '4px 0 12px' }}>
                {t('intake.admissibility')}
              </Divider>
              <Typography.Paragraph type="secondary">{t('intake.inadmissibleHelp')}</Typography.Paragraph>
              <Controller
                control={control}
                name="inadmissibleReason"
                render={({ field }) => (
                  <Radio.Group value={field.value ?? ''} onChange={(e) => field.onChange(e.target.value || undefined)} data-testid="intake-admissibility">
                    <Space direction="vertical">
                      <Radio value="">{t('intake.admissible')}</Radio>
                      {policy.inadmissibleReasons.map((r) => (
                        <Radio value={r.code} key={r.code}>
                          {t('intake.inadmissible', { reason: r.text })}
                        </Radio>
                      ))}
                    </Space>
                  </Radio.Group>
                )}
              />
              {reason && (
                <Row gutter={16} style={{ marginTop: 12 }}>
                  <Col span={14}>
                    <Form.Item {...item(t('intake.explanation'), 'explanation', true)}>
                      <Controller
                        control={control}
                        name="explanation"
                        render={({ field }) => <Input.TextArea {...field} autoSize={{ minRows: 2 }} data-testid="intake-explanation" />}
                      />
                    </Form.Item>
                  </Col>
                  <Col span={10}>
                    <Form.Item {...item(t('intake.referral'), 'referral')} extra={policy.inadmissibleReasons.find((r) => r.code === reason)?.referral}>
                      <Controller
                        control={control}
                        name="referral"
                        render={({ field }) => (
                          <Input.TextArea
                            {...field}
                            autoSize={{ minRows: 2 }}
                            placeholder={policy.inadmissibleReasons.find((r) => r.code === reason)?.referral}
                            data-testid="intake-referral"
                          />
                        )}
                      />
                    </Form.Item>
                  </Col>
                </Row>
              )}
            </>
          )}
          {saveError && <Alert type="error" showIcon message={saveError} data-testid="intake-error" />}
        </Form>
      </Card>
    </form>
  );
}
