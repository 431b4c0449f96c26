// Test helpers for the office pages: a signed-in office clerk or leader, and the lists every page reads.
import { startSession } from '../../auth/session';
import { json, meFor, mockApi, type Handler } from '../../test/utils';

export const OFFICE_PERMS = [
  'audit:read', 'conflicts:manage', 'enterprises:merge', 'progress:city_read', 'progress:read', 'quarters:manage',
  'records:read', 'records:transition', 'records:verify', 'records:write', 'session:read', 'targets:manage',
  'unit_members:read', 'units:read',
];
export const LEADER_PERMS = ['progress:city_read', 'progress:read', 'records:read', 'session:read', 'units:read'];

export const UNITS = [
  { id: 2, code: '371502', type: 'county', name_zh: '东昌府区', name_en: 'Dongchangfu District', leader_name: '', active: true, cluster_ids: [] },
  { id: 3, code: '371581', type: 'county', name_zh: '临清市', name_en: 'Linqing', leader_name: '', active: true, cluster_ids: [] },
  { id: 10, code: 'ZONE-ETDZ', type: 'dev_zone', name_zh: '聊城经济技术开发区', name_en: 'Liaocheng ETDZ', leader_name: '', active: true, cluster_ids: [] },
];

const target = (id: number, code: string, extra: Record<string, unknown> = {}) => ({
  id, target_set_id: 1, code, metric: 'visits', applies_to: 'unit_type', unit_type: 'territorial', unit_id: null,
  threshold: '100.00', period: 'year', title_zh: `目标${code}`, title_en: `Target ${code}`, note: '', exempt_unit_ids: [] as number[], ...extra,
});

export const TARGET_SET = {
  id: 1, code: '2018-2020', name: '聊城市招商引资行动方案（2018—2020年）', start_date: '2018-01-01', end_date: '2020-12-31',
  active: true,
  targets: [
    target(1, 'T01', { applies_to: 'city', unit_type: null, threshold: '1000.00' }),
    target(17, 'T14'),
    target(5, 'T05', { metric: 'yi_projects_top_enterprise', threshold: '1.00' }),
  ],
};

export const METRICS = {
  rule_version_id: null,
  data: [
    { key: 'visits', name_zh: '走访企业数', name_en: 'Enterprise visits', value_kind: 'count', record_type: 'visit', rule_zh: '', rule_en: '' },
    { key: 'yi_projects_top_enterprise', name_zh: '世界500强、央企、中国500强过亿元项目数', name_en: '100m+ projects by top enterprises',
      value_kind: 'count', record_type: 'project', rule_zh: '', rule_en: '' },
  ],
};

/** Signs in as `role` (office by default) and mocks /auth/me, units and target sets plus the given routes. */
export function signInWith(routes: Record<string, Handler>, role: 'office' | 'leader' = 'office', name?: string) {
  startSession({ access: 'a', refresh: 'r', expiresAt: Date.now() + 900_000, lifetime: 900_000 });
  const me = { ...meFor(role, role === 'office' ? OFFICE_PERMS : LEADER_PERMS), name: name ?? role };
  return mockApi({
    'GET /api/v1/auth/me': () => json(me),
    'GET /api/v1/units': () => json({ data: UNITS, count: UNITS.length }),
    'GET /api/v1/target-sets': () => json({ data: [TARGET_SET] }),
    'GET /api/v1/progress/metrics': () => json(METRICS),
    ...routes,
  });
}

export const bodyOf = async (req: Request) => JSON.parse(await req.clone().text()) as Record<string, unknown>;
