// A funds report (资金到位): its list and its record page (with the project's running total as a slot).
import { DatePicker, Form, Input, Row, type FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useSearchParams } from 'react-router';
import {
  createFundsReport, getFundsReport, listFundsReports, updateFundsReport, type FundsReportCreate, type FundsReportPublic,
} from '../../../api';
import { useUnitNames } from '../../../hooks/useUnitNames';
import { useI18n } from '../../../i18n/I18nProvider';
import { formatMoney } from '../../../lib/money';
import { FundsProgress } from '../components/FundsProgress';
import { MoneyInput } from '../components/MoneyInput';
import { ProjectSelect } from '../components/Selects';
import { useProjectFigures } from '../funds/projectFigures';
import {
  dateRangeFilter, FieldList, type FilterSpec, idParam, ItemCol, type ListDef, newestFirst, pageOf, moneyColumn, moneyOrNull, ownerUnitFilter,
  type RecordDef, statusColumn, statusFilter, toMonth, unitColumns, useDateRules, useRecordScope, useRequired,
} from './kit';

const projectFilter: FilterSpec = {
  keys: { project_id: 'id' },
  render: ({ values, update, t }) => (
    <ProjectSelect value={idParam(values.project_id) ?? null} onChange={(x) => update({ project_id: x ? String(x) : null })}
                   aria-label={t('f.project_id')} style={{ width: 280 }}
                   placeholder={t('common.filter', { label: t('f.project_id'), value: t('common.all') })} />
  ),
};

export const fundsList: ListDef<FundsReportPublic> = {
  kind: 'funds_report', title: 'funds.title', newLabel: 'funds.new', importable: true, newPath: '/funds/new', testId: 'funds-table', reviewed: true,
  ...newestFirst('period'), fetchPage: pageOf(listFundsReports),
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

interface Values {
  project_id: number | null;
  period: Dayjs | null;
  amount: string | null;
  note: string;
}

function FundsFields({ record, form }: { record?: FundsReportPublic; form: FormInstance<Values> }) {
  const { t } = useI18n();
  const required = useRequired();
  const dateRules = useDateRules('month');
  const [params] = useSearchParams();
  const projectId = Form.useWatch('project_id', form) ?? record?.project_id ?? (Number(params.get('project_id')) || null);
  const amount = Form.useWatch('amount', form);
  const figures = useProjectFigures(projectId, record);
  return (
    <>
      <Form.Item name="project_id" label={t('f.project_id')} rules={[required.choice('f.project_id')]}><ProjectSelect disabled={!!record} allowClear={!record} /></Form.Item>
      <Row gutter={16}>
        <ItemCol name="period" label={t('f.period')} rules={[required.choice('f.period'), ...dateRules]}>
          <DatePicker picker="month" format="YYYY-MM" style={{ width: '100%' }} placeholder={t('funds.monthPlaceholder')} />
        </ItemCol>
        <ItemCol md={10} name="amount" label={t('f.amount')} rules={[required.value('f.amount'), required.notNegative('f.amount')]}><MoneyInput /></ItemCol>
      </Row>
      <Form.Item name="note" label={t('f.note')} rules={[{ max: 1000 }]}><Input.TextArea rows={2} maxLength={1000} /></Form.Item>
      <section className="zs-rec-card" style={{ border: '1px solid #f0f0f0' }} aria-label={t('funds.running')}>
        <h2>{t('funds.running')}</h2>
        {figures ? (
          <FundsProgress totalInvestment={figures.project.total_investment} reportedBefore={figures.before} amount={amount ?? null}
                         override={!!figures.project.funds_override_reason} />
        ) : (
          <span className="zs-muted">{t('funds.pickProject')}</span>
        )}
      </section>
    </>
  );
}

const projectName = (r: FundsReportPublic) => r.project_name ?? `#${r.project_id}`;

function FundsDetails({ record: r }: { record: FundsReportPublic }) {
  const { t } = useI18n();
  const figures = useProjectFigures(r.project_id, r);
  return (
    <>
      <FieldList
        title={t('rec.details')}
        items={[
          { key: 'project', label: t('f.project_id'), span: 2, children: <Link to={`/projects/${r.project_id}`}>{projectName(r)}</Link> },
          { key: 'period', label: t('f.period'), children: r.period.slice(0, 7) },
          { key: 'amount', label: t('f.amount'), children: <span className="zs-rec-money">{formatMoney(r.amount)} {t('rec.wan')}</span> },
          { key: 'note', label: t('f.note'), span: 2, children: <div className="zs-rec-multiline">{r.note || '—'}</div> },
        ]}
      />
      {figures && (
        <section className="zs-rec-card" aria-label={t('funds.running')}>
          <h2>{t('funds.running')}</h2>
          <FundsProgress totalInvestment={figures.project.total_investment} reportedBefore={figures.before}
                         amount={r.amount} override={!!figures.project.funds_override_reason}
                         verified={figures.project.funds_verified ?? '0'} />
        </section>
      )}
    </>
  );
}

export const fundsRecord: RecordDef<FundsReportPublic, Values, FundsReportCreate> = {
  form: {
    kind: 'funds_report', testId: 'funds-form', newTitle: 'funds.new', editTitle: 'funds.edit',
    fields: ['project_id', 'period', 'amount', 'note'],
    create: async (body, headers) => (await createFundsReport({ body, headers })).data,
    update: async (id, body, headers) => {
      const patch: Partial<FundsReportCreate> = { ...body };
      delete patch.project_id; // a report stays with its project
      return (await updateFundsReport({ path: { report_id: id }, body: patch, headers })).data;
    },
    toBody: (v) => ({ project_id: v.project_id!, period: toMonth(v.period)!, amount: moneyOrNull(v.amount)!, note: (v.note ?? '').trim() }),
    toValues: (r) => ({ project_id: r.project_id, period: dayjs(r.period), amount: r.amount, note: r.note }),
    useNewValues: () => {
      const [params] = useSearchParams();
      return { project_id: Number(params.get('project_id')) || null, period: null, amount: null, note: '' };
    },
    extraInvalidate: ['projects'],
    Fields: FundsFields,
  },
  load: async (id) => (await getFundsReport({ path: { report_id: id } })).data,
  heading: (r, t) => t('funds.heading', { project: projectName(r), period: r.period.slice(0, 7) }),
  listLabel: 'funds.title',
  transitionInvalidate: ['projects'],
  Details: FundsDetails,
};
