import { useQuery } from '@tanstack/react-query';
import { DatePicker, Form, Input, Row } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useSearchParams } from 'react-router';
import {
  createFundsReport, getFundsReport, getProject, updateFundsReport, type FundsReportCreate, type FundsReportPublic,
} from '../../../api';
import { useI18n } from '../../../i18n/I18nProvider';
import { formatMoney, fromCents, toCents } from '../../../lib/money';
import { FundsProgress } from '../components/FundsProgress';
import { MoneyInput } from '../components/MoneyInput';
import { FormShell, ItemCol, useSaveRecord } from '../components/RecordForm';
import { RecordActions } from '../components/RecordActions';
import { FieldList, RecordFrame } from '../components/RecordFrame';
import { RecordHistory } from '../components/RecordHistory';
import { NewRecord, RecordRoute, useRecordView } from '../components/RecordPage';
import { ProjectSelect } from '../components/Selects';
import { moneyOrNull, toMonth, useRequired } from '../lib/forms';
import { useDateRules } from '../lib/dates';

interface Values {
  project_id: number | null;
  period: Dayjs | null;
  amount: string | null;
  note: string;
}
const FIELDS = ['project_id', 'period', 'amount', 'note'];

const toBody = (v: Values): FundsReportCreate => ({
  project_id: v.project_id!,
  period: toMonth(v.period)!,
  amount: moneyOrNull(v.amount)!,
  note: (v.note ?? '').trim(),
});
const toValues = (r: FundsReportPublic): Values => ({ project_id: r.project_id, period: dayjs(r.period), amount: r.amount, note: r.note });
const compare = (r: FundsReportPublic) => ({ ...toBody(toValues(r)) }) as unknown as Record<string, unknown>;

/** The project's running total without this report (a returned report is already outside it). */
function useProjectFigures(projectId: number | null | undefined, record?: FundsReportPublic) {
  const project = useQuery({
    queryKey: ['projects', 'detail', projectId],
    queryFn: async () => (await getProject({ path: { project_id: projectId! } })).data,
    enabled: !!projectId,
  });
  const p = project.data;
  if (!p) return null;
  let before = toCents(p.funds_reported ?? '0');
  if (record && record.project_id === p.id && record.status !== 'returned') before -= toCents(record.amount);
  return { project: p, before: fromCents(before) };
}

function FundsForm({ record, onDone }: { record?: FundsReportPublic; onDone: (r?: FundsReportPublic) => void }) {
  const { t } = useI18n();
  const required = useRequired();
  const dateRules = useDateRules('month');
  const [form] = Form.useForm<Values>();
  const [params] = useSearchParams();
  const projectId = Form.useWatch('project_id', form) ?? record?.project_id ?? (Number(params.get('project_id')) || null);
  const amount = Form.useWatch('amount', form);
  const figures = useProjectFigures(projectId, record);
  const saver = useSaveRecord<FundsReportPublic, FundsReportCreate>({
    kind: 'funds_report', form, fields: FIELDS, record,
    create: async (body, headers) => (await createFundsReport({ body, headers })).data,
    update: async (id, body, headers) => {
      const patch: Partial<FundsReportCreate> = { ...body };
      delete patch.project_id; // a report stays with its project
      return (await updateFundsReport({ path: { report_id: id }, body: patch, headers })).data;
    },
    compare,
    onSaved: (r) => onDone(r),
    extraInvalidate: ['projects'],
  });
  return (
    <FormShell<Values>
      form={form}
      title={record ? t('funds.edit') : t('funds.new')}
      testId="funds-form"
      initialValues={record ? toValues(record) : { project_id: Number(params.get('project_id')) || null, period: null, amount: null, note: '' }}
      onFinish={(v) => saver.save(toBody(v))}
      saver={saver}
      onClose={() => onDone()}
    >
      <Form.Item name="project_id" label={t('f.project_id')} rules={[required.choice('f.project_id')]}>
        <ProjectSelect disabled={!!record} allowClear={!record} />
      </Form.Item>
      <Row gutter={16}>
        <ItemCol name="period" label={t('f.period')} rules={[required.choice('f.period'), ...dateRules]}>
          <DatePicker picker="month" format="YYYY-MM" style={{ width: '100%' }} placeholder={t('funds.monthPlaceholder')} />
        </ItemCol>
        <ItemCol md={10} name="amount" label={t('f.amount')} rules={[required.value('f.amount'), required.notNegative('f.amount')]}>
          <MoneyInput />
        </ItemCol>
      </Row>
      <Form.Item name="note" label={t('f.note')} rules={[{ max: 1000 }]}>
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
      <section className="zs-rec-card" style={{ border: '1px solid #f0f0f0' }} aria-label={t('funds.running')}>
        <h2>{t('funds.running')}</h2>
        {figures ? (
          <FundsProgress totalInvestment={figures.project.total_investment} reportedBefore={figures.before} amount={amount ?? null}
                         override={!!figures.project.funds_override_reason} />
        ) : (
          <span className="zs-muted">{t('funds.pickProject')}</span>
        )}
      </section>
    </FormShell>
  );
}

function FundsView({ id }: { id: number }) {
  const { t } = useI18n();
  const { record: r, loadState, owner, editing, setEditing } =
    useRecordView('funds_report', id, async () => (await getFundsReport({ path: { report_id: id } })).data);
  const figures = useProjectFigures(r?.project_id, r);
  if (!r) return loadState;
  const project = r.project_name ?? `#${r.project_id}`;

  return (
    <RecordFrame
      title={t('funds.heading', { project, period: r.period.slice(0, 7) })}
      listPath="/funds"
      listLabel={t('funds.title')}
      record={r}
      owner={owner}
      actions={!editing && <RecordActions kind="funds_report" record={r} onEdit={() => setEditing(true)} extraInvalidate={['projects']} />}
      below={<RecordHistory kind="funds_report" id={r.id} version={r.version} />}
    >
      {editing ? (
        <FundsForm record={r} onDone={() => setEditing(false)} />
      ) : (
        <>
          <FieldList
            title={t('rec.details')}
            items={[
              { key: 'project', label: t('f.project_id'), span: 2, children: <Link to={`/projects/${r.project_id}`}>{project}</Link> },
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
      )}
    </RecordFrame>
  );
}

export default function FundsReportPage() {
  return <RecordRoute kind="funds_report" create={<NewRecord kind="funds_report" title="funds.new" Form={FundsForm} />} View={FundsView} />;
}
