// 捐赠记录 a donor's own giving history (an enterprise, a person, a chamber, a party organization) on its
// page: its donations, newest first, and what of them is confirmed.
import { Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session.tsx';
import { DonationsTable } from './DonationsPage.tsx';

export function DonorHistory({ donorId }: { donorId: string }) {
  const { t } = useTranslation();
  const { can } = useSession();
  if (!can('donations.read')) return null;
  return (
    <Card
      size="small"
      title={t('donations.history.title')}
      data-testid="donor-history"
      style={{ marginTop: 16 }}
    >
      <DonationsTable filters={{ donorId }} pageSize={10} />
    </Card>
  );
}
