// 工作台 home: who is signed in (name, roles, org unit) and shortcuts to what they may open.
import { CalendarOutlined, RightOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Card, Col, Descriptions, Row, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ACCOUNT_ENTRIES, allowedEntries, MENU_ENTRIES } from '../../app/navigation.ts';
import { useSession } from '../../app/session.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { RoleTags } from '../../components/RoleTags.tsx';
import { useOrgUnits } from '../org-units/api.ts';
import { DashboardSummaryCard } from '../dashboard/DashboardSummaryCard.tsx';

type ShortcutId =
  | 'enterprises'
  | 'people'
  | 'chambers'
  | 'party'
  | 'users'
  | 'orgUnits'
  | 'roles'
  | 'audit'
  | 'sessions'
  | 'changePassword';

function isShortcut(id: string): id is ShortcutId {
  return id !== 'home';
}

export function HomePage() {
  const { t } = useTranslation();
  const { user, can } = useSession();
  const orgUnits = useOrgUnits();
  const orgUnitName = orgUnits.data?.find((unit) => unit.id === user.orgUnitId)?.name;
  const adminEntries = allowedEntries(MENU_ENTRIES, can).filter((entry) => entry.id !== 'home');
  const shortcuts = [...adminEntries, ...ACCOUNT_ENTRIES];

  return (
    <>
      <PageHeader title={t('home.title')} />
      <Card className="welcome-card">
        <div className="welcome">
          <Avatar size={64} icon={<UserOutlined />} className="welcome-avatar" />
          <div className="welcome-body">
            <Typography.Title level={3} className="welcome-title" data-testid="welcome">
              {t('home.welcome', { name: user.displayName })}
            </Typography.Title>
            <Typography.Paragraph type="secondary" className="welcome-intro">
              {t('home.intro')}
              <span className="welcome-date">
                <CalendarOutlined /> {dayjs().format(t('home.dateFormat'))}
              </span>
            </Typography.Paragraph>
            <Descriptions
              size="small"
              column={{ xs: 1, md: 3 }}
              items={[
                { key: 'username', label: t('home.username'), children: user.username },
                {
                  key: 'orgUnit',
                  label: t('home.orgUnit'),
                  children: <span data-testid="home-org-unit">{orgUnitName ?? '—'}</span>,
                },
                {
                  key: 'roles',
                  label: t('home.roles'),
                  children: <RoleTags roles={user.roles} empty={t('home.noRoles')} />,
                },
              ]}
            />
          </div>
        </div>
      </Card>
      {can('dashboard.read') ? <DashboardSummaryCard /> : null}
      <Typography.Title level={5} className="section-title">
        {t('home.shortcuts')}
      </Typography.Title>
      {adminEntries.length === 0 ? (
        <Typography.Paragraph type="secondary">{t('home.noShortcuts')}</Typography.Paragraph>
      ) : null}
      <Row gutter={[16, 16]}>
        {shortcuts.map(({ id, path, icon: Icon }) =>
          isShortcut(id) ? (
            <Col key={id} xs={24} sm={12} lg={8} xl={6}>
              <Link to={path} className="shortcut-link" data-testid={`shortcut-${id}`}>
                <Card hoverable className="shortcut-card">
                  <div className="shortcut">
                    <span className="shortcut-icon">
                      <Icon />
                    </span>
                    <div className="shortcut-body">
                      <div className="shortcut-title">
                        {t(`nav.${id}`)} <RightOutlined className="shortcut-arrow" />
                      </div>
                      <div className="shortcut-desc">{t(`home.shortcutDesc.${id}`)}</div>
                    </div>
                  </div>
                </Card>
              </Link>
            </Col>
          ) : null,
        )}
      </Row>
    </>
  );
}
