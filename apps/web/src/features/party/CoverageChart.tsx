// 两个覆盖 as a bar chart: organization and work coverage side by side for each chamber or org unit.
// Loaded on demand with only the ECharts parts it draws with.
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { CoverageRow } from '@qinqing/shared';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const asPercent = (ratio: number | null) => (ratio === null ? null : Math.round(ratio * 1000) / 10);

export function CoverageChart({ rows }: { rows: readonly CoverageRow[] }) {
  const { t } = useTranslation();
  const element = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!element.current) return;
    const chart = echarts.init(element.current);
    chart.setOption({
      color: ['#b8141c', '#f0a020'],
      tooltip: {
        trigger: 'axis',
        valueFormatter: (value: unknown) => (value === null ? '—' : `${String(value)}%`),
      },
      legend: { top: 0 },
      grid: { left: 48, right: 16, top: 40, bottom: 64 },
      xAxis: {
        type: 'category',
        data: rows.map((row) => row.name),
        axisLabel: { interval: 0, rotate: rows.length > 6 ? 30 : 0 },
      },
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        {
          name: t('party.coverage.organizationCoverage'),
          type: 'bar',
          barMaxWidth: 28,
          data: rows.map((row) => asPercent(row.organizationCoverage)),
        },
        {
          name: t('party.coverage.workCoverage'),
          type: 'bar',
          barMaxWidth: 28,
          data: rows.map((row) => asPercent(row.workCoverage)),
        },
      ],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [rows, t]);

  return <div ref={element} className="coverage-chart" data-testid="coverage-chart" />;
}
