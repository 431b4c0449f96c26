// The one table of pages: route, menu entry, icon and the permission that shows it.
// A new page (leads, visits, projects, funds…) is one entry here plus its component.
import {
  AuditOutlined,
  ApartmentOutlined,
  ApiOutlined,
  DashboardOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import type { MessageKey } from '../i18n/messages';

export type MenuGroup = 'work' | 'basic' | 'system';

export interface PageDef {
  path: string;
  label: MessageKey;
  icon: ReactNode;
  group: MenuGroup;
  /** Action string from /api/auth/me `permissions`; absent: every signed-in user. */
  permission?: string;
  component: LazyExoticComponent<ComponentType>;
}

export const groups: { key: MenuGroup; label: MessageKey }[] = [
  { key: 'work', label: 'menu.work' },
  { key: 'basic', label: 'menu.basic' },
  { key: 'system', label: 'menu.system' },
];

export const pages: PageDef[] = [
  {
    path: '/dashboard',
    label: 'menu.dashboard',
    icon: <DashboardOutlined />,
    group: 'work',
    component: lazy(() => import('../pages/dashboard/DashboardPage')),
  },
  {
    path: '/units',
    label: 'menu.units',
    icon: <ApartmentOutlined />,
    group: 'basic',
    permission: 'units:read',
    component: lazy(() => import('../pages/units/UnitsPage')),
  },
  {
    path: '/users',
    label: 'menu.users',
    icon: <TeamOutlined />,
    group: 'system',
    permission: 'users:manage',
    component: lazy(() => import('../pages/users/UsersPage')),
  },
  {
    path: '/clients',
    label: 'menu.clients',
    icon: <ApiOutlined />,
    group: 'system',
    permission: 'clients:manage',
    component: lazy(() => import('../pages/clients/ClientsPage')),
  },
  {
    path: '/audit',
    label: 'menu.audit',
    icon: <AuditOutlined />,
    group: 'system',
    permission: 'audit:read',
    component: lazy(() => import('../pages/audit/AuditPage')),
  },
];

export function allowedPages(permissions: readonly string[] | undefined, all: PageDef[] = pages): PageDef[] {
  const granted = new Set(permissions ?? []);
  return all.filter((p) => !p.permission || granted.has(p.permission));
}
