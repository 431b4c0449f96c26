import { Tag, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { listLeads, type LeadPublic } from '../../../api';
import { useUnitNames } from '../../../hooks/useUnitNames';
import { enumLabel } from '../../../i18n/enums';
import { useI18n } from '../../../i18n/I18nProvider';
import { LEAD_SOURCES, LEAD_STATES } from '../../../lib/enums';
import { formatMoney } from '../../../lib/money';
import {
  AmountRangeFilter, ClusterFilter, DateRangeFilter, EnterpriseClassFilter, EnterpriseFilter, EnumFilter, SearchFilter, UnitFilter,
} from '../components/Filters';
import { RecordListPage, type FilterType, type Query } from '../components/RecordListPage';
import { useRecordScope } from '../lib/hooks';

const FILTERS = {
  q: 'text', unit_id: 'id', assigned_unit_id: 'id', source: 'text', state: 'text', cluster_id: 'id', date_from: 'text',
  date_to: 'text', enterprise_id: 'id', enterprise_class: 'text', amount_min: 'text', amount_max: 'text',
} satisfies Record<string, FilterType>;
const fetchPage = async (q: Query) => (await listLeads({ query: q })).data;
export const STATE_COLOURS: Record<string, string> = { open: 'processing', converted: 'success', closed: 'default' };

export default function LeadsPage() {
  const { t } = useI18n();
  const scope = useRecordScope();
  const unitName = useUnitNames();

  const columns: TableColumnsType<LeadPublic> = [
    { title: t('f.received_on'), dataIndex: 'received_on', key: 'received_on', width: 110, className: 'zs-nowrap', render: (d: string, l) => <Link to={`/leads/${l.id}`}>{d}</Link> },
    { title: t('rec.enterprise'), key: 'ent', render: (_: unknown, l) => l.enterprise?.name ?? `#${l.enterprise_id}` },
    { title: t('f.source'), dataIndex: 'source', width: 120, render: (s: string) => enumLabel(t, 'leadSource', s) },
    { title: t('f.intended_industry'), dataIndex: 'intended_industry', width: 120, responsive: ['xl'], render: (s: string) => s || '—' },
    { title: t('f.intended_amount'), dataIndex: 'intended_amount', align: 'right', width: 150, render: (v: string | null) => <span className="zs-rec-money">{v ? formatMoney(v) : '—'}</span> },
    { title: t('rec.unit'), dataIndex: 'unit_id', width: 130, render: (u: number) => unitName(u) },
    { title: t('f.assigned_unit_id'), dataIndex: 'assigned_unit_id', width: 130, render: (u: number | null) => (u ? unitName(u) : '—') },
    { title: t('f.state'), dataIndex: 'state', width: 110, render: (s: string) => <Tag color={STATE_COLOURS[s]}>{enumLabel(t, 'leadState', s)}</Tag> },
  ];

  return (
    <RecordListPage<LeadPublic, keyof typeof FILTERS>
      kind="lead"
      title={t('lead.title')}
      newLabel={t('lead.new')}
      filters={FILTERS}
      defaultSort="-received_on"
      sortable={{ received_on: 'received_on' }}
      fetchPage={fetchPage}
      columns={columns}
      testId="leads-table"
      renderFilters={(v, update, bind) => (
        <>
          <SearchFilter {...bind('q')} placeholder={t('lead.searchPlaceholder')} width={220} />
          {scope.cityWide && <UnitFilter label={t('rec.unitFilter')} {...bind('unit_id')} />}
          <UnitFilter label={t('lead.assignedFilter')} {...bind('assigned_unit_id')} />
          <EnumFilter label={t('f.source')} name="leadSource" codes={LEAD_SOURCES} {...bind('source')} width={170} />
          <EnumFilter label={t('f.state')} name="leadState" codes={LEAD_STATES} {...bind('state')} width={170} />
          <ClusterFilter label={t('f.cluster_id')} {...bind('cluster_id')} />
          <DateRangeFilter label={t('rec.dateRange')} from={v.date_from} to={v.date_to} onChange={(from, to) => update({ date_from: from, date_to: to })} />
          <EnterpriseFilter {...bind('enterprise_id')} />
          <EnterpriseClassFilter {...bind('enterprise_class')} />
          <AmountRangeFilter min={v.amount_min} max={v.amount_max} onChange={(min, max) => update({ amount_min: min, amount_max: max })} />
        </>
      )}
    />
  );
}
