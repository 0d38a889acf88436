import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Form, Input, InputNumber, Modal, Row, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { diffPolicies, formatValue, type PolicyChange } from '../../../src-shared/analytics/policy-diff';
import { nextRevision } from '../../../src-shared/domain/revisions';
import type { Policy, PolicyInput, StageDef } from '../../../src-shared/domain/policy';
import { useDesk } from '../../data/desk-context';
import { putConfig } from '../../data/config';
import { fromLocalInput } from '../../format/time';
import { usePT, type PolicyKey } from './i18n';

// 制度管理 (S0-2, S0-4): the regulation in force, its revision history, a side-by-side comparison of two
// revisions, and an editor whose every save is a new revision with author, reason, effective date and
// approver. Cases keep the revision they were registered under (policyForCase), so a revision only
// governs cases registered after it takes effect.

const EDITABLE = ['kinds', 'categories', 'severities', 'stages', 'approvals', 'callback', 'rewards', 'penalties', 'expenses', 'targets', 'duties', 'departments', 'roles', 'document'] as const;
type Section = (typeof EDITABLE)[number];

function dateOf(ms: number, offsetMinutes: number): string {
  return new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 10);
}

export function PolicyAdminPage() {
  const { config, policy } = useDesk();
  const { t } = usePT();
  if (!policy || config.policies.length === 0) return <Alert type="warning" title={t('noPolicy')} />;
  return <PolicyAdmin policies={config.policies} inForce={policy} />;
}

function PolicyAdmin({ policies, inForce }: { policies: Policy[]; inForce: Policy }) {
  const { t } = usePT();
  const [editing, setEditing] = useState(false);
  const sorted = useMemo(() => [...policies].sort((a, b) => a.revision - b.revision), [policies]);
  const latest = sorted[sorted.length - 1]!;
  // Until someone picks, compare the newest revision with the one before it (also after a new save).
  const [leftPick, setLeft] = useState<number | undefined>(undefined);
  const [rightPick, setRight] = useState<number | undefined>(undefined);
  const left = leftPick ?? (sorted.length > 1 ? sorted[sorted.length - 2]!.revision : latest.revision);
  const right = rightPick ?? latest.revision;
  const off = inForce.utcOffsetMinutes;
  const now = Date.now();
  const stateOf = (p: Policy) => (p.revision === inForce.revision ? 'current' : p.effectiveFrom > now ? 'future' : 'past');

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="policy-admin">
      <Space wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('title')}
        </Typography.Title>
        <Tag color="green">
          {t('inForce')}：{inForce.document.title} · {t('revision')} {inForce.revision}
        </Tag>
        <Button type="primary" onClick={() => setEditing(true)} data-testid="policy-edit">
          {t('edit')}
        </Button>
      </Space>

      <Card size="small" title={t('revisions')}>
        <Table<Policy>
          size="small"
          rowKey="revision"
          pagination={false}
          dataSource={[...sorted].reverse()}
          columns={[
            { title: t('revision'), dataIndex: 'revision' },
            { title: t('effective'), dataIndex: 'effectiveFrom', render: (v: number) => dateOf(v, off) },
            { title: '', render: (_, p) => <Tag color={stateOf(p) === 'current' ? 'green' : stateOf(p) === 'future' ? 'blue' : 'default'}>{t(stateOf(p))}</Tag> },
            { title: t('author'), render: (_, p) => p.revisions.at(-1)?.author ?? '' },
            { title: t('reason'), render: (_, p) => p.revisions.at(-1)?.status ?? '' },
            { title: t('orderNo'), render: (_, p) => p.revisions.at(-1)?.orderNo ?? '' },
          ]}
        />
      </Card>

      <Tabs
        items={[
          { key: 'view', label: t('regulation'), children: <RegulationView policy={inForce} /> },
          {
            key: 'diff',
            label: t('compare'),
            children: (
              <Space orientation="vertical" style={{ width: '100%' }}>
                <Space>
                  <Select style={{ width: 140 }} value={left} onChange={setLeft} options={sorted.map((p) => ({ value: p.revision, label: `${t('revision')} ${p.revision}` }))} data-testid="diff-left" />
                  →
                  <Select style={{ width: 140 }} value={right} onChange={setRight} options={sorted.map((p) => ({ value: p.revision, label: `${t('revision')} ${p.revision}` }))} data-testid="diff-right" />
                </Space>
                <DiffTable before={sorted.find((p) => p.revision === left)!} after={sorted.find((p) => p.revision === right)!} />
              </Space>
            ),
          },
        ]}
      />
      {editing ? <RevisionEditor base={latest} onClose={() => setEditing(false)} /> : null}
    </Space>
  );
}

function limitText(s: StageDef, t: (k: PolicyKey) => string): string {
  return `${s.limit.amount} ${t(`unit.${s.limit.unit}`)}`;
}

