import { type TableColumnsType } from 'antd';
import { useCallback } from 'react';
import { Link } from 'react-router';
import { listEvents, type EventPublic } from '../../../api';
import { StatusTag } from '../../../components/StatusTag';
import { useUnitNames } from '../../../hooks/useUnitNames';
import { enumLabel } from '../../../i18n/enums';
import { useI18n } from '../../../i18n/I18nProvider';
import { EVENT_KINDS, REGIONS, STATUSES } from '../../../lib/enums';
import { DateRangeFilter, EnterpriseFilter, EnumFilter, SearchFilter, UnitFilter } from '../components/Filters';
import { RecordListPage, type Query } from '../components/RecordListPage';
import { useRecordScope } from '../lib/hooks';

const FILTERS = ['q', 'unit_id', 'kind', 'region', 'status', 'date_from', 'date_to', 'enterprise_id'] as const;
type F = (typeof FILTERS)[number];
const num = (s: string) => (Number(s) > 0 ? Number(s) : undefined);

export default function EventsPage() {
  const { t } = useI18n();
  const scope = useRecordScope();
  const unitName = useUnitNames();
  const fetchPage = useCallback(async (q: Query) => (await listEvents({ query: q })).data, []);

  const columns: TableColumnsType<EventPublic> = [
    { title: t('f.event_date'), dataIndex: 'event_date', key: 'event_date', width: 110, className: 'zs-nowrap', render: (d: string) => d },
    { title: t('f.title'), dataIndex: 'title', render: (n: string, e) => <Link to={`/events/${e.id}`}>{n}</Link> },
    { title: t('f.kind'), dataIndex: 'kind', width: 170, render: (k: string) => enumLabel(t, 'eventKind', k) },
    { title: t('f.region'), dataIndex: 'region', width: 100, render: (r: string) => enumLabel(t, 'region', r) },
    { title: t('f.place'), dataIndex: 'place', width: 110, responsive: ['xl'] },
    ...(scope.cityWide ? [{ title: t('f.organiser'), dataIndex: 'unit_id', width: 150, render: (u: number) => unitName(u) }] : []),
    { title: t('f.enterprise_ids'), key: 'ents', width: 70, align: 'right' as const, render: (_: unknown, e: EventPublic) => t('event.enterprisesCount', { count: (e.enterprises ?? []).length }) },
    { title: t('rec.status'), dataIndex: 'status', width: 90, render: (s: string, e) => <StatusTag status={s} reason={e.return_reason} /> },
  ];

  return (
    <RecordListPage<EventPublic, F>
      kind="event"
      title={t('event.title')}
      newLabel={t('event.new')}
      filterKeys={FILTERS}
      defaultSort="-event_date"
      sortable={{ event_date: 'event_date' }}
      toQuery={(v) => ({
        q: v.q || undefined,
        unit_id: num(v.unit_id),
        kind: v.kind || undefined,
        region: v.region || undefined,
        status: v.status || undefined,
        date_from: v.date_from || undefined,
        date_to: v.date_to || undefined,
        enterprise_id: num(v.enterprise_id),
      })}
      fetchPage={fetchPage}
      columns={columns}
      reviewed
      exportName={`${t('event.title')}.xlsx`}
      testId="events-table"
      rowClassName={(e) => (e.status === 'returned' ? 'zs-rec-row-returned' : '')}
      renderFilters={(v, update) => (
        <>
          <SearchFilter value={v.q} onCommit={(q) => update({ q: q || null })} placeholder={t('event.searchPlaceholder')} width={200} />
          {scope.cityWide && <UnitFilter label={t('f.organiser')} value={v.unit_id} onChange={(x) => update({ unit_id: x || null })} />}
          <EnumFilter label={t('f.kind')} name="eventKind" codes={EVENT_KINDS} value={v.kind} onChange={(x) => update({ kind: x || null })} width={200} />
          <EnumFilter label={t('f.region')} name="region" codes={REGIONS} value={v.region} onChange={(x) => update({ region: x || null })} width={140} />
          <EnumFilter label={t('rec.status')} name="status" codes={STATUSES} value={v.status} onChange={(x) => update({ status: x || null })} width={130} testId="status-filter" />
          <DateRangeFilter label={t('rec.dateRange')} from={v.date_from} to={v.date_to} onChange={(from, to) => update({ date_from: from, date_to: to })} />
          <EnterpriseFilter value={v.enterprise_id} onChange={(x) => update({ enterprise_id: x || null })} />
        </>
      )}
    />
  );
}
