// Test helpers for the record pages: a signed-in user and the record routes as the app registers them.
import type { RouteObject } from 'react-router';
import { startSession } from '../../../auth/session';
import { json, meFor, mockApi, type Handler } from '../../../test/utils';

export const VIEWER_PERMS = ['progress:read', 'records:read', 'session:read', 'unit_members:read', 'units:read'];
export const OFFICE_PERMS = [
  'audit:read', 'conflicts:manage', 'enterprises:merge', 'progress:city_read', 'progress:read', 'quarters:manage',
  'records:read', 'records:transition', 'records:verify', 'records:write', 'session:read', 'targets:manage',
  'unit_members:read', 'units:read',
];

export const UNITS = [
  { id: 1, code: 'OFFICE', type: 'office', name_zh: '招商办', name_en: 'Office', leader_name: '', active: true, cluster_ids: [] },
  { id: 2, code: '371502', type: 'county', name_zh: '东昌府区', name_en: 'Dongchangfu District', leader_name: '', active: true, cluster_ids: [] },
  { id: 3, code: '371581', type: 'county', name_zh: '临清市', name_en: 'Linqing City', leader_name: '', active: true, cluster_ids: [] },
  { id: 30, code: 'GRP-01', type: 'industry_group', name_zh: '新材料产业招商团组', name_en: 'New materials group', leader_name: '', active: true, cluster_ids: [1] },
];

/** Signs `me` in and mocks the API: /api/v1/auth/me, units, clusters, plus the given routes. */
export function signInWith(me: ReturnType<typeof meFor>, routes: Record<string, Handler>) {
  startSession({ access: 'a', refresh: 'r', expiresAt: Date.now() + 900_000, lifetime: 900_000 });
  return mockApi({
    'GET /api/v1/auth/me': () => json(me),
    'GET /api/v1/units': () => json({ data: UNITS, count: UNITS.length }),
    'GET /api/v1/clusters': () => json({ data: [{ id: 1, code: 'new_materials', name_zh: '新材料', name_en: 'New materials' }] }),
    'GET /api/v1/enterprises': () => json({ data: [], next_cursor: null }),
    'GET /api/v1/leads': () => json({ data: [], next_cursor: null, total: 0 }),
    'GET /api/v1/events': () => json({ data: [], next_cursor: null, total: 0 }),
    ...routes,
  });
}

/** Routes of one record type, as app/pages.tsx registers them (list, new, record). */
export function recordRoutes(base: string, List: React.ComponentType, Record: React.ComponentType): RouteObject[] {
  return [
    { path: base, element: <List /> },
    { path: `${base}/new`, element: <Record /> },
    { path: `${base}/:id`, element: <Record /> },
  ];
}

export const meta = (extra: Record<string, unknown> = {}) => ({
  unit_id: 2, version: 3, created_by: 'dcf_editor', created_at: '2026-11-25T02:00:00Z', updated_at: '2026-11-25T02:10:00Z',
  status: 'draft', submitted_at: null, verified_at: null, verified_by: null, return_reason: null, ...extra,
});

export const emptyHistory = () => json({ data: [], next_cursor: null });
