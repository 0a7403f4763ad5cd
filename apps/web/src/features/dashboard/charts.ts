// The ECharts options of the dashboard's charts, built from the server's items: plain objects, so the page
// can prepare them before the chart library has loaded.
import type { DashboardRate, DashboardResult, DepartmentRankItem, PARTY_ORG_FILTERS } from '@qinqing/shared';

const BRAND = '#b8141c';
const PALETTE = ['#b8141c', '#f0a020', '#2f7d32', '#1f5fa8', '#8e44ad', '#16a085', '#d35400', '#7f8c8d'];

/** 0.8123 → "81.2%"; nothing to divide by → "—". */
export function percent(ratio: number | null | undefined): string {
  return ratio === null || ratio === undefined ? '—' : `${(ratio * 100).toFixed(1)}%`;
}

const asPercent = (ratio: number | null) => (ratio === null ? null : Math.round(ratio * 1000) / 10);

interface Labelled {
  label: string;
  value: number;
  /** The item's own colour, where its meaning has one (covered green, not covered grey). */
  color?: string;
}

/**
 * 两个覆盖 in the colours of what they mean: an organization of its own the positive green, party work by an
 * instructor a lighter green, not covered a neutral grey — never green.
 */
export const PARTY_COLOURS: Record<(typeof PARTY_ORG_FILTERS)[number], string> = {
  organized: '#2f7d32',
  instructor_only: '#8bc34a',
  none: '#bfbfbf',
};

/** Horizontal bars, the first item at the top: long names (industries, chambers) stay readable. */
export function horizontalBars(items: readonly Labelled[], name: string) {
  return {
    color: [BRAND],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: {
      type: 'category',
      inverse: true,
      data: items.map((item) => item.label),
      axisLabel: { width: 150, overflow: 'truncate' },
    },
    series: [
      {
        name,
        type: 'bar',
        barMaxWidth: 22,
        label: { show: true, position: 'right' },
        data: items.map((item) => item.value),
      },
    ],
  };
}

export function verticalBars(items: readonly Labelled[], name: string) {
  return {
    color: [BRAND],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 8, top: 24, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: items.map((item) => item.label),
      axisLabel: { interval: 0, rotate: items.length > 5 ? 30 : 0 },
    },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        name,
        type: 'bar',
        barMaxWidth: 32,
        label: { show: true, position: 'top' },
        data: items.map((item) => item.value),
      },
    ],
  };
}

export function donut(items: readonly Labelled[], name: string) {
  return {
    color: PALETTE,
    tooltip: { trigger: 'item', formatter: '{b}：{c}（{d}%）' },
    legend: { bottom: 0, type: 'scroll' },
    series: [
      {
        name,
        type: 'pie',
        radius: ['40%', '68%'],
        center: ['50%', '44%'],
        label: { formatter: '{b}\n{c}' },
        data: items.map((item) => ({
          name: item.label,
          value: item.value,
          ...(item.color ? { itemStyle: { color: item.color } } : {}),
        })),
      },
    ],
  };
}

export function funnel(items: readonly Labelled[], name: string) {
  return {
    color: PALETTE,
    tooltip: { trigger: 'item', formatter: '{b}：{c}' },
    series: [
      {
        name,
        type: 'funnel',
        sort: 'none',
        left: '10%',
        width: '80%',
        top: 8,
        bottom: 8,
        minSize: '36%',
        label: { show: true, position: 'inside', formatter: '{b} {c}' },
        data: items.map((item) => ({ name: item.label, value: item.value })),
      },
    ],
  };
}

export function rateBars(rates: readonly { label: string; value: number | null }[]) {
  return {
    color: [BRAND],
    tooltip: {
      trigger: 'axis',
      valueFormatter: (value: unknown) => (value === null || value === undefined ? '—' : `${String(value)}%`),
    },
    grid: { left: 8, right: 8, top: 24, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: rates.map((rate) => rate.label) },
    yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      {
        type: 'bar',
        barMaxWidth: 40,
        label: { show: true, position: 'top', formatter: '{c}%' },
        data: rates.map((rate) => asPercent(rate.value)),
      },
    ],
  };
}

export function trendLines(trend: DashboardResult['appeals']['trend'], names: [string, string]) {
  return {
    color: [BRAND, '#2f7d32'],
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: trend.map((month) => month.month) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        name: names[0],
        type: 'line',
        symbolSize: 8,
        data: trend.map((month) => month.received),
      },
      {
        name: names[1],
        type: 'line',
        symbolSize: 8,
        data: trend.map((month) => month.resolved),
      },
    ],
  };
}

/** The grid of the department chart, fixed so that a bar's place follows from its rank. */
export const DEPARTMENT_GRID = { left: 180, right: 64, top: 8, bottom: 28 };
export const DEPARTMENT_BAR_HEIGHT = 36;

export interface DepartmentTexts {
  rateName: string;
  score: string;
  raw: string;
  volume: string;
  /** The volume beside a bar: "3 件". */
  volumeShort: (count: number) => string;
  sample: (successes: number, trials: number) => string;
  tooFew: string;
}

/**
 * The ranking by one rate as horizontal bars of the score, the best at the top; departments with too few
 * forwards are drawn pale. The tooltip shows the raw rate, the sample and the volume beside the score.
 */
export function departmentBars(
  items: readonly DepartmentRankItem[],
  rate: DashboardRate,
  texts: DepartmentTexts,
) {
  return {
    tooltip: {
      trigger: 'item',
      formatter: (params: { dataIndex: number }) => {
        const item = items[params.dataIndex];
        if (!item) return '';
        const estimate = item.rates[rate];
        return [
          `<b>${escapeHtml(item.name)}</b>${item.sufficient ? '' : `（${texts.tooFew}）`}`,
          `${texts.score}：${percent(estimate.score)}`,
          `${texts.raw}：${percent(estimate.raw)}（${texts.sample(estimate.successes, estimate.trials)}）`,
          `${texts.volume}：${item.volume}`,
        ].join('<br/>');
      },
    },
    grid: DEPARTMENT_GRID,
    xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: items.map((item) => item.name),
      axisLabel: { width: DEPARTMENT_GRID.left - 12, overflow: 'truncate' },
    },
    series: [
      {
        name: texts.rateName,
        type: 'bar',
        barMaxWidth: 22,
        label: {
          show: true,
          position: 'right',
          formatter: (params: { dataIndex: number }) => {
            const item = items[params.dataIndex];
            return item ? `${percent(item.rates[rate].score)} · ${texts.volumeShort(item.volume)}` : '';
          },
        },
        data: items.map((item) => ({
          value: asPercent(item.rates[rate].score) ?? 0,
          itemStyle: { color: BRAND, opacity: item.sufficient ? 1 : 0.35 },
        })),
      },
    ],
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
