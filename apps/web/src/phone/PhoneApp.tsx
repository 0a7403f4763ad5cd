// The phone side's shell: who is signed in, which page the address names, the bottom tab bar and the
// notice line. Only an account that is nothing but an enterprise contact stays here; staff go to the desktop.
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { CurrentUser } from '@qinqing/shared';
import { phoneApi, whenSignedOut } from './api.ts';
import { isContactOnly } from './contact.ts';
import { takeEarly } from './early.ts';
import { errorText, ToastContext } from './hooks.ts';
import { AppealPage } from './pages/AppealPage.tsx';
import { AppealsPage } from './pages/AppealsPage.tsx';
// events (issue 16)
import { CheckInPage } from './pages/CheckInPage.tsx';
import { EventsPage } from './pages/EventsPage.tsx';
import { EnterprisePage } from './pages/EnterprisePage.tsx';
// 融资 financing
import { FinancingPage } from './pages/FinancingPage.tsx';
// 互助 mutual aid
import { AidPage } from './pages/AidPage.tsx';
// 捐赠 donations · 志愿服务 volunteers
import { DonationsPage } from './pages/DonationsPage.tsx';
import { VolunteersPage } from './pages/VolunteersPage.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { NewAppealPage } from './pages/NewAppealPage.tsx';
import { NotificationsPage } from './pages/NotificationsPage.tsx';
import { PasswordPage } from './pages/PasswordPage.tsx';
// 惠企政策 policies
import { PoliciesPage } from './pages/PoliciesPage.tsx';
import { PolicyPage } from './pages/PolicyPage.tsx';
// 服务包 service packages
import { PackagesPage } from './pages/PackagesPage.tsx';
import { linkProps, navigate, usePlace } from './router.ts';
import {
  currentLang,
  LangContext,
  storeLang,
  translator,
  useLang,
  type Lang,
  type TextKey,
} from './texts.ts';

const APPEAL_PATH = /^\/appeals\/([0-9a-f-]{36})$/;
const POLICY_PATH = /^\/policies\/([0-9a-f-]{36})$/;

export function PhoneApp() {
  const [lang, setLangState] = useState<Lang>(currentLang);
  const langValue = useMemo(
    () => ({
      lang,
      t: translator(lang),
      setLang(next: Lang) {
        storeLang(next);
        document.documentElement.lang = next === 'en' ? 'en-US' : 'zh-CN';
        setLangState(next);
      },
    }),
    [lang],
  );
  const { t } = langValue;
  const [me, setMe] = useState<CurrentUser | null | undefined>(undefined);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [toast, setToast] = useState<string | null>(null);
  const toastTimer = useRef<number | undefined>(undefined);
  const { path, query } = usePlace();

  const showToast = useCallback((text: string) => {
    setToast(text);
    window.clearTimeout(toastTimer.current);
    toastTimer.current = window.setTimeout(() => setToast(null), 3000);
  }, []);

  const loadMe = useCallback(() => {
    setLoadError(null);
    (takeEarly<CurrentUser | null>('me') ?? phoneApi.me()).then(setMe, setLoadError);
  }, []);
  useEffect(() => {
    whenSignedOut(() => setMe(null));
    loadMe();
  }, [loadMe]);

  // events (issue 16): the check-in page a QR code opens needs no account, and staff tick names on it.
  const checkIn = path === '/check-in';
  const staff = me !== null && me !== undefined && !isContactOnly(me) && !checkIn;
  useEffect(() => {
    if (staff) window.location.replace('/');
  }, [staff]);
  useEffect(() => {
    if (checkIn) return;
    if (me === null && path !== '/login') {
      const back = path === '/' ? '' : `?redirect=${encodeURIComponent(path)}`;
      navigate(`/login${back}`, { replace: true });
    }
    if (me && path === '/login') navigate('/', { replace: true });
  }, [me, path, checkIn]);

  let page: ReactNode;
  if (checkIn) {
    page = <CheckInPage token={query.get('token') ?? ''} />;
  } else if (loadError) {
    page = (
      <div className="m-center">
        <p>{errorText(loadError, t)}</p>
        <button type="button" className="m-button" onClick={loadMe}>
          {t('retry')}
        </button>
      </div>
    );
  } else if (me === undefined) {
    page = <div className="m-center">{t('loading')}</div>;
  } else if (me === null) {
    page = <LoginPage redirect={query.get('redirect')} onSignedIn={setMe} />;
  } else if (staff) {
    page = <div className="m-center">{t('notForStaff')}</div>;
  } else if (me.mustChangePassword || path === '/password') {
    page = <PasswordPage user={me} onChanged={setMe} />;
  } else {
    page = <Shell path={path}>{routeFor(path, me)}</Shell>;
  }

  return (
    <LangContext.Provider value={langValue}>
      <ToastContext.Provider value={showToast}>
        {page}
        {toast && (
          <div className="m-toast" role="status" data-testid="phone-toast">
            {toast}
          </div>
        )}
      </ToastContext.Provider>
    </LangContext.Provider>
  );
}

