// One chart of the dashboard (工作看板): ECharts with only the parts the dashboard draws with, loaded on
// demand; clicking a bar, slice or point opens the list of records behind it.
import { BarChart, FunnelChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useNavigate } from 'react-router';
import { drillState, type DrillSource } from '../../components/drill-down.tsx';

echarts.use([
  BarChart,
  FunnelChart,
  LineChart,
  PieChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  CanvasRenderer,
]);

export interface DashboardChartProps {
  option: echarts.EChartsCoreOption;
  /** The app path behind a data item of a series, if any. */
  linkOf: (seriesIndex: number, dataIndex: number) => string | undefined;
  height: number;
  testId: string;
  /** The page the lists are opened from: they link back to it. */
  source: DrillSource;
}

export function DashboardChart({ option, linkOf, height, testId, source }: DashboardChartProps) {
  const element = useRef<HTMLDivElement>(null);
  const navigate = useNavigate();
  // The latest click target and source without re-creating the chart on every render.
  const latestLinkOf = useRef(linkOf);
  const latestSource = useRef(source);
  useEffect(() => {
    latestLinkOf.current = linkOf;
    latestSource.current = source;
  }, [linkOf, source]);

  useEffect(() => {
    if (!element.current) return;
    const chart = echarts.init(element.current);
    chart.setOption(option);
    chart.on('click', (params) => {
      if (params.componentType !== 'series' || params.dataIndex === undefined) return;
      const link = latestLinkOf.current(params.seriesIndex ?? 0, params.dataIndex);
      if (link) navigate(link, { state: drillState(latestSource.current) });
    });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element.current);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [option, navigate]);

  return <div ref={element} style={{ height }} className="dashboard-chart" data-testid={testId} />;
}
