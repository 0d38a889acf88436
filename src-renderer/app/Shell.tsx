import { Suspense, useEffect, type ReactNode } from 'react';
import { Button, Layout, Menu, Result, Space, Typography } from 'antd';
import { SyncStatus } from '../components/SyncStatus';
import { BarChartOutlined, FormOutlined, LogoutOutlined, PhoneOutlined, SettingOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { useDesk } from '../data/desk-context';
import { useLanguage, useT } from '../i18n/i18n';
import { extraRoutes } from './extra-routes';
import { hrefOf, navigate, useRoute, type Route } from './router';
import { QueuePage } from '../features/queue/QueuePage';
import { CallbackQueuePage, CasePage, IntakePage, PageFallback, SettingsPage, prefetchPages } from './lazy-pages';
import { AlertCenter } from '../features/alerts/AlertCenter';
import { useGlobalShortcuts } from './shortcuts';
import { Clock } from '../components/Clock';
import { ProvisionalCalendarNotice } from '../components/ProvisionalCalendarNotice';

// The desk's frame: navigation, the page, and a status bar (desk, staff, sync, clock).

function PageFor({ route }: { route: Route }): ReactNode {
  const t = useT();
  const lang = useLanguage();
  switch (route.name) {
    case 'queue':
      return <QueuePage />;
    case 'intake':
      return <IntakePage key={route.receptionDay ?? ''} receptionDay={route.receptionDay} />;
    case 'case':
      return <CasePage caseId={route.id} />;
    case 'callbacks':
      return <CallbackQueuePage />;
    case 'settings':
      return <SettingsPage />;
    case 'extra': {
      const extra = extraRoutes.find((r) => r.path === route.path);
      if (extra) return extra.render();
      if (route.path === 'analysis') return <Result status="info" title={t('nav.analysis')} subTitle={t('analysis.notInstalled')} />;
      return <Result status="404" title={t('app.notFound')} extra={<Button onClick={() => navigate({ name: 'queue' })}>{t('nav.queue')}</Button>} />;
    }
  }
  void lang;
}

export function Shell() {
  const t = useT();
  const lang = useLanguage();
  const route = useRoute();
  const { staff, signOut, config, identity } = useDesk();
  useGlobalShortcuts();
  const desk = config.desks.find((d) => d.id === identity?.deskId);
  const selected = route.name === 'case' ? 'queue' : route.name === 'extra' ? route.path : route.name;
  const hasAnalysis = extraRoutes.some((r) => r.path === 'analysis');
  const items = [
    { key: 'queue', icon: <UnorderedListOutlined />, label: <a href={hrefOf({ name: 'queue' })}>{t('nav.queue')}</a> },
    {
      key: 'intake',
      icon: <FormOutlined />,
      label: (
        <a href={hrefOf({ name: 'intake' })}>
          {t('nav.intake')}{' '}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            F2
          </Typography.Text>
        </a>
      ),
    },
    { key: 'callbacks', icon: <PhoneOutlined />, label: <a href={hrefOf({ name: 'callbacks' })}>{t('nav.callbacks')}</a> },
    ...(hasAnalysis ? [] : [{ key: 'analysis', icon: <BarChartOutlined />, label: <a href="#/analysis">{t('nav.analysis')}</a> }]),
    ...extraRoutes.map((r) => ({ key: r.path, icon: r.icon ?? <BarChartOutlined />, label: <a href={`#/${r.path}`}>{r.label[lang]}</a> })),
    { key: 'settings', icon: <SettingOutlined />, label: <a href={hrefOf({ name: 'settings' })}>{t('nav.settings')}</a> },
  ];
  // The queue prefetches the other screens once its cases are on screen; any other first screen does so now.
  const firstIsQueue = route.name === 'queue';
  useEffect(() => {
    if (!firstIsQueue) prefetchPages();
  }, [firstIsQueue]);
  useEffect(() => {
    document.title = `${t('app.title')}${desk ? ` · ${desk.name}` : ''}`;
  }, [t, desk]);

  return (
    <Layout style={{ height: '100vh' }}>
      <Layout.Sider width={184} theme="light" style={{ borderRight: '1px solid #f0f0f0' }}>
        <div style={{ padding: '16px 20px', fontSize: 18, fontWeight: 600 }}>{t('app.title')}</div>
        <Menu mode="inline" selectedKeys={[selected]} items={items} style={{ borderInlineEnd: 'none' }} />
      </Layout.Sider>
      <Layout>
        <Layout.Content style={{ overflow: 'auto', padding: 20 }} id="page">
          <ProvisionalCalendarNotice />
          <Suspense fallback={<PageFallback />}>
            <PageFor route={route} />
          </Suspense>
        </Layout.Content>
        <Layout.Footer style={{ padding: '6px 16px', background: '#fafafa', borderTop: '1px solid #f0f0f0' }} role="status">
          {/* One line at 1366 px: the desk's name gives way (ellipsis, full name on hover) before anything wraps. */}
          <Space size="middle" style={{ whiteSpace: 'nowrap', maxWidth: '100%' }} className="status-line">
            <span
              data-testid="status-desk"
              title={desk ? t('status.deskName', { name: desk.name, code: desk.code }) : undefined}
              style={{ display: 'inline-block', maxWidth: 260, overflow: 'hidden', textOverflow: 'ellipsis', verticalAlign: 'bottom' }}
            >
              {t('status.deskIs', { desk: desk ? t('status.deskName', { name: desk.name, code: desk.code }) : '—' })}
            </span>
            <span data-testid="status-staff">{t('status.staffIs', { name: staff?.name ?? '' })}</span>
            <SyncStatus />
            <AlertCenter />
            <Clock />
            <Button size="small" icon={<LogoutOutlined />} onClick={signOut}>
              {t('auth.signOut')}
            </Button>
          </Space>
        </Layout.Footer>
      </Layout>
    </Layout>
  );
}
