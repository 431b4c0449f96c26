// A project's funds in place, month by month with the exact running total against its total investment,
// and (for a unit that may report) the next month's report entered right here.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Form, Input, Table, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { createFundsReport, listFundsReports, type FundsReportCreate, type FundsReportPublic, type ProjectPublic } from '../../../api';
import { StatusTag } from '../../../components/StatusTag';
import { useUnitNames } from '../../../hooks/useUnitNames';
import { useI18n } from '../../../i18n/I18nProvider';
import { ApiError } from '../../../lib/apiError';
import { formatMoney, fromCents, toCents } from '../../../lib/money';
import { FundsProgress } from '../components/FundsProgress';
import { MoneyInput } from '../components/MoneyInput';
import { RecordActions } from '../components/RecordActions';
import { idempotency, useIdempotencyKey } from '../lib/api';
import { applyServerErrors, toMonth, useRequired } from '../lib/forms';
import { useDateRules } from '../lib/dates';
import { useRecordScope } from '../lib/hooks';

export const month = (period: string) => period.slice(0, 7);

/** Reports in month order with the running total of those that count (every status but returned). */
export function withRunningTotal(reports: readonly FundsReportPublic[]) {
  let sum = 0n;
  return [...reports]
    .sort((a, b) => a.period.localeCompare(b.period) || a.id - b.id)
    .map((r) => {
      if (r.status !== 'returned') sum += toCents(r.amount);
      return { ...r, cumulative: r.status === 'returned' ? null : fromCents(sum) };
    });
}

interface QuickValues {
  period: Dayjs | null;
  amount: string | null;
  note: string;
}

function NextMonthForm({ project, nextPeriod, onDone }: { project: ProjectPublic; nextPeriod: Dayjs; onDone: () => void }) {
  const { t } = useI18n();
  const required = useRequired();
  const dateRules = useDateRules('month');
  const { message } = App.useApp();
  const [form] = Form.useForm<QuickValues>();
  const queryClient = useQueryClient();
  const keyFor = useIdempotencyKey();
  const [error, setError] = useState<string | null>(null);
  const amount = Form.useWatch('amount', form);
  const create = useMutation({
    mutationFn: async (body: FundsReportCreate) => (await createFundsReport({ body, headers: idempotency(keyFor(body)) })).data,
    onSuccess: () => {
      void message.success(t('rec.created'));
      void queryClient.invalidateQueries({ queryKey: ['funds-reports'] });
      void queryClient.invalidateQueries({ queryKey: ['projects'] });
      onDone();
    },
    onError: (err) => {
      const rest = applyServerErrors(form, err, ['period', 'amount', 'note']);
      setError(err instanceof ApiError && !err.isNetwork ? [err.detail, ...rest].filter(Boolean).join('；') : t('error.network'));
    },
  });
  return (
    <div className="zs-rec-card" style={{ border: '1px solid #d6e4ff', background: '#fafcff' }} data-testid="funds-quick-add">
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 8 }} role="alert" />}
      <Form<QuickValues>
        form={form}
        layout="inline"
        initialValues={{ period: nextPeriod, amount: null, note: '' }}
        onFinish={(v) => {
          setError(null);
          create.mutate({ project_id: project.id, period: toMonth(v.period)!, amount: v.amount!, note: (v.note ?? '').trim() });
        }}
        style={{ rowGap: 8 }}
      >
        <Form.Item name="period" label={t('f.period')} rules={[required.choice('f.period'), ...dateRules]}>
          <DatePicker picker="month" format="YYYY-MM" placeholder={t('funds.monthPlaceholder')} style={{ width: 130 }} />
        </Form.Item>
        <Form.Item name="amount" label={t('f.amount')} rules={[required.value('f.amount'), required.notNegative('f.amount')]}>
          <MoneyInput style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="note" label={t('f.note')} rules={[{ max: 1000 }]}>
          <Input maxLength={1000} style={{ width: 180 }} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="funds-quick-save">{t('rec.save')}</Button>
          <Button style={{ marginInlineStart: 8 }} onClick={onDone}>{t('rec.cancel')}</Button>
        </Form.Item>
      </Form>
      <div style={{ marginTop: 8 }}>
        <FundsProgress totalInvestment={project.total_investment} reportedBefore={project.funds_reported ?? '0'} amount={amount ?? null}
                       override={!!project.funds_override_reason} />
      </div>
    </div>
  );
}

