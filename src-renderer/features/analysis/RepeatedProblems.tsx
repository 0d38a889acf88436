import { useState } from 'react';
import { Alert, App, Button, Form, Input, List, Space, Tag, Typography } from 'antd';
import type { RepeatedGroup } from '../../../src-shared/analytics/repeated';
import { capaEvents, capaFollowUpEvents, capaOf } from '../../../src-shared/analytics/capa';
import type { CaseState } from '../../../src-shared/domain/case-state';
import type { NewEvent } from '../../../src-shared/domain/events';
import type { Policy } from '../../../src-shared/domain/policy';
import { staffRolesOf, useDesk } from '../../data/desk-context';
import { writeEvent } from '../../data/write-event';
import { formatDateTime } from '../../format/time';
import { useAT } from './i18n';
import { FormDialog } from '../../components/FormDialog';
import { say } from '../../i18n/i18n';

// Repeated problems of the period (S7-7, S8-11, S10-10) with their corrective and preventive actions,
// recorded as tagged notes on every case of the group (see src-shared/analytics/capa.ts).

export function RepeatedProblems({
  groups,
  byId,
  policy,
  onOpen,
}: {
  groups: RepeatedGroup[];
  byId: Map<string, CaseState>;
  policy: Policy;
  onOpen: (title: string, ids: string[]) => void;
}) {
  const { t } = useAT();
  const [editing, setEditing] = useState<{ group: RepeatedGroup; mode: 'action' | 'followUp' } | undefined>(undefined);
  const categoryName = (code: string) => policy.categories.find((c) => c.code === code)?.name ?? code;
  return (
    <>
      <List
        data-testid="repeated-groups"
        dataSource={groups}
        renderItem={(g) => {
          const entries = capaOf(g.caseIds.map((id) => byId.get(id)).filter((c): c is CaseState => !!c));
          return (
            <List.Item
              actions={[
                <Button key="a" size="small" onClick={() => setEditing({ group: g, mode: 'action' })}>
                  {t('a.capaRecord')}
                </Button>,
                <Button key="f" size="small" disabled={!entries.some((e) => e.kind === 'action')} onClick={() => setEditing({ group: g, mode: 'followUp' })}>
                  {t('a.capaFollow')}
                </Button>,
              ]}
            >
              <Space orientation="vertical" size={2} style={{ width: '100%' }}>
                <Space wrap>
                  <Tag color="purple">{categoryName(g.category)}</Tag>
                  <a onClick={() => onOpen(`${t('a.repeated')} · ${categoryName(g.category)}`, g.caseIds)}>{t('a.repeatedCases', { n: g.caseIds.length })}</a>
                  <Typography.Text>{g.subjects.slice(0, 3).join(' / ')}</Typography.Text>
                  {g.places.length ? <Typography.Text type="secondary">{g.places.slice(0, 2).join(' / ')}</Typography.Text> : null}
                  <Typography.Text type="secondary">
                    {formatDateTime(g.firstAt)} — {formatDateTime(g.lastAt)}
                  </Typography.Text>
                </Space>
                {entries.map((e) => (
                  <Typography.Text key={`${e.at}-${e.text}`} type={e.kind === 'action' ? undefined : 'secondary'} style={{ fontSize: 13 }}>
                    {formatDateTime(e.at)} {e.text}
                  </Typography.Text>
                ))}
              </Space>
            </List.Item>
          );
        }}
      />
      {editing ? <CapaDialog group={editing.group} mode={editing.mode} byId={byId} onClose={() => setEditing(undefined)} /> : null}
    </>
  );
}

function CapaDialog({ group, mode, byId, onClose }: { group: RepeatedGroup; mode: 'action' | 'followUp'; byId: Map<string, CaseState>; onClose: () => void }) {
  const { t, lang } = useAT();
  const { message } = App.useApp();
  const desk = useDesk();
  const [form] = Form.useForm<{ cause: string; corrective: string; preventive: string; owner?: string; due?: string; text: string }>();
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  async function submit() {
    const v = form.getFieldsValue();
    const built =
      mode === 'action'
        ? capaEvents(group.caseIds, {
            cause: v.cause ?? '',
            corrective: v.corrective ?? '',
            preventive: v.preventive ?? '',
            ...(v.owner ? { owner: v.owner } : {}),
            ...(v.due ? { due: v.due.trim() } : {}),
          })
        : capaFollowUpEvents(group.caseIds, v.text ?? '');
    if (!built.ok) {
      setError(say(built.error, '', undefined, lang));
      return;
    }
    if (!desk.identity || !desk.staff || !desk.policy) return;
    setBusy(true);
    // One timestamp for the whole group so the group view shows the action once.
    const at = Date.now();
    const ctx = { ...desk.identity, actor: staffRolesOf(desk.staff), policy: desk.policy, policyFor: desk.policyFor, now: () => at };
    for (const { caseId, event } of built.events) {
      if (!byId.has(caseId)) continue;
      const r = await writeEvent(desk.db, ctx, caseId, event as NewEvent);
      if (!r.ok) {
        setBusy(false);
        setError(r.errors.map((e) => e.message[lang]).join('；'));
        return;
      }
    }
    setBusy(false);
    void message.success(t('a.saved'));
    onClose();
  }

  return (
    <FormDialog
      title={mode === 'action' ? t('a.capa') : t('a.capaFollow')}
      onOk={submit}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
    >
      {error ? <Alert type="error" title={error} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" data-testid="capa-form">
        {mode === 'action' ? (
          <>
            <Form.Item name="cause" label={t('a.cause')} required>
              <Input.TextArea rows={2} data-testid="capa-cause" />
            </Form.Item>
            <Form.Item name="corrective" label={t('a.corrective')} required>
              <Input.TextArea rows={2} data-testid="capa-corrective" />
            </Form.Item>
            <Form.Item name="preventive" label={t('a.preventive')} required>
              <Input.TextArea rows={2} data-testid="capa-preventive" />
            </Form.Item>
            <Space>
              <Form.Item name="owner" label={t('a.owner')}>
                <Input />
              </Form.Item>
              <Form.Item name="due" label={t('a.due')}>
                <Input placeholder="2026-12-05" />
              </Form.Item>
            </Space>
          </>
        ) : (
          <Form.Item name="text" label={t('a.followText')} required>
            <Input.TextArea rows={3} />
          </Form.Item>
        )}
      </Form>
    </FormDialog>
  );
}
