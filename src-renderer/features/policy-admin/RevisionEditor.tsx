import { useMemo, useState } from 'react';
import { Alert, App, Collapse, Form, Input, Select, Space } from 'antd';
import { nextRevision } from '../../data/domain';
import type { Policy, PolicyInput } from '../../../src-shared/domain/policy';
import type { FieldError } from '../../../src-shared/domain/parse';
import { staffRolesOf, useDesk } from '../../data/desk-context';
import { putConfig } from '../../data/config';
import { fromLocalInput } from '../../format/time';
import { changedSections, checkDraft, draftPolicy, EDITABLE, errorRows, sectionShapeOk, type Draft, type Section } from './policy-draft';
import { hasForm, SectionForm } from './SectionForm';
import { ProblemList, problemText } from './ProblemList';
import { dateOf } from './dates';
import { usePT } from './i18n';
import { AdminConfirm } from './AdminConfirm';
import { FormDialog } from '../../components/FormDialog';
import { nativeDateMax } from '../../components/native-date';

// 新建修订 (S0-2, S0-4): the administrator edits any number of sections in tables (the JSON of the section
// stays below as an advanced fallback, kept in step both ways), sees the validator's problems after every
// edit, and saves one new revision with author, reason, effective date and approver. A draft with a
// problem is never saved.

const json = (v: unknown) => JSON.stringify(v ?? null, null, 2);