export function ProjectFunds({ project }: { project: ProjectPublic }) {
  const { t } = useI18n();
  const scope = useRecordScope();
  const unitName = useUnitNames();
  const [adding, setAdding] = useState(false);
  const reports = useQuery({
    queryKey: ['funds-reports', 'list', { project_id: project.id, all: true }],
    queryFn: async () => (await listFundsReports({ query: { project_id: project.id, sort: 'period', limit: 200 } })).data.data,
  });
  const rows = withRunningTotal(reports.data ?? []);
  const last = rows.length ? dayjs(rows[rows.length - 1].period) : null;
  const nextPeriod = last ? last.add(1, 'month') : project.signed_on ? dayjs(project.signed_on).startOf('month') : dayjs().startOf('month');
  const canAdd = scope.canWrite && project.stage !== 'negotiating';
  const showUnit = rows.some((r) => r.unit_id !== project.unit_id);

  const columns: TableColumnsType<(typeof rows)[number]> = [
    { title: t('f.period'), dataIndex: 'period', width: 90, render: (p: string, r) => <Link to={`/funds/${r.id}`}>{month(p)}</Link> },
    { title: t('f.amount'), dataIndex: 'amount', align: 'right', render: (v: string) => <span className="zs-rec-money">{formatMoney(v)}</span> },
    { title: t('project.cumulative'), dataIndex: 'cumulative', align: 'right', render: (v: string | null) => <span className="zs-rec-money">{v ? formatMoney(v) : '—'}</span> },
    ...(showUnit ? [{ title: t('rec.unit'), dataIndex: 'unit_id', render: (u: number) => unitName(u) }] : []),
    { title: t('rec.status'), dataIndex: 'status', width: 90, render: (s: string, r) => <StatusTag status={s} reason={r.return_reason} /> },
    {
      title: '', key: 'act', width: 200,
      render: (_: unknown, r) => <RecordActions kind="funds_report" record={r} extraInvalidate={['projects']} onDeleted={() => undefined} />,
    },
  ];

  return (
    <section className="zs-rec-card" data-testid="project-funds">
      <h2>{t('project.funds')}</h2>
      {project.funds_override_reason && (
        <Alert type="warning" showIcon style={{ marginBottom: 8 }}
               message={t('project.overrideTitle', { reason: project.funds_override_reason })} />
      )}
      <FundsProgress totalInvestment={project.total_investment} reportedBefore={project.funds_reported ?? '0'}
                     override={!!project.funds_override_reason} verified={project.funds_verified ?? '0'} />
      {project.stage === 'negotiating' ? (
        <Alert type="info" showIcon style={{ marginTop: 12 }} message={t('project.fundsNegotiating')} />
      ) : (
        <>
          <Table
            rowKey="id"
            size="small"
            style={{ marginTop: 12 }}
            columns={columns}
            dataSource={rows}
            loading={reports.isFetching}
            pagination={false}
            locale={{ emptyText: t('project.fundsNone') }}
            data-testid="project-funds-table"
          />
          {canAdd && !adding && (
            <Button type="dashed" style={{ marginTop: 12 }} onClick={() => setAdding(true)} data-testid="funds-add">
              {t('project.fundsAdd')}（{nextPeriod.format('YYYY-MM')}）
            </Button>
          )}
          {canAdd && adding && (
            <div style={{ marginTop: 12 }}>
              <NextMonthForm project={project} nextPeriod={nextPeriod} onDone={() => setAdding(false)} />
            </div>
          )}
        </>
      )}
    </section>
  );
}
