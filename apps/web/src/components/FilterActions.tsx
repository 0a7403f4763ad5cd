// The buttons closing a list's filter form: search (submits the form), reset, and reload the list.
import { ReloadOutlined } from '@ant-design/icons';
import { Button, Form, Space, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';

export function RefreshButton({ onRefresh }: { onRefresh: () => unknown }) {
  const { t } = useTranslation();
  return (
    <Tooltip title={t('common.refresh')}>
      <Button icon={<ReloadOutlined />} onClick={() => void onRefresh()} />
    </Tooltip>
  );
}

export function FilterActions({
  onReset,
  onRefresh,
  searchTestId,
}: {
  onReset: () => void;
  /** Left out when the list has its reload button elsewhere. */
  onRefresh?: () => unknown;
  searchTestId?: string;
}) {
  const { t } = useTranslation();
  return (
    <Form.Item>
      <Space>
        <Button type="primary" htmlType="submit" data-testid={searchTestId}>
          {t('common.search')}
        </Button>
        <Button onClick={onReset}>{t('common.reset')}</Button>
        {onRefresh ? <RefreshButton onRefresh={onRefresh} /> : null}
      </Space>
    </Form.Item>
  );
}
