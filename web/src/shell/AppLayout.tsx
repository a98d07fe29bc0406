import { Button, Drawer, Layout, Menu, Space, Typography } from 'antd';
import {
  AuditOutlined,
  ApartmentOutlined,
  BankOutlined,
  CalendarOutlined,
  HomeOutlined,
  LogoutOutlined,
  MenuOutlined,
  SettingOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { BulbOutlined, InteractionOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { ExperimentOutlined, FormOutlined, FundOutlined, InboxOutlined, LineChartOutlined } from '@ant-design/icons';
import { FileProtectOutlined, NotificationOutlined, SolutionOutlined } from '@ant-design/icons';
import { AccountBookOutlined, ReconciliationOutlined } from '@ant-design/icons';
import { BranchesOutlined } from '@ant-design/icons';
import { ClusterOutlined, CopyrightOutlined, FieldTimeOutlined, MedicineBoxOutlined, ScheduleOutlined, SendOutlined } from '@ant-design/icons';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { NotificationBell } from '../modules/building/NotificationBell';
import { InboxBadge } from '../modules/inbox/InboxBadge';
import type { Me } from './api';
import { displayName } from './format';
import { currentLanguage } from './i18n';
import { LanguageSwitch } from './LanguageSwitch';
import { PageErrorBoundary } from './PageErrorBoundary';
import { useIsPhone } from './responsive';
import { hasAnyRole, type Role } from './roles';
import { useLogout } from './session';

interface NavItem {
  path: string;
  labelKey: string;
  icon: ReactNode;
  roles?: Role[];
}

/** Only pages that work; a module adds its entry here when it ships. */
export const NAV_ITEMS: NavItem[] = [
  { path: '/', labelKey: 'nav.home', icon: <HomeOutlined /> },
  { path: '/inbox', labelKey: 'inbox:nav.inbox', icon: <InboxOutlined /> },
  { path: '/projects', labelKey: 'projects:nav.projects', icon: <ExperimentOutlined /> },
  { path: '/opencall', labelKey: 'opencall:nav.opencall', icon: <NotificationOutlined /> },
  { path: '/portfolio', labelKey: 'projects:nav.portfolio', icon: <FundOutlined />, roles: ['office', 'committee', 'admin'] },
  { path: '/committee', labelKey: 'committee:nav.committee', icon: <ReconciliationOutlined />, roles: ['office', 'committee', 'admin'] },
  { path: '/budget', labelKey: 'budget:nav.budget', icon: <AccountBookOutlined />, roles: ['office', 'committee', 'admin'] },
  { path: '/surveys', labelKey: 'surveys:nav.surveys', icon: <FormOutlined />, roles: ['office', 'admin'] },
  { path: '/kpi', labelKey: 'kpi:nav.kpi', icon: <LineChartOutlined />, roles: ['office', 'committee', 'admin'] },
  { path: '/deadlines', labelKey: 'deadlines:nav.deadlines', icon: <FieldTimeOutlined />, roles: ['office', 'admin'] },
  { path: '/exchange', labelKey: 'exchange:nav.exchange', icon: <BulbOutlined /> },
  { path: '/introductions', labelKey: 'exchange:nav.introductions', icon: <InteractionOutlined /> },
  { path: '/confidentiality', labelKey: 'exchange:nav.grants', icon: <SafetyCertificateOutlined />, roles: ['office', 'admin'] },
  { path: '/contracts', labelKey: 'contracts:nav.contracts', icon: <FileProtectOutlined /> },
  { path: '/approvals', labelKey: 'approvals:nav.rules', icon: <BranchesOutlined />, roles: ['office', 'committee', 'admin'] },
  { path: '/ethics', labelKey: 'ethics:nav.ethics', icon: <MedicineBoxOutlined /> },
  { path: '/ethics/deadlines', labelKey: 'ethics:nav.deadlines', icon: <ScheduleOutlined />, roles: ['office', 'admin'] },
  { path: '/ethics/committees', labelKey: 'ethics:nav.committees', icon: <ClusterOutlined />, roles: ['office', 'admin'] },
  { path: '/ip', labelKey: 'ip:nav.ip', icon: <CopyrightOutlined /> },
  { path: '/building', labelKey: 'building:nav.building', icon: <BankOutlined /> },
  { path: '/events', labelKey: 'building:nav.events', icon: <CalendarOutlined /> },
  { path: '/coi/declaration', labelKey: 'coi:nav.declaration', icon: <SolutionOutlined /> },
  { path: '/coi/management', labelKey: 'coi:nav.management', icon: <FileProtectOutlined />, roles: ['office', 'coi_committee'] },
  { path: '/people', labelKey: 'nav.people', icon: <TeamOutlined />, roles: ['admin'] },
  { path: '/organisations', labelKey: 'nav.organisations', icon: <ApartmentOutlined />, roles: ['admin'] },
  { path: '/mail', labelKey: 'mail:nav.mail', icon: <SendOutlined />, roles: ['office'] },
  { path: '/audit', labelKey: 'nav.audit', icon: <AuditOutlined />, roles: ['admin', 'office'] },
  { path: '/account', labelKey: 'nav.account', icon: <SettingOutlined /> },
];

export function visibleNavItems(roles: readonly string[]) {
  return NAV_ITEMS.filter((item) => !item.roles || hasAnyRole(roles, item.roles));
}

/** Whether a person with these roles may open the page at this path (unknown paths: yes). */
export function mayOpen(path: string, roles: readonly string[]) {
  const pathname = path.split(/[?#]/)[0];
  // The longest path that matches (/ethics/deadlines has roles of its own; /ethics has none).
  const item = NAV_ITEMS.filter((candidate) => candidate.path !== '/' && pathname.startsWith(candidate.path)).sort((a, b) => b.path.length - a.path.length)[0];
  return !item?.roles || hasAnyRole(roles, item.roles);
}

function selectedKey(pathname: string) {
  // The longest path that matches: /ethics/deadlines is its own entry, not /ethics.
  const match = NAV_ITEMS.filter((item) => item.path !== '/' && pathname.startsWith(item.path)).sort((a, b) => b.path.length - a.path.length);
  return match.length ? match[0].path : '/';
}

function NavMenu({ me, onNavigate }: { me: Me; onNavigate?: () => void }) {
  const { t } = useTranslation('shell');
  const location = useLocation();
  return (
    <Menu
      mode="inline"
      className="app-menu"
      aria-label={t('nav.menu')}
      selectedKeys={[selectedKey(location.pathname)]}
      onClick={onNavigate}
      items={visibleNavItems(me.roles).map((item) => ({
        key: item.path,
        icon: item.icon,
        label: <Link to={item.path}>{t(item.labelKey)}</Link>,
      }))}
    />
  );
}

export function AppLayout({ me }: { me: Me }) {
  const { t } = useTranslation('shell');
  const location = useLocation();
  const logout = useLogout();
  const language = currentLanguage();
  // On a phone the menu is a drawer with the pages' names, opened from the header.
  const phone = useIsPhone();
  const [menuOpen, setMenuOpen] = useState(false);
  // Closed by a choice in it, by the mask or Escape, by going back or forward, and when the window
  // grows past a phone. (Not on every route change: a navigation committing late, after a quick
  // tap on the menu button, would close the drawer just opened.)
  useEffect(() => {
    const close = () => setMenuOpen(false);
    window.addEventListener('popstate', close);
    return () => window.removeEventListener('popstate', close);
  }, []);
  // (The menu opens only from the phone header's button, so off a phone it is always closed:
  // adjusted while rendering rather than in an effect one render later.)
  if (!phone && menuOpen) setMenuOpen(false);

  return (
    <Layout className="app-layout">
      <Layout.Header className="app-header">
        <div className="app-header-left">
          {phone && (
            <Button
              type="text"
              icon={<MenuOutlined />}
              className="app-menu-button"
              data-testid="menu-button"
              aria-label={t('nav.menu')}
              aria-expanded={menuOpen}
              onClick={() => setMenuOpen(true)}
            />
          )}
          <Link to="/" className="app-brand">
            <span className="brand-mark small" aria-hidden>
              連
            </span>
            <span className="app-brand-text">
              <span className="app-name">{t('app.name')}</span>
              <span className="app-centre">{t('app.centre')}</span>
            </span>
          </Link>
        </div>
        <Space size="middle" className="app-header-right" wrap={false}>
          <span className="app-user" data-testid="current-user">
            <UserOutlined /> {displayName(me, language)}
          </span>
          <InboxBadge />
          <NotificationBell />
          <LanguageSwitch size="small" />
          <Button
            icon={<LogoutOutlined />}
            size="small"
            loading={logout.isPending}
            onClick={() => logout.mutate()}
            aria-label={t('header.logout')}
            title={t('header.logout')}
            className="app-logout"
          >
            <span className="app-logout-text">{t('header.logout')}</span>
          </Button>
        </Space>
      </Layout.Header>
      <Layout>
        {phone ? (
          <Drawer
            open={menuOpen}
            onClose={() => setMenuOpen(false)}
            placement="left"
            size={288}
            className="app-menu-drawer"
            title={
              <span className="app-menu-drawer-title">
                <span>{t('nav.menu')}</span>
                <span className="app-menu-drawer-user">
                  <UserOutlined /> {displayName(me, language)}
                </span>
              </span>
            }
          >
            <NavMenu me={me} onNavigate={() => setMenuOpen(false)} />
          </Drawer>
        ) : (
          <Layout.Sider width={208} breakpoint="lg" collapsedWidth={56} theme="light" className="app-sider">
            <NavMenu me={me} />
          </Layout.Sider>
        )}
        {/* data-path: the route the page shown belongs to (the end-to-end tests wait for it). */}
        <Layout.Content className="app-content" data-path={location.pathname}>
          {/* A page that throws shows a message here; the header and the menu stay. */}
          <PageErrorBoundary>
            <Outlet />
          </PageErrorBoundary>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

export function PageTitle({ children, extra }: { children: ReactNode; extra?: ReactNode }) {
  return (
    <div className="page-title">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {children}
      </Typography.Title>
      {extra && <div>{extra}</div>}
    </div>
  );
}
