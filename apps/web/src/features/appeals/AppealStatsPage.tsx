// 诉求统计 the figures of the service loop for a period, always computed from the records: received, valid,
// forwarded, resolved and the rates (响应率, 解决率, 满意率, 按时办结率), by department, category, org unit,
// chamber or month — as a summary row, a grouped bar chart of 三率 and a table.
import { Card, Col, DatePicker, Row, Select, Space, Statistic, Table, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useSearchParams } from 'react-router';
import { APPEAL_STATS_GROUPS, type AppealStatsGroup, type AppealStatsResult } from '@qinqing/shared';
import { BackToSource } from '../../components/drill-down.tsx';
import { RefreshButton } from '../../components/FilterActions.tsx';
import { BlockSpin } from '../../components/Loading.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { oneOf } from '../../components/list-query.ts';
import { useAppealStats } from './api.ts';
import '../enterprises/registry.css';
import './appeals.css';

const AppealRatesChart = lazy(() =>
  import('./AppealRatesChart.tsx').then((m) => ({ default: m.AppealRatesChart })),
);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The calendar quarter of today: the period a federation reports on by default (每季一考核). */
function thisQuarter(): [Dayjs, Dayjs] {
  const today = dayjs();
  const start = today.month(today.month() - (today.month() % 3)).startOf('month');
  return [start, start.add(2, 'month').endOf('month')];
}

/** 0.8123 → "81.2%"; nothing to divide by → "—". */
export function percent(ratio: number | null): string {
  return ratio === null ? '—' : `${(ratio * 100).toFixed(1)}%`;
}

type Group = AppealStatsResult['groups'][number];

/** The counts and the rates the table shows, in order; the summary row shows the first four and the rates. */
const COUNTS = [
  'received',
  'valid',
  'forwarded',
  'resolved',
  'invalid',
  'returned',
  'respondedOnTime',
  'unsolvable',
  'openOverdue',
  'rated',
] as const;
const SUMMARY_COUNTS = COUNTS.slice(0, 4);
const RATES = ['responseRate', 'resolutionRate', 'satisfactionRate', 'onTimeRate'] as const;

export function AppealStatsPage() {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const location = useLocation();
  const [defaultFrom, defaultTo] = thisQuarter();
  const from = DATE.test(searchParams.get('from') ?? '')
    ? searchParams.get('from')!
    : defaultFrom.format('YYYY-MM-DD');
  const to = DATE.test(searchParams.get('to') ?? '')
    ? searchParams.get('to')!
    : defaultTo.format('YYYY-MM-DD');
  const groupBy = oneOf<AppealStatsGroup>(APPEAL_STATS_GROUPS, searchParams.get('groupBy')) ?? 'department';
  // A unit inside the caller's subtree (a report's figure opens its unit's page); the API checks the scope.
  const orgUnitId = UUID.test(searchParams.get('orgUnitId') ?? '')
    ? searchParams.get('orgUnitId')!
    : undefined;
  const { data, error, isPending, isFetching, refetch } = useAppealStats({ groupBy, from, to, orgUnitId });

  const set = (changes: Record<string, string>) => {
    const next = new URLSearchParams(searchParams);
    for (const [key, value] of Object.entries(changes)) next.set(key, value);
    setSearchParams(next, { replace: true, state: location.state });
  };

  const columns: TableColumnsType<Group> = [
    { title: t(`appeals.stats.groupBy.${groupBy}`), dataIndex: 'label', fixed: 'left', width: 180 },
    ...COUNTS.map((key) => ({
      title: t(`appeals.stats.${key}`),
      dataIndex: key,
      width: 90,
      align: 'right' as const,
    })),
    ...RATES.map((key) => ({
      title: t(`appeals.stats.${key}`),
      dataIndex: key,
      width: 100,
      align: 'right' as const,
      render: (value: number | null) => percent(value),
    })),
  ];

  return (
    <div data-testid="appeal-stats">
      <BackToSource />
      <PageHeader title={t('appeals.stats.title')}>{t('appeals.stats.intro')}</PageHeader>
      <Card className="filter-card">
        <Space wrap>
          <DatePicker.RangePicker
            value={[dayjs(from), dayjs(to)]}
            allowClear={false}
            onChange={(range) => {
              if (range?.[0] && range[1])
                set({ from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') });
            }}
            presets={[
              { label: t('appeals.stats.thisQuarter'), value: thisQuarter() },
              { label: t('appeals.stats.thisYear'), value: [dayjs().startOf('year'), dayjs().endOf('year')] },
            ]}
            data-testid="stats-period"
          />
          <Select<AppealStatsGroup>
            value={groupBy}
            style={{ width: 160 }}
            onChange={(value) => set({ groupBy: value })}
            options={APPEAL_STATS_GROUPS.map((value) => ({
              value,
              label: t('appeals.stats.by', { group: t(`appeals.stats.groupBy.${value}`) }),
            }))}
            data-testid="stats-group"
          />
          <RefreshButton onRefresh={refetch} />
        </Space>
      </Card>
      {error && !data ? (
        <LoadError error={error} onRetry={() => void refetch()} />
      ) : isPending ? (
        <BlockSpin />
      ) : (
        <Space orientation="vertical" size={16} className="full-width">
          <Card>
            <Row gutter={[16, 16]} data-testid="stats-summary">
              {SUMMARY_COUNTS.map((key) => (
                <Col key={key} xs={12} md={6} xl={3}>
                  <div data-testid={`stats-${key}`}>
                    <Statistic title={t(`appeals.stats.${key}`)} value={data.total[key]} />
                  </div>
                </Col>
              ))}
              {RATES.map((key) => (
                <Col key={key} xs={12} md={6} xl={3}>
                  <div data-testid={`stats-${key}`}>
                    <Statistic
                      title={t(`appeals.stats.${key}`)}
                      value={percent(data.total[key])}
                      styles={{ content: { color: '#b8141c' } }}
                    />
                  </div>
                </Col>
              ))}
            </Row>
          </Card>
          {data.groups.length > 0 ? (
            <Card title={t('appeals.stats.chart')}>
              <Suspense fallback={<BlockSpin />}>
                <AppealRatesChart groups={data.groups} />
              </Suspense>
            </Card>
          ) : null}
          <Card className="table-card">
            <Table<Group>
              rowKey="key"
              size="middle"
              columns={columns}
              dataSource={data.groups}
              loading={isFetching}
              pagination={false}
              scroll={{ x: 1500 }}
              data-testid="stats-table"
              summary={() => (
                <Table.Summary.Row className="summary-row">
                  <Table.Summary.Cell index={0}>{t('appeals.stats.total')}</Table.Summary.Cell>
                  {COUNTS.map((key, index) => (
                    <Table.Summary.Cell key={key} index={index + 1} align="right">
                      {data.total[key]}
                    </Table.Summary.Cell>
                  ))}
                  {RATES.map((key, index) => (
                    <Table.Summary.Cell key={key} index={COUNTS.length + index + 1} align="right">
                      {percent(data.total[key])}
                    </Table.Summary.Cell>
                  ))}
                </Table.Summary.Row>
              )}
            />
          </Card>
        </Space>
      )}
    </div>
  );
}
