import type { ButtonProps } from 'antd';
import { useState } from 'react';
import { Alert, App, Button, Input, Tooltip } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import type { CaseState } from '../../../src-shared/domain/case-state';
import type { Policy } from '../../../src-shared/domain/policy';
import { useDesk, staffRolesOf } from '../../data/desk-context';
import { revealIdentityRefusal } from '../../data/domain';
import { writeEvent } from '../../data/write-event';
import { localised, useT } from '../../i18n/i18n';
import { FormDialog } from '../../components/FormDialog';

// S1-5: a confidential identity is shown only to an authorised role, and every look is audited
// (case.identity_viewed is written before anything is shown). Someone else sees the button disabled with
// who may look (issue 11 finding 6), not a refusal after clicking it.

export function RevealIdentity({ state, policy, onRevealed }: { state: CaseState; policy: Policy; onRevealed: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const desk = useDesk();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const actor = staffRolesOf(desk.staff!);
  const refusal = revealIdentityRefusal(policy, actor, state.kind);

  async function reveal() {
    if (!desk.identity) return;
    const r = await writeEvent(desk.db, { ...desk.identity, actor, policy: desk.policy ?? policy, policyFor: desk.policyFor }, state.id, {
      type: 'case.identity_viewed',
      payload: { reason },
    });
    if (!r.ok) {
      setError(r.errors.map((e) => localised(e.message)).join(' '));
      return;
    }
    setOpen(false);
    void message.info(t('case.revealed'));
    onRevealed();
  }

  return (
    <>
      {refusal ? (
        <Tooltip title={localised(refusal)}>
          <Button size="small" icon={<EyeOutlined />} disabled data-testid="reveal-identity" aria-description={localised(refusal)}>
            {t('case.reveal')}
          </Button>
        </Tooltip>
      ) : (
        <Button size="small" icon={<EyeOutlined />} onClick={() => setOpen(true)} data-testid="reveal-identity">
          {t('case.reveal')}
        </Button>
      )}
      {open && (
        <FormDialog
          title={t('case.reveal')}
          onOk={reveal}
          onCancel={() => setOpen(false)}
          okText={t('common.confirm')}
          cancelText={t('common.cancel')}
          okButtonProps={{ disabled: !reason.trim(), 'data-testid': 'reveal-ok' } as ButtonProps}
        >
          <Input.TextArea placeholder={t('case.revealReason')} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="reveal-reason" />
          {error && <Alert type="error" showIcon message={error} style={{ marginTop: 12 }} />}
        </FormDialog>
      )}
    </>
  );
}