function routeFor(path: string, me: CurrentUser): ReactNode {
  if (path === '/') return <AppealsPage />;
  if (path === '/appeals/new') return <NewAppealPage user={me} />;
  const appeal = APPEAL_PATH.exec(path);
  if (appeal) return <AppealPage key={appeal[1]} id={appeal[1]!} />;
  if (path === '/enterprise') return <EnterprisePage user={me} />;
  if (path === '/notifications') return <NotificationsPage />;
  // events (issue 16)
  if (path === '/events') return <EventsPage enterpriseId={me.enterpriseId} />;
  if (path === '/policies') return <PoliciesPage />;
  if (path === '/packages') return <PackagesPage />; // 服务包 service packages
  const policy = POLICY_PATH.exec(path);
  if (policy) return <PolicyPage key={policy[1]} id={policy[1]!} />;
  if (path === '/financing') return <FinancingPage user={me} />; // 融资 financing
  if (path === '/aid') return <AidPage enterpriseId={me.enterpriseId} />; // 互助 mutual aid
  if (path === '/donations') return <DonationsPage user={me} />; // 捐赠 donations
  if (path === '/volunteers') return <VolunteersPage />; // 志愿服务 volunteers
  return <NotFound />;
}

function NotFound() {
  const { t } = useLang();
  return (
    <div className="m-center">
      <p>{t('notFound')}</p>
      <a className="m-button" {...linkProps('/')}>
        {t('backHome')}
      </a>
    </div>
  );
}

const TABS: { to: string; label: TextKey; icon: string; active: (path: string) => boolean }[] = [
  { to: '/', label: 'tabAppeals', icon: '☰', active: (p) => p === '/' || APPEAL_PATH.test(p) },
  { to: '/appeals/new', label: 'tabRaise', icon: '＋', active: (p) => p === '/appeals/new' },
  // events (issue 16)
  { to: '/events', label: 'tabEvents', icon: '◷', active: (p) => p === '/events' },
  {
    to: '/policies',
    label: 'tabPolicies',
    icon: '★',
    active: (p) => p === '/policies' || POLICY_PATH.test(p) || p === '/packages',
  },
  { to: '/notifications', label: 'tabNotifications', icon: '✉', active: (p) => p === '/notifications' },
  { to: '/enterprise', label: 'tabEnterprise', icon: '⌂', active: (p) => p === '/enterprise' },
];

function Shell({ path, children }: { path: string; children: ReactNode }) {
  const { t } = useLang();
  const [unread, setUnread] = useState(0);
  useEffect(() => {
    phoneApi.unreadCount().then(
      (answer) => setUnread(answer.unread),
      () => undefined,
    );
  }, [path]);
  return (
    <div className="m-shell">
      <main className="m-main">{children}</main>
      <nav className="m-tabs" aria-label={t('appName')}>
        {TABS.map((tab) => (
          <a
            key={tab.to}
            className={tab.active(path) ? 'm-tab m-tab-active' : 'm-tab'}
            aria-current={tab.active(path) ? 'page' : undefined}
            data-testid={`phone-tab-${tab.label}`}
            {...linkProps(tab.to)}
          >
            <span className="m-tab-icon" aria-hidden="true">
              {tab.icon}
            </span>
            <span>{t(tab.label)}</span>
            {tab.to === '/notifications' && unread > 0 && <span className="m-badge">{unread}</span>}
          </a>
        ))}
      </nav>
    </div>
  );
}
