import { useEffect, useState } from 'react';
import { App, Button, Dropdown, Space } from 'antd';
import { EditOutlined, PrinterOutlined } from '@ant-design/icons';
import type { CaseState } from '../../../src-shared/domain/case-state';
import type { CaseEvent } from '../../../src-shared/domain/events';
import type { Policy } from '../../../src-shared/domain/policy';
import type { DocumentId } from '../../../src-shared/bridge';
import { useDesk, staffRolesOf } from '../../data/desk-context';
import { writeEvent } from '../../data/write-event';
import { archivePictures } from '../../data/attachments';
import { masksOnly } from '../../data/at-rest-crypto';
import { useT, type MessageKey } from '../../i18n/i18n';
import { DocumentPreview } from '../print/DocumentPreview';
import { SignatureDialog, type SignedPayload } from './SignatureDialog';

// 打印 and 签名 on the case page: the preview, download and print are the shared DocumentPreview
// (features/print); this records each print and signature on the case.

const CASE_DOCUMENTS: DocumentId[] = ['registration', 'notice', 'callback', 'archive'];

export function DocumentButtons({ state, events, policy }: { state: CaseState; events: CaseEvent[]; policy: Policy }) {
  const t = useT();
  const { message } = App.useApp();
  const desk = useDesk();
  const [preview, setPreview] = useState<DocumentId>();
  const [signing, setSigning] = useState(false);
  // The archive draws the case's pictures (issue 13): their bodies are read before the preview opens.
  const [pictures, setPictures] = useState<Record<string, string>>();
  useEffect(() => {
    if (preview !== 'archive') return setPictures(undefined);
    let cancelled = false;
    void archivePictures(desk.db, state).then((p) => !cancelled && setPictures(p));
    return () => {
      cancelled = true;
    };
  }, [preview, desk.db, state]);
  const names = Object.fromEntries(desk.config.staff.map((s) => [s.id, s.name]));
  // The document header takes the organisation's name only (its input schema is strict; the stored
  // record also carries id, preset and revision).
  // The host prints a confidential complainant masked: it is sent the masks, never the ciphertext (at-rest-crypto.ts).
  const data = {
    case: masksOnly(state),
    events: events.map(masksOnly),
    policy,
    organisation: { name: desk.config.organisation?.name ?? '' },
    staffNames: names,
  } as Record<string, unknown>;
  const ctx = () => ({ ...desk.identity!, actor: staffRolesOf(desk.staff!), policy: desk.policy ?? policy, policyFor: desk.policyFor });

  return (
    <Space>
      <Dropdown
        menu={{ items: CASE_DOCUMENTS.map((d) => ({ key: d, label: t(`doc.${d}` as MessageKey) })), onClick: ({ key }) => setPreview(key as DocumentId) }}
      >
        <Button icon={<PrinterOutlined />} data-testid="print-menu">
          {t('common.print')}
        </Button>
      </Dropdown>
      <Button icon={<EditOutlined />} onClick={() => setSigning(true)} data-testid="sign">
        {t('case.sign')}
      </Button>
      {preview && (preview !== 'archive' || pictures) && (
        <DocumentPreview
          request={{
            document: preview,
            data: preview === 'archive' ? { ...data, attachmentImages: pictures } : data,
            title: t(`doc.${preview}` as MessageKey),
          }}
          onClose={() => setPreview(undefined)}
          onPrinted={async (printer) => {
            await writeEvent(desk.db, ctx(), state.id, {
              type: 'case.document_printed',
              payload: { document: preview, copies: 1, ...(printer ? { printer } : {}) },
            });
          }}
        />
      )}
      {signing && (
        <SignatureDialog
          state={state}
          names={{ complainant: state.complainant?.confidential ? undefined : state.complainant?.name, me: desk.staff?.name }}
          onClose={() => setSigning(false)}
          writeSigned={async (payload: SignedPayload) => {
            const r = await writeEvent(desk.db, ctx(), state.id, { type: 'case.signed', payload });
            if (r.ok) message.success(t('case.signed'));
            return r;
          }}
        />
      )}
    </Space>
  );
}
