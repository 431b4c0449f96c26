// Answers of the progress API for the Vitest suites of the dashboards and the drill-down.
import type { DrilldownPublic, FunnelPublic, ProgressItem, RankingPublic, TargetSetPublic } from '../../api';

export const TARGET_SET: TargetSetPublic = {
  id: 1, code: '2018-2020', name: '行动方案（2018—2020年）', start_date: '2018-01-01', end_date: '2020-12-31', active: true,
  targets: [
    { id: 1, target_set_id: 1, code: 'T01', metric: 'visits', applies_to: 'city', unit_type: null, unit_id: null, threshold: '1000.00', period: 'year', title_zh: '全市每年走访知名企业1000家以上', title_en: 'City: ≥1,000 visits a year', note: '', exempt_unit_ids: [] },
    { id: 5, target_set_id: 1, code: 'T04', metric: 'funds_departments', applies_to: 'unit_type_total', unit_type: 'department', unit_id: null, threshold: '1000000.00', period: 'plan', title_zh: '市直部门招商引资到位资金三年累计100亿元以上', title_en: 'Departments together: ≥10bn yuan', note: '', exempt_unit_ids: [] },
    { id: 6, target_set_id: 1, code: 'T05', metric: 'yi_projects_top_enterprise', applies_to: 'unit_type', unit_type: 'territorial', unit_id: null, threshold: '1.00', period: 'year', title_zh: '每年至少引进1个世界500强、央企或中国500强投资亿元以上项目', title_en: 'Each county/zone: ≥1 project by a Fortune 500', note: '', exempt_unit_ids: [] },
    { id: 17, target_set_id: 1, code: 'T14', metric: 'visits', applies_to: 'unit_type', unit_type: 'territorial', unit_id: null, threshold: '100.00', period: 'year', title_zh: '各县(市、区)、市属开发区每年走访对接知名目标企业100家以上', title_en: 'Each county/zone: ≥100 visits a year', note: '', exempt_unit_ids: [] },
    { id: 11, target_set_id: 1, code: 'T08', metric: 'signed_projects', applies_to: 'unit_type', unit_type: 'industry_group', unit_id: null, threshold: '3.00', period: 'year', title_zh: '每个产业招商团组每年签约3个新旧动能转换项目', title_en: 'Each group: ≥3 signed projects a year', note: '', exempt_unit_ids: [] },
  ],
};

const base = {
  period: 'year', window_start: '2020-01-01', window_end: '2020-12-31', period_end: '2020-12-31', value_kind: 'count',
  rule_zh: '已报送的走访记录条数，按走访日期计', rule_en: 'visits reported, by visit date',
};

export function item(over: Partial<ProgressItem> & Pick<ProgressItem, 'target_id' | 'code'>): ProgressItem {
  const target = TARGET_SET.targets!.find((x) => x.id === over.target_id)!;
  return {
    ...base, metric: target.metric, title_zh: target.title_zh, title_en: target.title_en, applies_to: target.applies_to,
    unit_id: null, unit_name: null, unit_type: null, threshold: target.threshold, actual: '0.00', reported: '0.00',
    unverified: '0.00', ratio: '0.0000', elapsed_ratio: '0.4973', status: 'behind', colour: 'red', trend: [], ...over,
  };
}

const DCF = { unit_id: 2, unit_name: '东昌府区', unit_type: 'county' };
const LQ = { unit_id: 3, unit_name: '临清市', unit_type: 'county' };
const GRP = { unit_id: 35, unit_name: '新材料产业招商团组', unit_type: 'industry_group' };

