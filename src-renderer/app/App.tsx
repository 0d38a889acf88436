import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import 'antd/dist/antd.css';
import { DeskProvider } from './DeskProvider';
import { useDesk } from '../data/desk-context';
import { useLanguage } from '../i18n/i18n';
import { useReducedMotion } from '../hooks/reduced-motion';
import { FirstRun } from '../features/setup/FirstRun';
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
      <AntApp>
        <DeskProvider>
          <Gate />
        </DeskProvider>
      </AntApp>
    </ConfigProvider>
  );
}
