// 社会责任 the dashboard's social-responsibility card: the measures the server lists for it (donated,
// directed, volunteers, street coverage…), each shown by its unit — fen as yuan, a ratio as a percentage —
// and opening the list behind it.
import { Card, Col, Row, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SocialResponsibilityFigure } from '@qinqing/shared';
import { DrillLink, type DrillSource } from '../../components/drill-down.tsx';
import { yuanOfFen } from '../donations/format.ts';
import { percent } from './charts.ts';

function shown(figure: SocialResponsibilityFigure): string | number {
  if (figure.value === null) return '—';
  switch (figure.unit) {
    case 'fen':
      return yuanOfFen(figure.value);
    case 'ratio':
      return percent(figure.value);
    case 'count':
      return figure.value;
  }
}

/**
 * A card of measures: 社会责任 by default, or another in the same layout under its own title and test id —
 * `section` names one the dashboard's texts know (融资对接), `title`/`testId` any other (教育培训, 惠企政策).
 */
export function SocialResponsibilityCard({
  figures,
  source,
  section = 'social',
  title,
  testId = `dashboard-${section}`,
}: {
  figures: readonly SocialResponsibilityFigure[];
  source: DrillSource;
  section?: 'social' | 'financing';
  title?: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  // A figure's test id: the section's name for the named cards, the card's test id for the others.
  const figurePrefix = testId === `dashboard-${section}` ? section : testId;
  return (
    <Card
      size="small"
      className="dashboard-card"
      title={title ?? t(`dashboard.${section}.title`)}
      data-testid={testId}
    >
      <Row gutter={[16, 16]}>
        {figures.map((figure) => {
          const statistic = <Statistic title={figure.label} value={shown(figure)} />;
          return (
            <Col key={figure.id} xs={12} md={8} xl={6} data-testid={`${figurePrefix}-${figure.id}`}>
              {figure.link ? (
                <DrillLink to={figure.link} source={source}>
                  {statistic}
                </DrillLink>
              ) : (
                statistic
              )}
            </Col>
          );
        })}
      </Row>
    </Card>
  );
}
