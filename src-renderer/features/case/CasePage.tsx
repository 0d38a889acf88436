import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Result, Row, Space, Tag, Tooltip, Typography } from 'antd';
import { AlertOutlined, EyeOutlined, LockOutlined } from '@ant-design/icons';
import { useDesk, staffRolesOf } from '../../data/desk-context';
import { useCase, useCaseEvents, useStaffNames } from '../../data/hooks';
import {
  actionVerdicts,
  approvalStepOf,
  awaitingCallback,
  caseAt,
  commonFieldsOf,
  maskedComplainant,
  personWordOf,
  pendingApprovalSteps,
  roleNames,
  unsatisfiedCallback,
} from '../../data/domain';
import { actionBar } from './action-bar';
import { policyLabels } from '../../data/labels';
import { useCaseTimers } from '../../hooks/sla';
import { useNow } from '../../hooks/ticker';
import { localised, useT } from '../../i18n/i18n';
import { formatMinute } from '../../format/time';
import { StageTimer } from '../../components/StageTimer';
import { ACTION_SPECS, specFor, type ActionSpec } from './action-specs';
import { ActionDialog } from './ActionDialog';
import { CaseTimeline } from './CaseTimeline';
import { RevealIdentity } from './RevealIdentity';
import { revealedComplainant } from '../../data/at-rest-crypto';
import type { Complainant } from '../../../src-shared/domain/events';
import { DocumentButtons } from './DocumentButtons';
import { AttachmentsCard } from './attachments/AttachmentsCard';
import { navigate } from '../../app/router';
import { LinkedCaseList, useLinkedCases } from './linked-cases';

/** Joins sentences, adding a full stop only where one is missing. */
function sentences(...parts: string[]): string {
  return parts
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => (/[。！？.!?]$/.test(p) ? p : `${p}。`))
    .join('');
}

// 案件页: summary, deadlines, the full timeline, and the actions the domain allows this person now.

