import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Form, Spin, Table, Tag, type TableColumnsType } from 'antd';
import { Link, useNavigate } from 'react-router';
import {
  getEnterprise, updateEnterprise, type EnterprisePublic, type EnterpriseUpdate, type EventPublic, type ProjectPublic, type VisitPublic,
} from '../../../api';
import { PageHeader } from '../../../components/PageHeader';
import { useUnitNames } from '../../../hooks/useUnitNames';
import { enumLabel } from '../../../i18n/enums';
import { useI18n } from '../../../i18n/I18nProvider';
import { formatMoney } from '../../../lib/money';
import { RECORD_PAGES } from '../../../lib/recordPaths';
import { statusColumn } from '../components/columns';
import { DuplicateList, EnterpriseCreateForm, useDuplicateCandidates } from '../components/EnterpriseCreateModal';
import { ENTERPRISE_FORM_FIELDS, EnterpriseFields, enterpriseBody, enterpriseFormValues, type EnterpriseFormValues } from '../components/EnterpriseFields';
import { FormShell, useSaveRecord } from '../components/RecordForm';
import { RecordFrame } from '../components/RecordFrame';
import { RecordHistory } from '../components/RecordHistory';
import type { ListDef } from '../components/RecordListPage';
import { RecordRoute, useEditSwitch, useRecord } from '../components/RecordPage';
import { useRecordScope } from '../lib/hooks';
import { ClassProposal } from './ClassProposal';
import { EnterpriseClassTags } from '../kinds/enterprise';
import { eventList } from '../kinds/event';
import { leadList } from '../kinds/lead';
import { projectList } from '../kinds/project';
import { visitList } from '../kinds/visit';
import { COLLECTION } from '../lib/api';
import '../records.css';

const LIMIT = 10;

