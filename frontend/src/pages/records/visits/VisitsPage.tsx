import { type TableColumnsType } from 'antd';
import { useCallback } from 'react';
import { Link } from 'react-router';
import { listVisits, type VisitPublic } from '../../../api';
import { StatusTag } from '../../../components/StatusTag';
import { useUnitNames } from '../../../hooks/useUnitNames';
import { enumLabel } from '../../../i18n/enums';
import { useI18n } from '../../../i18n/I18nProvider';
import { ENTERPRISE_CLASSES, REGIONS, STATUSES } from '../../../lib/enums';
import { DateRangeFilter, EnterpriseFilter, EnumFilter, SearchFilter, UnitFilter } from '../components/Filters';
import { RecordListPage, type Query } from '../components/RecordListPage';
import { useRecordScope } from '../lib/hooks';

const FILTERS = ['q', 'unit_id', 'status', 'region', 'date_from', 'date_to', 'enterprise_id', 'enterprise_class', 'lead_id'] as const;
type F = (typeof FILTERS)[number];

const num = (s: string) => (Number(s) > 0 ? Number(s) : undefined);

export function visitQuery(v: Record<F, string>): Query {
  return {
    q: v.q || undefined,
    unit_id: num(v.unit_id),
    status: v.status || undefined,
    region: v.region || undefined,
    date_from: v.date_from || undefined,
    date_to: v.date_to || undefined,
    enterprise_id: num(v.enterprise_id),
    enterprise_class: v.enterprise_class || undefined,
    lead_id: num(v.lead_id),
  };
}

export default function VisitsPage() {
  const { t } = useI18n();
  const scope = useRecordScope();
  const unitName = useUnitNames();
  const fetchPage = useCallback(async (q: Query) => (await listVisits({ query: q })).data, []);

  const columns: TableColumnsType<VisitPublic> = [
    { title: t('f.visit_date'), dataIndex: 'visit_date', key: 'visit_date', width: 110, className: 'zs-nowrap',
      render: (d: string, v) => <Link to={`/visits/${v.id}`}>{d}</Link> },
    { title: t('rec.enterprise'), key: 'enterprise', render: (_: unknown, v) => v.enterprise?.name ?? `#${v.enterprise_id}` },
    ...(scope.cityWide ? [{ title: t('rec.unit'), dataIndex: 'unit_id', width: 150, render: (u: number) => unitName(u) }] : []),
    { title: t('f.region'), dataIndex: 'region', width: 100, render: (r: string) => enumLabel(t, 'region', r) },
    { title: t('f.place'), dataIndex: 'place', width: 110, responsive: ['xl'] },
    { title: t('f.leader_level'), dataIndex: 'leader_level', width: 110, render: (l: string, v) => v.leader_name ? `${enumLabel(t, 'leaderLevel', l)} ${v.leader_name}` : enumLabel(t, 'leaderLevel', l) },
    { title: t('f.outcome'), dataIndex: 'outcome', ellipsis: true, responsive: ['lg'] },
    { title: t('rec.status'), dataIndex: 'status', width: 90, render: (s: string, v) => <StatusTag status={s} reason={v.return_reason} /> },
  ];

  return (
    <RecordListPage<VisitPublic, F>
      kind="visit"
      title={t('visit.title')}
      newLabel={t('visit.new')}
      filterKeys={FILTERS}
      defaultSort="-visit_date"
      sortable={{ visit_date: 'visit_date' }}
      toQuery={visitQuery}
      fetchPage={fetchPage}
      columns={columns}
      reviewed
      exportName={`${t('visit.title')}.xlsx`}
      testId="visits-table"
      rowClassName={(v) => (v.status === 'returned' ? 'zs-rec-row-returned' : '')}
      renderFilters={(v, update) => (
        <>
          <SearchFilter value={v.q} onCommit={(q) => update({ q: q || null })} placeholder={t('visit.searchPlaceholder')} />
          {scope.cityWide && <UnitFilter label={t('rec.unitFilter')} value={v.unit_id} onChange={(x) => update({ unit_id: x || null })} />}
          <EnumFilter label={t('rec.status')} name="status" codes={STATUSES} value={v.status} onChange={(x) => update({ status: x || null })} width={130} testId="status-filter" />
          <EnumFilter label={t('f.region')} name="region" codes={REGIONS} value={v.region} onChange={(x) => update({ region: x || null })} width={140} />
          <DateRangeFilter label={t('rec.dateRange')} from={v.date_from} to={v.date_to} onChange={(from, to) => update({ date_from: from, date_to: to })} />
          <EnterpriseFilter value={v.enterprise_id} onChange={(x) => update({ enterprise_id: x || null })} />
          <EnumFilter label={t('rec.enterpriseClass')} name="enterpriseClass" codes={ENTERPRISE_CLASSES} value={v.enterprise_class}
                      onChange={(x) => update({ enterprise_class: x || null })} width={170} />
        </>
      )}
    />
  );
}
