// A one-time link shown once: an invitation or a password-reset link, with its code and expiry, to copy and
// hand to the enterprise's contact (the server keeps only the code's digest).
import { Descriptions, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../components/format.ts';

export interface OneTimeLink {
  code: string;
  link: string;
  expiresAt: string;
}

export function OneTimeLinkModal({
  title,
  made,
  onClose,
}: {
  title: string;
  made: OneTimeLink | undefined;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal open={made !== undefined} title={title} footer={null} onCancel={onClose}>
      {made ? (
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('invitations.link')}>
            <Typography.Text copyable data-testid="invitation-link">
              {made.link}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('invitations.code')}>
            <Typography.Text copyable strong>
              {made.code}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('invitations.expiresAt')}>
            {formatDateTime(made.expiresAt)}
          </Descriptions.Item>
        </Descriptions>
      ) : null}
    </Modal>
  );
}
