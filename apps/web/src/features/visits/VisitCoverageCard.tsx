// 走访覆盖率 visit coverage: of the active member enterprises, how many had a done visit in the period —
// by street (the child units of the user's unit) or by chamber, with the total. This year by default.
import { Card, DatePicker, Segmented, Space, Table, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { VisitCoverageGrouping, VisitCoverageRow } from '@qinqing/shared';
import { RefreshButton } from '../../components/FilterActions.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { useVisitCoverage } from './api.ts';
import { percent, ShareBar } from './VisitTags.tsx';

const DATE = 'YYYY-MM-DD';

export function VisitCoverageCard() {
  const { t } = useTranslation();
  const [groupBy, setGroupBy] = useState<VisitCoverageGrouping>('orgUnit');
  const [period, setPeriod] = useState<[Dayjs, Dayjs] | null>(null);
  const { data, error, isFetching, refetch } = useVisitCoverage(
    groupBy,
    period?.[0].format(DATE),
    period?.[1].format(DATE),
  );

  const columns: TableColumnsType<VisitCoverageRow> = [
    {
      title: groupBy === 'chamber' ? t('visits.coverage.chamber') : t('visits.coverage.orgUnit'),
      dataIndex: 'name',
      render: (name: string, row) =>
        groupBy === 'chamber' ? <Link to={`/chambers/${row.id}`}>{name}</Link> : name,
    },
    { title: t('visits.coverage.members'), dataIndex: 'members', width: 110, align: 'right' },
    { title: t('visits.coverage.visited'), dataIndex: 'visited', width: 110, align: 'right' },
    {
      title: t('visits.coverage.share'),
      dataIndex: 'share',
      width: 220,
      render: (share: number | null) => <ShareBar share={share} />,
    },
  ];

  return (
    <Card
      className="visit-coverage-card"
      title={t('visits.coverage.title')}
      extra={
        <Space wrap>
          <Segmented<VisitCoverageGrouping>
            value={groupBy}
            options={[
              { value: 'orgUnit', label: t('visits.coverage.byOrgUnit') },
              { value: 'chamber', label: t('visits.coverage.byChamber') },
            ]}
            onChange={setGroupBy}
            data-testid="visit-coverage-group"
          />
          <DatePicker.RangePicker
            value={period ?? (data ? [dayjs(data.from), dayjs(data.to)] : null)}
            allowClear
            onChange={(value) => setPeriod(value && value[0] && value[1] ? [value[0], value[1]] : null)}
          />
          <RefreshButton onRefresh={refetch} />
        </Space>
      }
      data-testid="visit-coverage"
    >
      {error && !data ? (
        <LoadError error={error} onRetry={() => void refetch()} />
      ) : (
        <Table<VisitCoverageRow>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={data?.rows ?? []}
          loading={isFetching}
          pagination={false}
          scroll={{ x: 560, y: 320 }}
          summary={() =>
            data ? (
              <Table.Summary fixed>
                <Table.Summary.Row className="summary-row">
                  <Table.Summary.Cell index={0}>{t('visits.coverage.total')}</Table.Summary.Cell>
                  <Table.Summary.Cell index={1} align="right">
                    {data.total.members}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={2} align="right">
                    {data.total.visited}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={3}>
                    <span data-testid="visit-coverage-total">{percent(data.total.share)}</span>
                  </Table.Summary.Cell>
                </Table.Summary.Row>
              </Table.Summary>
            ) : null
          }
        />
      )}
    </Card>
  );
}
