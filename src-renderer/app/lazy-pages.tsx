import { use, type ComponentType, type ReactNode } from 'react';
import { Spin } from 'antd';
import { useT } from '../i18n/i18n';
import type { Route } from './router';

// The screens the queue does not need, each its own chunk (docs/performance.md "Opening the desk's databases
// at 50k cases"): the desk's first screen loads and runs only the queue's code. Once a first screen has
// drawn, prefetchPages() loads them all while the desk is idle, so 快速登记 (F2) or a case opens without
// waiting; before that, the page asked for loads on demand under PageFallback.

/**
 * A screen loaded on first use. Unlike React.lazy, a screen already loaded (prefetched) renders at once: lazy
 * suspends on its first render even when the chunk is there, which blanked the page for a frame between the
 * queue and a case.
 */
function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>): { Page: ComponentType<P>; preload: () => Promise<unknown> } {
  let loaded: ComponentType<P> | undefined;
  let pending: Promise<ComponentType<P>> | undefined;
  const preload = () =>
    (pending ??= load().then(
      (c) => (loaded = c),
      (e: unknown) => {
        pending = undefined; // asked again next time (a chunk that failed to load)
        throw e;
      },
    ));
  function Page(props: P) {
    const C = loaded ?? use(preload());
    return <C {...props} />;
  }
  return { Page, preload };
}

const intake = lazyPage<{ receptionDay?: string }>(async () => (await import('../features/intake/IntakePage')).IntakePage);
const casePage = lazyPage(async () => (await import('../features/case/CasePage')).CasePage);
const callbacks = lazyPage(async () => (await import('../features/callbacks/CallbackQueuePage')).CallbackQueuePage);
const settings = lazyPage(async () => (await import('../features/settings/SettingsPage')).SettingsPage);

export const IntakePage = intake.Page;
export const CasePage = casePage.Page;
export const CallbackQueuePage = callbacks.Page;
export const SettingsPage = settings.Page;
/** First run (a desk without identity): set-up, joining a server, restoring a backup. */
export const FirstRun = lazyPage(async () => (await import('../features/setup/FirstRun')).FirstRun).Page;

/**
 * Starts loading the screen the desk opens on (a reload on a case, a link to 快速登记) as the desk starts, so
 * its chunk is fetched and compiled while the store opens instead of after the shell has drawn: loading it only
 * when the shell first renders the route made a cold start straight to a case ~300 ms slower than with the
 * case page in the first load (bench/attachments-page.bench.ts, docs/performance.md).
 */
export function preloadPageFor(route: Route): void {
  const page = { intake, case: casePage, callbacks, settings }[route.name as 'intake' | 'case' | 'callbacks' | 'settings'];
  if (page) void page.preload().catch(() => undefined);
}

let prefetched = false;

/**
 * Loads every lazy screen a second after a first screen has drawn its data, when the browser is idle: running
 * their code must not hold up what the queue still draws (its timers, a scroll).
 */
export function prefetchPages(): void {
  if (prefetched) return;
  prefetched = true;
  const run = () => {
    for (const page of [intake, casePage, callbacks, settings]) void page.preload().catch(() => undefined);
  };
  setTimeout(() => (typeof requestIdleCallback === 'function' ? requestIdleCallback(run, { timeout: 2000 }) : run()), 1000);
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
