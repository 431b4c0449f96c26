import { Tag, type TableColumnsType } from 'antd';
import { useCallback } from 'react';
import { Link } from 'react-router';
import { listProjects, type ProjectPublic } from '../../../api';
import { StatusTag } from '../../../components/StatusTag';
import { useUnitNames } from '../../../hooks/useUnitNames';
import { enumLabel } from '../../../i18n/enums';
import { useI18n } from '../../../i18n/I18nProvider';
import { ADVANCED_CLASSES, ENTERPRISE_CLASSES, FOUR_NEW, STAGES, STATUSES } from '../../../lib/enums';
import { formatMoney, toCents } from '../../../lib/money';
import { AmountRangeFilter, ClusterFilter, DateRangeFilter, EnumFilter, SearchFilter, UnitFilter } from '../components/Filters';
import { RecordListPage, type Query } from '../components/RecordListPage';
import { TERRITORIAL, useClusters, useRecordScope } from '../lib/hooks';

const FILTERS = [
  'q', 'unit_id', 'landing_unit_id', 'credited_unit_id', 'stage', 'status', 'cluster_id', 'four_new', 'advanced_class',
  'enterprise_class', 'signed_from', 'signed_to', 'amount_min', 'amount_max',
] as const;
type F = (typeof FILTERS)[number];
const num = (s: string) => (Number(s) > 0 ? Number(s) : undefined);
const OVER_100M = 1000000n; // 10,000.00 万元 in hundredths

export default function ProjectsPage() {
  const { t } = useI18n();
  const scope = useRecordScope();
  const unitName = useUnitNames();
  const clusters = useClusters();
  const fetchPage = useCallback(async (q: Query) => (await listProjects({ query: q })).data, []);

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
    { title: t('rec.status'), dataIndex: 'status', width: 90, render: (s: string, p) => <StatusTag status={s} reason={p.return_reason} /> },
  ];

  return (
    <RecordListPage<ProjectPublic, F>
      kind="project"
      title={t('project.title')}
      newLabel={t('project.new')}
      filterKeys={FILTERS}
      defaultSort="-updated_at"
      sortable={{ total_investment: 'total_investment' }}
      toQuery={(v) => ({
        q: v.q || undefined,
        unit_id: num(v.unit_id),
        landing_unit_id: num(v.landing_unit_id),
        credited_unit_id: num(v.credited_unit_id),
        stage: v.stage || undefined,
        status: v.status || undefined,
        cluster_id: num(v.cluster_id),
        four_new: v.four_new || undefined,
        advanced_class: v.advanced_class || undefined,
        enterprise_class: v.enterprise_class || undefined,
        signed_from: v.signed_from || undefined,
        signed_to: v.signed_to || undefined,
        amount_min: v.amount_min || undefined,
        amount_max: v.amount_max || undefined,
      })}
      fetchPage={fetchPage}
      columns={columns}
      reviewed
      exportName={`${t('project.title')}.xlsx`}
      testId="projects-table"
      rowClassName={(p) => (p.status === 'returned' ? 'zs-rec-row-returned' : '')}
      renderFilters={(v, update) => (
        <>
          <SearchFilter value={v.q} onCommit={(q) => update({ q: q || null })} placeholder={t('project.searchPlaceholder')} width={200} />
          <EnumFilter label={t('rec.status')} name="status" codes={STATUSES} value={v.status} onChange={(x) => update({ status: x || null })} width={130} testId="status-filter" />
          <EnumFilter label={t('f.stage')} name="stage" codes={STAGES} value={v.stage} onChange={(x) => update({ stage: x || null })} width={130} />
          {scope.cityWide && <UnitFilter label={t('rec.unitFilter')} value={v.unit_id} onChange={(x) => update({ unit_id: x || null })} width={160} />}
          <UnitFilter label={t('project.landingFilter')} value={v.landing_unit_id} types={TERRITORIAL} onChange={(x) => update({ landing_unit_id: x || null })} width={170} />
          <UnitFilter label={t('project.creditedFilter')} value={v.credited_unit_id} onChange={(x) => update({ credited_unit_id: x || null })} width={170} />
          <ClusterFilter label={t('f.cluster_id')} value={v.cluster_id} onChange={(x) => update({ cluster_id: x || null })} />
          <EnumFilter label={t('f.four_new')} name="fourNew" codes={FOUR_NEW} value={v.four_new} onChange={(x) => update({ four_new: x || null })} width={150} />
          <EnumFilter label={t('f.advanced_class')} name="advancedClass" codes={ADVANCED_CLASSES} value={v.advanced_class} onChange={(x) => update({ advanced_class: x || null })} width={200} />
          <EnumFilter label={t('rec.enterpriseClass')} name="enterpriseClass" codes={ENTERPRISE_CLASSES} value={v.enterprise_class} onChange={(x) => update({ enterprise_class: x || null })} width={170} />
          <DateRangeFilter label={t('project.signedRange')} from={v.signed_from} to={v.signed_to} onChange={(from, to) => update({ signed_from: from, signed_to: to })} />
          <AmountRangeFilter min={v.amount_min} max={v.amount_max} onChange={(min, max) => update({ amount_min: min, amount_max: max })} />
        </>
      )}
    />
  );
}
