// 职能部门排名 the fair ranking of departments on the dashboard: bars of the chosen rate's score (a
// shrinkage estimate, see modules/dashboard/fairness.ts on the server) with the table of raw rates and
// volumes beside them; departments with too few forwards are marked and ranked after the others.
import { InfoCircleOutlined } from '@ant-design/icons';
import { Card, Empty, Segmented, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import { Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DASHBOARD_RATES,
  type DashboardRate,
  type DashboardResult,
  type DepartmentRankItem,
} from '@qinqing/shared';
import { DrillLink } from '../../components/drill-down.tsx';
import { BlockSpin } from '../../components/Loading.tsx';
import { DashboardChart } from './ChartCard.tsx';
import { useDashboardSource } from './source.ts';
import { DEPARTMENT_BAR_HEIGHT, DEPARTMENT_GRID, departmentBars, percent } from './charts.ts';

export function rateName(t: TFunction, rate: DashboardRate): string {
  return t(`dashboard.rates.${rate}`);
}

/** The fair ranking: bars of the chosen rate's score, and the table with the raw rate and the volume. */
export function DepartmentRanking({ ranking }: { ranking: DashboardResult['appeals']['departments'] }) {
  const { t } = useTranslation();
  const source = useDashboardSource();
  const [rate, setRate] = useState<DashboardRate>('satisfaction');
  const items = useMemo(
    () => [...ranking.items].sort((a, b) => a.ranks[rate] - b.ranks[rate]),
    [ranking.items, rate],
  );
  const option = useMemo(
    () =>
      departmentBars(items, rate, {
        rateName: rateName(t, rate),
        score: t('dashboard.ranking.score'),
        raw: t('dashboard.ranking.raw'),
        volume: t('dashboard.ranking.volume'),
        volumeShort: (count) => t('dashboard.ranking.volumeShort', { count }),
        sample: (successes, trials) => t('dashboard.ranking.sample', { successes, trials }),
        tooFew: t('dashboard.ranking.tooFew'),
      }),
    [items, rate, t],
  );
  const columns: TableColumnsType<DepartmentRankItem> = [
    { title: t('dashboard.ranking.rank'), key: 'rank', width: 64, render: (_, item) => item.ranks[rate] },
    {
      title: t('dashboard.ranking.department'),
      dataIndex: 'name',
      render: (name: string, item) => (
        <Space size={4} wrap>
          <DrillLink to={item.link} source={source} data-testid={`department-link-${item.id}`}>
            {name}
          </DrillLink>
          {item.sufficient ? null : <Tag>{t('dashboard.ranking.tooFew')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('dashboard.ranking.score'),
      key: 'score',
      align: 'right',
      width: 100,
      render: (_, item) => <b>{percent(item.rates[rate].score)}</b>,
    },
    {
      title: t('dashboard.ranking.raw'),
      key: 'raw',
      align: 'right',
      width: 150,
      render: (_, item) =>
        `${percent(item.rates[rate].raw)}（${t('dashboard.ranking.sample', {
          successes: item.rates[rate].successes,
          trials: item.rates[rate].trials,
        })}）`,
    },
    { title: t('dashboard.ranking.volume'), dataIndex: 'volume', align: 'right', width: 100 },
  ];
  const formula = t('dashboard.ranking.formula', {
    k: ranking.priorWeight,
    min: ranking.minVolume,
    overall: percent(ranking.overall[rate]),
  });
  return (
    <Card
      size="small"
      className="dashboard-card"
      data-testid="department-ranking-card"
      title={
        <Space size={6}>
          {t('dashboard.ranking.title')}
          <Tooltip title={formula}>
            <InfoCircleOutlined className="dashboard-hint" data-testid="department-ranking-formula" />
          </Tooltip>
        </Space>
      }
      extra={
        <Segmented<DashboardRate>
          size="small"
          value={rate}
          onChange={setRate}
          options={DASHBOARD_RATES.map((value) => ({ value, label: rateName(t, value) }))}
          data-testid="department-ranking-rate"
        />
      }
    >
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboard.noData')} />
      ) : (
        <>
          <Suspense fallback={<BlockSpin />}>
            <DashboardChart
              option={option}
              height={items.length * DEPARTMENT_BAR_HEIGHT + DEPARTMENT_GRID.top + DEPARTMENT_GRID.bottom}
              testId={`chart-department-${rate}`}
              source={source}
              linkOf={(_, index) => items[index]?.link}
            />
          </Suspense>
          <Typography.Paragraph type="secondary" className="dashboard-note">
            {formula}
          </Typography.Paragraph>
          <Table<DepartmentRankItem>
            rowKey="id"
            size="small"
            pagination={false}
            columns={columns}
            dataSource={items}
            onRow={(item) => ({ 'data-testid': `department-rank-${item.id}` }) as object}
            data-testid="department-ranking"
          />
        </>
      )}
    </Card>
  );
}
