// 联系人 an enterprise's contacts: numbers masked (138****1234); a user allowed to see them reveals one at a
// time with the eye button, and the server records each reveal in the audit log.
import { EditOutlined, EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { App, Button, Space, Table, Tag, Tooltip, type TableColumnsType } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { EnterpriseView } from '@qinqing/shared';
import { useSession } from '../../app/session.tsx';
import { errorText } from '../../components/errors.ts';
import { unmaskContact } from './api.ts';

type Contact = EnterpriseView['contacts'][number];

/** A masked number with an eye button that fetches (and audits) the full one. */
export function MaskedMobile({
  mobile,
  masked,
  reveal,
  testIdPrefix = 'contact',
}: {
  mobile: string | null;
  masked: boolean;
  reveal: () => Promise<string | null>;
  testIdPrefix?: string;
}) {
  const { t } = useTranslation();
  const { can } = useSession();
  const { message } = App.useApp();
  const [full, setFull] = useState<string | null>(null);
  const [shown, setShown] = useState(false);
  const [loading, setLoading] = useState(false);
  if (mobile === null) return <span className="muted">—</span>;

  const toggle = async () => {
    if (shown) {
      setShown(false);
      return;
    }
    if (full === null) {
      setLoading(true);
      try {
        setFull(await reveal());
      } catch (failure) {
        void message.error(errorText(failure));
        return;
      } finally {
        setLoading(false);
      }
    }
    setShown(true);
  };

  return (
    <Space size={4}>
      <span className="code-text" data-testid={`${testIdPrefix}-mobile`}>
        {shown && full !== null ? full : mobile}
      </span>
      {masked && can('contacts.unmask') ? (
        <Tooltip title={shown ? t('enterprises.contacts.hide') : t('enterprises.contacts.unmask')}>
          <Button
            type="text"
            size="small"
            loading={loading}
            icon={shown ? <EyeInvisibleOutlined /> : <EyeOutlined />}
            onClick={() => void toggle()}
            aria-label={shown ? t('enterprises.contacts.hide') : t('enterprises.contacts.unmask')}
            data-testid={`${testIdPrefix}-unmask`}
          />
        </Tooltip>
      ) : null}
    </Space>
  );
}

export function ContactsTab({
  enterprise,
  onEdit,
}: {
  enterprise: EnterpriseView;
  /** Open the editor at this contact; absent when the user may not change the record. */
  onEdit?: (index: number) => void;
}) {
  const { t } = useTranslation();
  const columns: TableColumnsType<Contact> = [
    {
      title: t('enterprises.contacts.name'),
      dataIndex: 'name',
      render: (name: string, contact) => (
        <Space size={6}>
          <span>{name}</span>
          {contact.isPrimary ? <Tag color="red">{t('enterprises.contacts.primary')}</Tag> : null}
        </Space>
      ),
    },
    {
      title: t('enterprises.contacts.position'),
      dataIndex: 'position',
      render: (value: string | null) => value || '—',
    },
    {
      title: t('enterprises.contacts.mobile'),
      dataIndex: 'mobile',
      width: 200,
      render: (mobile: string | null, contact) => (
        <MaskedMobile
          mobile={mobile}
          masked={contact.mobileMasked}
          reveal={() => unmaskContact(enterprise.id, contact.id)}
        />
      ),
    },
    {
      title: t('enterprises.contacts.email'),
      dataIndex: 'email',
      render: (value: string | null) => value || '—',
    },
  ];
  if (onEdit) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      render: (_, _contact, index) => (
        <Button
          type="link"
          size="small"
          icon={<EditOutlined />}
          onClick={() => onEdit(index)}
          data-testid="contact-edit"
        >
          {t('common.edit')}
        </Button>
      ),
    });
  }
  return (
    <Table<Contact>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={enterprise.contacts}
      pagination={false}
      locale={{ emptyText: t('enterprises.contacts.empty') }}
      onRow={() => ({ 'data-testid': 'contact-row' }) as HTMLAttributes<HTMLTableRowElement>}
    />
  );
}
