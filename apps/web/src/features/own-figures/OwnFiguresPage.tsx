// 本单位工作情况: a liaison's (or head's) department, a secretary's chamber — each figure a measure of the
// registry with its catalogue name and definition, for a month, quarter or year, linked to the list behind it
// where the house has one.
import { Alert, Card, Col, DatePicker, Row, Segmented, Space, Statistic, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import {
  ownFigurePeriod,
  type DepartmentOwnFigures,
  type OwnFigure,
  type OwnFigurePeriodKind,
} from '@qinqing/shared';
import { LoadError } from '../../components/LoadError.tsx';
import { BlockSpin } from '../../components/Loading.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useOwnFigures, type OwnFiguresKind } from './api.ts';

const PICKERS: Record<OwnFigurePeriodKind, 'month' | 'quarter' | 'year'> = {
  month: 'month',
  quarter: 'quarter',
  year: 'year',
};

function periodOf(kind: OwnFigurePeriodKind, day: Dayjs): string {
  if (kind === 'year') return day.format('YYYY');
  if (kind === 'month') return day.format('YYYY-MM');
  return `${day.format('YYYY')}-Q${Math.floor(day.month() / 3) + 1}`;
}

function FigureCard({ figure }: { figure: OwnFigure }) {
  const { t } = useTranslation();
  const rank = figure.id.endsWith('Rank');
  const shown =
    figure.value === null
      ? t('ownFigures.noValue')
      : figure.unit === 'ratio'
        ? `${(figure.value * 100).toFixed(1)}%`
        : rank
          ? t('ownFigures.place', { value: figure.value })
          : figure.value;
  return (
    <Card size="small" data-testid={`own-figure-${figure.id}`}>
      <Tooltip title={figure.definition}>
        <Statistic title={figure.label} value={shown} />
      </Tooltip>
      {figure.list ? <Link to={figure.list}>{t('ownFigures.openList')}</Link> : null}
    </Card>
  );
}

export function OwnFiguresPage({ kind }: { kind: OwnFiguresKind }) {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const asked = searchParams.get('period') ?? '';
  const parsed = ownFigurePeriod(asked);
  const periodKind: OwnFigurePeriodKind = parsed?.kind ?? 'quarter';
  const day = parsed ? dayjs(parsed.from) : dayjs();
  const period = parsed ? asked : periodOf('quarter', day);
  const figures = useOwnFigures(kind, period);
  const choose = (nextKind: OwnFigurePeriodKind, nextDay: Dayjs) =>
    setSearchParams({ period: periodOf(nextKind, nextDay) }, { replace: true });
  const data = figures.data;
  const federation = data?.federation?.name ?? '';
  const ranking = data && 'ranking' in data ? (data as DepartmentOwnFigures).ranking : null;
  return (
    <>
      <PageHeader title={t(`ownFigures.${kind}`)}>
        {data ? `${data.unit.name} · ${data.periodLabel}。` : null}
        {t(`ownFigures.${kind}Intro`, { federation })}
      </PageHeader>
      <Space wrap style={{ marginBottom: 16 }}>
        <Typography.Text>{t('ownFigures.period')}</Typography.Text>
        <Segmented<OwnFigurePeriodKind>
          value={periodKind}
          options={(['month', 'quarter', 'year'] as const).map((value) => ({
            value,
            label: t(`ownFigures.${value}`),
          }))}
          onChange={(value) => choose(value, day)}
        />
        <DatePicker
          picker={PICKERS[periodKind]}
          value={day}
          allowClear={false}
          onChange={(value) => {
            if (value) choose(periodKind, value);
          }}
        />
      </Space>
      {figures.isPending ? (
        <BlockSpin />
      ) : figures.isError ? (
        <LoadError error={figures.error} onRetry={() => void figures.refetch()} />
      ) : (
        <>
          {ranking ? (
            <Alert
              style={{ marginBottom: 16 }}
              type={ranking.sufficient ? 'info' : 'warning'}
              message={
                ranking.sufficient
                  ? t('ownFigures.ranked', { count: ranking.ranked })
                  : `${t('ownFigures.ranked', { count: ranking.ranked })}；${t('ownFigures.insufficient', { minVolume: ranking.minVolume })}`
              }
            />
          ) : null}
          <Row gutter={[16, 16]}>
            {figures.data.figures.map((figure) => (
              <Col key={figure.id} xs={12} sm={8} md={6} xl={4}>
                <FigureCard figure={figure} />
              </Col>
            ))}
          </Row>
        </>
      )}
    </>
  );
}

export function OwnDepartmentFiguresPage() {
  return <OwnFiguresPage kind="department" />;
}

export function OwnChamberFiguresPage() {
  return <OwnFiguresPage kind="chamber" />;
}