function RegulationView({ policy }: { policy: Policy }) {
  const { t } = usePT();
  const dept = (id?: string) => policy.departments.find((d) => d.id === id)?.name ?? id ?? '';
  const role = (code?: string) => policy.roles.find((r) => r.code === code)?.name ?? code ?? '';
  return (
    <Row gutter={[12, 12]}>
      <Col xs={24} xl={12}>
        <Card size="small" title={policy.document.title}>
          <Typography.Paragraph>{policy.document.purpose}</Typography.Paragraph>
          {policy.document.chapters.map((c, i) => (
            <div key={i}>
              <Typography.Text strong>{c.title}</Typography.Text>
              {/* Clauses carry their own numbering in the regulation's text. */}
              {c.clauses.map((cl, j) => (
                <Typography.Paragraph key={j} style={{ margin: '4px 0 4px 12px' }}>
                  {cl}
                </Typography.Paragraph>
              ))}
            </div>
          ))}
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card size="small" title={t('stages')}>
          <Table<StageDef>
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={policy.stages}
            columns={[
              { title: t('stageName'), dataIndex: 'name' },
              { title: t('limit'), render: (_, s) => limitText(s, t) },
              { title: t('clock'), dataIndex: 'clock', render: (c: StageDef['clock']) => t(`clock.${c}`) },
              { title: t('extension'), dataIndex: 'extensionApproverRole', render: (r?: string) => role(r) },
            ]}
          />
        </Card>
        <Card size="small" title={t('categories')} style={{ marginTop: 12 }}>
          <Descriptions size="small" column={1} items={policy.categories.map((c) => ({ key: c.code, label: c.name, children: dept(c.departmentId) }))} />
        </Card>
        <Card size="small" title={t('money')} style={{ marginTop: 12 }}>
          {policy.rewards.map((r) => (
            <div key={r.id}>
              {r.name}：{r.levels.map((l) => `${l.name} ${l.min}–${l.max} 元`).join('，')}（{role(r.approverRole)}）
            </div>
          ))}
          {policy.penalties.map((p) => (
            <div key={p.id}>
              {p.name}：{role(p.targetRole)} −{p.amount} 元（{role(p.approverRole)}）
            </div>
          ))}
        </Card>
      </Col>
    </Row>
  );
}

function DiffTable({ before, after }: { before: Policy; after: Policy }) {
  const { t, has } = usePT();
  const changes = useMemo(() => diffPolicies(before, after), [before, after]);
  const show = (c: PolicyChange, v: PolicyChange['before']) => (c.section === 'effectiveFrom' && typeof v === 'number' ? dateOf(v, after.utcOffsetMinutes) : formatValue(v));
  if (changes.length === 0) return <Typography.Text type="secondary">{t('noChanges')}</Typography.Text>;
  return (
    <Table<PolicyChange>
      size="small"
      data-testid="diff-table"
      rowKey={(c) => c.path}
      pagination={false}
      dataSource={changes}
      columns={[
        { title: t('section'), dataIndex: 'section', render: (s: string) => (has(`sec.${s}`) ? t(`sec.${s}` as PolicyKey) : s) },
        { title: t('path'), dataIndex: 'path' },
        { title: '', dataIndex: 'kind', render: (k: PolicyChange['kind']) => <Tag color={k === 'added' ? 'green' : k === 'removed' ? 'red' : 'blue'}>{t(`kind.${k}`)}</Tag> },
        { title: `${t('before')}（${t('revision')} ${before.revision}）`, render: (_, c) => <Typography.Text delete={c.kind !== 'added'}>{show(c, c.before)}</Typography.Text> },
        { title: `${t('after')}（${t('revision')} ${after.revision}）`, render: (_, c) => <Typography.Text mark={c.kind !== 'removed'}>{show(c, c.after)}</Typography.Text> },
      ]}
    />
  );
}

