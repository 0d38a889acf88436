import { memo, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { App, Button, Card, Empty, Space, Spin, Tag, theme, Tooltip, Typography, Upload } from 'antd';
import {
  AudioOutlined,
  CameraOutlined,
  CheckCircleOutlined,
  CloudDownloadOutlined,
  CloudUploadOutlined,
  FileOutlined,
  FilePdfOutlined,
  PaperClipOutlined,
  SyncOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import type { CaseState } from '../../../../src-shared/domain/case-state';
import type { Policy } from '../../../../src-shared/domain/policy';
import { attachmentsOf, isPicture, liveAttachments, type Attachment } from '../../../data/domain';
import { policyLabels } from '../../../data/labels';
import { formatMinute } from '../../../format/time';
import { CameraDialog } from './CameraDialog';
import { AttachDialog } from './AttachDialog';
import { AttachmentViewer } from './AttachmentViewer';
import { WithdrawDialog } from './WithdrawDialog';
import { formatSize } from './format-size';
import { useThumbnail, type BodyView } from './use-body';
import { currentDeskSyncState, deskSyncState$ } from '../../../data/replication';
import { useAT } from './i18n';
import { keepsBodiesAtRest } from '../../../data/at-rest-crypto';
import { bodyStoreFor } from '../../../data/body-store';
import { useDesk } from '../../../data/desk-context';

// The case page's 附件 section (issue 13): thumbnails of the files still shown, 添加附件 through the file
// chooser, and an image pasted anywhere on the page (outside a text field) opens the same dialog. On a desk
// joined to a server each file says where it stands: 待上传 / 已同步 / 未能上传, or 未下载 / 下载中 for a
// file another desk attached (showing it downloads it, use-body.ts).

const THUMB = 112;
// A file's name on one line and its caption on two, cut by CSS with the whole text as the native tooltip.
// antd's measuring ellipsis and a Tooltip per name cost about 0.7 s on a case with 50 files
// (docs/performance.md "The case page with 50 thumbnails").
const ONE_LINE = { width: THUMB, display: 'block', marginTop: 4, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' } as const;
const TWO_LINES = { fontSize: 12, margin: 0, overflow: 'hidden', display: '-webkit-box', WebkitLineClamp: 2, WebkitBoxOrient: 'vertical' } as const;

function Thumbnail({ a, body, onOpen }: { a: Attachment; body: BodyView; onOpen: () => void }) {
  const { t } = useAT();
  const icon =
    a.type === 'application/pdf' ? (
      <FilePdfOutlined style={{ fontSize: 40, color: '#d4380d' }} />
    ) : a.type.startsWith('audio/') ? (
      <AudioOutlined style={{ fontSize: 40 }} />
    ) : (
      <FileOutlined style={{ fontSize: 40 }} />
    );
  const inner =
    body.status === 'missing' ? (
      body.downloading ? (
        <Spin />
      ) : (
        <Typography.Text type="secondary" style={{ fontSize: 12, padding: 4 }}>
          {t('missing')}
        </Typography.Text>
      )
    ) : isPicture(a.type) && body.status === 'ready' && body.url ? (
      <img src={body.url} alt={a.caption ?? a.name} style={{ width: '100%', height: '100%', objectFit: 'cover' }} />
    ) : (
      icon
    );
  return (
    <button
      type="button"
      onClick={onOpen}
      aria-label={`${t('view')} ${a.name}`}
      data-testid="attachment-thumb"
      style={{
        width: THUMB,
        height: THUMB,
        padding: 0,
        border: '1px solid #d9d9d9',
        borderRadius: 6,
        background: '#fafafa',
        cursor: 'pointer',
        overflow: 'hidden',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
      }}
    >
      {inner}
    </button>
  );
}

/** Whether this desk syncs with a server: a desk on its own uploads nothing, so its files carry no label. */
function useSyncConfigured(): boolean {
  return useSyncExternalStore(
    (cb) => {
      const sub = deskSyncState$.subscribe(cb);
      return () => sub.unsubscribe();
    },
    () => currentDeskSyncState().configured,
  );
}

// The items are plain elements styled like antd's Tag, secondary Text and link Button, from the theme's
// tokens (read once per card): 50 items of antd components took about 5 ms each to draw on a loaded desk,
// most of the case page's time with 50 files (docs/performance.md "The case page with 50 thumbnails").
type ItemStyles = ReturnType<typeof itemStyles>;
type Token = ReturnType<typeof theme.useToken>['token'];

function itemStyles(token: Token) {
  // antd 6's Tag is "filled" unless told otherwise: no visible border, the fill on the container's white.
  const tag = {
    display: 'inline-block',
    padding: '0 7px',
    fontSize: token.fontSizeSM,
    lineHeight: '20px',
    border: '1px solid transparent',
    borderRadius: token.borderRadiusSM,
    background: token.colorFillTertiary,
    color: token.colorText,
    whiteSpace: 'nowrap',
  } as const;
  // Its preset colours filled: the palette's 7th shade on its 1st; 下载中 as the status tag 'processing'.
  const filled = (color: string, background: string) => ({ ...tag, color, background, marginTop: 4 });
  return {
    tag,
    label: {
      synced: filled(token.green7, token.green1),
      refused: filled(token.red7, token.red1),
      pending: filled(token.gold7, token.gold1),
      downloading: filled(token.colorInfo, token.colorInfoBg),
      'not-downloaded': { ...tag, marginTop: 4 },
    },
    secondary: { color: token.colorTextSecondary, fontSize: token.fontSizeSM },
    link: { padding: 0, border: 0, background: 'none', color: token.colorError, cursor: 'pointer', fontSize: token.fontSize, lineHeight: '22px' },
  } as const;
}

/** Where a file stands with the server: 待上传 / 已同步 / 未能上传 for a body on this desk, 未下载 / 下载中 for one that is not. */
function TransferLabel({ body, styles }: { body: BodyView; styles: ItemStyles }) {
  const { t, lang } = useAT();
  const label =
    body.status === 'ready'
      ? body.state.uploaded === 1
        ? { state: 'synced', icon: <CheckCircleOutlined />, text: t('synced'), hint: t('syncedHint') }
        : body.state.uploaded === 2
          ? { state: 'refused', icon: <WarningOutlined />, text: t('refused'), hint: t('refusedHint', { reason: body.state.refusal?.message[lang] ?? '' }) }
          : { state: 'pending', icon: <CloudUploadOutlined />, text: t('pending'), hint: t('pendingHint') }
      : body.status === 'missing'
        ? body.downloading
          ? { state: 'downloading', icon: <SyncOutlined spin />, text: t('downloading'), hint: t('notDownloadedHint') }
          : { state: 'not-downloaded', icon: <CloudDownloadOutlined />, text: t('notDownloaded'), hint: t('notDownloadedHint') }
        : undefined;
  if (!label) return null;
  const refused = label.state === 'refused';
  const tag = (
    <span
      data-testid="attachment-transfer"
      data-state={label.state}
      // The server's reason for a refusal is the one hint a clerk must be able to read: antd's Tooltip; the
      // others are the native title.
      title={refused ? undefined : label.hint}
      style={styles.label[label.state as keyof ItemStyles['label']]}
    >
      {label.icon}
      <span style={{ marginInlineStart: 4 }}>{label.text}</span>
    </span>
  );
  return refused ? <Tooltip title={label.hint}>{tag}</Tooltip> : tag;
}

// Memoised: the case page draws again when its events or timers change, and 50 items drawn again for
// nothing delayed the thumbnails' reads.
const AttachmentItem = memo(function AttachmentItem({
  a,
  confidential,
  labels,
  names,
  synced,
  styles,
  onOpen,
  onWithdraw,
}: {
  a: Attachment;
  /** The case is confidential: a body downloaded for it is kept encrypted. */
  confidential: boolean;
  labels: ReturnType<typeof policyLabels>;
  names: Map<string, string>;
  synced: boolean;
  styles: ItemStyles;
  onOpen: (a: Attachment) => void;
  onWithdraw: (a: Attachment) => void;
}) {
  const { t } = useAT();
  const body = useThumbnail(a.hash, a.type, confidential);
  return (
    <div style={{ width: THUMB }} data-testid="attachment" data-name={a.name}>
      <Thumbnail a={a} body={body} onOpen={() => onOpen(a)} />
      <span title={a.name} style={ONE_LINE}>
        {a.name}
      </span>
      <div>
        <span style={{ ...styles.tag, marginInlineEnd: 4 }}>{labels.attachmentKind(a.kind)}</span>
        <span style={styles.secondary}>{formatSize(a.size)}</span>
      </div>
      {synced && <TransferLabel body={body} styles={styles} />}
      {a.caption && (
        <p title={a.caption} style={TWO_LINES}>
          {a.caption}
        </p>
      )}
      <span style={{ ...styles.secondary, display: 'block' }}>{t('by', { who: names.get(a.by) ?? a.by, at: formatMinute(a.at) })}</span>
      <button type="button" style={styles.link} onClick={() => onWithdraw(a)} data-testid="attachment-withdraw">
        {t('withdraw')}
      </button>
    </div>
  );
});

export function AttachmentsCard({ state, policy, names }: { state: CaseState; policy: Policy; names: Map<string, string> }) {
  const { t } = useAT();
  const { message } = App.useApp();
  const { db } = useDesk();
  const labels = useMemo(() => policyLabels(policy), [policy]);
  const { token } = theme.useToken();
  const styles = useMemo(() => itemStyles(token), [token]);
  const [file, setFile] = useState<File>();
  const [camera, setCamera] = useState(false);
  const [viewing, setViewing] = useState<Attachment>();
  const [withdrawing, setWithdrawing] = useState<Attachment>();
  const live = liveAttachments(state);
  const withdrawnCount = attachmentsOf(state).length - live.length;
  const synced = useSyncConfigured();
  const atRest = keepsBodiesAtRest(state.complainant);
  // The files' thumbnails and states are read while the page draws, once per mount (use-body.ts reads them
  // again when one changes).
  useState(() => bodyStoreFor(db).prefetchPreviews(live));

  // A pasted picture (a screenshot, a photo copied from a chat) becomes an attachment of this case. Pastes
  // into a text field stay the field's; a dialog already open keeps the page from starting another.
  const busy = file !== undefined || viewing !== undefined || withdrawing !== undefined;
  useEffect(() => {
    if (busy) return;
    const onPaste = (e: ClipboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target?.closest('input, textarea, [contenteditable="true"]')) return;
      const picture = [...(e.clipboardData?.files ?? [])].find((f) => f.type.startsWith('image/'));
      if (!picture) return;
      e.preventDefault();
      const ext = picture.type === 'image/png' ? 'png' : picture.type === 'image/jpeg' ? 'jpg' : (picture.type.split('/')[1] ?? 'png');
      // Pasted pictures are all called image.png by the browser: give each a name that says what it is.
      setFile(new File([picture], `${t('pasted')}-${formatMinute(Date.now()).replace(/[ :]/g, '').replace(/-/g, '')}.${ext}`, { type: picture.type }));
    };
    window.addEventListener('paste', onPaste);
    return () => window.removeEventListener('paste', onPaste);
  }, [busy, t]);

  return (
    <Card
      size="small"
      data-testid="attachments"
      // 添加附件 sits beside the title, on the left: the card's right corner is where alerts pop up at
      // 1366×768 (print.test.ts X-3 checks no alert covers a button of the case page).
      title={
        <Space>
          <PaperClipOutlined />
          {t('title')}
          {live.length > 0 && <Tag>{live.length}</Tag>}
          <Upload
            showUploadList={false}
            multiple={false}
            beforeUpload={(f) => {
              setFile(f);
              return Upload.LIST_IGNORE;
            }}
          >
            <Button size="small" icon={<PaperClipOutlined />} data-testid="attach-add">
              {t('add')}
            </Button>
          </Upload>
          <Button size="small" icon={<CameraOutlined />} onClick={() => setCamera(true)} data-testid="attach-camera">
            {t('camera')}
          </Button>
        </Space>
      }
    >
      {live.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('empty')} data-testid="attachments-empty" />
      ) : (
        <Space wrap size={16} align="start">
          {live.map((a) => (
            <AttachmentItem
              key={a.id}
              a={a}
              confidential={atRest}
              labels={labels}
              names={names}
              synced={synced}
              styles={styles}
              onOpen={setViewing}
              onWithdraw={setWithdrawing}
            />
          ))}
        </Space>
      )}
      {withdrawnCount > 0 && (
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }} data-testid="attachments-withdrawn">
          {t('withdrawnCount', { n: withdrawnCount })}
        </Typography.Text>
      )}
      {camera && <CameraDialog onClose={() => setCamera(false)} onShot={(f) => (setCamera(false), setFile(f))} />}
      {file && (
        <AttachDialog
          file={file}
          state={state}
          policy={policy}
          onClose={(done) => {
            setFile(undefined);
            if (done) void message.success(t('saved'));
          }}
        />
      )}
      {viewing && <AttachmentViewer attachment={viewing} confidential={atRest} onClose={() => setViewing(undefined)} />}
      {withdrawing && (
        <WithdrawDialog
          attachment={withdrawing}
          state={state}
          policy={policy}
          onClose={(done) => {
            setWithdrawing(undefined);
            if (done) void message.success(t('withdrawn'));
          }}
        />
      )}
    </Card>
  );
}