export function RevisionEditor({ base, onClose }: { base: Policy; onClose: () => void }) {
  const pt = usePT();
  const { t, lang } = pt;
  const { message } = App.useApp();
  const desk = useDesk();
  const staff = useMemo(() => desk.config.staff.map(staffRolesOf), [desk.config.staff]);
  const [section, setSection] = useState<Section>('stages');
  const [draft, setDraft] = useState<Draft>({});
  const [text, setText] = useState(() => json(base.stages));
  const [jsonError, setJsonError] = useState<string>();
  const [saveErrors, setSaveErrors] = useState<string[]>([]);
  // A checked revision waiting for 管理员确认 (AdminConfirm) before it is written.
  const [toPublish, setToPublish] = useState<Policy>();
  const [form] = Form.useForm<{ reason: string; effective: string; approver: string }>();
  const tomorrow = dateOf(Date.now() + 86_400_000, base.utcOffsetMinutes);

  const policy = useMemo(() => draftPolicy(base, draft), [base, draft]);
  const problems = useMemo(() => checkDraft(base, draft, staff), [base, draft, staff]);
  const changed = useMemo(() => changedSections(base, draft), [base, draft]);
  const value = policy[section];

  function pick(s: Section) {
    setSection(s);
    setText(json(policy[s]));
    setJsonError(undefined);
  }

  function fromForm(v: unknown) {
    setDraft((d) => ({ ...d, [section]: v }));
    setText(json(v));
    setJsonError(undefined);
  }

  function fromJson(next: string) {
    setText(next);
    try {
      const v: unknown = JSON.parse(next);
      setDraft((d) => ({ ...d, [section]: v }));
      setJsonError(undefined);
    } catch (e) {
      setJsonError(t('jsonError', { msg: e instanceof Error ? e.message : String(e) }));
    }
  }

  const countOf = (s: Section) => problems.filter((e) => e.path.split('.')[0] === s).length;
  const sectionLabel = (s: Section) =>
    [t(`sec.${s}`) + (hasForm(s) ? '' : t('jsonOnly')), s in changed ? t('changedMark') : '', countOf(s) ? t('problemCount', { n: countOf(s) }) : '']
      .filter(Boolean)
      .join(' · ');

  async function save() {
    const v = form.getFieldsValue();
    if (jsonError) return setSaveErrors([jsonError]);
    if (problems.length) return setSaveErrors([t('fixFirst', { n: problems.length })]);
    if (!v.approver) return setSaveErrors([t('approverRequired')]);
    if (Object.keys(changed).length === 0) return setSaveErrors([t('noEdits')]);
    const effectiveFrom = fromLocalInput(`${v.effective ?? tomorrow}T00:00`) ?? Date.now();
    const approverName = desk.config.staff.find((s) => s.id === v.approver)?.name ?? v.approver;
    const reason = `${v.reason ?? ''}`.trim();
    const r = nextRevision(
      base,
      changed as Partial<PolicyInput>,
      { author: desk.staff?.name ?? '', reason: reason ? `${reason}（批准：${approverName}）` : '', effectiveFrom, date: Date.now() },
      staff,
    );
    const show = (errors: FieldError[]) => setSaveErrors(errors.map((e) => problemText(e, policy, lang, pt)));
    if (!r.ok) return show(r.errors);
    setToPublish(r.value);
  }

  /** Writes the revision once an administrator confirmed it (the server then accepts its push). */
  async function publish(revision: Policy) {
    setToPublish(undefined);
    const saved = await putConfig(desk.db, 'policy', revision, desk.identity?.orgId);
    if (!saved.ok) return setSaveErrors(saved.errors.map((e) => problemText(e, policy, lang, pt)));
    void message.success(t('saved', { n: revision.revision, date: dateOf(revision.effectiveFrom, base.utcOffsetMinutes) }));
    onClose();
  }

  return (
    <>
      {toPublish ? <AdminConfirm policy={base} onConfirmed={() => publish(toPublish)} onCancel={() => setToPublish(undefined)} /> : null}
      <FormDialog width={1200} title={t('edit')} onOk={save} okText={t('saveRevision')} cancelText={t('cancel')} onCancel={onClose}>
        {saveErrors.length ? (
          <Alert
            type="error"
            data-testid="revision-errors"
            title={
              <ul style={{ margin: 0, paddingLeft: 16 }}>
                {saveErrors.map((e, i) => (
                  <li key={i}>{e}</li>
                ))}
              </ul>
            }
            style={{ marginBottom: 12 }}
          />
        ) : null}
        <Form form={form} layout="vertical" initialValues={{ effective: tomorrow }} data-testid="revision-form">
          <Space wrap>
            <Form.Item name="effective" label={t('effective')} required>
              <Input type="date" max={nativeDateMax('date')} data-testid="revision-effective" />
            </Form.Item>
            <Form.Item name="approver" label={t('approver')} required>
              <Select style={{ width: 160 }} options={desk.config.staff.map((s) => ({ value: s.id, label: s.name }))} data-testid="revision-approver" />
            </Form.Item>
            <Form.Item name="reason" label={t('reason')} required>
              <Input style={{ width: 420 }} data-testid="revision-reason" />
            </Form.Item>
          </Space>
          <Form.Item label={t('section')}>
            <Select
              style={{ width: 320 }}
              virtual={false}
              value={section}
              onChange={pick}
              options={EDITABLE.map((s) => ({ value: s, label: sectionLabel(s) }))}
              data-testid="revision-section"
            />
          </Form.Item>
        </Form>
        <ProblemList errors={problems} policy={policy} title={t('problems')} testId="revision-problems" />
        {hasForm(section) ? (
          sectionShapeOk(section, value) ? (
            <div style={{ marginBottom: 12 }}>
              <SectionForm section={section} value={value} onChange={fromForm} policy={policy} base={base} errorRows={errorRows(problems, section, policy)} />
            </div>
          ) : (
            <Alert type="warning" title={t('jsonShape')} style={{ marginBottom: 12 }} />
          )
        ) : null}
        <Collapse
          size="small"
          defaultActiveKey={hasForm(section) ? [] : ['json']}
          key={hasForm(section) ? 'form' : 'json'}
          items={[
            {
              key: 'json',
              label: t('advancedJson'),
              forceRender: true,
              children: (
                <>
                  {jsonError ? <Alert type="error" title={jsonError} style={{ marginBottom: 8 }} /> : null}
                  <Input.TextArea
                    value={text}
                    onChange={(e) => fromJson(e.target.value)}
                    rows={16}
                    style={{ fontFamily: 'monospace', fontSize: 12 }}
                    data-testid="revision-json"
                  />
                </>
              ),
            },
          ]}
        />
      </FormDialog>
    </>
  );
}
