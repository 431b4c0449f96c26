import { Menu, type MenuProps } from 'antd';
import { Link, useLocation } from 'react-router';
import { useI18n } from '../i18n/I18nProvider';
import { groups, menuPages } from './pages';

export function SideMenu({ permissions, collapsed }: { permissions: readonly string[]; collapsed: boolean }) {
  const { t } = useI18n();
  const { pathname } = useLocation();
  const visible = menuPages(permissions);

  const items: MenuProps['items'] = groups
    .map((g) => ({
      type: 'group' as const,
      key: g.key,
      label: collapsed ? null : t(g.label),
      children: visible
        .filter((p) => p.group === g.key)
        .map((p) => ({ key: p.path, icon: p.icon, label: <Link to={p.path}>{t(p.label)}</Link> })),
    }))
    .filter((g) => g.children.length > 0);

  const selected = visible.find((p) => pathname === p.path || pathname.startsWith(`${p.path}/`));

  return (
    <Menu
      theme="dark"
      mode="inline"
      items={items}
      selectedKeys={selected ? [selected.path] : []}
      aria-label={t('app.title')}
      data-testid="side-menu"
    />
  );
}
