import { Tag, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { listProjects, type ProjectPublic } from '../../../api';
import { useUnitNames } from '../../../hooks/useUnitNames';
import { enumLabel } from '../../../i18n/enums';
import { useI18n } from '../../../i18n/I18nProvider';
import { ADVANCED_CLASSES, FOUR_NEW, STAGES } from '../../../lib/enums';
import { formatMoney, toCents } from '../../../lib/money';
import { statusColumn } from '../components/columns';
import {
  AmountRangeFilter, ClusterFilter, DateRangeFilter, EnterpriseClassFilter, EnterpriseFilter, EnumFilter, SearchFilter, StatusFilter, UnitFilter,
} from '../components/Filters';
import { RecordListPage, type FilterType, type Query } from '../components/RecordListPage';
import { TERRITORIAL, useClusters, useRecordScope } from '../lib/hooks';

const FILTERS = {
  q: 'text', unit_id: 'id', landing_unit_id: 'id', credited_unit_id: 'id', stage: 'text', status: 'text', cluster_id: 'id',
  four_new: 'text', advanced_class: 'text', enterprise_id: 'id', enterprise_class: 'text', signed_from: 'text', signed_to: 'text', amount_min: 'text',
  amount_max: 'text',
} satisfies Record<string, FilterType>;
const fetchPage = async (q: Query) => (await listProjects({ query: q })).data;
const OVER_100M = 1000000n; // 10,000.00 万元 in hundredths

export default function ProjectsPage() {
  const { t } = useI18n();
  const scope = useRecordScope();
  const unitName = useUnitNames();
  const clusters = useClusters();

  const columns: TableColumnsType<ProjectPublic> = [
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
    { title: t('f.stage'), dataIndex: 'stage', width: 70, render: (s: string) => enumLabel(t, 'stage', s) },
    { title: t('f.landing_unit_id'), dataIndex: 'landing_unit_id', width: 120, render: (u: number | null) => (u ? unitName(u) : '—') },
    ...(scope.cityWide ? [{ title: t('rec.unit'), dataIndex: 'unit_id', width: 130, responsive: ['xl' as const], render: (u: number) => unitName(u) }] : []),
    { title: t('f.cluster_id'), dataIndex: 'cluster_id', width: 110, responsive: ['xl'], render: (c: number | null) => clusters.name(c) || '—' },
    { title: t('f.funds_reported'), dataIndex: 'funds_reported', align: 'right', width: 130, responsive: ['lg'], render: (v: string) => <span className="zs-rec-money">{formatMoney(v ?? '0')}</span> },
    statusColumn(t),
  ];

  return (
    <RecordListPage<ProjectPublic, keyof typeof FILTERS>
      kind="project"
      title={t('project.title')}
      newLabel={t('project.new')}
      filters={FILTERS}
      defaultSort="-updated_at"
      sortable={{ total_investment: 'total_investment' }}
      fetchPage={fetchPage}
      columns={columns}
      reviewed
      testId="projects-table"
      renderFilters={(v, update, bind) => (
        <>
          <SearchFilter {...bind('q')} placeholder={t('project.searchPlaceholder')} width={200} />
          <StatusFilter {...bind('status')} />
          <EnumFilter label={t('f.stage')} name="stage" codes={STAGES} {...bind('stage')} width={130} />
          {scope.cityWide && <UnitFilter label={t('rec.unitFilter')} {...bind('unit_id')} width={160} />}
          <UnitFilter label={t('project.landingFilter')} {...bind('landing_unit_id')} types={TERRITORIAL} width={170} />
          <UnitFilter label={t('project.creditedFilter')} {...bind('credited_unit_id')} width={170} />
          <ClusterFilter label={t('f.cluster_id')} {...bind('cluster_id')} />
          <EnumFilter label={t('f.four_new')} name="fourNew" codes={FOUR_NEW} {...bind('four_new')} width={150} />
          <EnumFilter label={t('f.advanced_class')} name="advancedClass" codes={ADVANCED_CLASSES} {...bind('advanced_class')} width={200} />
          <EnterpriseFilter {...bind('enterprise_id')} />
          <EnterpriseClassFilter {...bind('enterprise_class')} />
          <DateRangeFilter label={t('project.signedRange')} from={v.signed_from} to={v.signed_to} onChange={(from, to) => update({ signed_from: from, signed_to: to })} />
          <AmountRangeFilter min={v.amount_min} max={v.amount_max} onChange={(min, max) => update({ amount_min: min, amount_max: max })} />
        </>
      )}
    />
  );
}
