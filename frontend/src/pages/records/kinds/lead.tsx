// A lead (线索): its list and its record page.
import { Tag } from 'antd';
import { listLeads, type LeadPublic } from '../../../api';
import { useUnitNames } from '../../../hooks/useUnitNames';
import { enumLabel } from '../../../i18n/enums';
import { useI18n } from '../../../i18n/I18nProvider';
import { LEAD_SOURCES, LEAD_STATES } from '../../../lib/enums';
import { dateLinkColumn, enterpriseColumn, enumColumn, moneyColumn, unitColumns } from '../components/columns';
import {
  amountRangeFilter, clusterFilter, dateRangeFilter, enterpriseClassFilter, enterpriseFilter, enumFilter, ownerUnitFilter, searchFilter,
  unitFilter,
} from '../components/FilterBar';
import type { ListDef } from '../components/RecordListPage';

export const STATE_COLOURS: Record<string, string> = { open: 'processing', converted: 'success', closed: 'default' };

export const leadList: ListDef<LeadPublic> = {
  kind: 'lead', title: 'lead.title', newLabel: 'lead.new', testId: 'leads-table',
  defaultSort: '-received_on', sortable: { received_on: 'received_on' },
  fetchPage: async (query) => (await listLeads({ query })).data,
  filters: [
    searchFilter('lead.searchPlaceholder', 220), ownerUnitFilter(), unitFilter('assigned_unit_id', 'lead.assignedFilter'),
    enumFilter('source', 'f.source', 'leadSource', LEAD_SOURCES, 170), enumFilter('state', 'f.state', 'leadState', LEAD_STATES, 170),
    clusterFilter(), dateRangeFilter('date_from', 'date_to', 'rec.dateRange'), enterpriseFilter(), enterpriseClassFilter(),
    amountRangeFilter(),
  ],
  useColumns: () => {
    const { t } = useI18n();
    const unitName = useUnitNames();
    return [
      dateLinkColumn(t, 'received_on', '/leads'), enterpriseColumn(t), enumColumn(t, 'source', 'leadSource', 120),
      { title: t('f.intended_industry'), dataIndex: 'intended_industry', width: 120, responsive: ['xl'], render: (s: string) => s || '—' },
      moneyColumn(t, 'intended_amount', 150),
      ...unitColumns<LeadPublic>(t, unitName, 130), ...unitColumns<LeadPublic>(t, unitName, 130, { field: 'assigned_unit_id', title: 'f.assigned_unit_id' }),
      { title: t('f.state'), dataIndex: 'state', width: 110, render: (s: string) => <Tag color={STATE_COLOURS[s]}>{enumLabel(t, 'leadState', s)}</Tag> },
    ];
  },
};
