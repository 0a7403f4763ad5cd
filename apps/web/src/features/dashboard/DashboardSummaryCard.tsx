// The dashboard's key figures on the workbench (工作台) of those who read it — leaders above all: this
// quarter's members, visits, appeals and satisfaction, each opening its list, and the way to the dashboard.
import { RightOutlined } from '@ant-design/icons';
import { Button, Card, Col, Row, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DrillLink, useDrillSource } from '../../components/drill-down.tsx';
import { useDashboard } from './api.ts';
import { percent } from './charts.ts';

export function DashboardSummaryCard() {
  const { t } = useTranslation();
  const { data } = useDashboard({});
  const source = useDrillSource(t('nav.home'));
  const satisfaction = data?.appeals.rates.find((rate) => rate.key === 'satisfaction');
  const figures = [
    {
      key: 'members',
      title: t('dashboard.kpi.members'),
      value: data?.members.active.value,
      link: data?.members.active.link,
    },
    {
      key: 'visits',
      title: t('dashboard.kpi.visits'),
      value: data?.visits.visits.value,
      link: data?.visits.visits.link,
    },
    {
      key: 'appeals',
      title: t('dashboard.kpi.appeals'),
      value: data?.appeals.total.received,
      link: data?.appeals.funnel[0]?.link,
    },
    {
      key: 'satisfaction',
      title: t('dashboard.kpi.satisfaction'),
      value: data ? percent(satisfaction?.value) : undefined,
      link: satisfaction?.link,
    },
  ];
  return (
    <Card
      className="dashboard-summary"
      title={t('dashboard.summary.title')}
      loading={!data}
      data-testid="home-dashboard"
      extra={
        <Link to="/dashboard" data-testid="home-dashboard-open">
          <Button type="primary" icon={<RightOutlined />} iconPlacement="end">
            {t('dashboard.summary.open')}
          </Button>
        </Link>
      }
    >
      <Row gutter={[16, 16]}>
        {figures.map((figure) => (
          <Col key={figure.key} xs={12} md={6}>
            <DrillLink to={figure.link ?? '/dashboard'} source={source}>
              <Statistic title={figure.title} value={figure.value ?? '—'} />
            </DrillLink>
          </Col>
        ))}
      </Row>
    </Card>
  );
}
