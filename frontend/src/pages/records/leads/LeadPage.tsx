import { PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Form, Input, Row, Select, Space, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import {
  createLead, getLead, updateLead, type LeadCreate, type LeadPublic, type LeadSource, type LeadState, type LeadUpdate,
} from '../../../api';
import { useUnitNames } from '../../../hooks/useUnitNames';
import { enumLabel, enumOptions } from '../../../i18n/enums';
import { useI18n } from '../../../i18n/I18nProvider';
import { ApiError } from '../../../lib/apiError';
import { LEAD_SOURCES, LEAD_STATES } from '../../../lib/enums';
import { formatMoney } from '../../../lib/money';
import { ButtonLink } from '../components/ButtonLink';
import { EnterpriseField } from '../components/EnterpriseSelect';
import { ProjectLinks, VisitLinks } from '../components/Links';
import { MoneyInput } from '../components/MoneyInput';
import { FormShell, ItemCol, useSaveRecord } from '../components/RecordForm';
import { FieldList, RecordFrame } from '../components/RecordFrame';
import { RecordHistory } from '../components/RecordHistory';
import { NewRecord, RecordRoute, useRecordView } from '../components/RecordPage';
import { ClusterSelect, UnitSelect } from '../components/Selects';
import { ifMatch, useStoreRecord } from '../lib/api';
import { fromDay, moneyOrNull, toDay, useRequired } from '../lib/forms';
import { useDateRules } from '../lib/dates';
import { useClusters, useRecordScope } from '../lib/hooks';
import { STATE_COLOURS } from '../kinds/lead';

interface Values {
  enterprise_id: number | null;
  source: LeadSource | null;
  received_on: Dayjs | null;
  assigned_unit_id: number | null;
  cluster_id: number | null;
  intended_industry: string;
  intended_amount: string | null;
  contact_name: string;
  contact_phone: string;
  description: string;
  state: LeadState;
}
const FIELDS = ['enterprise_id', 'source', 'received_on', 'assigned_unit_id', 'cluster_id', 'intended_industry', 'intended_amount', 'contact_name', 'contact_phone', 'description', 'state'];

const toBody = (v: Values, withState: boolean): LeadCreate & { state?: LeadState } => ({
  enterprise_id: v.enterprise_id!,
  source: v.source!,
  received_on: toDay(v.received_on)!,
  assigned_unit_id: v.assigned_unit_id ?? null,
  cluster_id: v.cluster_id ?? null,
  intended_industry: (v.intended_industry ?? '').trim(),
  intended_amount: moneyOrNull(v.intended_amount),
  contact_name: (v.contact_name ?? '').trim(),
  contact_phone: (v.contact_phone ?? '').trim(),
  description: (v.description ?? '').trim(),
  ...(withState ? { state: v.state } : {}),
});
const toValues = (l: LeadPublic): Values => ({
  enterprise_id: l.enterprise_id, source: l.source, received_on: fromDay(l.received_on), assigned_unit_id: l.assigned_unit_id,
  cluster_id: l.cluster_id, intended_industry: l.intended_industry, intended_amount: l.intended_amount,
  contact_name: l.contact_name, contact_phone: l.contact_phone, description: l.description, state: l.state,
});

function LeadForm({ record, onDone }: { record?: LeadPublic; onDone: (r?: LeadPublic) => void }) {
  const { t } = useI18n();
  const required = useRequired();
  const dateRules = useDateRules();
  const [form] = Form.useForm<Values>();
  const [params] = useSearchParams();
  const saver = useSaveRecord<LeadPublic, LeadCreate & { state?: LeadState }>({
    kind: 'lead', form, fields: FIELDS, record,
    create: async ({ state: _s, ...body }, headers) => (await createLead({ body, headers })).data,
    update: async (id, body, headers) => (await updateLead({ path: { lead_id: id }, body: body as LeadUpdate, headers })).data,
    compare: (r) => toBody(toValues(r), true) as unknown as Record<string, unknown>,
    onSaved: (r) => onDone(r),
  });
  return (
    <FormShell<Values>
      form={form}
      title={record ? t('lead.edit') : t('lead.new')}
      testId="lead-form"
      initialValues={record ? toValues(record) : { enterprise_id: Number(params.get('enterprise_id')) || null, state: 'open' }}
      onFinish={(v) => saver.save(toBody(v, !!record))}
      saver={saver}
      onClose={() => onDone()}
    >
      <EnterpriseField record={record} />
      <Row gutter={16}>
        <ItemCol name="source" label={t('f.source')} rules={[required.choice('f.source')]}>
          <Select options={enumOptions(t, 'leadSource', LEAD_SOURCES)} />
        </ItemCol>
        <ItemCol name="received_on" label={t('f.received_on')} rules={[required.choice('f.received_on'), ...dateRules]}>
          <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" />
        </ItemCol>
        <ItemCol name="assigned_unit_id" label={t('f.assigned_unit_id')}>
          <UnitSelect />
        </ItemCol>
      </Row>
      <Row gutter={16}>
        <ItemCol name="cluster_id" label={t('f.cluster_id')}>
          <ClusterSelect />
        </ItemCol>
        <ItemCol name="intended_industry" label={t('f.intended_industry')} rules={[{ max: 100 }]}>
          <Input maxLength={100} />
        </ItemCol>
        <ItemCol name="intended_amount" label={t('f.intended_amount')} rules={[required.notNegative('f.intended_amount')]}>
          <MoneyInput />
        </ItemCol>
      </Row>
      <Row gutter={16}>
        <ItemCol name="contact_name" label={t('f.contact_name')} rules={[{ max: 50 }]}>
          <Input maxLength={50} />
        </ItemCol>
        <ItemCol name="contact_phone" label={t('f.contact_phone')} rules={[{ max: 30 }, { pattern: /^[0-9+\-() ]*$/, message: t('lead.phoneInvalid') }]}>
          <Input maxLength={30} inputMode="tel" />
        </ItemCol>
        {record && (
          <ItemCol name="state" label={t('f.state')} rules={[{ required: true }]}>
            <Select options={enumOptions(t, 'leadState', LEAD_STATES)} />
          </ItemCol>
        )}
      </Row>
      <Form.Item name="description" label={t('f.description')} rules={[{ max: 2000 }]}>
        <Input.TextArea rows={3} maxLength={2000} showCount />
      </Form.Item>
    </FormShell>
  );
}

/** The unit a lead is assigned to reports back by moving its state (the API allows only that to it). */
function StateEditor({ lead }: { lead: LeadPublic }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const store = useStoreRecord();
  const [state, setState] = useState<LeadState>(lead.state);
  const save = useMutation({
    mutationFn: async () => (await updateLead({ path: { lead_id: lead.id }, body: { state }, headers: ifMatch(lead.version) })).data,
    onSuccess: (l) => {
      store('lead', l);
      void message.success(t('lead.stateSaved'));
    },
    onError: (err) => void message.error(err instanceof ApiError && !err.isNetwork ? (err.detail ?? t('error.unknown')) : t('error.network')),
  });
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 12 }}
      message={t('lead.stateOnly')}
      action={
        <Space>
          <Select<LeadState> aria-label={t('f.state')} value={state} onChange={setState} style={{ width: 150 }}
                             options={enumOptions(t, 'leadState', LEAD_STATES) as { value: LeadState; label: string }[]} />
          <Button type="primary" disabled={state === lead.state} loading={save.isPending} onClick={() => save.mutate()}>{t('rec.save')}</Button>
        </Space>
      }
    />
  );
}

