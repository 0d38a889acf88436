import { useEffect, useState } from 'react';
import { Progress, Space, Tooltip, Typography } from 'antd';
import type { DeskDatabase } from '../data/database';
import { deskSyncState$, type PullProgress } from '../data/replication';
import { useLanguage } from '../i18n/i18n';
import { joinProgressWords } from './join-progress';

// Shown on the join screen while the new desk pulls its organisation's history (JoinServerForm): the
// records received and the cases ready so far, and the time left (join-progress.ts). Once the desk is
// usable (the cases it needs first are in, replication.ts joinServer) the rest of the history follows in
// the background and the status bar shows the same progress on one line (`compact`).

/** `also`: what the status bar leaves out while the progress is shown (the last sync), said in its tooltip. */
export function JoinProgress({ db, compact = false, also }: { db: DeskDatabase; compact?: boolean; also?: string }) {
  const lang = useLanguage();
  const [pull, setPull] = useState<PullProgress>();
  const [cases, setCases] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const sub = deskSyncState$.subscribe((s) => setPull(s.history));
    // The case count is read once a second rather than observed: a live count would re-run on every one of
    // the thousands of case writes a join makes.
    let stopped = false;
    const tick = () =>
      void db.cases
        .count()
        .exec()
        .then((n) => {
          if (stopped) return;
          setCases(n);
          setNow(Date.now());
        })
        .catch(() => undefined);
    tick();
    const timer = setInterval(tick, 1000);
    return () => {
      stopped = true;
      clearInterval(timer);
      sub.unsubscribe();
    };
  }, [db]);
  const words = joinProgressWords(pull, cases, now, lang);
  if (compact)
    return (
      // One line in the status bar: the records and cases so far are in the tooltip and read out with it.
      <Tooltip title={also ? `${words.counts} · ${also}` : words.counts}>
        <Space size={6} data-testid="history-progress" aria-live="polite" aria-label={`${words.title}，${words.counts}，${words.remaining}`}>
          <Typography.Text>{words.title}</Typography.Text>
          <Progress percent={words.percent} size={[80, 6]} showInfo={false} />
          <Typography.Text type="secondary">{words.remaining}</Typography.Text>
        </Space>
      </Tooltip>
    );
  return (
    <Space direction="vertical" size={4} style={{ width: '100%', marginBottom: 16 }} data-testid="join-progress" aria-live="polite">
      <Progress percent={words.percent} size="small" />
      <Typography.Text>{words.counts}</Typography.Text>
      <Typography.Text type="secondary">{words.remaining}</Typography.Text>
    </Space>
  );
}
