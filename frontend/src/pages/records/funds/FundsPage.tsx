import { type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { listFundsReports, type FundsReportPublic } from '../../../api';
import { useUnitNames } from '../../../hooks/useUnitNames';
import { useI18n } from '../../../i18n/I18nProvider';
import { formatMoney } from '../../../lib/money';
import { statusColumn } from '../components/columns';
import { DateRangeFilter, StatusFilter, UnitFilter } from '../components/Filters';
import { idParam, RecordListPage, type FilterType, type Query } from '../components/RecordListPage';
import { ProjectSelect } from '../components/Selects';
import { useRecordScope } from '../lib/hooks';

const FILTERS = {
  project_id: 'id', unit_id: 'id', status: 'text', period_from: 'text', period_to: 'text',
} satisfies Record<string, FilterType>;
const fetchPage = async (q: Query) => (await listFundsReports({ query: q })).data;

export default function FundsPage() {
  const { t } = useI18n();
  const scope = useRecordScope();
  const unitName = useUnitNames();

  const columns: TableColumnsType<FundsReportPublic> = [
    { title: t('f.period'), dataIndex: 'period', key: 'period', width: 100, render: (p: string, r) => <Link to={`/funds/${r.id}`}>{p.slice(0, 7)}</Link> },
    { title: t('f.project_id'), dataIndex: 'project_name', render: (n: string | null, r) => <Link to={`/projects/${r.project_id}`}>{n ?? `#${r.project_id}`}</Link> },
    { title: t('f.amount'), dataIndex: 'amount', align: 'right', width: 170, render: (v: string) => <span className="zs-rec-money">{formatMoney(v)}</span> },
    {
      title: `${t('f.funds_reported')} / ${t('funds.totalInvestment')}`, key: 'running', align: 'right', width: 240, responsive: ['lg'],
      render: (_: unknown, r) => (
        <span className="zs-rec-money">{formatMoney(r.project_funds_reported ?? '0')} / {formatMoney(r.project_total_investment ?? '')}</span>
      ),
    },
    ...(scope.cityWide ? [{ title: t('rec.unit'), dataIndex: 'unit_id', width: 140, render: (u: number) => unitName(u) }] : []),
    statusColumn(t),
  ];

  return (
    <RecordListPage<FundsReportPublic, keyof typeof FILTERS>
      kind="funds_report"
      title={t('funds.title')}
      newLabel={t('funds.new')}
      newPath="/funds/new"
      filters={FILTERS}
      defaultSort="-period"
      sortable={{ period: 'period' }}
      fetchPage={fetchPage}
      columns={columns}
      reviewed
      testId="funds-table"
      renderFilters={(v, update, bind) => (
        <>
          <ProjectSelect value={idParam(v.project_id) ?? null} onChange={(x) => update({ project_id: x ? String(x) : null })}
                         aria-label={t('f.project_id')} style={{ width: 280 }}
                         placeholder={t('common.filter', { label: t('f.project_id'), value: t('common.all') })} />
          {scope.cityWide && <UnitFilter label={t('rec.unitFilter')} {...bind('unit_id')} />}
          <StatusFilter {...bind('status')} />
          <DateRangeFilter label={t('funds.periodRange')} month from={v.period_from} to={v.period_to} onChange={(from, to) => update({ period_from: from, period_to: to })} />
        </>
      )}
    />
  );
}
