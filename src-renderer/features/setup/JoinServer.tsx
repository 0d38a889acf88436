import { useState } from 'react';
import { Typography } from 'antd';
import { JoinServerForm, ServerConnectionView, useJoined } from '../../components/SyncStatus';
import { useT } from '../../i18n/i18n';

// "Join a server" in first run and settings. Enrolment itself belongs to the sync side
// (components/SyncStatus.tsx JoinServerForm): it enrols with a one-time code, pulls the organisation's
// configuration and calls the desk's reloadIdentity(). A desk that has joined shows its server and
// connection instead of an empty form (issue 11 finding 9).
export function JoinServer() {
  const t = useT();
  const joined = useJoined();
  // Re-joining stays possible on purpose: docs/operations.md §4 has every desk re-join after a restore.
  const [rejoining, setRejoining] = useState(false);
  if (joined && !rejoining) return <ServerConnectionView onRejoin={() => setRejoining(true)} />;
  return (
    <div>
      <Typography.Paragraph>{t('setup.joinIntro')}</Typography.Paragraph>
      <JoinServerForm />
    </div>
  );
}