function LeadView({ id }: { id: number }) {
  const { t } = useI18n();
  const unitName = useUnitNames();
  const clusters = useClusters();
  const scope = useRecordScope();
  // a lead has no status: its owner may always edit it
  const { record: l, loadState, owner, editing, setEditing } =
    useRecordView('lead', id, async () => (await getLead({ path: { lead_id: id } })).data);
  if (!l) return loadState;
  const assignee = !owner && scope.canWrite && l.assigned_unit_id === scope.myUnitId;
  const name = l.enterprise?.name ?? `#${l.enterprise_id}`;

  return (
    <RecordFrame
      title={t('lead.heading', { id: l.id, name })}
      listPath="/leads"
      listLabel={t('lead.title')}
      record={l}
      owner={owner}
      actions={!editing && (
        <div className="zs-rec-actions">
          {scope.canWrite && (owner || assignee) && (
            <ButtonLink to={`/visits/new?lead_id=${l.id}&enterprise_id=${l.enterprise_id}`} icon={<PlusOutlined />}>{t('lead.newVisit')}</ButtonLink>
          )}
          {owner && <Button type="primary" onClick={() => setEditing(true)} data-testid="action-edit">{t('rec.edit')}</Button>}
        </div>
      )}
      below={<RecordHistory kind="lead" id={l.id} version={l.version} enterpriseNames={{ [l.enterprise_id]: name }} />}
    >
      {assignee && !editing && <StateEditor key={l.version} lead={l} />}
      {editing ? (
        <LeadForm record={l} onDone={() => setEditing(false)} />
      ) : (
        <FieldList
          title={t('rec.details')}
          items={[
            { key: 'ent', label: t('f.enterprise_id'), span: 2, children: <Link to={`/enterprises/${l.enterprise_id}`}>{name}</Link> },
            { key: 'source', label: t('f.source'), children: enumLabel(t, 'leadSource', l.source) },
            { key: 'recv', label: t('f.received_on'), children: l.received_on },
            { key: 'state', label: t('f.state'), children: <Tag color={STATE_COLOURS[l.state]}>{enumLabel(t, 'leadState', l.state)}</Tag> },
            { key: 'assigned', label: t('f.assigned_unit_id'), children: l.assigned_unit_id ? unitName(l.assigned_unit_id) : '—' },
            { key: 'cluster', label: t('f.cluster_id'), children: clusters.name(l.cluster_id) || '—' },
            { key: 'industry', label: t('f.intended_industry'), children: l.intended_industry || '—' },
            { key: 'amount', label: t('f.intended_amount'), children: l.intended_amount ? `${formatMoney(l.intended_amount)} ${t('rec.wan')}` : '—' },
            { key: 'contact', label: t('f.contact_name'), children: l.contact_name || '—' },
            { key: 'phone', label: t('f.contact_phone'), children: l.contact_phone || '—' },
            { key: 'desc', label: t('f.description'), span: 2, children: <div className="zs-rec-multiline">{l.description || '—'}</div> },
            { key: 'visits', label: t('lead.linkedVisits'), span: 2, children: (l.visit_ids ?? []).length ? <VisitLinks ids={l.visit_ids ?? []} /> : '—' },
            { key: 'projects', label: t('lead.linkedProjects'), span: 2, children: (l.project_ids ?? []).length ? <ProjectLinks ids={l.project_ids ?? []} /> : '—' },
          ]}
        />
      )}
    </RecordFrame>
  );
}

export default function LeadPage() {
  return <RecordRoute kind="lead" create={<NewRecord kind="lead" title="lead.new" Form={LeadForm} />} View={LeadView} />;
}
