import { DownOutlined, LogoutOutlined, MenuFoldOutlined, MenuUnfoldOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Drawer, Dropdown, Grid, Layout, Spin } from 'antd';
import { Suspense, useState } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import type { MePublic } from '../api';
import { useAuth } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';
import { roleLabel } from '../i18n/labels';
import { NoticeBell } from '../pages/notices/NoticeBell';
import { ErrorBoundary } from './ErrorBoundary';
import { HeaderSearch } from './HeaderSearch';
import { LangSwitch } from './LangSwitch';
import { SideMenu } from './SideMenu';
import './layout.css';

const COLLAPSE_KEY = 'zs.menuCollapsed';

function readCollapsed(): boolean {
  try {
    return localStorage.getItem(COLLAPSE_KEY) === '1';
  } catch {
    return false;
  }
}

function UserMenu({ me }: { me: MePublic }) {
  const { t, lang } = useI18n();
  const { logout } = useAuth();
  const unit = me.unit ? (lang === 'zh' ? me.unit.name_zh : me.unit.name_en) : t('user.cityWide');
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'who', disabled: true, label: `${roleLabel(me.role, t)} · ${unit}` },
          { type: 'divider' },
          { key: 'logout', icon: <LogoutOutlined />, label: t('user.logout'), onClick: () => void logout() },
        ],
      }}
    >
      <Button type="text" className="zs-user" data-testid="user-menu">
        <UserOutlined />
        <span className="zs-user-name">{me.display_name}</span>
        <span className="zs-user-unit">{unit}</span>
        <DownOutlined />
      </Button>
    </Dropdown>
  );
}

export function AppLayout() {
  const { t } = useI18n();
  const { me } = useAuth();
  const location = useLocation();
  const [collapsed, setCollapsed] = useState(readCollapsed);
  // a phone: the menu is a drawer, closed until asked for, so the page has the whole width
  const narrow = Grid.useBreakpoint().xs === true; // below 576 px
  const [drawerAt, setDrawerAt] = useState<string | null>(null); // open on the page it was opened on: navigating closes it
  const drawer = drawerAt === location.pathname;

  const toggle = () => {
    if (narrow) {
      setDrawerAt(drawer ? null : location.pathname);
      return;
    }
    setCollapsed((c) => {
      try {
        localStorage.setItem(COLLAPSE_KEY, c ? '0' : '1');
      } catch {
        // ignore
      }
      return !c;
    });
  };

  if (!me) return null;

  return (
    <Layout className="zs-shell">
      <a href="#zs-main" className="zs-skip">
        {t('common.skipToContent')}
      </a>
      {narrow ? (
        <Drawer open={drawer} onClose={() => setDrawerAt(null)} placement="left" width={240} closable={false}
                className="zs-menu-drawer" styles={{ body: { padding: 0, background: '#001529' } }}>
          <Link to="/dashboard" className="zs-brand" title={t('app.title')}>{t('app.title')}</Link>
          <SideMenu permissions={me.permissions} collapsed={false} />
        </Drawer>
      ) : (
        <Layout.Sider width={200} collapsedWidth={56} collapsed={collapsed} trigger={null} className="zs-sider">
          <Link to="/dashboard" className="zs-brand" title={t('app.title')}>
            {collapsed ? t('app.short') : t('app.title')}
          </Link>
          <SideMenu permissions={me.permissions} collapsed={collapsed} />
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header className="zs-header">
          <Button
            type="text"
            icon={(narrow ? !drawer : collapsed) ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
            onClick={toggle}
            aria-label={t((narrow ? !drawer : collapsed) ? 'common.expandMenu' : 'common.collapseMenu')}
            data-testid="menu-toggle"
          />
          <div className="zs-header-right">
            {me.permissions.includes('records:read') && <HeaderSearch />}
            {me.permissions.includes('notices:own') && <NoticeBell />}
            <LangSwitch />
            <UserMenu me={me} />
          </div>
        </Layout.Header>
        <Layout.Content id="zs-main" className="zs-content" tabIndex={-1}>
          <ErrorBoundary resetKey={location.pathname}>
            <Suspense fallback={<Spin className="zs-page-spin" />}>
              <Outlet />
            </Suspense>
          </ErrorBoundary>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