function RevisionEditor({ base, onClose }: { base: Policy; onClose: () => void }) {
  const { t, lang } = usePT();
  const { message } = App.useApp();
  const desk = useDesk();
  const [section, setSection] = useState<Section>('stages');
  const [json, setJson] = useState(() => JSON.stringify(base.stages, null, 2));
  const [errors, setErrors] = useState<string[]>([]);
  const [form] = Form.useForm<{ reason: string; effective: string; approver: string }>();
  const tomorrow = dateOf(Date.now() + 86_400_000, base.utcOffsetMinutes);

  function pick(s: Section) {
    setSection(s);
    setJson(JSON.stringify(base[s] ?? null, null, 2));
    setErrors([]);
  }

  async function save() {
    const v = form.getFieldsValue();
    let content: unknown;
    try {
      content = JSON.parse(json);
    } catch (e) {
      setErrors([t('jsonError', { msg: e instanceof Error ? e.message : String(e) })]);
      return;
    }
    if (!v.approver) {
      setErrors([t('approverRequired')]);
      return;
    }
    const effectiveFrom = fromLocalInput(`${v.effective ?? tomorrow}T00:00`) ?? Date.now();
    const approverName = desk.config.staff.find((s) => s.id === v.approver)?.name ?? v.approver;
    const r = nextRevision(
      base,
      { [section]: content } as Partial<PolicyInput>,
      { author: desk.staff?.name ?? '', reason: `${v.reason ?? ''}`.trim() ? `${v.reason.trim()}（批准：${approverName}）` : '', effectiveFrom, date: Date.now() },
      desk.config.staff.map((s) => ({ id: s.id, name: s.name, roles: s.roles, ...(s.departmentId ? { departmentId: s.departmentId } : {}) })),
    );
    if (!r.ok) {
      setErrors(r.errors.map((e) => `${e.path}: ${e.message[lang]}`));
      return;
    }
    const saved = await putConfig(desk.db, 'policy', r.value, desk.identity?.orgId);
    if (!saved.ok) {
      setErrors(saved.errors.map((e) => `${e.path}: ${e.message[lang]}`));
      return;
    }
    void message.success(t('saved', { n: r.value.revision, date: dateOf(r.value.effectiveFrom, base.utcOffsetMinutes) }));
    onClose();
  }

  return (
    <Modal open width={880} title={t('edit')} onOk={() => void save()} okText={t('saveRevision')} cancelText={t('cancel')} onCancel={onClose} destroyOnHidden>
      {errors.length ? <Alert type="error" title={<ul style={{ margin: 0, paddingLeft: 16 }}>{errors.map((e, i) => <li key={i}>{e}</li>)}</ul>} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" initialValues={{ effective: tomorrow }} data-testid="revision-form">
        <Space wrap>
          <Form.Item label={t('section')}>
            <Select style={{ width: 180 }} value={section} onChange={pick} options={EDITABLE.map((s) => ({ value: s, label: t(`sec.${s}`) }))} data-testid="revision-section" />
          </Form.Item>
          <Form.Item name="effective" label={t('effective')} required>
            <Input type="date" data-testid="revision-effective" />
          </Form.Item>
          <Form.Item name="approver" label={t('approver')} required>
            <Select style={{ width: 160 }} options={desk.config.staff.map((s) => ({ value: s.id, label: s.name }))} data-testid="revision-approver" />
          </Form.Item>
        </Space>
        <Form.Item name="reason" label={t('reason')} required>
          <Input data-testid="revision-reason" />
        </Form.Item>
        {section === 'stages' ? <StageLimitsEditor json={json} onChange={setJson} /> : null}
        <Form.Item label={t('sectionJson')}>
          <Input.TextArea value={json} onChange={(e) => setJson(e.target.value)} rows={16} style={{ fontFamily: 'monospace', fontSize: 12 }} data-testid="revision-json" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type StageLimitRow = { id: string; name: string; limit: StageDef['limit']; clock: StageDef['clock'] };

/** The common edit, limits and clocks of the stages, without touching the JSON by hand. */
function StageLimitsEditor({ json, onChange }: { json: string; onChange: (json: string) => void }) {
  const { t } = usePT();
  let stages: StageLimitRow[] | undefined;
  try {
    const v: unknown = JSON.parse(json);
    if (Array.isArray(v)) stages = v as StageLimitRow[];
  } catch {
    stages = undefined;
  }
  if (!stages) return null;
  const list = stages;
  const update = (i: number, patch: Partial<StageLimitRow>) => onChange(JSON.stringify(list.map((s, j) => (j === i ? { ...s, ...patch } : s)), null, 2));
  return (
    <Table<StageLimitRow>
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={list}
      style={{ marginBottom: 12 }}
      data-testid="stage-limits"
      columns={[
        { title: t('stageName'), dataIndex: 'name' },
        {
          title: t('limit'),
          render: (_, s, i) => (
            <Space>
              <InputNumber min={0.01} value={s.limit?.amount} onChange={(v) => update(i, { limit: { ...s.limit, amount: Number(v ?? 0) } })} />
              <Select
                style={{ width: 110 }}
                value={s.limit?.unit}
                onChange={(unit) => update(i, { limit: { ...s.limit, unit } })}
                options={(['minutes', 'hours', 'days', 'workingDays'] as const).map((u) => ({ value: u, label: t(`unit.${u}`) }))}
              />
            </Space>
          ),
        },
        {
          title: t('clock'),
          render: (_, s, i) => (
            <Select
              style={{ width: 120 }}
              value={s.clock}
              onChange={(clock) => update(i, { clock })}
              options={(['natural', 'working-days', 'business-hours'] as const).map((c) => ({ value: c, label: t(`clock.${c}`) }))}
            />
          ),
        },
      ]}
    />
  );
}
