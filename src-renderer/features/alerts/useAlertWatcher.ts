import { useEffect, useRef } from 'react';
import { App } from 'antd';
import type { CaseEvent } from '../../../src-shared/domain/events';
import type { StageStatus } from '../../../src-shared/domain/sla-types';
import { riskFlagAlerts, stageAlerts } from '../../data/domain';
import { useDesk } from '../../data/desk-context';
import { useCaseDocs } from '../../data/hooks';
import { policyLabels } from '../../data/labels';
import { useQueueTimers } from '../../hooks/sla';
import { callHost } from '../../bridge/host';
import { useT } from '../../i18n/i18n';
import { navigate } from '../../app/router';
import { pushAlert, pushAlerts, type DeskAlert } from './alert-store';

// Turns the domain's alerts (alerts.ts: stage warning/breach from the ladder, S1-6 risk flags) into an
// in-app notification and an OS notification through the host. Risk alerts are raised the moment the
// event reaches this desk, whoever wrote it.

const RECENT_MS = 24 * 3_600_000;
const MAX_SEPARATE = 3;

/** One pop-up standing for many stage alerts raised at the same moment. */
function summaryOf(alerts: Omit<DeskAlert, 'read'>[], t: ReturnType<typeof useT>): Omit<DeskAlert, 'read'> {
  const breached = alerts.filter((a) => a.kind === 'breach').length;
  const roles = [...new Set(alerts.flatMap((a) => a.roles))];
  return {
    key: `summary:${Date.now()}`,
    caseId: '',
    number: '',
    kind: breached > 0 ? 'breach' : 'warning',
    title: t('alerts.summary', { breached, warning: alerts.length - breached }),
    roles,
    at: Date.now(),
  };
}

export function useAlertWatcher(): void {
  const t = useT();
  const { notification } = App.useApp();
  const { db, policy, policyFor } = useDesk();
  const { docs } = useCaseDocs({ scope: 'open' });
  const { timers } = useQueueTimers(docs, policyFor);
  const previous = useRef(new Map<string, StageStatus[]>());
  const labels = policyLabels(policy);
  const raiseRef = useRef<(a: Omit<DeskAlert, 'read'>) => void>(() => undefined);
  const trayRef = useRef('');
  const popUpRef = useRef<(a: Omit<DeskAlert, 'read'>) => void>(() => undefined);

  raiseRef.current = (a) => {
    if (!pushAlert(a)) return;
    popUp(a);
  };
  const popUp = (a: Omit<DeskAlert, 'read'>) => {
    const urgency = a.kind === 'warning' ? 'warning' : a.kind === 'start' ? 'info' : 'critical';
    const roles = a.roles.map((r) => labels.role(r));
    const body = roles.length ? t('alerts.notify', { roles: roles.join('、') }) : '';
    notification.open({
      type: a.kind === 'warning' ? 'warning' : a.kind === 'start' ? 'info' : 'error',
      message: a.title,
      description: body,
      // Every pop-up closes by itself (longer for the urgent kinds); the alert stays in the bell's list.
      duration: a.kind === 'risk' || a.kind === 'breach' ? 20 : 8,
      onClick: () => navigate(a.caseId ? { name: 'case', id: a.caseId } : { name: 'queue' }),
      props: { 'data-testid': `alert-${a.kind}` } as object,
    });
    void callHost('notify.show', {
      title: a.title.slice(0, 200),
      body: body.slice(0, 1000),
      urgency,
      caseId: a.caseId || undefined,
      roles: a.roles.slice(0, 20),
    });
  };
  popUpRef.current = popUp;

  // Stage transitions, on the shared ticker. Many at once (the desk was off, or just opened) become one
  // summary pop-up and one host notification; every alert is still listed in the alert centre.
  useEffect(() => {
    const batch: Omit<DeskAlert, 'read'>[] = [];
    for (const d of docs) {
      const next = timers.get(d.id)?.stages;
      if (!next) continue;
      const prev = previous.current.get(d.id) ?? [];
      for (const a of stageAlerts(prev, next)) {
        if (a.kind === 'start') continue;
        batch.push({
          key: `${d.id}:${a.stageId}:${a.kind}:${a.dueAt ?? ''}`,
          caseId: d.id,
          number: d.number,
          kind: a.kind,
          title: t(a.kind === 'breach' ? 'alerts.breach' : 'alerts.warning', { number: d.number, stage: a.stageName }),
          roles: a.roles,
          at: a.at,
        });
      }
      previous.current.set(d.id, next);
    }
    // The tray shows how many cases are due soon or overdue (desktop shell).
    let warning = 0;
    let breached = 0;
    for (const tm of timers.values()) {
      if (tm.summary?.state === 'warning') warning++;
      else if (tm.summary?.state === 'breached') breached++;
    }
    if (trayRef.current !== `${warning}/${breached}`) {
      trayRef.current = `${warning}/${breached}`;
      void callHost('tray.update', { warning, breached });
    }
    const fresh = pushAlerts(batch);
    if (fresh.length <= MAX_SEPARATE) fresh.forEach((a) => popUpRef.current(a));
    else popUpRef.current(summaryOf(fresh, t));
  }, [docs, timers, t]);

  // Risk flags (S1-6): at once, from any event arriving in the store.
  useEffect(() => {
    const sub = db.events.$.subscribe((change) => {
      if (change.operation !== 'INSERT') return;
      const e = change.documentData as unknown as CaseEvent;
      if (Date.now() - e.at > RECENT_MS) return;
      const p = policyFor(e.policyRevision) ?? policy;
      if (!p) return;
      for (const a of riskFlagAlerts(p, e)) {
        void db.cases
          .findOne(e.caseId)
          .exec()
          .then((c) => {
            const number = c?.number ?? (e.type === 'case.registered' ? e.payload.number : '');
            raiseRef.current({
              key: `${e.id}:${a.flag}`,
              caseId: e.caseId,
              number,
              kind: 'risk',
              title: t('alerts.risk', { number, flag: a.flagName }),
              roles: a.roles,
              at: a.at,
            });
          });
      }
    });
    return () => sub.unsubscribe();
  }, [db, policy, policyFor, t]);
}
