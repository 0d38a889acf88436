import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Result, Spin } from 'antd';
import type { Staff } from '../../src-shared/domain/org';
import { createDeskDatabase, deskDatabaseName, type DeskDatabase } from '../data/database';
import { configFromDocs, getDeskIdentity, type DeskConfig, type DeskIdentity } from '../data/config';
import { DeskContext, type DeskContextValue } from '../data/desk-context';
import { policyByRevision, policyInForce } from '../data/policy-select';
import { runProjector } from '../data/projection-runner';
import { runScheduledBackup } from '../data/backups';
import { onHostEvent } from '../bridge/host';
import { deskPulled$ } from '../data/replication';
import { encryptStoredIdentities } from '../data/at-rest-migration';
import { bodyStoreFor } from '../data/body-store';
import type { StoredConfigDoc } from '../data/schemas';
import { useT } from '../i18n/i18n';
import { readSession, writeSession } from '../session/session';
import { clearAlerts } from '../features/alerts/alert-store';
import { setDisplayOffset } from '../format/time';
import { deskProfile } from '../data/desk-profile';

// Opens this desk's database, keeps the configuration live, folds incoming events into cases, and holds
// the signed-in staff member for the whole window.

export { deskProfile } from '../data/desk-profile';

export function DeskProvider({ children }: { children: ReactNode }) {
  const t = useT();
  const [db, setDb] = useState<DeskDatabase>();
  const [error, setError] = useState<string>();
  const [identity, setIdentity] = useState<DeskIdentity>();
  const [identityLoaded, setIdentityLoaded] = useState(false);
  const [config, setConfig] = useState<DeskConfig>({ sites: [], desks: [], staff: [], policies: [] });
  const [staffId, setStaffId] = useState<string | undefined>(() => readSession());
  const configRef = useRef(config);
  configRef.current = config;

  useEffect(() => {
    let cancelled = false;
    createDeskDatabase(deskDatabaseName(deskProfile()))
      .then((d) => {
        if (cancelled) return void d.close();
        performance.mark('jiesu:db-open');
        // The attachment body store is a database of its own: opened now, beside the rest of start-up, so a
        // case page with photos does not wait for it (docs/performance.md "The case page with 50 thumbnails").
        bodyStoreFor(d);
        setDb(d);
        // Once: what an older desk kept in clear is encrypted at rest; retried at the next start if it fails.
        void encryptStoredIdentities(d).catch((e: unknown) => console.error('[at-rest] encrypting stored identities failed', e));
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
    return () => {
      cancelled = true;
    };
  }, []);

  useEffect(() => {
    if (!db) return;
    const sub = db.config.find().$.subscribe((docs) => setConfig(configFromDocs(docs.map((d) => d.toJSON() as StoredConfigDoc))));
    void getDeskIdentity(db).then((id) => {
      performance.mark('jiesu:identity');
      setIdentity(id);
      setIdentityLoaded(true);
    });
    const projector = runProjector(db, (rev) => policyByRevision(configRef.current.policies, rev));
    // Every completed pull is followed by a reconciliation pass (docs/architecture.md "Projection").
    const pulled = deskPulled$.subscribe(
      () => void projector.then((p) => p.afterPull()).catch((e: unknown) => console.error('[projection] reconciliation after pull failed', e)),
    );
    return () => {
      sub.unsubscribe();
      pulled.unsubscribe();
      void projector.then((s) => s.stop());
    };
  }, [db]);

  // Scheduled backups: the host says when one is due (src-main/backups.ts startBackupSchedule); a desk
  // that has been set up writes it, signed in or not.
  const hasIdentity = !!identity;
  useEffect(() => {
    if (!db || !hasIdentity) return;
    const off = onHostEvent('backup.due', () => void runScheduledBackup(db));
    return () => void off.then((f) => f());
  }, [db, hasIdentity]);

  const reloadIdentity = useCallback(async () => {
    if (db) setIdentity(await getDeskIdentity(db));
  }, [db]);
  const signIn = useCallback((s: Staff) => {
    writeSession(s.id);
    setStaffId(s.id);
  }, []);
  const signOut = useCallback(() => {
    clearAlerts();
    writeSession(undefined);
    setStaffId(undefined);
  }, []);

  const value = useMemo<DeskContextValue | undefined>(() => {
    if (!db) return undefined;
    const policy = policyInForce(config.policies, Date.now());
    // Every time on screen is in the organisation's zone (format/time.ts), set before anything renders.
    setDisplayOffset(policy?.utcOffsetMinutes);
    return {
      db,
      identity,
      config,
      policy,
      policyFor: (rev) => policyByRevision(config.policies, rev),
      staff: config.staff.find((s) => s.id === staffId && s.active),
      signIn,
      signOut,
      reloadIdentity,
    };
  }, [db, identity, config, staffId, signIn, signOut, reloadIdentity]);

  if (error) return <Result status="error" title={t('app.dbError')} subTitle={error} />;
  if (!value || !identityLoaded) return <Spin size="large" fullscreen tip={t('app.opening')} />;
  return <DeskContext.Provider value={value}>{children}</DeskContext.Provider>;
}
