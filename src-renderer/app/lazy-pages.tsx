import { lazy, type ReactNode } from 'react';
import { Spin } from 'antd';
import { useT } from '../i18n/i18n';

// The screens the queue does not need, each its own chunk (docs/performance.md "Opening the desk's databases
// at 50k cases"): the desk's first screen loads and runs only the queue's code. Once a first screen has
// drawn, prefetchPages() loads them all while the desk is idle, so 快速登记 (F2) or a case opens without
// waiting; before that, the page asked for loads on demand under PageFallback.

const loaders = {
  intake: () => import('../features/intake/IntakePage'),
  case: () => import('../features/case/CasePage'),
  callbacks: () => import('../features/callbacks/CallbackQueuePage'),
  settings: () => import('../features/settings/SettingsPage'),
};

export const IntakePage = lazy(async () => ({ default: (await loaders.intake()).IntakePage }));
export const CasePage = lazy(async () => ({ default: (await loaders.case()).CasePage }));
export const CallbackQueuePage = lazy(async () => ({ default: (await loaders.callbacks()).CallbackQueuePage }));
export const SettingsPage = lazy(async () => ({ default: (await loaders.settings()).SettingsPage }));
/** First run (a desk without identity): set-up, joining a server, restoring a backup. */
export const FirstRun = lazy(async () => ({ default: (await import('../features/setup/FirstRun')).FirstRun }));

let prefetched = false;

/** Loads every lazy screen once the browser is idle; called when a first screen has drawn its data. */
export function prefetchPages(): void {
  if (prefetched) return;
  prefetched = true;
  const run = () => {
    for (const load of Object.values(loaders)) void load().catch(() => (prefetched = false));
  };
  if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 2000 });
  else setTimeout(run, 200);
}

/**
 * What a screen still loading shows: nothing for the first 300 ms (a loaded chunk arrives sooner, and a
 * spinner flashing for a moment is worse than none), then a spinner with 正在加载… where the page goes.
 */
export function PageFallback(): ReactNode {
  const t = useT();
  return (
    <div style={{ display: 'flex', justifyContent: 'center', paddingTop: 120 }} data-testid="page-loading">
      <Spin size="large" delay={300} description={t('common.loading')}>
        <div style={{ width: 240, height: 80 }} />
      </Spin>
    </div>
  );
}
