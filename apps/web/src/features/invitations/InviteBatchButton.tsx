// 邀请企业联系人 for a list: every enterprise a filter selects, the enterprises ticked in it, or a chamber's
// members, as a batch; the
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

type BatchScope = { filter: object } | { chamberId: string } | { enterpriseIds: string[] };

function batchBody(scope: BatchScope): CreateInvitationBatchRequest {
  if ('chamberId' in scope) return { chamberId: scope.chamberId };
  if ('enterpriseIds' in scope) return { enterpriseIds: scope.enterpriseIds };
  return { filter: batchFilter(scope.filter) };
}

export function InviteBatchButton(props: BatchScope) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const start = async () => {
    setBusy(true);
    try {
      const id = await startBatch(batchBody(props));
      void message.success(t('invitations.batchStarted'));
      void navigate(`/invitations?tab=batch&batch=${encodeURIComponent(id)}`);
    } catch (error) {
      void message.error(errorText(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      loading={busy}
      onClick={() => void start()}
      data-testid={'enterpriseIds' in props ? 'invite-selected' : 'invite-batch'}
    >
      {'chamberId' in props
        ? t('invitations.startBatch')
        : 'enterpriseIds' in props
          ? t('invitations.selectedBatch', { count: props.enterpriseIds.length })
          : t('invitations.filteredBatch')}
    </Button>
  );
}
