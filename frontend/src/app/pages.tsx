// The one table of pages: route, menu entry, icon and the permission that shows it.
// A new page is one entry here plus its component. Entries with `menu: false` are routes only (detail pages).
import {
  ApartmentOutlined,
  ApiOutlined,
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  BulbOutlined,
  CalendarOutlined,
  CheckSquareOutlined,
  DashboardOutlined,
  FileSearchOutlined,
  FundOutlined,
  ImportOutlined,
  MergeCellsOutlined,
  ProjectOutlined,
  ScheduleOutlined,
  SettingOutlined,
  TeamOutlined,
  TrophyOutlined,
  CarOutlined,
  AlertOutlined,
  SolutionOutlined,
} from '@ant-design/icons';
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import type { MessageKey } from '../i18n/messages';

export type MenuGroup = 'work' | 'records' | 'office' | 'basic' | 'system';

export interface PageDef {
  path: string;
  label: MessageKey;
  icon?: ReactNode;
  group: MenuGroup;
  /** Action string from /api/v1/auth/me `permissions`; absent: every signed-in user. */
  permission?: string;
  /** false: a route without a menu entry (a record's page, a form). */
  menu?: boolean;
  /** The menu group for a caller without `permission` (the import history: city-wide readers' under 审核调度, a
   * unit's own under 填报). */
  groupWithout?: { permission: string; group: MenuGroup };
  component: LazyExoticComponent<ComponentType>;
}

export const groups: { key: MenuGroup; label: MessageKey }[] = [
  { key: 'work', label: 'menu.work' },
  { key: 'records', label: 'menu.records' },
  { key: 'office', label: 'menu.office' },
  { key: 'basic', label: 'menu.basic' },
  { key: 'system', label: 'menu.system' },
];

const READ = 'records:read';

/** A record type's list, new-record form and record page: /visits, /visits/new, /visits/:id. */
function recordPages(
  path: string,
  label: MessageKey,
  icon: ReactNode,
  list: () => Promise<{ default: ComponentType }>,
  record: () => Promise<{ default: ComponentType }>,
): PageDef[] {
  const recordPage = lazy(record);
  return [
    { path, label, icon, group: 'records', permission: READ, component: lazy(list) },
    { path: `${path}/new`, label, group: 'records', permission: 'records:write', menu: false, component: recordPage },
    { path: `${path}/:id`, label, group: 'records', permission: READ, menu: false, component: recordPage },
  ];
}

const coordinationPage = lazy(() => import('../pages/coordination/CoordinationPage'));

export const pages: PageDef[] = [
  {
    path: '/dashboard',
    label: 'menu.dashboard',
    icon: <DashboardOutlined />,
    group: 'work',
    component: lazy(() => import('../pages/dashboard/DashboardPage')),
  },
  {
    path: '/notices',
    label: 'menu.notices',
    group: 'work',
    permission: 'notices:own',
    menu: false, // the header's bell leads here
    component: lazy(() => import('../pages/notices/NoticesPage')),
  },
  {
    path: '/city',
    label: 'menu.cityDashboard',
    icon: <BarChartOutlined />,
    group: 'work',
    permission: 'progress:city_read',
    component: lazy(() => import('../pages/progress/CityDashboardPage')),
  },
  {
    path: '/drilldown',
    label: 'menu.drilldown',
    icon: <FileSearchOutlined />,
    group: 'work',
    permission: 'progress:read',
    menu: false,
    component: lazy(() => import('../pages/progress/DrilldownPage')),
  },
  ...recordPages('/leads', 'menu.leads', <BulbOutlined />,
    () => import('../pages/records/leads/LeadsPage'), () => import('../pages/records/leads/LeadPage')),
  ...recordPages('/visits', 'menu.visits', <CarOutlined />,
    () => import('../pages/records/visits/VisitsPage'), () => import('../pages/records/visits/VisitPage')),
  ...recordPages('/events', 'menu.events', <CalendarOutlined />,
    () => import('../pages/records/events/EventsPage'), () => import('../pages/records/events/EventPage')),
  ...recordPages('/projects', 'menu.projects', <ProjectOutlined />,
    () => import('../pages/records/projects/ProjectsPage'), () => import('../pages/records/projects/ProjectPage')),
  ...recordPages('/funds', 'menu.funds', <FundOutlined />,
    () => import('../pages/records/funds/FundsPage'), () => import('../pages/records/funds/FundsReportPage')),
  ...recordPages('/enterprises', 'menu.enterprises', <BankOutlined />,
    () => import('../pages/records/enterprises/EnterprisesPage'),
    () => import('../pages/records/enterprises/EnterprisePage')),
  {
    path: '/coordination',
    label: 'menu.coordination',
    icon: <AlertOutlined />,
    group: 'work',
    permission: 'coordination:read',
    component: coordinationPage,
  },
  {
    path: '/coordination/:id', // an item's drawer over the list (notices link here)
    label: 'menu.coordination',
    group: 'work',
    permission: 'coordination:read',
    menu: false,
    component: coordinationPage,
  },
  {
    path: '/verification',
    label: 'menu.verification',
    icon: <CheckSquareOutlined />,
    group: 'office',
    permission: 'records:verify',
    component: lazy(() => import('../pages/office/VerificationPage')),
  },
  {
    path: '/imports',
    label: 'menu.imports',
    icon: <ImportOutlined />,
    group: 'office',
    groupWithout: { permission: 'progress:city_read', group: 'records' },
    permission: 'imports:read',
    component: lazy(() => import('../pages/imports/ImportsPage')),
  },
  {
    path: '/conflicts',
    label: 'menu.conflicts',
    icon: <MergeCellsOutlined />,
    group: 'office',
    permission: 'conflicts:manage',
    component: lazy(() => import('../pages/office/ConflictsPage')),
  },
  {
    path: '/quarters',
    label: 'menu.quarters',
    icon: <ScheduleOutlined />,
    group: 'office',
    permission: 'progress:city_read',
    component: lazy(() => import('../pages/office/QuartersPage')),
  },
  {
    path: '/quarters/:id',
    label: 'menu.quarters',
    group: 'office',
    permission: 'progress:city_read',
    menu: false,
    component: lazy(() => import('../pages/office/QuarterPage')),
  },
  {
    path: '/meeting-list',
    label: 'menu.meetingList',
    icon: <SolutionOutlined />,
    group: 'office',
    permission: 'coordination:meeting',
    component: lazy(() => import('../pages/coordination/MeetingListPage')),
  },
  {
    path: '/assessment',
    label: 'menu.assessment',
    icon: <TrophyOutlined />,
    group: 'office',
    permission: 'progress:city_read',
    component: lazy(() => import('../pages/office/AssessmentPage')),
  },
  {
    path: '/settings',
    label: 'menu.settings',
    icon: <SettingOutlined />,
    group: 'office',
    permission: 'targets:manage',
    component: lazy(() => import('../pages/office/SettingsPage')),
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

/** Pages the caller may open (menu entries and routes alike). */
export function allowedPages(permissions: readonly string[] | undefined, all: PageDef[] = pages): PageDef[] {
  const granted = new Set(permissions ?? []);
  return all.filter((p) => !p.permission || granted.has(p.permission));
}

/** Menu entries the caller may see, each in the caller's group. */
export function menuPages(permissions: readonly string[] | undefined, all: PageDef[] = pages): PageDef[] {
  const granted = new Set(permissions ?? []);
  return allowedPages(permissions, all)
    .filter((p) => p.menu !== false)
    .map((p) => (p.groupWithout && !granted.has(p.groupWithout.permission) ? { ...p, group: p.groupWithout.group } : p));
}
