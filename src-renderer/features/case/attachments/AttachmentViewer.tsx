import { Button, Result, Spin, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { Attachment } from '../../../data/domain';
import { isPicture } from '../../../data/domain';
import { FormDialog } from '../../../components/FormDialog';
import { PdfPages } from '../PdfPages';
import { useBody } from './use-body';
import { useAT } from './i18n';

// The viewer: a picture at full size, a PDF drawn by pdf.js (the print preview's own component), a
// recording with the browser's player; any other file is offered for download. 下载 is the viewer's one
// action, so it is its primary button and the cursor starts there once the file is ready (FormDialog's
// data-dialog-ok), not on the × where antd's focus trap puts it: Enter keeps a copy, Esc closes, and
// reading needs no key (a PDF's pages scroll in their own box, which Tab reaches). Nothing to confirm, so
// Ctrl+Enter does nothing here.

export function AttachmentViewer({ attachment: a, confidential, onClose }: { attachment: Attachment; confidential: boolean; onClose: () => void }) {
  const { t } = useAT();
  const body = useBody(a.hash, a.type, confidential);
  const download = body.status === 'ready' && (
    <Button type="primary" icon={<DownloadOutlined />} href={body.url} download={a.name} data-testid="viewer-download" data-dialog-ok="">
      {t('download')}
    </Button>
  );
  return (
    <FormDialog title={a.name} onCancel={onClose} onOk={() => undefined} footer={download || null} width={900} centered>
      <div data-testid="attachment-viewer" style={{ maxHeight: '70vh', overflow: 'auto', textAlign: 'center' }}>
        {body.status === 'loading' && <Spin />}
        {body.status === 'missing' &&
          (body.downloading ? (
            <Spin tip={t('downloadingBody')} data-testid="viewer-downloading">
              <div style={{ height: 80 }} />
            </Spin>
          ) : (
            <Result status="info" title={t('missing')} />
          ))}
        {body.status === 'ready' && isPicture(a.type) && (
          <img src={body.url} alt={a.caption ?? a.name} style={{ maxWidth: '100%' }} data-testid="viewer-image" />
        )}
        {/* pdf.js takes its input over to its worker: give it a copy so the stored bytes stay readable. */}
        {body.status === 'ready' && a.type === 'application/pdf' && body.bytes && <PdfPages bytes={new Uint8Array(body.bytes.slice(0))} />}
        {body.status === 'ready' && a.type.startsWith('audio/') && <audio controls src={body.url} data-testid="viewer-audio" />}
        {a.caption && <Typography.Paragraph style={{ marginTop: 12 }}>{a.caption}</Typography.Paragraph>}
      </div>
    </FormDialog>
  );
}
