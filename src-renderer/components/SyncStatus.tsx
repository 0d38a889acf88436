import { useEffect, useState, useSyncExternalStore } from 'react';
import { Alert, Button, Descriptions, Form, Input, Popover, Space, Tag, Tooltip, Typography } from 'antd';
import { CloudSyncOutlined, DisconnectOutlined, WarningOutlined } from '@ant-design/icons';
import { useDesk } from '../data/desk-context';
import { useLanguage, type Language } from '../i18n/i18n';
import { waiting$, type WaitingList } from '../data/projection-waiting';
import { waitingSummary } from './waiting-summary';
import { RefusedList } from './RefusedList';
import { JoinProgress } from './JoinProgress';
import { formatDateTime } from '../format/time';
import {
  currentDeskSyncState,
  deskSyncState$,
  ensureDeskSync,
  getServerConnection,
  joinServer,
  refusedMessage,
  syncErrorOf,
  PENDING_CAP,
  type SyncError,
  type SyncState,
} from '../data/replication';

// The status bar's sync badge (online / offline, documents waiting to upload, last sync) and the
// "join a server" form of first run and settings. Strings are zh-CN first, en complete.

const TEXT = {
  'zh-CN': {
    localOnly: '仅本机（未连接服务器）',
    online: '已连接',
    offline: '离线',
    pending: '待上传 {n} 条',
    pendingMany: '待上传 {n}+ 条',
    synced: '已全部同步',
    lastSync: '上次同步 {t}',
    never: '尚未同步',
    refused: '{n} 条未能同步',
    offlineHint: '离线期间可照常登记和办理，网络恢复后自动上传。',
    serverUrl: '服务器地址',
    serverUrlHelp: '例如 http://192.168.1.10:8787，由管理员提供',
    code: '加入码',
    codeHelp: '管理员发放的一次性加入码，如 K7QM-3XWA-PZ9D',
    deskName: '本台名称（可选）',
    join: '加入服务器',
    joining: '正在加入并同步单位的配置和记录…',
    joined: '已加入服务器，本台为 {code}。',
    connection: '连接状态',
    joinedNote: '本台已加入此服务器，单位的制度、部门和人员自动同步。只有管理员要求时（例如服务器从备份恢复、本台凭据被吊销）才需要用新的加入码重新加入。',
    rejoin: '用新的加入码重新加入',
    required: '请填写此项。',
    badUrl: '请输入以 http:// 或 https:// 开头的地址。',
    badCode: '加入码由大写字母、数字和短横线组成。',
  },
  en: {
    localOnly: 'This computer only (no server)',
    online: 'Online',
    offline: 'Offline',
    pending: '{n} waiting to upload',
    pendingMany: '{n}+ waiting to upload',
    synced: 'All synced',
    lastSync: 'Last sync {t}',
    never: 'Not synced yet',
    refused: '{n} not accepted',
    offlineHint: 'Keep registering and handling cases; everything uploads when the network is back.',
    serverUrl: 'Server address',
    serverUrlHelp: 'e.g. http://192.168.1.10:8787, from your administrator',
    code: 'Enrolment code',
    codeHelp: 'The one-time code from your administrator, like K7QM-3XWA-PZ9D',
    deskName: 'Desk name (optional)',
    join: 'Join server',
    joining: 'Joining and syncing the organisation’s configuration and records…',
    joined: 'Joined the server; this desk is {code}.',
    connection: 'Connection',
    joinedNote:
      'This desk has joined this server; the organisation’s policy, departments and staff sync automatically. Re-join with a new code only when your administrator asks (e.g. the server was restored from a backup, or this desk’s credentials were revoked).',
    rejoin: 'Re-join with a new code',
    required: 'Please fill this in.',
    badUrl: 'Enter an address starting with http:// or https://.',
    badCode: 'The code has capital letters, digits and dashes.',
  },
} satisfies Record<Language, Record<string, string>>;

type Key = keyof (typeof TEXT)['zh-CN'];

function useText(): (key: Key, vars?: Record<string, string | number>) => string {
  const lang = useLanguage();
  return (key, vars) => TEXT[lang][key].replace(/\{(\w+)\}/g, (m, k: string) => (vars && k in vars ? String(vars[k]) : m));
}

