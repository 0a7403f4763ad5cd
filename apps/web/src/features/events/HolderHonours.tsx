// 荣誉称号 an enterprise's or a person's honours on its page (events, issue 16): title, level, issuer, year.
import { Card, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { HONOUR_LEVEL_LABELS, type HonourLevel, type HonourView } from '@qinqing/shared';
import { useSession } from '../../app/session.tsx';
import { useHonours } from './api.ts';

export function HolderHonours({ holderId }: { holderId: string }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const { data } = useHonours({ holderId });
  if (!can('honours.read') || !data || data.items.length === 0) return null;
  return (
    <Card
      size="small"
      title={t('events.honours.title')}
      data-testid="holder-honours"
      style={{ marginTop: 16 }}
    >
      <Table<HonourView>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={data.items}
        columns={[
          { title: t('events.honours.titleField'), dataIndex: 'title' },
          {
            title: t('events.honours.level'),
            dataIndex: 'level',
            render: (l: HonourLevel) => HONOUR_LEVEL_LABELS[l],
          },
          { title: t('events.honours.issuer'), dataIndex: 'issuer' },
          { title: t('events.honours.year'), dataIndex: 'year', align: 'right' },
        ]}
      />
    </Card>
  );
}
