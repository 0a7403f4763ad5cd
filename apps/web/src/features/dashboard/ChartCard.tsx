// A chart of the dashboard (工作看板) in its card: the chart, or the same items as a list of links, for
// reading exact numbers or getting about without a mouse.
import { BarChartOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { Card, Empty, Segmented, Space, Table, type TableColumnsType } from 'antd';
import type { EChartsCoreOption } from 'echarts/core';
import { lazy, Suspense, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DrillLink } from '../../components/drill-down.tsx';
import { BlockSpin } from '../../components/Loading.tsx';
import { useDashboardSource } from './source.ts';

/** The chart library is loaded with the first chart, not with the app. */
export const DashboardChart = lazy(() =>
  import('./DashboardChart.tsx').then((m) => ({ default: m.DashboardChart })),
);

/** What a chart's list view shows of one item: its name (a link to its list) and its figure. */
export interface ListItem {
  key: string;
  label: string;
  value: ReactNode;
  link: string;
  /** The item's colour in the chart, shown as a swatch before its name (the chart's legend). */
  color?: string;
}

interface ChartCardProps {
  title: ReactNode;
  testId: string;
  items: readonly ListItem[];
  option: EChartsCoreOption;
  height: number;
  /** The list behind a clicked point; by default the item of that index. */
  linkOf?: (seriesIndex: number, dataIndex: number) => string | undefined;
  extra?: ReactNode;
  children?: ReactNode;
}

/** A chart, or the same items as a list of links (for reading exact numbers, or without a mouse). */
export function ChartCard({ title, testId, items, option, height, linkOf, extra, children }: ChartCardProps) {
  const { t } = useTranslation();
  const [view, setView] = useState<'chart' | 'list'>('chart');
  const source = useDashboardSource();
  const columns: TableColumnsType<ListItem> = [
    {
      title: t('dashboard.item'),
      dataIndex: 'label',
      render: (label: string, item) => (
        <>
          {item.color && (
            <span className="chart-swatch" style={{ background: item.color }} aria-hidden="true" />
          )}
          <DrillLink to={item.link} source={source}>
            {label}
          </DrillLink>
        </>
      ),
    },
    {
      title: t('dashboard.count'),
      dataIndex: 'value',
      align: 'right',
      width: 120,
    },
  ];
  return (
    <Card
      title={title}
      size="small"
      className="dashboard-card"
      data-testid={`${testId}-card`}
      extra={
        <Space>
          {extra}
          <Segmented<'chart' | 'list'>
            size="small"
            value={view}
            onChange={setView}
            options={[
              { value: 'chart', icon: <BarChartOutlined />, title: t('dashboard.asChart') },
              { value: 'list', icon: <UnorderedListOutlined />, title: t('dashboard.asList') },
            ]}
            data-testid={`${testId}-view`}
          />
        </Space>
      }
    >
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboard.noData')} />
      ) : view === 'chart' ? (
        <Suspense fallback={<BlockSpin />}>
          <DashboardChart
            option={option}
            height={height}
            testId={testId}
            source={source}
            linkOf={linkOf ?? ((_, index) => items[index]?.link)}
          />
        </Suspense>
      ) : (
        <Table
          rowKey="key"
          size="small"
          pagination={false}
          columns={columns}
          dataSource={[...items]}
          data-testid={`${testId}-list`}
        />
      )}
      {children}
    </Card>
  );
}