function useSyncState(): SyncState {
  return useSyncExternalStore((cb) => {
    const sub = deskSyncState$.subscribe(cb);
    return () => sub.unsubscribe();
  }, currentDeskSyncState);
}

/** The projection's waiting list (projection-waiting.ts), live from any window. */
function useWaiting(db: ReturnType<typeof useDesk>['db']): WaitingList {
  const [list, setList] = useState<WaitingList>({});
  useEffect(() => {
    const sub = waiting$(db).subscribe(setList);
    return () => sub.unsubscribe();
  }, [db]);
  return list;
}

function WaitingTag({ list }: { list: WaitingList }) {
  const summary = waitingSummary(list, useLanguage());
  if (!summary) return null;
  return (
    <Tooltip title={summary.hint}>
      <Tag color={summary.failing ? 'orange' : 'gold'} icon={<WarningOutlined />} data-testid="projection-waiting" data-count={summary.count}>
        {summary.label}
      </Tag>
    </Tooltip>
  );
}

function timeOf(at: number): string {
  // 24-hour in both languages and in the organisation's zone, as every other time on the desk (issue 11 findings 10, 11).
  return formatDateTime(at).slice(11, 16);
}

function errorText(error: SyncError | undefined, lang: Language): string | undefined {
  return error?.message[lang];
}

/** The badge in the desk's status bar. */
export function SyncStatus() {
  const { db } = useDesk();
  const text = useText();
  const lang = useLanguage();
  const state = useSyncState();
  const waiting = useWaiting(db);
  useEffect(() => {
    void ensureDeskSync(db);
  }, [db]);

  if (!state.configured)
    return (
      <Space size="small">
        <Tag data-testid="sync-status">{text('localOnly')}</Tag>
        <WaitingTag list={waiting} />
      </Space>
    );
  const pending =
    state.pending >= PENDING_CAP ? text('pendingMany', { n: PENDING_CAP }) : state.pending > 0 ? text('pending', { n: state.pending }) : text('synced');
  const last = state.lastSyncAt ? text('lastSync', { t: timeOf(state.lastSyncAt) }) : text('never');
  const problem = errorText(state.error, lang);
  // While the history still follows a usable desk (issue 14 item 1), "已全部同步" would be untrue and the
  // line too long for a 1366 px screen: the progress takes their place; both stay in the tooltip.
  const historyComing = !!state.history && !state.history.caughtUp;
  const tip = problem ?? (state.online ? undefined : text('offlineHint'));
  return (
    <Tooltip title={tip}>
      <Space size="small" data-testid="sync-status" data-online={state.online ? 'true' : 'false'} data-pending={state.pending}>
        {state.online ? (
          <Tag color="green" icon={<CloudSyncOutlined />}>
            {text('online')}
          </Tag>
        ) : (
          <Tag
            color={state.error && state.error.code !== 'offline' ? 'red' : 'default'}
            icon={state.error && state.error.code !== 'offline' ? <WarningOutlined /> : <DisconnectOutlined />}
          >
            {text('offline')}
          </Tag>
        )}
        {historyComing && state.pending === 0 ? null : <span data-testid="sync-pending">{pending}</span>}
        {historyComing ? null : <span data-testid="sync-last">{last}</span>}
        {state.refused > 0 ? (
          <Popover
            trigger="click"
            placement="topRight"
            title={refusedMessage(state.refused)[lang]}
            content={<RefusedList db={db} docs={state.refusedList ?? []} lang={lang} />}
          >
            <Tag color="red" icon={<WarningOutlined />} data-testid="sync-refused" role="button" tabIndex={0} style={{ cursor: 'pointer' }}>
              {text('refused', { n: state.refused })}
            </Tag>
          </Popover>
        ) : null}
        <WaitingTag list={waiting} />
        {historyComing ? <JoinProgress db={db} compact also={last} /> : null}
      </Space>
    </Tooltip>
  );
}

interface JoinValues {
  serverUrl: string;
  code: string;
  deskName?: string;
}

/**
 * `?server=…&code=…` in the desk's address (npm start prints such a link; the desktop app gets it from
 * JIESU_FIRST_RUN_QUERY) fills the form in, and first run opens on 加入服务器 when it is there.
 */
