import { Suspense, lazy, type ComponentType } from 'react';
import { Alert, Typography } from 'antd';
import { useT } from '../../i18n/i18n';

// "Join a server" entry point of first run. Enrolment belongs to the sync helper: when
// src-renderer/data/replication.ts exports a `JoinServerForm` component, it is shown here; it should
// enrol with a one-time code, store the pulled configuration and call the desk's reloadIdentity().

const modules = import.meta.glob<{ JoinServerForm?: ComponentType }>('../../data/replication.ts');
const load = Object.values(modules)[0];
const JoinServerForm = load ? lazy(async () => ({ default: (await load()).JoinServerForm ?? Unavailable })) : undefined;

function Unavailable() {
  const t = useT();
  return <Alert type="info" showIcon message={t('setup.joinUnavailable')} />;
}

export function JoinServer() {
  const t = useT();
  return (
    <div>
      <Typography.Paragraph>{t('setup.joinIntro')}</Typography.Paragraph>
      {JoinServerForm ? (
        <Suspense fallback={null}>
          <JoinServerForm />
        </Suspense>
      ) : (
        <Unavailable />
      )}
    </div>
  );
}
