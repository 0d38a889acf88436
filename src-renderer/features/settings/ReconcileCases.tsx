import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Space, Typography } from 'antd';
import { useDesk } from '../../data/desk-context';
import { projectorOf, type ReconcileReport } from '../../data/projection-runner';
import { useT } from '../../i18n/i18n';

// Settings → 案件核对: runs the projection's reconciliation pass on demand (docs/architecture.md
// "Projection"): every case id in the desk's records is checked against its case, and what is missing
// or out of date is rebuilt. The same pass runs by itself at start-up and after every completed pull.

export function ReconcileCases() {
  const t = useT();
  const { db } = useDesk();
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<ReconcileReport>();
  const [error, setError] = useState<string>();
  const outcome = useRef<HTMLDivElement>(null);
  // The card is the last on the settings page: its answer appears below the fold, so bring it into view.
  useEffect(() => {
    if (report || error) outcome.current?.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' });
  }, [report, error]);

  async function run() {
    const projector = projectorOf(db);
    if (!projector) return;
    setBusy(true);
    setError(undefined);
    try {
      setReport(await (await projector).reconcile());
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('settings.reconcileHelp')}
      </Typography.Paragraph>
      <Button onClick={() => void run()} loading={busy} data-testid="reconcile-cases">
        {t('settings.reconcile')}
      </Button>
      {report || error ? (
        <div ref={outcome}>
          {report ? (
            <Alert
              type={report.waiting > 0 ? 'warning' : 'success'}
              showIcon
              data-testid="reconcile-report"
              message={t('settings.reconcileDone', {
                cases: report.cases,
                events: report.events,
                repaired: report.repaired,
                waiting: report.waiting,
                seconds: (report.ms / 1000).toFixed(1),
              })}
            />
          ) : null}
          {error ? <Alert type="error" showIcon message={t('settings.reconcileFailed', { error })} /> : null}
        </div>
      ) : null}
    </Space>
  );
}
