import { Suspense, lazy } from 'react';
import { Spin } from 'antd';
import { AuditOutlined, BarChartOutlined, BookOutlined, CalendarOutlined } from '@ant-design/icons';
import type { ExtraRoute } from '../../app/extra-routes';
import { translate } from './i18n';

// The analysis helper's screens, loaded on first visit so ECharts never slows the desk's start.

const AnalysisPage = lazy(async () => ({ default: (await import('./AnalysisPage')).AnalysisPage }));
const LedgerPage = lazy(async () => ({ default: (await import('../ledger/LedgerPage')).LedgerPage }));
const ReceptionSurveyPage = lazy(async () => ({ default: (await import('./ReceptionSurveyPage')).ReceptionSurveyPage }));
const PolicyAdminPage = lazy(async () => ({ default: (await import('../policy-admin/PolicyAdminPage')).PolicyAdminPage }));

const label = (key: 'nav.analysis' | 'nav.ledger' | 'nav.policy' | 'nav.reception') => ({ 'zh-CN': translate('zh-CN', key), en: translate('en', key) });
const page = (P: () => React.ReactNode) => () => (
  <Suspense fallback={<Spin />}>
    <P />
  </Suspense>
);

export const analysisRoutes: ExtraRoute[] = [
  { path: 'analysis', label: label('nav.analysis'), icon: <BarChartOutlined />, render: page(() => <AnalysisPage />) },
  { path: 'ledger', label: label('nav.ledger'), icon: <AuditOutlined />, render: page(() => <LedgerPage />) },
  { path: 'reception', label: label('nav.reception'), icon: <CalendarOutlined />, render: page(() => <ReceptionSurveyPage />) },
  { path: 'policy', label: label('nav.policy'), icon: <BookOutlined />, render: page(() => <PolicyAdminPage />) },
];
