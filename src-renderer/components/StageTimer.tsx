import { Tag, Tooltip } from 'antd';
import { ClockCircleOutlined, PauseCircleOutlined, WarningOutlined } from '@ant-design/icons';
import type { StageStatus } from '../../src-shared/domain/sla-types';
import { useT } from '../i18n/i18n';
import { formatMinute, formatRemaining } from '../format/time';

// A running stage as a coloured timer. State and time left come from the SLA engine.

const COLOURS = { pending: 'default', running: 'processing', warning: 'warning', breached: 'error', met: 'success' } as const;

export function StageTimer({ stage, showName = false }: { stage?: StageStatus; showName?: boolean }) {
  const t = useT();
  if (!stage) return <span className="timer-none">{t('queue.noTimer')}</span>;
  const icon = stage.paused ? <PauseCircleOutlined /> : stage.state === 'breached' || stage.state === 'warning' ? <WarningOutlined /> : <ClockCircleOutlined />;
  const label =
    stage.state === 'met'
      ? stage.metLate
        ? t('sla.metLate')
        : t('sla.met')
      : stage.remainingMs !== undefined
        ? formatRemaining(stage.remainingMs)
        : t(`sla.${stage.state}`);
  const tip = [
    stage.name,
    t(stage.paused ? 'sla.paused' : `sla.${stage.state}`),
    stage.dueAt ? formatMinute(stage.dueAt) : '',
    stage.extended && stage.originalDueAt ? t('sla.extended', { due: formatMinute(stage.originalDueAt) }) : '',
    stage.provisional ? t('sla.provisional') : '',
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <Tooltip title={tip}>
      <Tag
        color={stage.paused ? 'default' : COLOURS[stage.state]}
        icon={icon}
        data-state={stage.paused ? 'paused' : stage.state}
        data-testid="stage-timer"
        style={{ fontVariantNumeric: 'tabular-nums' }}
      >
        {showName ? `${stage.name} ` : ''}
        {label}
        {/* The deadline was counted on provisional days (no State Council notice yet): it may move. */}
        {stage.provisional && stage.state !== 'met' ? (
          <sup data-testid="stage-provisional" style={{ marginLeft: 2 }}>
            {t('sla.provisionalMark')}
          </sup>
        ) : null}
      </Tag>
    </Tooltip>
  );
}
