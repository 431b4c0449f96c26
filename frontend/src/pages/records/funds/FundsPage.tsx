import { type TableColumnsType } from 'antd';
import { useCallback } from 'react';
import { Link } from 'react-router';
import { listFundsReports, type FundsReportPublic } from '../../../api';
import { StatusTag } from '../../../components/StatusTag';
import { useUnitNames } from '../../../hooks/useUnitNames';
import { useI18n } from '../../../i18n/I18nProvider';
import { STATUSES } from '../../../lib/enums';
import { formatMoney } from '../../../lib/money';
import { DateRangeFilter, EnumFilter, UnitFilter } from '../components/Filters';
import { RecordListPage, type Query } from '../components/RecordListPage';
import { ProjectSelect } from '../components/Selects';
import { useRecordScope } from '../lib/hooks';

const FILTERS = ['project_id', 'unit_id', 'status', 'period_from', 'period_to'] as const;
type F = (typeof FILTERS)[number];
const num = (s: string) => (Number(s) > 0 ? Number(s) : undefined);

export default function FundsPage() {
  const { t } = useI18n();
  const scope = useRecordScope();
  const unitName = useUnitNames();
  const fetchPage = useCallback(async (q: Query) => (await listFundsReports({ query: q })).data, []);

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
    { title: t('rec.status'), dataIndex: 'status', width: 90, render: (s: string, r) => <StatusTag status={s} reason={r.return_reason} /> },
  ];

  return (
    <RecordListPage<FundsReportPublic, F>
      kind="funds_report"
      title={t('funds.title')}
      newLabel={t('funds.new')}
      newPath="/funds/new"
      filterKeys={FILTERS}
      defaultSort="-period"
      sortable={{ period: 'period' }}
      toQuery={(v) => ({
        project_id: num(v.project_id),
        unit_id: num(v.unit_id),
        status: v.status || undefined,
        period_from: v.period_from || undefined,
        period_to: v.period_to || undefined,
      })}
      fetchPage={fetchPage}
      columns={columns}
      reviewed
      exportName={`${t('funds.title')}.xlsx`}
      testId="funds-table"
      rowClassName={(r) => (r.status === 'returned' ? 'zs-rec-row-returned' : '')}
      renderFilters={(v, update) => (
        <>
          <ProjectSelect value={num(v.project_id) ?? null} onChange={(x) => update({ project_id: x ? String(x) : null })}
                         aria-label={t('f.project_id')} style={{ width: 280 }}
                         placeholder={t('common.filter', { label: t('f.project_id'), value: t('common.all') })} />
          {scope.cityWide && <UnitFilter label={t('rec.unitFilter')} value={v.unit_id} onChange={(x) => update({ unit_id: x || null })} />}
          <EnumFilter label={t('rec.status')} name="status" codes={STATUSES} value={v.status} onChange={(x) => update({ status: x || null })} width={130} testId="status-filter" />
          <DateRangeFilter label={t('funds.periodRange')} month from={v.period_from} to={v.period_to} onChange={(from, to) => update({ period_from: from, period_to: to })} />
        </>
      )}
    />
  );
}
