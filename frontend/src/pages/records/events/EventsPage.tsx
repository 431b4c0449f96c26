import { type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { listEvents, type EventPublic } from '../../../api';
import { useUnitNames } from '../../../hooks/useUnitNames';
import { enumLabel } from '../../../i18n/enums';
import { useI18n } from '../../../i18n/I18nProvider';
import { EVENT_KINDS, REGIONS } from '../../../lib/enums';
import { statusColumn } from '../components/columns';
import { DateRangeFilter, EnterpriseFilter, EnumFilter, SearchFilter, StatusFilter, UnitFilter } from '../components/Filters';
import { RecordListPage, type FilterType, type Query } from '../components/RecordListPage';
import { useRecordScope } from '../lib/hooks';

const FILTERS = {
  q: 'text', unit_id: 'id', kind: 'text', region: 'text', status: 'text', date_from: 'text', date_to: 'text', enterprise_id: 'id',
} satisfies Record<string, FilterType>;
const fetchPage = async (q: Query) => (await listEvents({ query: q })).data;

export default function EventsPage() {
  const { t } = useI18n();
  const scope = useRecordScope();
  const unitName = useUnitNames();

  const columns: TableColumnsType<EventPublic> = [
    { title: t('f.event_date'), dataIndex: 'event_date', key: 'event_date', width: 110, className: 'zs-nowrap', render: (d: string) => d },
    { title: t('f.title'), dataIndex: 'title', render: (n: string, e) => <Link to={`/events/${e.id}`}>{n}</Link> },
    { title: t('f.kind'), dataIndex: 'kind', width: 170, render: (k: string) => enumLabel(t, 'eventKind', k) },
    { title: t('f.region'), dataIndex: 'region', width: 100, render: (r: string) => enumLabel(t, 'region', r) },
    { title: t('f.place'), dataIndex: 'place', width: 110, responsive: ['xl'] },
    ...(scope.cityWide ? [{ title: t('f.organiser'), dataIndex: 'unit_id', width: 150, render: (u: number) => unitName(u) }] : []),
    { title: t('f.enterprise_ids'), key: 'ents', width: 70, align: 'right' as const, render: (_: unknown, e: EventPublic) => t('event.enterprisesCount', { count: (e.enterprises ?? []).length }) },
    statusColumn(t),
  ];

  return (
    <RecordListPage<EventPublic, keyof typeof FILTERS>
      kind="event"
      title={t('event.title')}
      newLabel={t('event.new')}
      filters={FILTERS}
      defaultSort="-event_date"
      sortable={{ event_date: 'event_date' }}
      fetchPage={fetchPage}
      columns={columns}
      reviewed
      testId="events-table"
      renderFilters={(v, update, bind) => (
        <>
          <SearchFilter {...bind('q')} placeholder={t('event.searchPlaceholder')} width={200} />
          {scope.cityWide && <UnitFilter label={t('f.organiser')} {...bind('unit_id')} />}
          <EnumFilter label={t('f.kind')} name="eventKind" codes={EVENT_KINDS} {...bind('kind')} width={200} />
          <EnumFilter label={t('f.region')} name="region" codes={REGIONS} {...bind('region')} width={140} />
          <StatusFilter {...bind('status')} />
          <DateRangeFilter label={t('rec.dateRange')} from={v.date_from} to={v.date_to} onChange={(from, to) => update({ date_from: from, date_to: to })} />
          <EnterpriseFilter {...bind('enterprise_id')} />
        </>
      )}
    />
  );
}