export function joinLinkValues(): Partial<JoinValues> {
  const params = new URLSearchParams(globalThis.location?.search ?? '');
  const hint: Partial<JoinValues> = {};
  const server = params.get('server');
  const code = params.get('code');
  if (server && /^https?:\/\/\S+$/.test(server)) hint.serverUrl = server;
  if (code && /^[A-Z0-9-]{6,40}$/i.test(code)) hint.code = code.toUpperCase();
  return hint;
}

/**
 * Once the desk has joined, the join link has done its job: the one-time code leaves the address bar (and
 * with it the window's history entry and any bookmark made later), the rest of the address stays.
 */
function forgetJoinLink(): void {
  const loc = globalThis.location;
  if (!loc) return;
  const url = new URL(loc.href);
  if (!url.searchParams.has('server') && !url.searchParams.has('code')) return;
  url.searchParams.delete('server');
  url.searchParams.delete('code');
  globalThis.history?.replaceState(globalThis.history.state, '', url.toString());
}

/** Settings while this desk is joined: which server, and how the connection is — not another join form. */
export function ServerConnectionView({ onRejoin }: { onRejoin: () => void }) {
  const { db } = useDesk();
  const text = useText();
  const state = useSyncState();
  const [serverUrl, setServerUrl] = useState<string>();
  useEffect(() => {
    let live = true;
    void getServerConnection(db).then((c) => live && setServerUrl(c?.serverUrl));
    return () => {
      live = false;
    };
  }, [db, state.configured]);
  return (
    <div data-testid="server-connection">
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={text('serverUrl')}>{serverUrl ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={text('connection')}>
          {state.online ? text('online') : text('offline')}
          {' · '}
          {state.lastSyncAt ? text('lastSync', { t: timeOf(state.lastSyncAt) }) : text('never')}
        </Descriptions.Item>
      </Descriptions>
      {/* A join (or a long catch-up) pulling page after page: how far it has come (issue 14 item 1). */}
      {state.history && !state.history.caughtUp ? <JoinProgress db={db} /> : null}
      <Typography.Paragraph type="secondary">{text('joinedNote')}</Typography.Paragraph>
      <Button onClick={onRejoin} data-testid="server-rejoin">
        {text('rejoin')}
      </Button>
    </div>
  );
}

/** Whether this desk has joined a server (the status bar's replication is configured). */
export function useJoined(): boolean {
  return useSyncState().configured;
}

/** "Join a server" (first run and settings): enrol with a one-time code, then sync the organisation. */
export function JoinServerForm() {
  const { db, reloadIdentity } = useDesk();
  const text = useText();
  const lang = useLanguage();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [joined, setJoined] = useState<string>();

  async function submit(values: JoinValues) {
    setBusy(true);
    setError(undefined);
    try {
      const enrolled = await joinServer(db, { serverUrl: values.serverUrl.trim(), code: values.code, deskName: values.deskName?.trim() || undefined });
      setJoined(enrolled.deskCode);
      forgetJoinLink();
      await reloadIdentity();
    } catch (e) {
      setError(syncErrorOf(e).message[lang]);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Form<JoinValues>
      layout="vertical"
      initialValues={joinLinkValues()}
      onFinish={(v) => void submit(v)}
      disabled={busy}
      data-testid="join-server-form"
      style={{ maxWidth: 480 }}
    >
      <Form.Item
        name="serverUrl"
        label={text('serverUrl')}
        extra={text('serverUrlHelp')}
        rules={[
          { required: true, message: text('required') },
          { pattern: /^https?:\/\/\S+$/, message: text('badUrl') },
        ]}
      >
        <Input autoComplete="url" placeholder="http://" />
      </Form.Item>
      <Form.Item
        name="code"
        label={text('code')}
        extra={text('codeHelp')}
        normalize={(v: string) => v.toUpperCase()}
        rules={[
          { required: true, message: text('required') },
          { pattern: /^[A-Z0-9-]{6,40}$/, message: text('badCode') },
        ]}
      >
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item name="deskName" label={text('deskName')} rules={[{ max: 100 }]}>
        <Input />
      </Form.Item>
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} /> : null}
      {joined ? <Alert type="success" showIcon message={text('joined', { code: joined })} style={{ marginBottom: 16 }} /> : null}
      <Button type="primary" htmlType="submit" loading={busy}>
        {busy ? text('joining') : text('join')}
      </Button>
    </Form>
  );
}
