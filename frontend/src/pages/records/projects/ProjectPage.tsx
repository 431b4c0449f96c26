import { useMutation } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Row, Select, Table } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import {
  createProject, getProject, overrideProjectFunds, updateProject, type AdvancedClass, type FourNew, type ProjectCreate,
  type ProjectPublic, type Stage,
} from '../../../api';
import { useUnitNames } from '../../../hooks/useUnitNames';
import { enumLabel, enumOptions } from '../../../i18n/enums';
import { useI18n } from '../../../i18n/I18nProvider';
import { ApiError } from '../../../lib/apiError';
import { ADVANCED_CLASSES, FOUR_NEW } from '../../../lib/enums';
import { formatMoney, isMoney, toCents } from '../../../lib/money';
import { CreditEditor, type CreditRow } from '../components/CreditEditor';
import { EnterpriseSelect } from '../components/EnterpriseSelect';
import { EnterpriseLinks } from '../components/Links';
import { MoneyInput } from '../components/MoneyInput';
import { FormShell, ItemCol, useSaveRecord } from '../components/RecordForm';
import { RecordActions } from '../components/RecordActions';
import { FieldList, RecordFrame } from '../components/RecordFrame';
import { RecordHistory } from '../components/RecordHistory';
import { NewRecord, RecordRoute, useRecordView } from '../components/RecordPage';
import { ClusterSelect, EventSelect, LeadSelect, UnitSelect } from '../components/Selects';
import { reachedStages, StageFields, StageTimeline } from '../components/Stage';
import { idempotency, useIdempotencyKey, useStoreRecord } from '../lib/api';
import { fromDay, moneyOrNull, toDay, useRequired } from '../lib/forms';
import { TERRITORIAL, useClusters, useRecordScope } from '../lib/hooks';
import { ProjectFunds } from './ProjectFunds';

interface Values {
  name: string;
  enterprise_ids: number[];
  cluster_id: number | null;
  four_new: FourNew | null;
  advanced_class: AdvancedClass | null;
  total_investment: string | null;
  outside_province_investment: string | null;
  foreign_investment: string | null;
  landing_unit_id: number | null;
  lead_id: number | null;
  signed_event_id: number | null;
  credits: CreditRow[];
  stage: Stage;
  negotiating_on: Dayjs | null;
  signed_on: Dayjs | null;
  started_on: Dayjs | null;
  in_production_on: Dayjs | null;
  dropped_on: Dayjs | null;
  drop_reason: string;
}
const FIELDS = [
  'name', 'enterprise_ids', 'cluster_id', 'four_new', 'advanced_class', 'total_investment', 'outside_province_investment',
  'foreign_investment', 'landing_unit_id', 'lead_id', 'signed_event_id', 'credits', 'stage', 'negotiating_on', 'signed_on',
  'started_on', 'in_production_on', 'dropped_on', 'drop_reason',
];

export function projectBody(v: Values, current?: Stage): ProjectCreate {
  const reached = reachedStages(v.stage, current ?? 'negotiating');
  const date = (s: 'negotiating' | 'signed' | 'started' | 'in_production', d: Dayjs | null) => (reached.includes(s) ? toDay(d) : null);
  const dropped = v.stage === 'dropped';
  return {
    name: (v.name ?? '').trim(),
    enterprise_ids: v.enterprise_ids ?? [],
    cluster_id: v.cluster_id ?? null,
    four_new: v.four_new ?? null,
    advanced_class: v.advanced_class ?? null,
    total_investment: moneyOrNull(v.total_investment)!,
    outside_province_investment: moneyOrNull(v.outside_province_investment),
    foreign_investment: moneyOrNull(v.foreign_investment),
    landing_unit_id: v.landing_unit_id ?? null,
    lead_id: v.lead_id ?? null,
    signed_event_id: v.signed_event_id ?? null,
    credits: (v.credits ?? []).map((c) => ({ unit_id: c.unit_id!, share: String(c.share) })),
    stage: v.stage,
    negotiating_on: date('negotiating', v.negotiating_on),
    signed_on: date('signed', v.signed_on),
    started_on: date('started', v.started_on),
    in_production_on: date('in_production', v.in_production_on),
    dropped_on: dropped ? toDay(v.dropped_on) : null,
    drop_reason: dropped ? (v.drop_reason ?? '').trim() || null : null,
  };
}

const toValues = (p: ProjectPublic): Values => ({
  name: p.name,
  enterprise_ids: (p.enterprises ?? []).map((e) => e.id),
  cluster_id: p.cluster_id,
  four_new: p.four_new,
  advanced_class: p.advanced_class,
  total_investment: p.total_investment,
  outside_province_investment: p.outside_province_investment,
  foreign_investment: p.foreign_investment,
  landing_unit_id: p.landing_unit_id,
  lead_id: p.lead_id,
  signed_event_id: p.signed_event_id,
  credits: (p.credits ?? []).map((c) => ({ unit_id: c.unit_id, share: c.share })),
  stage: p.stage,
  negotiating_on: fromDay(p.negotiating_on),
  signed_on: fromDay(p.signed_on),
  started_on: fromDay(p.started_on),
  in_production_on: fromDay(p.in_production_on),
  dropped_on: fromDay(p.dropped_on),
  drop_reason: p.drop_reason ?? '',
});