export function CasePage({ caseId }: { caseId: string }) {
  const t = useT();
  const { policyFor, policy: current, staff } = useDesk();
  const { state, loading } = useCase(caseId);
  const events = useCaseEvents(caseId);
  const names = useStaffNames();
  const policy = state ? (policyFor(state.policyRevision) ?? current) : current;
  const { stages, escalatedSeverity } = useCaseTimers(events, state?.policyRevision, policyFor);
  const now = useNow();
  const labels = useMemo(() => policyLabels(policy), [policy]);
  const [action, setAction] = useState<ActionSpec>();
  // The identity as registered, once revealed (opened from its encryption at rest, at-rest-crypto.ts).
  const [revealedAs, setRevealedAs] = useState<Complainant>();
  const revealed = revealedAs !== undefined;
  const { message } = App.useApp();
  const linked = useLinkedCases(caseId, state?.relatedCaseId, state?.lastEventId ?? '');

  if (loading) return null;
  if (!state || !policy || !staff)
    return <Result status="404" title={t('case.notFound')} extra={<Button onClick={() => navigate({ name: 'queue' })}>{t('nav.queue')}</Button>} />;

  const bar = actionBar(
    ACTION_SPECS,
    actionVerdicts(policy, state, staffRolesOf(staff), now, events),
    policy,
    stages,
    state.timeline.map((e) => e.type),
  );
  const specs = bar.allowed;
  const waiting = pendingApprovalSteps(state);
  // S9-10: an unsatisfied callback is shown until it is followed up (callback-outcome.ts decides what follows).
  const unsatisfied = unsatisfiedCallback(state);
  const followUpDue = unsatisfied ? awaitingCallback(policy, state)?.dueAt : undefined;
  const c = revealedAs ?? maskedComplainant(state.complainant);
  const masked = state.complainant.confidential && !revealed;
  const description = [state.description.time, state.description.cause, state.description.process, state.description.result, state.description.text]
    .filter(Boolean)
    .join('；');
  const formDef = policy.forms.find((f) => f.id === policy.kinds.find((k) => k.code === state.kind)?.formId);
  const formRows = (formDef?.fields ?? [])
    .filter((f) => state.form[f.key] !== undefined && state.form[f.key] !== null && state.form[f.key] !== '')
    .map((f) => ({
      key: f.key,
      label: f.label,
      value:
        f.options?.find((o) => o.value === state.form[f.key])?.label ??
        (f.type === 'datetime' ? String(state.form[f.key]).replace('T', ' ') : String(state.form[f.key])),
    }));

  // The short items fill two per row; a long one (描述, 诉求 …) is `filled`, which antd puts beside the last
  // short item when their count is odd — half a row for 4,000 characters, that row's labels centred far
  // below the window (issue 11, long input). The last short item then fills its row, so the long ones start
  // a row of their own.
  const asksSeverity = commonFieldsOf(policy, state.kind).asks('severity') || !!state.severity;
  const oddShort = (7 + (asksSeverity ? 1 : 0) + formRows.length) % 2 === 1;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap align="center">
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="case-number">
          {state.number}
        </Typography.Title>
        <Tag color={state.status === 'closed' || state.status === 'rejected' ? 'default' : 'blue'} data-testid="case-status">
          {t(`status.${state.status}`)}
        </Tag>
        {unsatisfied && (
          <Tag color="red" data-testid="case-callback-unsatisfied">
            {t('callbacks.unsatisfiedTag')}
          </Tag>
        )}
        <Typography.Text>{state.subject}</Typography.Text>
        {state.riskFlags.map((f) => (
          <Tag key={f} color="red" icon={<AlertOutlined />}>
            {labels.riskFlag(f)}
          </Tag>
        ))}
      </Space>
      <Row gutter={16}>
        <Col xs={24} lg={15}>
          <Card title={t('case.summary')} size="small">
            {/* Each value keeps 10em: a long value (a 200-character address, a 4,000-character 经过) took the width from the other value column, one character per line (issue 11 finding 2).
                A label stands at the top of its row, beside the first line of a long text, not centred pages below; a text keeps the line breaks typed in it. */}
            <Descriptions
              column={2}
              size="small"
              bordered
              styles={{ label: { whiteSpace: 'nowrap', verticalAlign: 'top' }, content: { minWidth: '10em', whiteSpace: 'pre-wrap' } }}
            >
              <Descriptions.Item label={t('case.kind')}>{labels.kind(state.kind)}</Descriptions.Item>
              <Descriptions.Item label={t('case.channel')}>{labels.channel(state.channel)}</Descriptions.Item>
              <Descriptions.Item label={t('case.category')}>{labels.category(state.category)}</Descriptions.Item>
              {/* No 等级 row where the preset grades nothing (S1, S4 …): an empty row the clerk cannot fill (issue 16 finding 7). */}
              {asksSeverity && (
                <Descriptions.Item label={t('case.severity')}>
                  {/* S7-16: a complaint unresolved for a month counts as major; the clerk reads it with the case. */}
                  <span data-testid="case-severity">
                    {escalatedSeverity
                      ? t('case.severityEscalated', { to: labels.severity(escalatedSeverity.to), from: labels.severity(escalatedSeverity.from) })
                      : labels.severity(state.severity)}
                  </span>
                </Descriptions.Item>
              )}
              <Descriptions.Item label={t('case.department')}>{labels.department(state.departmentId)}</Descriptions.Item>
              <Descriptions.Item label={t('case.firstReceiver')}>{names.get(state.firstReceiverId) ?? state.firstReceiverId}</Descriptions.Item>
              <Descriptions.Item label={t('case.receivedAt')}>{formatMinute(state.receivedAt)}</Descriptions.Item>
              <Descriptions.Item
                label={<span data-testid="complainant-word">{t('case.complainant', { person: personWordOf(policy, state.kind) })}</span>}
                {...(oddShort && formRows.length === 0 ? { span: 'filled' as const } : {})}
              >
                <Space data-testid="complainant">
                  {state.complainant.anonymous ? t('case.anonymous') : [c.name, c.phone, c.address].filter(Boolean).join(' · ')}
                  {masked && (
                    <Tooltip title={state.complainant.sealed ? t('case.sealed') : undefined}>
                      <Tag icon={<LockOutlined />} data-testid={state.complainant.sealed ? 'complainant-sealed' : undefined}>
                        {t('case.masked')}
                      </Tag>
                    </Tooltip>
                  )}
                  {/* A sealed identity never reached this desk (domain/sealing.ts): there is nothing to reveal here. */}
                  {masked && !state.complainant.sealed && (
                    <RevealIdentity state={state} policy={policy} onRevealed={() => void revealedComplainant(state.complainant, events).then(setRevealedAs)} />
                  )}
                  {revealed && (
                    <Tag icon={<EyeOutlined />} color="orange">
                      {t('case.revealed')}
                    </Tag>
                  )}
                </Space>
              </Descriptions.Item>
              {formRows.map((r, i) => (
                // A preset's long label (S10-4 投诉文件(信件、传真、电话及面谈的正式记录的编号)) wraps within 10em
                // instead of squeezing the values to a character per line (issue 16 finding 8).
                <Descriptions.Item
                  key={r.key}
                  label={<span style={{ display: 'inline-block', maxWidth: '10em', whiteSpace: 'normal' }}>{r.label}</span>}
                  {...(oddShort && i === formRows.length - 1 ? { span: 'filled' as const } : {})}
                >
                  {r.value}
                </Descriptions.Item>
              ))}
              {/* Booleans, not the empty string: an empty string is a child too and draws a blank row at the bottom. */}
              {!!description && (
                <Descriptions.Item label={t('case.description')} span="filled">
                  {description}
                </Descriptions.Item>
              )}
              {(linked.earlier || linked.later.length > 0) && (
                <Descriptions.Item label={t('case.linked')} span="filled">
                  <LinkedCaseList {...linked} />
                </Descriptions.Item>
              )}
              {!!state.demand && (
                <Descriptions.Item label={formDef?.labels?.demand ?? t('case.demand')} span="filled">
                  {state.demand}
                </Descriptions.Item>
              )}
              {state.result && (
                <Descriptions.Item label={t('case.result')} span="filled">
                  {state.result.text}
                </Descriptions.Item>
              )}
              {state.rejection && (
                <Descriptions.Item label={t('case.rejection')} span="filled">
                  <span data-testid="rejection">
                    {sentences(labels.reason(state.rejection.reasonCode), state.rejection.explanation)}
                    {state.rejection.referral ? t('case.referralIs', { referral: state.rejection.referral }) : ''}
                  </span>
                </Descriptions.Item>
              )}
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} lg={9}>
          <Card title={t('case.deadlines')} size="small" data-testid="deadlines">
            {stages.length === 0 ? (
              <Typography.Text type="secondary">{t('case.noDeadlines')}</Typography.Text>
            ) : (
              <Space direction="vertical" style={{ width: '100%' }}>
                {stages.map((s) => (
                  <Row key={s.stageId} justify="space-between" align="middle">
                    <Typography.Text>{s.name}</Typography.Text>
                    <Space size={4}>
                      {s.dueAt && (
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {formatMinute(s.dueAt)}
                        </Typography.Text>
                      )}
                      <StageTimer stage={s} />
                    </Space>
                  </Row>
                ))}
              </Space>
            )}
          </Card>
        </Col>
      </Row>
      <Card title={t('case.actions')} size="small" extra={<DocumentButtons state={state} events={events} policy={policy} />}>
        <Space direction="vertical" style={{ width: '100%' }}>
          {waiting.map((w) => {
            const { approval, step } = approvalStepOf(policy, w.approvalId, w.step);
            return (
              <Alert
                key={`${w.approvalId}/${w.step}`}
                type="warning"
                showIcon
                data-testid="waiting-approval"
                message={t('case.waitingApproval', {
                  name: approval?.name ?? w.approvalId,
                  step: step?.label ?? w.step,
                  role: roleNames(policy, [w.role]),
                  since: formatMinute(w.requestedAt!),
                })}
              />
            );
          })}
          {unsatisfied && (
            <Alert
              type="error"
              showIcon
              data-testid="callback-follow-up"
              message={t('case.callbackUnsatisfied', { at: formatMinute(unsatisfied.at), stars: unsatisfied.satisfaction, outcome: unsatisfied.outcome })}
              description={
                followUpDue !== undefined
                  ? t('case.callbackFollowUpDue', { due: formatMinute(followUpDue) })
                  : state.status === 'resolved'
                    ? t('case.callbackFollowUpNoRule')
                    : t('case.callbackReopened')
              }
            />
          )}
          {specs.length === 0 ? (
            <Alert type="info" message={t('case.noActions')} />
          ) : (
            <Space wrap data-testid="case-actions">
              {specs.map((a) => (
                <Button
                  key={a.type}
                  type={a === bar.next ? 'primary' : 'default'}
                  size={a === bar.next ? 'large' : 'middle'}
                  danger={a.danger}
                  onClick={() => setAction(specFor(a.type))}
                  data-testid={`act-${a.type}`}
                  data-next={a === bar.next ? 'true' : undefined}
                >
                  {a === bar.next ? t('case.nextIs', { action: t(a.label) }) : t(a.label)}
                </Button>
              ))}
            </Space>
          )}
          {bar.others.length > 0 && (
            <Space wrap data-testid="case-actions-others">
              <Typography.Text type="secondary">{t('case.othersCan')}</Typography.Text>
              {bar.others.map(({ spec, reason }) => (
                <Tooltip key={spec.type} title={localised(reason)}>
                  <Button disabled data-testid={`act-${spec.type}`} aria-description={localised(reason)}>
                    {t(spec.label)}
                  </Button>
                </Tooltip>
              ))}
            </Space>
          )}
        </Space>
      </Card>
      <AttachmentsCard state={state} policy={policy} names={names} />
      <Card title={t('case.timeline')} size="small">
        {events.length === 0 ? <Empty /> : <CaseTimeline events={events} policy={policy} names={names} />}
      </Card>
      {action && (
        <ActionDialog
          spec={action}
          state={caseAt(policy, state, events, now)}
          stages={stages}
          onClose={(done) => {
            // Every completed action is confirmed (issue 11 finding 6): the person sees it was recorded.
            if (done) void message.success(t('action.done', { action: t(action.label) }));
            setAction(undefined);
          }}
        />
      )}
    </Space>
  );
}
