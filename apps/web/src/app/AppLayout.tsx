// The frame around every signed-in page: dark side menu (only what the user may open), header with
// breadcrumbs, language switch and user menu. While the initial password must be changed there is no
// side menu at all.
import {
  DownOutlined,
  LogoutOutlined,
  MenuFoldOutlined,
  MenuUnfoldOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Avatar, Breadcrumb, Button, Dropdown, Layout, Menu, type MenuProps } from 'antd';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useMatches, useNavigate } from 'react-router';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { BlockSpin } from '../components/Loading.tsx';
import { logout } from '../features/auth/api.ts';
import { CalendarMissingBanner } from '../features/calendar/CalendarMissingBanner.tsx';
import { NotificationBell } from '../features/notifications/NotificationBell.tsx';
import { GlobalSearch } from '../features/search/GlobalSearch.tsx';
import { forgetSession, type LoginState } from './auth-redirects.ts';
import { Logo } from './Logo.tsx';
import { ACCOUNT_ENTRIES, allowedEntries, entryOfPath, MENU_ENTRIES, type NavId } from './navigation.ts';
import { useSession } from './session.tsx';

/** A page below a menu entry (a record, a wizard): its breadcrumb after the entry's. */
export type SubCrumb =
  | 'enterpriseDetail'
  | 'enterpriseImport'
  | 'personDetail'
  | 'chamberDetail'
  | 'appealDetail'
  | 'streetMatters'
  | 'campaignDetail'
  // events (issue 16)
  | 'eventDetail'
  | 'attendanceImport'
  // 惠企政策 policies
  | 'policyDetail'
  | 'policyReach'
  // 服务包 service packages
  | 'servicePackageDetail'
  // 融资 financing
  | 'needDetail'
  | 'financingPrograms'
  // 互助 mutual aid
  | 'aidMatch';

/** What a route tells the breadcrumbs about itself (see router.tsx). */
export interface RouteHandle {
  crumb?: NavId;
  sub?: SubCrumb;
}

function Breadcrumbs() {
  const { t } = useTranslation();
  const matches = useMatches();
  const crumb = [...matches].reverse().find((match) => (match.handle as RouteHandle | undefined)?.crumb)
    ?.handle as RouteHandle | undefined;
  const items = [{ key: 'home', title: <Link to="/">{t('nav.home')}</Link> }];
  if (crumb?.crumb && crumb.crumb !== 'home') {
    const entry = MENU_ENTRIES.find((candidate) => candidate.id === crumb.crumb);
    items.push({
      key: crumb.crumb,
      title:
        crumb.sub && entry ? (
          <Link to={entry.path}>{t(`nav.${crumb.crumb}`)}</Link>
        ) : (
          <>{t(`nav.${crumb.crumb}`)}</>
        ),
    });
    if (crumb.sub) items.push({ key: crumb.sub, title: <>{t(`crumbs.${crumb.sub}`)}</> });
  }
  return <Breadcrumb className="app-breadcrumb" items={items} />;
}

function UserMenu({ forced }: { forced: boolean }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();

  const signOut = async () => {
    try {
      await logout();
    } catch {
      // Signing out of a session the server already ended is still signing out.
    }
    const state: LoginState = { reason: 'signed-out' };
    // flushSync: the signed-in pages must be gone before the session is forgotten, or they would send
    // the user to the login page themselves (with this page as the one to return to).
    await navigate('/login', { replace: true, state, flushSync: true });
    forgetSession(queryClient);
    void message.success(t('header.loggedOut'));
  };

  const accountItems: MenuProps['items'] = forced
    ? []
    : [
        ...ACCOUNT_ENTRIES.map(({ id, path, icon: Icon }) => ({
          key: path,
          icon: <Icon />,
          label: t(`nav.${id}`),
        })),
        { type: 'divider' as const },
      ];
  const items: MenuProps['items'] = [
    ...accountItems,
    {
      key: 'logout',
      icon: <LogoutOutlined />,
      danger: true,
      label: <span data-testid="logout">{t('header.logout')}</span>,
    },
  ];

  return (
    <Dropdown
      trigger={['click']}
      placement="bottomRight"
      menu={{
        items,
        onClick: ({ key }) => {
          if (key === 'logout') void signOut();
          else void navigate(key);
        },
      }}
    >
      <Button type="text" className="user-menu-trigger" data-testid="user-menu">
        <Avatar size="small" icon={<UserOutlined />} className="user-avatar" />
        <span className="user-name">{user.displayName}</span>
        <DownOutlined className="user-caret" />
      </Button>
    </Dropdown>
  );
}

export function AppLayout() {
  const { t } = useTranslation();
  const { user, can } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const [collapsed, setCollapsed] = useState(false);
  const forced = user.mustChangePassword;

  const entries = allowedEntries(MENU_ENTRIES, can);
  const selected = entryOfPath(location.pathname);
  const menuItems: MenuProps['items'] = entries.map(({ id, path, icon: Icon }) => ({
    key: path,
    icon: <Icon />,
    label: t(`nav.${id}`),
  }));

  return (
    <Layout className="app-layout" data-testid="app-layout">
      {forced ? null : (
        <Layout.Sider
          className="app-sider"
          width={240}
          collapsible
          collapsed={collapsed}
          trigger={null}
          breakpoint="lg"
          onBreakpoint={setCollapsed}
        >
          <Link to="/" className="brand">
            <Logo size={30} />
            {collapsed ? null : <span className="brand-title">{t('app.title')}</span>}
          </Link>
          <div data-testid="side-menu">
            <Menu
              theme="dark"
              mode="inline"
              selectedKeys={selected ? [selected.path] : []}
              items={menuItems}
              onClick={({ key }) => void navigate(key)}
            />
          </div>
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header className="app-header">
          <div className="app-header-left">
            {forced ? (
              <span className="brand brand-light">
                <Logo size={28} />
                <span className="brand-title">{t('app.title')}</span>
              </span>
            ) : (
              <>
                <Button
                  type="text"
                  className="sider-toggle"
                  icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
                  title={collapsed ? t('header.expand') : t('header.collapse')}
                  onClick={() => setCollapsed((value) => !value)}
                />
                <Breadcrumbs />
              </>
            )}
          </div>
          <div className="app-header-right">
            {!forced && can('registry.read') ? <GlobalSearch /> : null}
            {forced ? null : <NotificationBell />}
            <LanguageSwitch />
            <UserMenu forced={forced} />
          </div>
        </Layout.Header>
        <Layout.Content className="app-content">
          {forced ? null : <CalendarMissingBanner />}
          <Suspense fallback={<BlockSpin />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
        <Layout.Footer className="app-footer">
          {t('app.title')} · {t('app.guideline')}
        </Layout.Footer>
      </Layout>
    </Layout>
  );
}
