import { Tag, type TableColumnsType } from 'antd';
import { useCallback } from 'react';
import { Link } from 'react-router';
import { listLeads, type LeadPublic } from '../../../api';
import { useUnitNames } from '../../../hooks/useUnitNames';
import { enumLabel } from '../../../i18n/enums';
import { useI18n } from '../../../i18n/I18nProvider';
import { ENTERPRISE_CLASSES, LEAD_SOURCES, LEAD_STATES } from '../../../lib/enums';
import { formatMoney } from '../../../lib/money';
import { AmountRangeFilter, ClusterFilter, DateRangeFilter, EnterpriseFilter, EnumFilter, SearchFilter, UnitFilter } from '../components/Filters';
import { RecordListPage, type Query } from '../components/RecordListPage';
import { useRecordScope } from '../lib/hooks';

const FILTERS = ['q', 'unit_id', 'assigned_unit_id', 'source', 'state', 'cluster_id', 'date_from', 'date_to', 'enterprise_id', 'enterprise_class', 'amount_min', 'amount_max'] as const;
type F = (typeof FILTERS)[number];
const num = (s: string) => (Number(s) > 0 ? Number(s) : undefined);
export const STATE_COLOURS: Record<string, string> = { open: 'processing', converted: 'success', closed: 'default' };

export default function LeadsPage() {
  const { t } = useI18n();
  const scope = useRecordScope();
  const unitName = useUnitNames();
  const fetchPage = useCallback(async (q: Query) => (await listLeads({ query: q })).data, []);

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
    <RecordListPage<LeadPublic, F>
      kind="lead"
      title={t('lead.title')}
      newLabel={t('lead.new')}
      filterKeys={FILTERS}
      defaultSort="-received_on"
      sortable={{ received_on: 'received_on' }}
      toQuery={(v) => ({
        q: v.q || undefined,
        unit_id: num(v.unit_id),
        assigned_unit_id: num(v.assigned_unit_id),
        source: v.source || undefined,
        state: v.state || undefined,
        cluster_id: num(v.cluster_id),
        date_from: v.date_from || undefined,
        date_to: v.date_to || undefined,
        enterprise_id: num(v.enterprise_id),
        enterprise_class: v.enterprise_class || undefined,
        amount_min: v.amount_min || undefined,
        amount_max: v.amount_max || undefined,
      })}
      fetchPage={fetchPage}
      columns={columns}
      exportName={`${t('lead.title')}.xlsx`}
      testId="leads-table"
      renderFilters={(v, update) => (
        <>
          <SearchFilter value={v.q} onCommit={(q) => update({ q: q || null })} placeholder={t('lead.searchPlaceholder')} width={220} />
          {scope.cityWide && <UnitFilter label={t('rec.unitFilter')} value={v.unit_id} onChange={(x) => update({ unit_id: x || null })} />}
          <UnitFilter label={t('lead.assignedFilter')} value={v.assigned_unit_id} onChange={(x) => update({ assigned_unit_id: x || null })} />
          <EnumFilter label={t('f.source')} name="leadSource" codes={LEAD_SOURCES} value={v.source} onChange={(x) => update({ source: x || null })} width={170} />
          <EnumFilter label={t('f.state')} name="leadState" codes={LEAD_STATES} value={v.state} onChange={(x) => update({ state: x || null })} width={170} />
          <ClusterFilter label={t('f.cluster_id')} value={v.cluster_id} onChange={(x) => update({ cluster_id: x || null })} />
          <DateRangeFilter label={t('rec.dateRange')} from={v.date_from} to={v.date_to} onChange={(from, to) => update({ date_from: from, date_to: to })} />
          <EnterpriseFilter value={v.enterprise_id} onChange={(x) => update({ enterprise_id: x || null })} />
          <EnumFilter label={t('rec.enterpriseClass')} name="enterpriseClass" codes={ENTERPRISE_CLASSES} value={v.enterprise_class} onChange={(x) => update({ enterprise_class: x || null })} width={170} />
          <AmountRangeFilter min={v.amount_min} max={v.amount_max} onChange={(min, max) => update({ amount_min: min, amount_max: max })} />
        </>
      )}
    />
  );
}
