import { Alert } from 'antd';
import { useDesk } from '../data/desk-context';
import { provisionalYearAhead } from '../data/domain';
import { useT } from '../i18n/i18n';

// Every desk warns from 60 days before it reaches a year whose working days are only provisional (the
// statutory holidays computed from the law, the State Council's notice not entered yet: docs/architecture.md
// §Policy and the SLA engine), so clerks know such deadlines may move and the administrator enters it.

export function ProvisionalCalendarNotice() {
  const t = useT();
  const { policy } = useDesk();
  const year = policy ? provisionalYearAhead(Date.now(), policy) : undefined;
  if (year === undefined) return null;
  return (
    <Alert type="warning" showIcon banner title={t('calendar.provisionalBanner', { year })} data-testid="calendar-provisional" style={{ marginBottom: 12 }} />
  );
}
