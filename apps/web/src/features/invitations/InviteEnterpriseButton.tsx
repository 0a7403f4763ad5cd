// 邀请企业联系人 on an enterprise's page: one invitation, its link and code shown once (with the link as text
// to copy; the letters of a batch carry the QR code).
import { App, Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../components/errors.ts';
import { inviteEnterprise, issuePasswordReset } from './api.ts';
import { OneTimeLinkModal, type OneTimeLink } from './OneTimeLink.tsx';

export function InviteEnterpriseButton({ enterpriseId }: { enterpriseId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [made, setMade] = useState<OneTimeLink | undefined>();
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
      <OneTimeLinkModal title={t('invitations.invited')} made={made} onClose={() => setMade(undefined)} />
    </>
  );
}

/** 重设密码链接: for a contact who forgot their password, a one-time link to set a new one (audited). */
export function ResetLinkButton({ userId }: { userId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [made, setMade] = useState<OneTimeLink | undefined>();
  const issue = async () => {
    setBusy(true);
    try {
      setMade(await issuePasswordReset(userId));
    } catch (error) {
      void message.error(errorText(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button size="small" type="link" loading={busy} onClick={() => void issue()} data-testid="reset-link">
        {t('invitations.resetLink')}
      </Button>
      <OneTimeLinkModal title={t('invitations.resetIssued')} made={made} onClose={() => setMade(undefined)} />
    </>
  );
}
