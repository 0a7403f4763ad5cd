// 邀请企业联系人 on an enterprise's page: one invitation, its link and code shown once (with the link as text
// to copy; the letters of a batch carry the QR code).
import { Button, Descriptions, Modal, Typography, App } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../components/errors.ts';
import { formatDateTime } from '../../components/format.ts';
import { inviteEnterprise } from './api.ts';

export function InviteEnterpriseButton({ enterpriseId }: { enterpriseId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [made, setMade] = useState<{ code: string; link: string; expiresAt: string } | undefined>();
  const invite = async () => {
    setBusy(true);
    try {
      setMade(await inviteEnterprise(enterpriseId));
    } catch (error) {
      void message.error(errorText(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button loading={busy} onClick={() => void invite()} data-testid="invite-enterprise">
        {t('invitations.invite')}
      </Button>
      <Modal
        open={made !== undefined}
        title={t('invitations.invited')}
        footer={null}
        onCancel={() => setMade(undefined)}
      >
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
    </>
  );
}
