// 三率 as a grouped bar chart: response, resolution and satisfaction rates side by side for each group.
// Loaded on demand with only the ECharts parts it draws with.
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppealStatsResult } from '@qinqing/shared';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const asPercent = (ratio: number | null) => (ratio === null ? null : Math.round(ratio * 1000) / 10);

export function AppealRatesChart({ groups }: { groups: AppealStatsResult['groups'] }) {
  const { t } = useTranslation();
  const element = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!element.current) return;
    const chart = echarts.init(element.current);
    const rates = [
      { name: t('appeals.stats.responseRate'), pick: (row: (typeof groups)[number]) => row.responseRate },
      { name: t('appeals.stats.resolutionRate'), pick: (row: (typeof groups)[number]) => row.resolutionRate },
      {
        name: t('appeals.stats.satisfactionRate'),
        pick: (row: (typeof groups)[number]) => row.satisfactionRate,
      },
    ];
    chart.setOption({
      color: ['#b8141c', '#f0a020', '#2f7d32'],
      tooltip: {
        trigger: 'axis',
        valueFormatter: (value: unknown) =>
          value === null || value === undefined ? '—' : `${String(value)}%`,
      },
      legend: { top: 0 },
      grid: { left: 48, right: 16, top: 40, bottom: 64 },
      xAxis: {
        type: 'category',
        data: groups.map((row) => row.label),
        axisLabel: { interval: 0, rotate: groups.length > 6 ? 30 : 0 },
      },
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      series: rates.map((rate) => ({
        name: rate.name,
        type: 'bar',
        barMaxWidth: 24,
        data: groups.map((row) => asPercent(rate.pick(row))),
      })),
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [groups, t]);

  return <div ref={element} className="rates-chart" data-testid="appeal-rates-chart" />;
}