function ProjectForm({ record, onDone }: { record?: ProjectPublic; onDone: (r?: ProjectPublic) => void }) {
  const { t } = useI18n();
  const required = useRequired();
  const [form] = Form.useForm<Values>();
  const [params] = useSearchParams();
  const scope = useRecordScope();
  const saver = useSaveRecord<ProjectPublic, ProjectCreate>({
    kind: 'project', form, fields: FIELDS, record,
    create: async (body, headers) => (await createProject({ body, headers })).data,
    update: async (id, body, headers) => {
      const patch = { ...body };
      if (Array.isArray(patch.credits) && !patch.credits.length) delete patch.credits; // kept as they are
      return (await updateProject({ path: { project_id: id }, body: patch, headers })).data;
    },
    compare: (r) => projectBody(toValues(r), r.stage) as unknown as Record<string, unknown>,
    onSaved: (r) => onDone(r),
    extraInvalidate: ['funds-reports'],
  });
  const initial: Partial<Values> = record
    ? toValues(record)
    : {
        stage: 'negotiating', credits: [], enterprise_ids: Number(params.get('enterprise_id')) ? [Number(params.get('enterprise_id'))] : [],
        lead_id: Number(params.get('lead_id')) || null,
        // a county's (or zone's) own project lands there unless it says otherwise; no date is filled in
        landing_unit_id: scope.myTerritorialUnitId,
      };
  const partRule = {
    validator: async (_: unknown, value: string | null) => {
      const total = form.getFieldValue('total_investment') as string | null;
      if (value && total && isMoney(String(value)) && isMoney(String(total)) && toCents(String(value)) > toCents(String(total))) {
        throw new Error(t('project.partsOver'));
      }
    },
  };

  return (
    <FormShell<Values>
      form={form}
      title={record ? t('project.edit') : t('project.new')}
      testId="project-form"
      initialValues={initial}
      onFinish={(v) => saver.save(projectBody(v, record?.stage))}
      saver={saver}
      onClose={() => onDone()}
    >
      <Form.Item name="name" label={t('f.project_name')} rules={[required.text('f.project_name'), { max: 200 }]}>
        <Input maxLength={200} autoFocus={!record} />
      </Form.Item>
      <Form.Item name="enterprise_ids" label={t('f.enterprise_ids')} rules={[{ required: true, type: 'array', min: 1, message: t('rec.choose', { label: t('f.enterprise_ids') }) }]}>
        <EnterpriseSelect multiple known={record?.enterprises ?? []} allowCreate={scope.canWrite} />
      </Form.Item>
      <Row gutter={16}>
        <ItemCol name="total_investment" label={t('f.total_investment')} rules={[required.value('f.total_investment'), required.notNegative('f.total_investment')]}>
          <MoneyInput />
        </ItemCol>
        <ItemCol name="outside_province_investment" label={t('f.outside_province_investment')} rules={[required.notNegative('f.outside_province_investment'), partRule]} dependencies={['total_investment']}>
          <MoneyInput />
        </ItemCol>
        <ItemCol name="foreign_investment" label={t('f.foreign_investment')} rules={[required.notNegative('f.foreign_investment'), partRule]} dependencies={['total_investment']}>
          <MoneyInput />
        </ItemCol>
      </Row>
      <Row gutter={16}>
        <ItemCol name="cluster_id" label={t('f.cluster_id')}>
          <ClusterSelect />
        </ItemCol>
        <ItemCol name="four_new" label={t('f.four_new')}>
          <Select allowClear options={enumOptions(t, 'fourNew', FOUR_NEW)} />
        </ItemCol>
        <ItemCol name="advanced_class" label={t('f.advanced_class')}>
          <Select allowClear options={enumOptions(t, 'advancedClass', ADVANCED_CLASSES)} popupMatchSelectWidth={false} />
        </ItemCol>
      </Row>
      <Row gutter={16}>
        <ItemCol name="landing_unit_id" label={t('f.landing_unit_id')}>
          <UnitSelect types={TERRITORIAL} />
        </ItemCol>
        <ItemCol name="lead_id" label={t('f.lead_id')}>
          <LeadSelect />
        </ItemCol>
        <ItemCol name="signed_event_id" label={t('f.signed_event_id')}>
          <EventSelect placeholder={t('project.signedEventPlaceholder')} />
        </ItemCol>
      </Row>
      <StageFields current={record?.stage} />
      <CreditEditor />
    </FormShell>
  );
}

