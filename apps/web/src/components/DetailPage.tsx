// What every record page (企业, 人士, 商会 details) shares: waiting, 404 for a record that is missing or out
// of scope, a load error with a retry, and the title row with a back button.
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { isApiError } from '../api/client.ts';
import { BlockSpin } from './Loading.tsx';
import { LoadError } from './LoadError.tsx';
import { NotFoundPage } from './StatusPages.tsx';

/** The parts of a record query (TanStack Query result) the page needs before it can show the record. */
interface RecordResult<Value> {
  data: Value | undefined;
  error: unknown;
  isPending: boolean;
  refetch: () => unknown;
}

/** Shows the record once loaded; until then the spinner, the 404 page or the load error. */
export function DetailGate<Value>({
  result: { data, error, isPending, refetch },
  children,
}: {
  result: RecordResult<Value>;
  children: (record: Value) => ReactNode;
}) {
  if (isPending) return <BlockSpin />;
  if (isApiError(error, 'NOT_FOUND')) return <NotFoundPage />;
  if (error || !data) return <LoadError error={error} onRetry={() => void refetch()} />;
  return children(data);
}

/** The title row of a record page: back, the record's name (a stable test hook), then its tags. */
export function DetailHeader({ title, children }: { title: ReactNode; children?: ReactNode }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <div className="page-header">
      <Space align="center" size={12} wrap>
        <Button
          type="text"
          icon={<ArrowLeftOutlined />}
          onClick={() => void navigate(-1)}
          title={t('common.back')}
          aria-label={t('common.back')}
        />
        <Typography.Title level={4} className="page-title" data-testid="page-title">
          {title}
        </Typography.Title>
        {children}
      </Space>
    </div>
  );
}
