// 触达与申兑 reach and redemption: the pushed enterprises of the caller's scope and what came of them —
// read, read rate, interested, applied, approved and the amount obtained — by policy, org unit or chamber.
import { Card, Segmented, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { groupedYuan, type PolicyStats } from '@qinqing/shared';
import { BackToSource } from '../../components/drill-down.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { usePolicyStats } from './api.ts';

type Group = PolicyStats['groups'][number];
const GROUPINGS = ['policy', 'orgUnit', 'chamber'] as const;
export const percent = (ratio: number | null) => (ratio === null ? '—' : `${(ratio * 100).toFixed(1)}%`);

export function reachColumns(t: (key: string) => string): TableColumnsType<Omit<Group, 'key' | 'name'>> {
  return [
    { title: t('policies.figures.pushed'), dataIndex: 'pushed', width: 90, align: 'right' },
    { title: t('policies.figures.read'), dataIndex: 'read', width: 80, align: 'right' },
    {
      title: t('policies.figures.readRate'),
      dataIndex: 'readRate',
      width: 90,
      align: 'right',
      render: percent,
    },
    { title: t('policies.figures.interested'), dataIndex: 'interested', width: 90, align: 'right' },
    { title: t('policies.figures.applied'), dataIndex: 'applied', width: 80, align: 'right' },
    { title: t('policies.figures.approved'), dataIndex: 'approved', width: 80, align: 'right' },
    {
      title: t('policies.figures.amount'),
      dataIndex: 'amount',
      width: 150,
      align: 'right',
      render: (amount: string) => `${groupedYuan(amount)} 元`,
    },
  ];
}

export function PolicyReachPage() {
  const { t } = useTranslation();
  const [groupBy, setGroupBy] = useState<(typeof GROUPINGS)[number]>('policy');
  const stats = usePolicyStats(groupBy);
  const columns: TableColumnsType<Group> = [
    { title: t('policies.figures.group'), dataIndex: 'name', fixed: 'left', ellipsis: true },
    ...(reachColumns(t as (key: string) => string) as TableColumnsType<Group>),
  ];
  return (
    <>
      <BackToSource />
      <PageHeader title={t('policies.reachTitle')} />
      <Card>
        <Segmented
          value={groupBy}
          onChange={(value) => setGroupBy(value as typeof groupBy)}
          options={GROUPINGS.map((value) => ({ value, label: t(`policies.figures.groupBy.${value}`) }))}
          style={{ marginBottom: 12 }}
        />
        {stats.error ? <LoadError error={stats.error} onRetry={() => void stats.refetch()} /> : null}
        <Table<Group>
          rowKey="key"
          size="middle"
          loading={stats.isPending}
          columns={columns}
          dataSource={stats.data?.groups ?? []}
          pagination={false}
          scroll={{ x: 1000 }}
          data-testid="policy-reach-table"
          summary={() =>
            stats.data ? (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>{t('policies.figures.total')}</Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">
                  {stats.data.total.pushed}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right">
                  {stats.data.total.read}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={3} align="right">
                  {percent(stats.data.total.readRate)}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={4} align="right">
                  {stats.data.total.interested}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={5} align="right">
                  {stats.data.total.applied}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={6} align="right">
                  {stats.data.total.approved}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={7} align="right">
                  {groupedYuan(stats.data.total.amount)} 元
                </Table.Summary.Cell>
              </Table.Summary.Row>
            ) : null
          }
        />
      </Card>
    </>
  );
}
