import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import 'antd/dist/antd.css';
import { DeskProvider } from './DeskProvider';
import { useDesk } from '../data/desk-context';
import { useLanguage } from '../i18n/i18n';
import { useReducedMotion } from '../hooks/reduced-motion';
import { Suspense } from 'react';
import { FirstRun, PageFallback } from './lazy-pages';
import { SignIn } from '../features/setup/SignIn';
import { Shell } from './Shell';

// The desk decides what to show: first run, sign-in, or the working shell.

function Gate() {
  const { identity, staff } = useDesk();
  if (!identity) return <FirstRun />;
  if (!staff) return <SignIn />;
  return <Shell />;
}

export function DeskApp() {
  const lang = useLanguage();
  const reduceMotion = useReducedMotion();
  return (
    <ConfigProvider locale={lang === 'en' ? enUS : zhCN} theme={{ zeroRuntime: true, token: { fontSize: 14, colorPrimary: '#1f6feb', motion: !reduceMotion } }}>
      {/* Alerts pop up at the bottom right, above the status bar and its bell (where they stay listed),
          stacked and closing by themselves, under any open dialog (index.html's z-index), so they never
          cover a dialog's buttons or the page's action bar at the top (issue 11 finding 12). */}
      <AntApp notification={{ placement: 'bottomRight', bottom: 48, stack: { threshold: 2 }, maxCount: 4, pauseOnHover: true, showProgress: true }}>
        <DeskProvider>
          <Suspense fallback={<PageFallback />}>
            <Gate />
          </Suspense>
        </DeskProvider>
      </AntApp>
    </ConfigProvider>
  );
}
