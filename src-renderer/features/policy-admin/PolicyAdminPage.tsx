import { useMemo, useState } from 'react';
import { Alert, Button, Card, Col, Descriptions, Row, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { Policy, StageDef } from '../../../src-shared/domain/policy';
import { PrinterOutlined } from '@ant-design/icons';
import { withoutRuleRefs } from '../../../src-shared/i18n/rule-refs';
import { useDesk } from '../../data/desk-context';
import { DocumentPreview } from '../print/DocumentPreview';
import { dateOf } from './dates';
import { PolicyDiffView } from './PolicyDiffView';
import { RevisionEditor } from './RevisionEditor';
import { NoticeCard } from './CalendarEditor';
import { usePT, type PolicyKey } from './i18n';

// 制度管理 (S0-2, S0-4): the regulation in force, its revision history, a side-by-side comparison of two
// revisions, and an editor whose every save is a new revision with author, reason, effective date and
// approver (RevisionEditor). Cases keep the revision they were registered under (policyForCase), so a revision only
// governs cases registered after it takes effect.

export function PolicyAdminPage() {
  const { config, policy } = useDesk();
  const { t } = usePT();
  if (!policy || config.policies.length === 0) return <Alert type="warning" title={t('noPolicy')} />;
  return <PolicyAdmin policies={config.policies} inForce={policy} />;
}

function PolicyAdmin({ policies, inForce }: { policies: Policy[]; inForce: Policy }) {
  const { t } = usePT();
  const [editing, setEditing] = useState(false);
  // 打印制度 (S0-1): the regulation document generated from a revision (src-main/documents/builders/regulation.ts).
  const [printing, setPrinting] = useState<Policy>();
  const { organisation } = useDesk().config;
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
        <Button icon={<PrinterOutlined />} onClick={() => setPrinting(inForce)} data-testid="policy-print">
          {t('printRegulation')}
        </Button>
      </Space>
      {printing && (
        <DocumentPreview
          request={{
            document: 'regulation',
            title: `${printing.document.title} · ${t('revision')} ${printing.revision}`,
            data: { organisation: { name: organisation?.name ?? '' }, policy: printing },
          }}
          onClose={() => setPrinting(undefined)}
        />
      )}

      <Card size="small" title={t('revisions')}>
        <Table<Policy>
          size="small"
          rowKey="revision"
          pagination={false}
          dataSource={[...sorted].reverse()}
          columns={[
            { title: t('revision'), dataIndex: 'revision' },
            { title: t('effective'), dataIndex: 'effectiveFrom', render: (v: number) => dateOf(v, off) },
            {
              title: '',
              render: (_, p) => <Tag color={stateOf(p) === 'current' ? 'green' : stateOf(p) === 'future' ? 'blue' : 'default'}>{t(stateOf(p))}</Tag>,
            },
            { title: t('author'), render: (_, p) => p.revisions.at(-1)?.author ?? '' },
            { title: t('reason'), render: (_, p) => p.revisions.at(-1)?.status ?? '' },
            { title: t('orderNo'), render: (_, p) => p.revisions.at(-1)?.orderNo ?? '' },
            // A revision not yet in force is printed too: it is signed on paper before it takes effect.
            {
              title: '',
              render: (_, p) => (
                <Button size="small" type="link" icon={<PrinterOutlined />} onClick={() => setPrinting(p)} data-testid={`policy-print-${p.revision}`}>
                  {t('print')}
                </Button>
              ),
            },
          ]}
        />
      </Card>

      <Tabs
        items={[
          { key: 'view', label: t('regulation'), children: <RegulationView policy={inForce} /> },
          { key: 'holidays', label: t('holidays'), children: <NoticeCard revisions={sorted} /> },
          {
            key: 'diff',
            label: t('compare'),
            children: (
              <Space orientation="vertical" style={{ width: '100%' }}>
                <Space>
                  <Select
                    style={{ width: 140 }}
                    value={left}
                    onChange={setLeft}
                    options={sorted.map((p) => ({ value: p.revision, label: `${t('revision')} ${p.revision}` }))}
                    data-testid="diff-left"
                  />
                  →
                  <Select
                    style={{ width: 140 }}
                    value={right}
                    onChange={setRight}
                    options={sorted.map((p) => ({ value: p.revision, label: `${t('revision')} ${p.revision}` }))}
                    data-testid="diff-right"
                  />
                </Space>
                <PolicyDiffView before={sorted.find((p) => p.revision === left)!} after={sorted.find((p) => p.revision === right)!} />
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
          <Typography.Paragraph>{withoutRuleRefs(policy.document.purpose)}</Typography.Paragraph>
          {policy.document.chapters.map((c, i) => (
            <div key={i}>
              <Typography.Text strong>{c.title}</Typography.Text>
              {/* Clauses carry their own numbering in the regulation's text. */}
              {c.clauses.map((cl, j) => (
                <Typography.Paragraph key={j} style={{ margin: '4px 0 4px 12px' }}>
                  {withoutRuleRefs(cl)}
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
