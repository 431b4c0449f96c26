import { type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { listVisits, type VisitPublic } from '../../../api';
import { useUnitNames } from '../../../hooks/useUnitNames';
import { enumLabel } from '../../../i18n/enums';
import { useI18n } from '../../../i18n/I18nProvider';
import { REGIONS } from '../../../lib/enums';
import { statusColumn } from '../components/columns';
import {
  DateRangeFilter, EnterpriseClassFilter, EnterpriseFilter, EnumFilter, SearchFilter, StatusFilter, UnitFilter,
} from '../components/Filters';
import { RecordListPage, type FilterType, type Query } from '../components/RecordListPage';
import { useRecordScope } from '../lib/hooks';

const FILTERS = {
  q: 'text', unit_id: 'id', status: 'text', region: 'text', date_from: 'text', date_to: 'text', enterprise_id: 'id',
  enterprise_class: 'text', lead_id: 'id',
} satisfies Record<string, FilterType>;
const fetchPage = async (q: Query) => (await listVisits({ query: q })).data;

export default function VisitsPage() {
  const { t } = useI18n();
  const scope = useRecordScope();
  const unitName = useUnitNames();

  const columns: TableColumnsType<VisitPublic> = [
    { title: t('f.visit_date'), dataIndex: 'visit_date', key: 'visit_date', width: 110, className: 'zs-nowrap',
      render: (d: string, v) => <Link to={`/visits/${v.id}`}>{d}</Link> },
    { title: t('rec.enterprise'), key: 'enterprise', render: (_: unknown, v) => v.enterprise?.name ?? `#${v.enterprise_id}` },
    ...(scope.cityWide ? [{ title: t('rec.unit'), dataIndex: 'unit_id', width: 150, render: (u: number) => unitName(u) }] : []),
    { title: t('f.region'), dataIndex: 'region', width: 100, render: (r: string) => enumLabel(t, 'region', r) },
    { title: t('f.place'), dataIndex: 'place', width: 110, responsive: ['xl'] },
    { title: t('f.leader_level'), dataIndex: 'leader_level', width: 110, render: (l: string, v) => v.leader_name ? `${enumLabel(t, 'leaderLevel', l)} ${v.leader_name}` : enumLabel(t, 'leaderLevel', l) },
    { title: t('f.outcome'), dataIndex: 'outcome', ellipsis: true, responsive: ['lg'] },
    statusColumn(t),
  ];

  return (
    <RecordListPage<VisitPublic, keyof typeof FILTERS>
      kind="visit"
      title={t('visit.title')}
      newLabel={t('visit.new')}
      filters={FILTERS}
      defaultSort="-visit_date"
      sortable={{ visit_date: 'visit_date' }}
      fetchPage={fetchPage}
      columns={columns}
      reviewed
      testId="visits-table"
      renderFilters={(v, update, bind) => (
        <>
          <SearchFilter {...bind('q')} placeholder={t('visit.searchPlaceholder')} />
          {scope.cityWide && <UnitFilter label={t('rec.unitFilter')} {...bind('unit_id')} />}
          <StatusFilter {...bind('status')} />
          <EnumFilter label={t('f.region')} name="region" codes={REGIONS} {...bind('region')} width={140} />
          <DateRangeFilter label={t('rec.dateRange')} from={v.date_from} to={v.date_to} onChange={(from, to) => update({ date_from: from, date_to: to })} />
          <EnterpriseFilter {...bind('enterprise_id')} />
          <EnterpriseClassFilter {...bind('enterprise_class')} />
        </>
      )}
    />
  );
}
