// A project (项目): its list and its record page (with its credit shares, stage timeline and funds as slots).
import { Tag } from 'antd';
import { Link } from 'react-router';
import { listProjects, type ProjectPublic } from '../../../api';
import { useUnitNames } from '../../../hooks/useUnitNames';
import { useI18n } from '../../../i18n/I18nProvider';
import { ADVANCED_CLASSES, FOUR_NEW, STAGES } from '../../../lib/enums';
import { formatMoney, toCents } from '../../../lib/money';
import { enumColumn, statusColumn, unitColumns } from '../components/columns';
import {
  amountRangeFilter, clusterFilter, dateRangeFilter, enterpriseClassFilter, enterpriseFilter, enumFilter, ownerUnitFilter, searchFilter,
  statusFilter, unitFilter,
} from '../components/FilterBar';
import type { ListDef } from '../components/RecordListPage';
import { TERRITORIAL, useClusters, useRecordScope } from '../lib/hooks';

const OVER_100M = 1000000n; // 10,000.00 万元 in hundredths

export const projectList: ListDef<ProjectPublic> = {
  kind: 'project', title: 'project.title', newLabel: 'project.new', testId: 'projects-table', reviewed: true,
  defaultSort: '-updated_at', sortable: { total_investment: 'total_investment' },
  fetchPage: async (query) => (await listProjects({ query })).data,
  filters: [
    searchFilter('project.searchPlaceholder', 200), statusFilter(), enumFilter('stage', 'f.stage', 'stage', STAGES, 130),
    ownerUnitFilter(160), unitFilter('landing_unit_id', 'project.landingFilter', { types: TERRITORIAL, width: 170 }),
    unitFilter('credited_unit_id', 'project.creditedFilter', { width: 170 }), clusterFilter(),
    enumFilter('four_new', 'f.four_new', 'fourNew', FOUR_NEW, 150),
    enumFilter('advanced_class', 'f.advanced_class', 'advancedClass', ADVANCED_CLASSES, 200),
    enterpriseFilter(), enterpriseClassFilter(), dateRangeFilter('signed_from', 'signed_to', 'project.signedRange'), amountRangeFilter(),
  ],
  useColumns: () => {
    const { t } = useI18n();
    const scope = useRecordScope();
    const unitName = useUnitNames();
    const clusters = useClusters();
    return [
      { title: t('f.project_name'), dataIndex: 'name', key: 'name', render: (n: string, p) => <Link to={`/projects/${p.id}`}>{n}</Link> },
      {
        title: t('rec.enterprise'), key: 'ents', responsive: ['lg'],
        render: (_: unknown, p) => {
          const e = p.enterprises ?? [];
          return e.length ? `${e[0].name}${e.length > 1 ? ` ${t('project.enterprisesCount', { count: e.length - 1 })}` : ''}` : '—';
        },
      },
      {
        title: t('f.total_investment'), dataIndex: 'total_investment', key: 'total_investment', align: 'right', width: 150,
        render: (v: string) => (
          <span className="zs-rec-money">
            {formatMoney(v)}
            {toCents(v) >= OVER_100M && <Tag color="gold" style={{ marginInlineStart: 6, marginInlineEnd: 0 }}>{t('project.over100m')}</Tag>}
          </span>
        ),
      },
      enumColumn(t, 'stage', 'stage', 70),
      ...unitColumns<ProjectPublic>(t, unitName, 120, { field: 'landing_unit_id', title: 'f.landing_unit_id' }),
      ...unitColumns<ProjectPublic>(t, unitName, 130, { responsive: ['xl'], show: scope.cityWide }),
      { title: t('f.cluster_id'), dataIndex: 'cluster_id', width: 110, responsive: ['xl'], render: (c: number | null) => clusters.name(c) || '—' },
      {
        title: t('f.funds_reported'), dataIndex: 'funds_reported', align: 'right', width: 130, responsive: ['lg'],
        render: (v: string) => <span className="zs-rec-money">{formatMoney(v ?? '0')}</span>,
      },
      statusColumn(t),
    ];
  },
};
