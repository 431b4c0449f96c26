// A funds report (资金到位): its list and its record page (with the project's running total as a slot).
import { Link } from 'react-router';
import { listFundsReports, type FundsReportPublic } from '../../../api';
import { useUnitNames } from '../../../hooks/useUnitNames';
import { useI18n } from '../../../i18n/I18nProvider';
import { formatMoney } from '../../../lib/money';
import { moneyColumn, statusColumn, unitColumns } from '../components/columns';
import { dateRangeFilter, ownerUnitFilter, statusFilter, type FilterSpec } from '../components/FilterBar';
import { idParam, type ListDef } from '../components/RecordListPage';
import { ProjectSelect } from '../components/Selects';
import { useRecordScope } from '../lib/hooks';

const projectFilter: FilterSpec = {
  keys: { project_id: 'id' },
  render: ({ values, update, t }) => (
    <ProjectSelect value={idParam(values.project_id) ?? null} onChange={(x) => update({ project_id: x ? String(x) : null })}
                   aria-label={t('f.project_id')} style={{ width: 280 }}
                   placeholder={t('common.filter', { label: t('f.project_id'), value: t('common.all') })} />
  ),
};

export const fundsList: ListDef<FundsReportPublic> = {
  kind: 'funds_report', title: 'funds.title', newLabel: 'funds.new', newPath: '/funds/new', testId: 'funds-table', reviewed: true,
  defaultSort: '-period', sortable: { period: 'period' },
  fetchPage: async (query) => (await listFundsReports({ query })).data,
  filters: [projectFilter, ownerUnitFilter(), statusFilter(), dateRangeFilter('period_from', 'period_to', 'funds.periodRange', true)],
  useColumns: () => {
    const { t } = useI18n();
    const scope = useRecordScope();
    const unitName = useUnitNames();
    return [
      { title: t('f.period'), dataIndex: 'period', key: 'period', width: 100, render: (p: string, r) => <Link to={`/funds/${r.id}`}>{p.slice(0, 7)}</Link> },
      { title: t('f.project_id'), dataIndex: 'project_name', render: (n: string | null, r) => <Link to={`/projects/${r.project_id}`}>{n ?? `#${r.project_id}`}</Link> },
      moneyColumn(t, 'amount', 170),
      {
        title: `${t('f.funds_reported')} / ${t('funds.totalInvestment')}`, key: 'running', align: 'right', width: 240, responsive: ['lg'],
        render: (_: unknown, r) => (
          <span className="zs-rec-money">{formatMoney(r.project_funds_reported ?? '0')} / {formatMoney(r.project_total_investment ?? '')}</span>
        ),
      },
      ...unitColumns<FundsReportPublic>(t, unitName, 140, { show: scope.cityWide }),
      statusColumn(t),
    ];
  },
};
