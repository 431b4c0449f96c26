// A lead (线索): its list and its record page.
import { PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Form, Input, Row, Select, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { Link, useSearchParams } from 'react-router';
import {
  createLead, getLead, listLeads, updateLead, type LeadCreate, type LeadPublic, type LeadSource, type LeadState, type LeadUpdate,
} from '../../../api';
import { useUnitNames } from '../../../hooks/useUnitNames';
import { enumLabel, enumOptions } from '../../../i18n/enums';
import { useI18n } from '../../../i18n/I18nProvider';
import { LEAD_SOURCES, LEAD_STATES } from '../../../lib/enums';
import { formatMoney } from '../../../lib/money';
import { ButtonLink } from '../components/ButtonLink';
import { EnterpriseField } from '../components/EnterpriseSelect';
import { ProjectLinks, VisitLinks } from '../components/Links';
import { MoneyInput } from '../components/MoneyInput';
import { ClusterSelect, UnitSelect } from '../components/Selects';
import { StateEditor, useIsAssignee } from '../leads/StateEditor';
import {
  amountRangeFilter, clusterFilter, dateLinkColumn, dateRangeFilter, enterpriseClassFilter, enterpriseColumn, enterpriseFilter,
  enumColumn, enumFilter, FieldList, fromDay, ItemCol, type ListDef, newestFirst, pageOf, moneyColumn, moneyOrNull, ownerUnitFilter, type RecordDef, searchFilter,
  type Slot, toDay, unitColumns, unitFilter, useClusters, useDateRules, useRecordScope, useRequired,
} from './kit';

export const STATE_COLOURS: Record<string, string> = { open: 'processing', converted: 'success', closed: 'default' };

export const leadList: ListDef<LeadPublic> = {
  kind: 'lead', title: 'lead.title', newLabel: 'lead.new', importable: true, testId: 'leads-table',
  ...newestFirst('received_on'), fetchPage: pageOf(listLeads),
  filters: [
    searchFilter('lead.searchPlaceholder', 220), ownerUnitFilter(), unitFilter('assigned_unit_id', 'lead.assignedFilter'),
    enumFilter('source', 'f.source', 'leadSource', LEAD_SOURCES, 170), enumFilter('state', 'f.state', 'leadState', LEAD_STATES, 170),
    clusterFilter(), dateRangeFilter('date_from', 'date_to', 'rec.dateRange'), enterpriseFilter(), enterpriseClassFilter(),
    amountRangeFilter(),
  ],
  useColumns: () => {
    const { t } = useI18n();
    const unitName = useUnitNames();
    return [
      dateLinkColumn(t, 'received_on', '/leads'), enterpriseColumn(t), enumColumn(t, 'source', 'leadSource', 120),
      { title: t('f.intended_industry'), dataIndex: 'intended_industry', width: 120, responsive: ['xl'], render: (s: string) => s || '—' },
      moneyColumn(t, 'intended_amount', 150),
      ...unitColumns<LeadPublic>(t, unitName, 130), ...unitColumns<LeadPublic>(t, unitName, 130, { field: 'assigned_unit_id', title: 'f.assigned_unit_id' }),
      { title: t('f.state'), dataIndex: 'state', width: 110, render: (s: string) => <Tag color={STATE_COLOURS[s]}>{enumLabel(t, 'leadState', s)}</Tag> },
    ];
  },
};

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
type Body = LeadCreate & { state?: LeadState };

function LeadFields({ record }: { record?: LeadPublic }) {
  const { t } = useI18n();
  const required = useRequired();
  const dateRules = useDateRules();
  return (
    <>
      <EnterpriseField record={record} />
      <Row gutter={16}>
        <ItemCol name="source" label={t('f.source')} rules={[required.choice('f.source')]}><Select options={enumOptions(t, 'leadSource', LEAD_SOURCES)} /></ItemCol>
        <ItemCol name="received_on" label={t('f.received_on')} rules={[required.choice('f.received_on'), ...dateRules]}><DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" /></ItemCol>
        <ItemCol name="assigned_unit_id" label={t('f.assigned_unit_id')}><UnitSelect /></ItemCol>
      </Row>
      <Row gutter={16}>
        <ItemCol name="cluster_id" label={t('f.cluster_id')}><ClusterSelect /></ItemCol>
        <ItemCol name="intended_industry" label={t('f.intended_industry')} rules={[{ max: 100 }]}><Input maxLength={100} /></ItemCol>
        <ItemCol name="intended_amount" label={t('f.intended_amount')} rules={[required.notNegative('f.intended_amount')]}><MoneyInput /></ItemCol>
      </Row>
      <Row gutter={16}>
        <ItemCol name="contact_name" label={t('f.contact_name')} rules={[{ max: 50 }]}><Input maxLength={50} /></ItemCol>
        <ItemCol name="contact_phone" label={t('f.contact_phone')} rules={[{ max: 30 }, { pattern: /^[0-9+\-() ]*$/, message: t('lead.phoneInvalid') }]}>
          <Input maxLength={30} inputMode="tel" />
        </ItemCol>
        {record && (
          <ItemCol name="state" label={t('f.state')} rules={[{ required: true }]}><Select options={enumOptions(t, 'leadState', LEAD_STATES)} /></ItemCol>
        )}
      </Row>
      <Form.Item name="description" label={t('f.description')} rules={[{ max: 2000 }]}><Input.TextArea rows={3} maxLength={2000} showCount /></Form.Item>
    </>
  );
}

const enterpriseName = (l: LeadPublic) => l.enterprise?.name ?? `#${l.enterprise_id}`;

function LeadDetails({ record: l }: { record: LeadPublic }) {
  const { t } = useI18n();
  const unitName = useUnitNames();
  const clusters = useClusters();
  return (
    <FieldList
      title={t('rec.details')}
      items={[
        { key: 'ent', label: t('f.enterprise_id'), span: 2, children: <Link to={`/enterprises/${l.enterprise_id}`}>{enterpriseName(l)}</Link> },
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
  );
}

/** A lead has no status: its owner may always edit it; the owner or the assigned unit may record a visit. */
function LeadActions({ record: l, owner, onEdit }: Slot<LeadPublic>) {
  const { t } = useI18n();
  const scope = useRecordScope();
  const assignee = useIsAssignee(l, owner);
  return (
    <div className="zs-rec-actions">
      {scope.canWrite && (owner || assignee) && (
        <ButtonLink to={`/visits/new?lead_id=${l.id}&enterprise_id=${l.enterprise_id}`} icon={<PlusOutlined />}>{t('lead.newVisit')}</ButtonLink>
      )}
      {owner && <Button type="primary" onClick={onEdit} data-testid="action-edit">{t('rec.edit')}</Button>}
    </div>
  );
}

function AssigneeState({ record, owner, editing }: Slot<LeadPublic>) {
  const assignee = useIsAssignee(record, owner);
  return assignee && !editing ? <StateEditor key={record.version} lead={record} /> : null;
}

export const leadRecord: RecordDef<LeadPublic, Values, Body> = {
  form: {
    kind: 'lead', testId: 'lead-form', newTitle: 'lead.new', editTitle: 'lead.edit',
    fields: ['enterprise_id', 'source', 'received_on', 'assigned_unit_id', 'cluster_id', 'intended_industry', 'intended_amount', 'contact_name', 'contact_phone', 'description', 'state'],
    create: async ({ state: _s, ...body }, headers) => (await createLead({ body, headers })).data,
    update: async (id, body, headers) => (await updateLead({ path: { lead_id: id }, body: body as LeadUpdate, headers })).data,
    // the state is the owner's to change once the lead exists
    toBody: (v, record) => ({
      enterprise_id: v.enterprise_id!, source: v.source!, received_on: toDay(v.received_on)!, assigned_unit_id: v.assigned_unit_id ?? null,
      cluster_id: v.cluster_id ?? null, intended_industry: (v.intended_industry ?? '').trim(), intended_amount: moneyOrNull(v.intended_amount),
      contact_name: (v.contact_name ?? '').trim(), contact_phone: (v.contact_phone ?? '').trim(), description: (v.description ?? '').trim(),
      ...(record ? { state: v.state } : {}),
    }),
    toValues: (l) => ({
      enterprise_id: l.enterprise_id, source: l.source, received_on: fromDay(l.received_on), assigned_unit_id: l.assigned_unit_id,
      cluster_id: l.cluster_id, intended_industry: l.intended_industry, intended_amount: l.intended_amount,
      contact_name: l.contact_name, contact_phone: l.contact_phone, description: l.description, state: l.state,
    }),
    useNewValues: () => {
      const [params] = useSearchParams();
      return { enterprise_id: Number(params.get('enterprise_id')) || null, state: 'open' };
    },
    Fields: LeadFields,
  },
  load: async (id) => (await getLead({ path: { lead_id: id } })).data,
  heading: (l, t) => t('lead.heading', { id: l.id, name: enterpriseName(l) }),
  listLabel: 'lead.title',
  enterpriseNames: (l) => ({ [l.enterprise_id]: enterpriseName(l) }),
  Details: LeadDetails,
  Actions: LeadActions,
  Above: AssigneeState,
};
