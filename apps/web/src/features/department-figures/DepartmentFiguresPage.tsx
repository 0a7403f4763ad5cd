// 本部门办理情况: a department head's page — each department under them with its forwards counted by state
// and what is overdue now (GET /api/department-figures, overdue by appeals/overdue.ts).
import { Card, Col, Empty, Row, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DepartmentFigures } from '@qinqing/shared';
import { LoadError } from '../../components/LoadError.tsx';
import { BlockSpin } from '../../components/Loading.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useDepartmentFigures } from './api.ts';

type Department = DepartmentFigures['departments'][number];
const FIGURES = [
  'forwarded',
  'open',
  'resolved',
  'unsolvable',
  'returned',
  'responseOverdue',
  'resolveOverdue',
  'overdue',
] as const satisfies readonly (keyof Department)[];
const ALARMING = new Set<string>(['responseOverdue', 'resolveOverdue', 'overdue']);

export function DepartmentFiguresPage() {
  const { t } = useTranslation();
  const figures = useDepartmentFigures();
  return (
    <>
      <PageHeader title={t('departmentFigures.title')}>{t('departmentFigures.intro')}</PageHeader>
      {figures.isPending ? (
        <BlockSpin />
      ) : figures.isError ? (
        <LoadError error={figures.error} onRetry={() => void figures.refetch()} />
      ) : figures.data.departments.length === 0 ? (
        <Empty description={t('departmentFigures.empty')} />
      ) : (
        figures.data.departments.map((department) => (
          <Card
            key={department.id}
            title={department.name}
            data-testid="department-figures"
            extra={
              <Link to={`/appeals?departmentId=${department.id}`}>{t('departmentFigures.openList')}</Link>
            }
            style={{ marginBottom: 16 }}
          >
            <Row gutter={[16, 16]}>
              {FIGURES.map((key) => (
                <Col key={key} xs={12} sm={8} md={6} xl={3}>
                  <Statistic
                    data-testid={`department-figure-${key}`}
                    title={t(`departmentFigures.${key}`)}
                    value={department[key]}
                    valueStyle={ALARMING.has(key) && department[key] > 0 ? { color: '#cf1322' } : undefined}
                  />
                </Col>
              ))}
            </Row>
          </Card>
        ))
      )}
    </>
  );
}