/** The office lets a project's reported funds pass its total investment, with a reason. */
function OverrideButton({ project }: { project: ProjectPublic }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const store = useStoreRecord();
  const keyFor = useIdempotencyKey();
  const run = useMutation({
    mutationFn: async (reason: string) =>
      (await overrideProjectFunds({ path: { project_id: project.id }, body: { reason }, headers: idempotency(keyFor({ id: project.id, reason })) })).data,
    onSuccess: (p) => {
      store('project', p);
      void message.success(t('project.overrideDone'));
      setOpen(false);
    },
    onError: (err) => void message.error(err instanceof ApiError ? (err.detail ?? t('error.unknown')) : t('error.network')),
  });
  return (
    <>
      <Button onClick={() => { form.resetFields(); setOpen(true); }}>{t('project.override')}</Button>
      <Modal open={open} title={t('project.override')} onCancel={() => setOpen(false)} onOk={() => form.submit()}
             okText={t('rec.act.ok')} cancelText={t('rec.cancel')} okButtonProps={{ loading: run.isPending }} destroyOnHidden>
        <p>{t('project.overrideHelp')}</p>
        <Form form={form} layout="vertical" onFinish={(v) => run.mutate(v.reason.trim())}>
          <Form.Item name="reason" label={t('rec.act.reasonLabel')} rules={[{ required: true, whitespace: true, message: t('rec.act.reasonRequired') }, { max: 1000 }]}>
            <Input.TextArea rows={3} autoFocus maxLength={1000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function ProjectView({ id }: { id: number }) {
  const { t } = useI18n();
  const unitName = useUnitNames();
  const clusters = useClusters();
  const scope = useRecordScope();
  const { record: p, loadState, owner, editing, setEditing } =
    useRecordView('project', id, async () => (await getProject({ path: { project_id: id } })).data);
  if (!p) return loadState;
  const money = (v: string | null | undefined) => (v ? `${formatMoney(v)} ${t('rec.wan')}` : '—');
  const names = Object.fromEntries((p.enterprises ?? []).map((e) => [e.id, e.name]));

  return (
    <RecordFrame
      title={p.name}
      listPath="/projects"
      listLabel={t('project.title')}
      record={p}
      owner={owner}
      actions={!editing && (
        <div className="zs-rec-actions">
          {scope.canVerify && <OverrideButton project={p} />}
          <RecordActions kind="project" record={p} onEdit={() => setEditing(true)} />
        </div>
      )}
      side={
        <section className="zs-rec-card" data-testid="project-credits">
          <h2>{t('f.credits')}</h2>
          <Table
            size="small"
            rowKey="unit_id"
            pagination={false}
            dataSource={p.credits ?? []}
            columns={[
              { title: t('project.creditUnit'), dataIndex: 'unit_id', render: (u: number) => unitName(u) },
              { title: t('f.share'), dataIndex: 'share', align: 'right', render: (s: string) => `${s}%` },
            ]}
          />
        </section>
      }
      below={
        <>
          {!editing && <ProjectFunds project={p} />}
          <RecordHistory kind="project" id={p.id} version={p.version} enterpriseNames={names} />
        </>
      }
    >
      {editing ? (
        <ProjectForm record={p} onDone={() => setEditing(false)} />
      ) : (
        <>
          <section className="zs-rec-card">
            <h2>{t('project.timeline')}</h2>
            <StageTimeline project={p} />
          </section>
          <FieldList
            title={t('rec.details')}
            items={[
              { key: 'ents', label: t('f.enterprise_ids'), span: 2, children: <EnterpriseLinks enterprises={p.enterprises ?? []} /> },
              { key: 'total', label: t('f.total_investment'), children: <span className="zs-rec-money">{money(p.total_investment)}</span> },
              { key: 'stage', label: t('f.stage'), children: enumLabel(t, 'stage', p.stage) },
              { key: 'outside', label: t('f.outside_province_investment'), children: money(p.outside_province_investment) },
              { key: 'foreign', label: t('f.foreign_investment'), children: money(p.foreign_investment) },
              { key: 'landing', label: t('f.landing_unit_id'), children: p.landing_unit_id ? unitName(p.landing_unit_id) : '—' },
              { key: 'cluster', label: t('f.cluster_id'), children: clusters.name(p.cluster_id) || '—' },
              { key: 'four', label: t('f.four_new'), children: p.four_new ? enumLabel(t, 'fourNew', p.four_new) : '—' },
              { key: 'adv', label: t('f.advanced_class'), children: p.advanced_class ? enumLabel(t, 'advancedClass', p.advanced_class) : '—' },
              { key: 'lead', label: t('f.lead_id'), children: p.lead_id ? <Link to={`/leads/${p.lead_id}`}>#{p.lead_id}</Link> : '—' },
              { key: 'event', label: t('f.signed_event_id'), children: p.signed_event_id ? <Link to={`/events/${p.signed_event_id}`}>#{p.signed_event_id}</Link> : '—' },
            ]}
          />
        </>
      )}
    </RecordFrame>
  );
}

export default function ProjectPage() {
  return <RecordRoute kind="project" create={<NewRecord kind="project" title="project.new" Form={ProjectForm} />} View={ProjectView} />;
}
