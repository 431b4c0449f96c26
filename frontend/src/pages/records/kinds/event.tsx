// An event (活动): its list and its record page.
import { Link } from 'react-router';
import { listEvents, type EventPublic } from '../../../api';
import { useUnitNames } from '../../../hooks/useUnitNames';
import { useI18n } from '../../../i18n/I18nProvider';
import { EVENT_KINDS, REGIONS } from '../../../lib/enums';
import { enumColumn, statusColumn, unitColumns } from '../components/columns';
import {
  dateRangeFilter, enterpriseFilter, enumFilter, ownerUnitFilter, searchFilter, statusFilter,
} from '../components/FilterBar';
import type { ListDef } from '../components/RecordListPage';
import { useRecordScope } from '../lib/hooks';

export const eventList: ListDef<EventPublic> = {
  kind: 'event', title: 'event.title', newLabel: 'event.new', testId: 'events-table', reviewed: true,
  defaultSort: '-event_date', sortable: { event_date: 'event_date' },
  fetchPage: async (query) => (await listEvents({ query })).data,
  filters: [
    searchFilter('event.searchPlaceholder', 200), ownerUnitFilter(undefined, 'f.organiser'),
    enumFilter('kind', 'f.kind', 'eventKind', EVENT_KINDS, 200), enumFilter('region', 'f.region', 'region', REGIONS, 140),
    statusFilter(), dateRangeFilter('date_from', 'date_to', 'rec.dateRange'), enterpriseFilter(),
  ],
  useColumns: () => {
    const { t } = useI18n();
    const scope = useRecordScope();
    const unitName = useUnitNames();
    return [
      { title: t('f.event_date'), dataIndex: 'event_date', key: 'event_date', width: 110, className: 'zs-nowrap', render: (d: string) => d },
      { title: t('f.title'), dataIndex: 'title', render: (n: string, e) => <Link to={`/events/${e.id}`}>{n}</Link> },
      enumColumn(t, 'kind', 'eventKind', 170), enumColumn(t, 'region', 'region', 100),
      { title: t('f.place'), dataIndex: 'place', width: 110, responsive: ['xl'] },
      ...unitColumns<EventPublic>(t, unitName, 150, { title: 'f.organiser', show: scope.cityWide }),
      { title: t('f.enterprise_ids'), key: 'ents', width: 70, align: 'right', render: (_: unknown, e) => t('event.enterprisesCount', { count: (e.enterprises ?? []).length }) },
      statusColumn(t),
    ];
  },
};
