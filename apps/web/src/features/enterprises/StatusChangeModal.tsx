// 变更会籍状态 changing a membership status on its own: 暂停 and 退会 need a reason; the change is kept in
// the status history.
import { useQueryClient } from '@tanstack/react-query';
import { App, Form } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { EnterpriseView, MembershipStatus } from '@qinqing/shared';
import { FormModal } from '../../components/FormModal.tsx';
import { enterprisesQueryKey, updateEnterprise } from './api.ts';
import { MembershipStatusFields, needsReason } from './MembershipStatusFields.tsx';

interface StatusValues {
  membership: { status?: MembershipStatus; statusReason?: string; statusOn?: Dayjs };
}

export function StatusChangeModal({
  enterprise,
  onClose,
}: {
  enterprise: EnterpriseView;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<StatusValues>();
  return (
    <FormModal<StatusValues>
      title={t('enterprises.membership.changeTitle', { name: enterprise.name })}
      form={form}
      initialValues={{ membership: { statusOn: dayjs() } }}
      onClose={onClose}
      onSubmit={async ({ membership }) => {
        // The field is required: the form does not submit without a status.
        const status = membership.status ?? enterprise.membership.status;
        try {
          await updateEnterprise(enterprise.id, {
            version: enterprise.version,
            membership: {
              status,
              ...(needsReason(status) ? { statusReason: membership.statusReason?.trim() } : {}),
              ...(membership.statusOn ? { statusOn: membership.statusOn.format('YYYY-MM-DD') } : {}),
            },
          });
        } finally {
          // A stale version too: the next try needs the fresh record.
          await queryClient.invalidateQueries({ queryKey: enterprisesQueryKey });
        }
        void message.success(t('enterprises.membership.changed'));
      }}
    >
      <MembershipStatusFields current={enterprise.membership.status} excludeCurrent />
    </FormModal>
  );
}
