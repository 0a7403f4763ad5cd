// 邀请企业联系人 for a list: every enterprise a filter selects, or a chamber's members, as a batch; the
// invitations page then follows its progress and prints its letters.
import { App, Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { CreateInvitationBatchRequest } from '@qinqing/shared';
import { errorText } from '../../components/errors.ts';
import { startBatch } from './api.ts';

/** The list's filter as the batch takes it: what is set, without the list's order. */
function batchFilter(filter: object): NonNullable<CreateInvitationBatchRequest['filter']> {
  return Object.fromEntries(
    Object.entries(filter).filter(
      ([key, value]) => key !== 'sort' && value !== undefined && value !== null && value !== '',
    ),
  );
}

export function InviteBatchButton(props: { filter: object } | { chamberId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const start = async () => {
    setBusy(true);
    try {
      const id = await startBatch(
        'chamberId' in props ? { chamberId: props.chamberId } : { filter: batchFilter(props.filter) },
      );
      void message.success(t('invitations.batchStarted'));
      void navigate(`/invitations?tab=batch&batch=${encodeURIComponent(id)}`);
    } catch (error) {
      void message.error(errorText(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button loading={busy} onClick={() => void start()} data-testid="invite-batch">
      {'chamberId' in props ? t('invitations.startBatch') : t('invitations.filteredBatch')}
    </Button>
  );
}
