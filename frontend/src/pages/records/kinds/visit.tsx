// A visit (走访): its list and its record page.
import { listVisits, type VisitPublic } from '../../../api';
import { useUnitNames } from '../../../hooks/useUnitNames';
import { enumLabel } from '../../../i18n/enums';
import { useI18n } from '../../../i18n/I18nProvider';
import { REGIONS } from '../../../lib/enums';
import { dateLinkColumn, enterpriseColumn, enumColumn, statusColumn, unitColumns } from '../components/columns';
import {
  dateRangeFilter, enterpriseClassFilter, enterpriseFilter, enumFilter, linkedFilter, ownerUnitFilter, searchFilter, statusFilter,
} from '../components/FilterBar';
import type { ListDef } from '../components/RecordListPage';
import { useRecordScope } from '../lib/hooks';

export const visitList: ListDef<VisitPublic> = {
  kind: 'visit', title: 'visit.title', newLabel: 'visit.new', testId: 'visits-table', reviewed: true,
  defaultSort: '-visit_date', sortable: { visit_date: 'visit_date' },
  fetchPage: async (query) => (await listVisits({ query })).data,
  filters: [
    searchFilter('visit.searchPlaceholder'), ownerUnitFilter(), statusFilter(), enumFilter('region', 'f.region', 'region', REGIONS, 140),
    dateRangeFilter('date_from', 'date_to', 'rec.dateRange'), enterpriseFilter(), enterpriseClassFilter(), linkedFilter('lead_id'),
  ],
  useColumns: () => {
    const { t } = useI18n();
    const scope = useRecordScope();
    const unitName = useUnitNames();
    return [
      dateLinkColumn(t, 'visit_date', '/visits'), enterpriseColumn(t),
      ...unitColumns<VisitPublic>(t, unitName, 150, { show: scope.cityWide }),
      enumColumn(t, 'region', 'region', 100),
      { title: t('f.place'), dataIndex: 'place', width: 110, responsive: ['xl'] },
      {
        title: t('f.leader_level'), dataIndex: 'leader_level', width: 110,
        render: (l: string, v) => (v.leader_name ? `${enumLabel(t, 'leaderLevel', l)} ${v.leader_name}` : enumLabel(t, 'leaderLevel', l)),
      },
      { title: t('f.outcome'), dataIndex: 'outcome', ellipsis: true, responsive: ['lg'] },
      statusColumn(t),
    ];
  },
};
