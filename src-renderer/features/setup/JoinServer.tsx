import { Typography } from 'antd';
import { JoinServerForm } from '../../components/SyncStatus';
import { useT } from '../../i18n/i18n';

// "Join a server" in first run and settings. Enrolment itself belongs to the sync side
// (components/SyncStatus.tsx JoinServerForm): it enrols with a one-time code, pulls the organisation's
// configuration and calls the desk's reloadIdentity().
export function JoinServer() {
  const t = useT();
  return (
    <div>
      <Typography.Paragraph>{t('setup.joinIntro')}</Typography.Paragraph>
      <JoinServerForm />
    </div>
  );
}