function EditForm({ record, onDone }: { record: EnterprisePublic; onDone: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<EnterpriseFormValues>();
  const name = Form.useWatch('name', form);
  const uscc = Form.useWatch('uscc', form);
  const dups = useDuplicateCandidates(name, uscc, record.id);
  const saver = useSaveRecord<EnterprisePublic, Record<string, unknown>>({
    kind: 'enterprise', form, fields: ENTERPRISE_FORM_FIELDS, record,
    create: () => Promise.reject(new Error('not here')),
    update: async (id, body, headers) => (await updateEnterprise({ path: { enterprise_id: id }, body: body as EnterpriseUpdate, headers })).data,
    compare: (r) => enterpriseBody(enterpriseFormValues(r)),
    onSaved: () => onDone(),
  });
  return (
    <>
      <DuplicateList candidates={dups} />
      <FormShell<EnterpriseFormValues>
        form={form}
        title={t('ent.editTitle')}
        testId="enterprise-edit-form"
        initialValues={enterpriseFormValues(record)}
        onFinish={(v) => saver.save(enterpriseBody(v))}
        saver={saver}
        onClose={onDone}
      >
        <EnterpriseFields />
      </FormShell>
    </>
  );
}

/** Records of a kind that involve the enterprise, the first few (the kind's list call) with a link to the filtered list. */
function Linked<T extends { id: number }>({ title, list, enterpriseId, columns }: {
  title: string;
  list: ListDef<T>;
  enterpriseId: number;
  columns: TableColumnsType<T>;
}) {
  const { t } = useI18n();
  const q = useQuery({
    queryKey: [COLLECTION[list.kind], 'list', { enterprise_id: enterpriseId, linked: true }],
    queryFn: () => list.fetchPage({ enterprise_id: enterpriseId, limit: LIMIT, with_total: true }),
  });
  const total = q.data?.total ?? q.data?.data.length ?? 0;
  return (
    <section className="zs-rec-card">
      <h2>
        {title} {q.data && <span className="zs-muted" style={{ fontWeight: 400 }}>（{total}）</span>}
      </h2>
      {q.isPending ? <Spin size="small" /> : (
        <Table<T> rowKey="id" size="small" pagination={false} columns={columns} dataSource={q.data?.data ?? []}
                  locale={{ emptyText: t('ent.linkedNone') }} />
      )}
      {total > (q.data?.data.length ?? 0) && <Link to={`${RECORD_PAGES[list.kind]}?enterprise_id=${enterpriseId}`}>{t('ent.linkedMore', { count: total })}</Link>}
    </section>
  );
}

function EnterpriseView({ id }: { id: number }) {
  const { t } = useI18n();
  const scope = useRecordScope();
  const { record: e, loadState } = useRecord('enterprise', id, async () => (await getEnterprise({ path: { enterprise_id: id } })).data);
  const merged = useQuery({
    queryKey: ['enterprises', 'detail', e?.merged_into_id],
    queryFn: async () => (await getEnterprise({ path: { enterprise_id: e!.merged_into_id! } })).data,
    enabled: !!e?.merged_into_id,
  });
  // the shared library: any writer may edit an enterprise, until it is merged into another
  const canEdit = scope.canWrite && !!e && !e.merged_into_id;
  const { editing, setEditing } = useEditSwitch(canEdit);
  if (!e) return loadState;
  const former = e.former_names ?? [];

  const details = (
    <section className="zs-rec-card">
      <h2>{t('rec.details')}</h2>
      <Descriptions bordered size="small" column={2} styles={{ label: { width: 140 } }} items={[
        { key: 'uscc', label: t('f.uscc'), span: 2, children: e.uscc ? (
          <span style={{ fontFamily: 'monospace' }}>{e.uscc}{e.uscc_override_reason && <Tag color="orange" style={{ marginInlineStart: 8 }}>{t('f.uscc_override_reason')}：{e.uscc_override_reason}</Tag>}</span>
        ) : '—' },
        { key: 'country', label: t('f.country'), children: e.country || '—' },
        { key: 'origin', label: t('ent.origin'), children: [e.province, e.city].filter(Boolean).join(' ') || '—' },
        { key: 'industry', label: t('f.industry'), span: 2, children: e.industry || '—' },
        { key: 'classes', label: t('f.classes'), span: 2, children: <EnterpriseClassTags e={e} /> },
        ...(e.china500_list || e.china500_year ? [{ key: 'list', label: t('f.china500_list'), span: 2, children: `${e.china500_list ?? ''} ${e.china500_year ?? ''}`.trim() }] : []),
        { key: 'former', label: t('f.former_names'), span: 2, children: former.length ? former.join('、') : '—' },
      ]} />
    </section>
  );

  // the shared record frame: fields, linked records, history, the licence and other files (any writer attaches
  // them while the enterprise is not merged), the process card
  return (
    <RecordFrame
      title={e.name}
      listPath="/enterprises"
      listLabel={t('ent.title')}
      record={e}
      owner={canEdit}
      actions={!editing && canEdit && <Button type="primary" onClick={() => setEditing(true)} data-testid="action-edit">{t('rec.edit')}</Button>}
      notice={
        <>
          {e.merged_into_id && (
            <Alert type="warning" showIcon style={{ marginBottom: 12 }}
                   message={<>{t('ent.merged', { name: merged.data?.name ?? `#${e.merged_into_id}` })} <Link to={`/enterprises/${e.merged_into_id}`}>{t('rec.open')}</Link></>}
                   description={e.merge_reason ? `${t('f.merge_reason')}：${e.merge_reason}` : undefined} />
          )}
          <ClassProposal e={e} />
        </>
      }
      below={<LinkedRecords id={id} version={e.version} />}
    >
      {editing ? <EditForm record={e} onDone={() => setEditing(false)} /> : details}
    </RecordFrame>
  );
}

/** What involves the enterprise, a few of each kind, then its history. */
function LinkedRecords({ id, version }: { id: number; version: number }) {
  const { t } = useI18n();
  const unitName = useUnitNames();
  return (
    <>
      <Linked
        title={t('ent.linkedVisits')}
        list={visitList} enterpriseId={id}
        columns={[
          { title: t('f.visit_date'), dataIndex: 'visit_date', width: 110, render: (d: string, v) => <Link to={`/visits/${v.id}`}>{d}</Link> },
          { title: t('rec.unit'), dataIndex: 'unit_id', render: (u: number) => unitName(u) },
          { title: t('f.outcome'), dataIndex: 'outcome', ellipsis: true },
          statusColumn<VisitPublic>(t),
        ]}
      />
      <Linked
        title={t('ent.linkedProjects')}
        list={projectList} enterpriseId={id}
        columns={[
          { title: t('f.project_name'), dataIndex: 'name', render: (n: string, p) => <Link to={`/projects/${p.id}`}>{n}</Link> },
          { title: t('f.total_investment'), dataIndex: 'total_investment', align: 'right', render: (v: string) => formatMoney(v) },
          { title: t('f.stage'), dataIndex: 'stage', width: 70, render: (s: string) => enumLabel(t, 'stage', s) },
          statusColumn<ProjectPublic>(t),
        ]}
      />
      <Linked
        title={t('ent.linkedEvents')}
        list={eventList} enterpriseId={id}
        columns={[
          { title: t('f.event_date'), dataIndex: 'event_date', width: 110 },
          { title: t('f.title'), dataIndex: 'title', render: (n: string, x) => <Link to={`/events/${x.id}`}>{n}</Link> },
          statusColumn<EventPublic>(t),
        ]}
      />
      <Linked
        title={t('ent.linkedLeads')}
        list={leadList} enterpriseId={id}
        columns={[
          { title: t('f.received_on'), dataIndex: 'received_on', width: 110, render: (d: string, l) => <Link to={`/leads/${l.id}`}>{d}</Link> },
          { title: t('f.source'), dataIndex: 'source', render: (s: string) => enumLabel(t, 'leadSource', s) },
          { title: t('rec.unit'), dataIndex: 'unit_id', render: (u: number) => unitName(u) },
          { title: t('f.state'), dataIndex: 'state', render: (s: string) => enumLabel(t, 'leadState', s) },
        ]}
      />
      <RecordHistory kind="enterprise" id={id} version={version} />
    </>
  );
}

function NewEnterprise() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <>
      <PageHeader title={t('ent.createTitle')} />
      <section className="zs-rec-card zs-rec-form">
        <EnterpriseCreateForm onCancel={() => navigate('/enterprises')} onDone={(ref) => navigate(`/enterprises/${ref.id}`, { replace: true })} />
      </section>
    </>
  );
}

export default function EnterprisePage() {
  return <RecordRoute kind="enterprise" create={<NewEnterprise />} View={EnterpriseView} />;
}
