// 诉求联系人 the contact the enterprise named for an appeal: name, position and the masked mobile; a caller
// the server allows (staff in scope, a liaison while their department's forward is open) reveals the full
// number with 「查看号码」, and the server records each reveal in the audit log.
import { App, Button, Space, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppealView } from '@qinqing/shared';
import { errorText } from '../../components/errors.ts';
import { unmaskAppealContact } from './api.ts';

export function AppealContact({ appeal }: { appeal: AppealView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [full, setFull] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const contact = appeal.contact;
  if (!contact) return <span className="muted">—</span>;

  const reveal = async () => {
    setLoading(true);
    try {
      setFull(await unmaskAppealContact(appeal.id));
    } catch (failure) {
      void message.error(errorText(failure));
    } finally {
      setLoading(false);
    }
  };

  return (
    <Space size={8} wrap data-testid="appeal-contact">
      <span>{contact.name}</span>
      {contact.position ? <span className="muted">{contact.position}</span> : null}
      {contact.mobile ? (
        <span className="code-text" data-testid="appeal-contact-mobile">
          {full ?? contact.mobile}
        </span>
      ) : null}
      {contact.mobile && full === null && appeal.contactUnmaskable ? (
        <Tooltip title={t('appeals.contact.unmaskHint')}>
          <Button
            type="link"
            size="small"
            loading={loading}
            onClick={() => void reveal()}
            data-testid="appeal-contact-unmask"
          >
            {t('appeals.contact.unmask')}
          </Button>
        </Tooltip>
      ) : null}
    </Space>
  );
}