export const ITEMS: ProgressItem[] = [
  item({ target_id: 1, code: 'T01', actual: '29.00', reported: '30.00', unverified: '1.00', ratio: '0.0290' }),
  item({ target_id: 5, code: 'T04', unit_type: 'department', value_kind: 'money', actual: '1000.06', reported: '1000.06', ratio: '0.0010', period: 'plan', window_start: '2018-01-01', rule_zh: '市直部门持有贡献份额的项目到位资金（万元）' }),
  item({ target_id: 6, code: 'T05', ...DCF, actual: '1.00', reported: '1.00', ratio: '1.0000', status: 'ahead', colour: 'green' }),
  item({
    target_id: 17, code: 'T14', ...DCF, actual: '5.00', reported: '6.00', unverified: '1.00', ratio: '0.0500',
    trend: [{ month: '2020-01', value: '1.00' }, { month: '2020-02', value: '1.00' }, { month: '2020-03', value: '2.00' }, { month: '2020-05', value: '1.00' }],
  }),
  item({ target_id: 6, code: 'T05', ...LQ }),
  item({
    target_id: 17, code: 'T14', ...LQ, actual: '45.00', reported: '45.00', ratio: '0.4500', colour: 'amber',
    trend: [{ month: '2020-01', value: '20.00' }, { month: '2020-03', value: '25.00' }],
  }),
  item({ target_id: 11, code: 'T08', ...GRP, actual: '0.40', reported: '0.40', ratio: '0.1333', colour: 'red' }),
];

export const PROGRESS = { target_set_id: 1, year: 2020, quarter: null, as_of: '2020-12-31', rule_version_id: null, items: ITEMS };

export const RANKING_TERRITORIAL: RankingPublic = {
  unit_type: 'territorial', year: 2020, quarter: null,
  by_target: [
    { target_id: 17, code: 'T14', title_zh: ITEMS[5].title_zh, rows: [
      { rank: 1, unit_id: 3, unit_name: '临清市', actual: '45.00', threshold: '100.00', ratio: '0.4500' },
      { rank: 2, unit_id: 2, unit_name: '东昌府区', actual: '5.00', threshold: '100.00', ratio: '0.0500' },
    ] },
  ],
  overall: [
    { rank: 1, unit_id: 2, unit_name: '东昌府区', score: '0.5250', targets_met: 1, targets: 2 },
    { rank: 2, unit_id: 3, unit_name: '临清市', score: '0.2250', targets_met: 0, targets: 2 },
  ],
};

export const FUNNEL: FunnelPublic = {
  year: 2020, unit_id: null,
  steps: [
    { step: 'leads', label_zh: '线索', count: 12 }, { step: 'visited', label_zh: '已走访', count: 6 },
    { step: 'project', label_zh: '形成项目', count: 3 }, { step: 'signed', label_zh: '签约', count: 2 },
    { step: 'started', label_zh: '开工', count: 1 }, { step: 'in_production', label_zh: '投产', count: 0 },
  ],
  signed_investment: '4000.00', funds_in_place: '400.00', fulfilment_rate: '0.5000', start_rate: '0.5000',
  production_rate: '0.0000', funds_rate: '0.1000',
};

export const UNITS = [
  { id: 2, code: '371502', type: 'county', name_zh: '东昌府区', name_en: 'Dongchangfu District', leader_name: '', active: true, cluster_ids: [] },
  { id: 3, code: '371581', type: 'county', name_zh: '临清市', name_en: 'Linqing City', leader_name: '', active: true, cluster_ids: [] },
  { id: 35, code: 'GRP-01', type: 'industry_group', name_zh: '新材料产业招商团组', name_en: '', leader_name: '', active: true, cluster_ids: [] },
];

export function drillPage(over: Partial<DrilldownPublic> = {}): DrilldownPublic {
  return {
    target_id: 17, code: 'T14', title_zh: '属地单位走访目标企业', title_en: 'Visits to target enterprises', metric: 'visits',
    value_kind: 'count', record_type: 'visit', unit_id: 2, window_start: '2020-01-01', window_end: '2020-12-31',
    verified_only: true, count: 0, total: '0.00', rule_zh: '已报送的走访记录条数，按走访日期计',
    rule_en: 'visits reported, by visit date', next_cursor: null, data: [], ...over,
  };
}
