// 工作看板 the dashboard leaders open first: the members, party coverage, visits and appeals of a unit's
// subtree for a period (this month, quarter or year, or a range of months), as key figures and charts.
// Every figure, bar, slice and point opens the list of records behind it; every chart reads as a list too.
import { Card, Col, DatePicker, Flex, Row, Segmented, Space, Statistic, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { TFunction } from 'i18next';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import {
  DASHBOARD_CHAMBERS_SHOWN,
  ENTERPRISE_SIZES,
  PARTY_ORG_FILTERS,
  type DashboardQuery,
  type DashboardRate,
  type DashboardResult,
} from '@qinqing/shared';
import { useSession } from '../../app/session.tsx';
import { DrillLink } from '../../components/drill-down.tsx';
import { RefreshButton } from '../../components/FilterActions.tsx';
import { BlockSpin } from '../../components/Loading.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { OrgUnitTreeSelect } from '../org-units/OrgUnitTreeSelect.tsx';
import { useDashboard } from './api.ts';
import { ChartCard } from './ChartCard.tsx';
import {
  donut,
  funnel,
  horizontalBars,
  PARTY_COLOURS,
  percent,
  rateBars,
  trendLines,
  verticalBars,
} from './charts.ts';
import { DepartmentRanking, rateName } from './DepartmentRanking.tsx';
import { SocialResponsibilityCard } from './SocialResponsibilityCard.tsx';
import { useDashboardSource } from './source.ts';
import './dashboard.css';

const PERIODS = ['month', 'quarter', 'year', 'custom'] as const;
const FUNNEL_STAGES = ['received', 'valid', 'forwarded', 'responded', 'resolved', 'satisfied'] as const;
type PeriodKind = (typeof PERIODS)[number];
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What the URL asks for: the period kind, its days for a custom range, and the unit. */
function queryOf(params: URLSearchParams): { kind: PeriodKind; query: DashboardQuery } {
  const orgUnitId = UUID.test(params.get('orgUnitId') ?? '') ? params.get('orgUnitId')! : undefined;
  const asked = PERIODS.find((kind) => kind === params.get('period')) ?? 'quarter';
  const today = dayjs();
  const day = (value: Dayjs) => value.format('YYYY-MM-DD');
  switch (asked) {
    case 'month':
      return {
        kind: asked,
        query: { orgUnitId, from: day(today.startOf('month')), to: day(today.endOf('month')) },
      };
    case 'year':
      return {
        kind: asked,
        query: { orgUnitId, from: day(today.startOf('year')), to: day(today.endOf('year')) },
      };
    case 'custom': {
      const from = params.get('from') ?? '';
      const to = params.get('to') ?? '';
      if (DATE.test(from) && DATE.test(to)) return { kind: asked, query: { orgUnitId, from, to } };
      return { kind: 'quarter', query: { orgUnitId } };
    }
    case 'quarter':
      // The server's quarter (its clock, Asia/Shanghai).
      return { kind: asked, query: { orgUnitId } };
  }
}

/** A figure with its title, linked to the list behind it. */
function Kpi({
  title,
  value,
  link,
  testId,
  suffix,
}: {
  title: string;
  value: string | number;
  link: string;
  testId: string;
  suffix?: ReactNode;
}) {
  const source = useDashboardSource();
  return (
    <DrillLink to={link} source={source} className="kpi-link" data-testid={testId}>
      <Card hoverable size="small" className="kpi-card">
        <Statistic title={title} value={value} suffix={suffix} />
      </Card>
    </DrillLink>
  );
}

/** The items of every chart, in the user's language where the codes have words, and the charts' options. */
function viewOf(data: DashboardResult, t: TFunction) {
  const { members, party, appeals } = data;
  // Codes with words in the user's language; the server's Chinese label otherwise.
  const sizes = members.bySize.map((item) => {
    const size = ENTERPRISE_SIZES.find((value) => value === item.key);
    return { ...item, label: size ? t(`registry.size.${size}`) : t('dashboard.noSize') };
  });
  const partyItems = party.items.map((item) => {
    const state = PARTY_ORG_FILTERS.find((value) => value === item.key);
    return {
      ...item,
      label: state ? t(`registry.party.${state}`) : item.label,
      color: state ? PARTY_COLOURS[state] : undefined,
    };
  });
  const funnelItems = appeals.funnel.map((item) => {
    const stage = FUNNEL_STAGES.find((value) => value === item.key);
    return { ...item, label: stage ? t(`dashboard.funnel.${stage}`) : item.label };
  });
  const industries = members.byIndustry.map((item) =>
    item.key ? item : { ...item, label: t('dashboard.noIndustry') },
  );
  const rates = appeals.rates.map((rate) => ({
    key: rate.key,
    label: rateName(t, rate.key),
    value: percent(rate.value),
    link: rate.link,
  }));
  const trend = appeals.trend.map((month) => ({
    key: month.month,
    label: month.month,
    value: month.received,
    link: month.receivedLink,
  }));
  const count = t('dashboard.members.count');
  return {
    industries,
    sizes,
    partyItems,
    funnelItems,
    rates,
    trend,
    options: {
      industry: horizontalBars(industries, count),
      size: donut(sizes, count),
      street: verticalBars(members.byStreet, count),
      chamber: horizontalBars(members.byChamber, count),
      party: donut(partyItems, count),
      funnel: funnel(funnelItems, t('dashboard.funnel.title')),
      rates: rateBars(appeals.rates.map((rate) => ({ label: rateName(t, rate.key), value: rate.value }))),
      categories: horizontalBars(appeals.categories, t('dashboard.trend.received')),
      trend: trendLines(appeals.trend, [t('dashboard.trend.received'), t('dashboard.trend.resolved')]),
    },
  };
}

function Content({ data }: { data: DashboardResult }) {
  const { t } = useTranslation();
  const source = useDashboardSource();
  const { members, party, visits, appeals } = data;
  const { industries, sizes, partyItems, funnelItems, rates, trend, options } = useMemo(
    () => viewOf(data, t),
    [data, t],
  );
  const rateOf = (key: DashboardRate) => appeals.rates.find((rate) => rate.key === key);

  return (
    <Space orientation="vertical" size={16} className="full-width">
      <Row gutter={[16, 16]} data-testid="dashboard-kpis">
        <Col xs={12} md={8} xl={4}>
          <Kpi
            title={t('dashboard.kpi.members')}
            value={members.active.value}
            link={members.active.link}
            testId="kpi-members"
          />
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Kpi
            title={t('dashboard.kpi.joinedLeft')}
            value={members.joined.value}
            suffix={<span className="kpi-suffix">/ {members.left.value}</span>}
            link={members.joined.link}
            testId="kpi-joined"
          />
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Kpi
            title={t('dashboard.kpi.partyCoverage')}
            value={percent(party.organizationCoverage)}
            suffix={<span className="kpi-suffix">/ {percent(party.workCoverage)}</span>}
            link={party.link}
            testId="kpi-party"
          />
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Kpi
            title={t('dashboard.kpi.visits')}
            value={visits.visits.value}
            suffix={
              <span className="kpi-suffix">
                {t('dashboard.kpi.coverage', { share: percent(visits.coverage) })}
              </span>
            }
            link={visits.visits.link}
            testId="kpi-visits"
          />
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Kpi
            title={t('dashboard.kpi.appeals')}
            value={appeals.total.received}
            suffix={
              <span className="kpi-suffix">
                {t('dashboard.kpi.resolved', { count: appeals.total.resolved })}
              </span>
            }
            link={appeals.funnel[0]?.link ?? '/appeals'}
            testId="kpi-appeals"
          />
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Kpi
            title={t('dashboard.kpi.satisfaction')}
            value={percent(rateOf('satisfaction')?.value)}
            link={rateOf('satisfaction')?.link ?? '/appeals/stats'}
            testId="kpi-satisfaction"
          />
        </Col>
      </Row>

      <Typography.Title level={5} className="section-title">
        {t('dashboard.sections.members')}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <ChartCard
            title={t('dashboard.members.byIndustry')}
            testId="chart-members-industry"
            items={industries}
            option={options.industry}
            height={Math.max(220, industries.length * 28 + 20)}
          />
        </Col>
        <Col xs={24} xl={12}>
          <ChartCard
            title={t('dashboard.members.bySize')}
            testId="chart-members-size"
            items={sizes}
            option={options.size}
            height={300}
          />
        </Col>
        <Col xs={24} xl={12}>
          <ChartCard
            title={t('dashboard.members.byStreet')}
            testId="chart-members-street"
            items={members.byStreet}
            option={options.street}
            height={300}
          />
        </Col>
        <Col xs={24} xl={12}>
          <ChartCard
            title={
              members.byChamber.length < DASHBOARD_CHAMBERS_SHOWN
                ? t('dashboard.members.byChamber')
                : t('dashboard.members.byChamberTop', { count: DASHBOARD_CHAMBERS_SHOWN })
            }
            testId="chart-members-chamber"
            items={members.byChamber}
            option={options.chamber}
            height={Math.max(220, members.byChamber.length * 28 + 20)}
          />
        </Col>
        <Col xs={24} xl={12}>
          <ChartCard
            title={t('dashboard.party.title', {
              organization: percent(party.organizationCoverage),
              work: percent(party.workCoverage),
            })}
            testId="chart-party-coverage"
            items={partyItems}
            option={options.party}
            height={300}
          />
        </Col>
        <Col xs={24} xl={12}>
          <Card
            size="small"
            className="dashboard-card"
            title={t('dashboard.visits.title')}
            data-testid="dashboard-visits"
          >
            <Row gutter={[16, 16]}>
              <Col span={12}>
                <DrillLink to={visits.visits.link} source={source}>
                  <Statistic title={t('dashboard.visits.visits')} value={visits.visits.value} />
                </DrillLink>
              </Col>
              <Col span={12}>
                <Statistic title={t('dashboard.visits.enterprises')} value={visits.enterprisesVisited} />
              </Col>
              <Col span={12}>
                <Statistic
                  title={t('dashboard.visits.visitedMembers')}
                  value={visits.visitedMembers}
                  suffix={`/ ${visits.members}`}
                />
              </Col>
              <Col span={12}>
                <Statistic
                  title={t('dashboard.visits.coverage')}
                  value={percent(visits.coverage)}
                  styles={{ content: { color: '#b8141c' } }}
                />
              </Col>
            </Row>
            <Typography.Paragraph type="secondary" className="dashboard-note">
              {t('dashboard.visits.note')}
            </Typography.Paragraph>
          </Card>
        </Col>
      </Row>

      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col span={24}>
          <SocialResponsibilityCard figures={data.socialResponsibility.items} source={source} />
        </Col>
        {/* 惠企政策 policies */}
        <Col span={24}>
          <SocialResponsibilityCard
            figures={data.policies.items}
            source={source}
            title={t('nav.policies')}
            testId="dashboard-policies"
          />
        </Col>
      </Row>
      {/* events (issue 16): the education card, read from the measures like the one above. */}
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col span={24}>
          <SocialResponsibilityCard
            figures={data.education.items}
            source={source}
            title={t('events.dashboardTitle')}
            testId="dashboard-education"
          />
        </Col>
      </Row>
      {/* 融资 financing */}
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col span={24}>
          <SocialResponsibilityCard figures={data.financing.items} source={source} section="financing" />
        </Col>
      </Row>

      <Typography.Title level={5} className="section-title">
        {t('dashboard.sections.appeals')}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <ChartCard
            title={t('dashboard.funnel.title')}
            testId="chart-appeal-funnel"
            items={funnelItems}
            option={options.funnel}
            height={300}
          >
            <Typography.Paragraph type="secondary" className="dashboard-note">
              {t('dashboard.funnel.note')}
            </Typography.Paragraph>
          </ChartCard>
        </Col>
        <Col xs={24} xl={12}>
          <ChartCard
            title={t('dashboard.rates.title')}
            testId="chart-appeal-rates"
            items={rates}
            option={options.rates}
            height={300}
          />
        </Col>
        <Col xs={24} xl={12}>
          <ChartCard
            title={t('dashboard.categories')}
            testId="chart-appeal-categories"
            items={appeals.categories}
            option={options.categories}
            height={Math.max(220, appeals.categories.length * 28 + 20)}
          />
        </Col>
        <Col xs={24} xl={12}>
          <ChartCard
            title={t('dashboard.trend.title')}
            testId="chart-appeal-trend"
            items={trend}
            option={options.trend}
            height={300}
            linkOf={(series, index) =>
              series === 1 ? appeals.trend[index]?.resolvedLink : appeals.trend[index]?.receivedLink
            }
          />
        </Col>
        <Col span={24}>
          <DepartmentRanking ranking={appeals.departments} />
        </Col>
      </Row>
    </Space>
  );
}

export function DashboardPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const [searchParams, setSearchParams] = useSearchParams();
  const { kind, query } = queryOf(searchParams);
  const { data, error, isPending, isFetching, refetch } = useDashboard(query);

  const set = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(searchParams);
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined) next.delete(key);
      else next.set(key, value);
    }
    setSearchParams(next, { replace: true });
  };
  const shown: [Dayjs, Dayjs] | null = data ? [dayjs(data.from), dayjs(data.to)] : null;

  return (
    <div data-testid="dashboard">
      <PageHeader title={t('dashboard.title')}>{t('dashboard.intro')}</PageHeader>
      <Card className="filter-card">
        <Flex wrap gap={12} align="center">
          <Segmented<PeriodKind>
            value={kind}
            onChange={(value) =>
              set(
                value === 'custom'
                  ? { period: value, from: data?.from, to: data?.to }
                  : { period: value === 'quarter' ? undefined : value, from: undefined, to: undefined },
              )
            }
            options={PERIODS.map((value) => ({ value, label: t(`dashboard.period.${value}`) }))}
            data-testid="dashboard-period"
          />
          {/* Whole months: the dashboard reads months, as the federation's figures are kept. */}
          <DatePicker.RangePicker
            picker="month"
            value={shown}
            allowClear={false}
            disabled={kind !== 'custom'}
            onChange={(range) => {
              if (range?.[0] && range[1])
                set({
                  period: 'custom',
                  from: range[0].startOf('month').format('YYYY-MM-DD'),
                  to: range[1].endOf('month').format('YYYY-MM-DD'),
                });
            }}
            data-testid="dashboard-range"
          />
          <OrgUnitTreeSelect
            value={query.orgUnitId ?? user.orgUnitId}
            onChange={(value) => set({ orgUnitId: value === user.orgUnitId ? undefined : value })}
            style={{ width: 260 }}
          />
          <RefreshButton onRefresh={refetch} />
          {isFetching && data ? (
            <Typography.Text type="secondary">{t('dashboard.loading')}</Typography.Text>
          ) : null}
        </Flex>
      </Card>
      {error && !data ? (
        <LoadError error={error} onRetry={() => void refetch()} />
      ) : isPending ? (
        <BlockSpin />
      ) : (
        <>
          <Typography.Paragraph type="secondary" data-testid="dashboard-scope">
            {t('dashboard.scope', { unit: data.orgUnit.name, from: data.from, to: data.to })}
          </Typography.Paragraph>
          <Content data={data} />
        </>
      )}
    </div>
  );
}
