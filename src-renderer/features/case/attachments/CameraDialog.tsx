import { useEffect, useState } from 'react';
import { Alert, type ButtonProps } from 'antd';
import { formatMinute } from '../../../format/time';
import { FormDialog } from '../../../components/FormDialog';
import { useAT } from './i18n';

// 拍照 (issue 13): a photo from the desk's camera (a webcam or a document camera) becomes a file like one
// chosen or pasted, and goes through the same 添加附件 dialog (downscaled, no location). The stream is
// attached when both it and the <video> exist — the element appears only once the dialog has opened, which
// with animations on is after this component's first effect (the signature pad once drew nothing for that
// reason) — and every track stops when the dialog closes, so the camera's light goes off.

export function CameraDialog({ onShot, onClose }: { onShot: (file: File) => void; onClose: () => void }) {
  const { t } = useAT();
  const [stream, setStream] = useState<MediaStream>();
  const [video, setVideo] = useState<HTMLVideoElement | null>(null);
  const [ready, setReady] = useState(false);
  // The reason as a key, translated when shown: the effect that opens the camera must run once, not again
  // whenever the words' function changes (each re-run stopped the stream it had just opened).
  const [error, setError] = useState<'cameraNone' | 'cameraFailed'>();

  useEffect(() => {
    let closed = false;
    let got: MediaStream | undefined;
    if (!navigator.mediaDevices?.getUserMedia) {
      setError('cameraNone');
      return;
    }
    navigator.mediaDevices
      .getUserMedia({ video: { width: { ideal: 1920 }, height: { ideal: 1080 } }, audio: false })
      .then((s) => {
        got = s;
        if (closed) s.getTracks().forEach((track) => track.stop());
        else setStream(s);
      })
      .catch((e: unknown) => setError(e instanceof DOMException && e.name === 'NotFoundError' ? 'cameraNone' : 'cameraFailed'));
    return () => {
      closed = true;
      got?.getTracks().forEach((track) => track.stop());
    };
  }, []);

  useEffect(() => {
    if (!video || !stream) return;
    video.srcObject = stream;
    void video.play().catch(() => undefined);
  }, [video, stream]);

  async function shoot() {
    if (!video || !ready) return;
    const canvas = document.createElement('canvas');
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    canvas.getContext('2d')?.drawImage(video, 0, 0);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.92));
    if (!blob) return void setError('cameraFailed');
    onShot(new File([blob], `${t('photoName')}-${formatMinute(Date.now()).replace(/[-: ]/g, '')}.jpg`, { type: 'image/jpeg' }));
  }

  return (
    <FormDialog
      title={t('cameraTitle')}
      okText={t('shoot')}
      cancelText={t('cancel')}
      onOk={shoot}
      onCancel={onClose}
      okButtonProps={{ disabled: !ready, 'data-testid': 'camera-shoot' } as ButtonProps}
    >
      {error ? (
        <Alert type="error" showIcon message={t(error)} data-testid="camera-error" />
      ) : (
        <video
          ref={setVideo}
          muted
          playsInline
          onLoadedData={() => setReady(true)}
          style={{ width: '100%', background: '#000', borderRadius: 4 }}
          data-testid="camera-video"
        />
      )}
    </FormDialog>
  );
}
