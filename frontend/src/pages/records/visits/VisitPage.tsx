import { DatePicker, Form, Input, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { Link, useSearchParams } from 'react-router';
import { createVisit, getVisit, updateVisit, type LeaderLevel, type Region, type VisitCreate, type VisitPublic } from '../../../api';
import { enumLabel, enumOptions } from '../../../i18n/enums';
import { useI18n } from '../../../i18n/I18nProvider';
import { LEADER_LEVELS, REGIONS } from '../../../lib/enums';
import { EnterpriseField } from '../components/EnterpriseSelect';
import { FormShell, ItemCol, useSaveRecord } from '../components/RecordForm';
import { RecordActions } from '../components/RecordActions';
import { FieldList, RecordFrame } from '../components/RecordFrame';
import { RecordHistory } from '../components/RecordHistory';
import { NewRecord, RecordRoute, useRecordView } from '../components/RecordPage';
import { LeadSelect } from '../components/Selects';
import { fromDay, toDay, useRequired } from '../lib/forms';
import { useDateRules } from '../lib/dates';

interface Values {
  enterprise_id: number | null;
  visit_date: Dayjs | null;
  region: Region | null;
  place: string;
  leader_level: LeaderLevel;
  leader_name: string;
  participants: string;
  outcome: string;
  next_step: string;
  lead_id: number | null;
}
const FIELDS = ['enterprise_id', 'visit_date', 'region', 'place', 'leader_level', 'leader_name', 'participants', 'outcome', 'next_step', 'lead_id'];

const toBody = (v: Values): VisitCreate => ({
  enterprise_id: v.enterprise_id!,
  visit_date: toDay(v.visit_date)!,
  region: v.region!,
  place: (v.place ?? '').trim(),
  leader_level: v.leader_level,
  leader_name: (v.leader_name ?? '').trim(),
  participants: (v.participants ?? '').trim(),
  outcome: (v.outcome ?? '').trim(),
  next_step: (v.next_step ?? '').trim(),
  lead_id: v.lead_id ?? null,
});

const toValues = (r: VisitPublic): Values => ({
  enterprise_id: r.enterprise_id,
  visit_date: fromDay(r.visit_date),
  region: r.region,
  place: r.place,
  leader_level: r.leader_level,
  leader_name: r.leader_name,
  participants: r.participants,
  outcome: r.outcome,
  next_step: r.next_step,
  lead_id: r.lead_id,
});

function VisitForm({ record, onDone }: { record?: VisitPublic; onDone: (r?: VisitPublic) => void }) {
  const { t } = useI18n();
  const required = useRequired();
  const dateRules = useDateRules();
  const [form] = Form.useForm<Values>();
  const [params] = useSearchParams();
  const enterpriseId = Form.useWatch('enterprise_id', form);
  const saver = useSaveRecord<VisitPublic, VisitCreate>({
    kind: 'visit', form, fields: FIELDS, record,
    create: async (body, headers) => (await createVisit({ body, headers })).data,
    update: async (id, body, headers) => (await updateVisit({ path: { visit_id: id }, body, headers })).data,
    compare: (r) => toBody(toValues(r)) as unknown as Record<string, unknown>,
    onSaved: (r) => onDone(r),
  });
  const initial: Partial<Values> = record
    ? toValues(record)
    : {
        leader_level: 'staff',
        enterprise_id: Number(params.get('enterprise_id')) || null,
        lead_id: Number(params.get('lead_id')) || null,
      };

  return (
    <FormShell<Values>
      form={form}
      title={record ? t('visit.edit') : t('visit.new')}
      testId="visit-form"
      initialValues={initial}
      onFinish={(v) => saver.save(toBody(v))}
      saver={saver}
      onClose={() => onDone()}
    >
      <EnterpriseField record={record} />
      <Row gutter={16}>
        <ItemCol name="visit_date" label={t('f.visit_date')} rules={[required.choice('f.visit_date'), ...dateRules]}>
          <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" />
        </ItemCol>
        <ItemCol name="region" label={t('f.region')} rules={[required.choice('f.region')]}>
          <Select options={enumOptions(t, 'region', REGIONS)} />
        </ItemCol>
        <ItemCol name="place" label={t('f.place')} rules={[{ max: 200 }]}>
          <Input maxLength={200} />
        </ItemCol>
      </Row>
      <Row gutter={16}>
        <ItemCol name="leader_level" label={t('f.leader_level')} rules={[required.choice('f.leader_level')]}>
          <Select options={enumOptions(t, 'leaderLevel', LEADER_LEVELS)} />
        </ItemCol>
        <ItemCol name="leader_name" label={t('f.leader_name')} rules={[{ max: 100 }]}>
          <Input maxLength={100} />
        </ItemCol>
        <ItemCol name="lead_id" label={t('f.lead_id')}>
          <LeadSelect enterpriseId={enterpriseId} placeholder={t('visit.leadPlaceholder')} />
        </ItemCol>
      </Row>
      <Form.Item name="participants" label={t('f.participants')} rules={[{ max: 500 }]}>
        <Input maxLength={500} />
      </Form.Item>
      <Form.Item name="outcome" label={t('f.outcome')} rules={[{ max: 2000 }]}>
        <Input.TextArea rows={3} maxLength={2000} showCount />
      </Form.Item>
      <Form.Item name="next_step" label={t('f.next_step')} rules={[{ max: 1000 }]}>
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
    </FormShell>
  );
}

function VisitView({ id }: { id: number }) {
  const { t } = useI18n();
  const { record: v, loadState, owner, editing, setEditing } =
    useRecordView('visit', id, async () => (await getVisit({ path: { visit_id: id } })).data);
  if (!v) return loadState;
  const name = v.enterprise?.name ?? `#${v.enterprise_id}`;

  return (
    <RecordFrame
      title={t('visit.heading', { name, date: v.visit_date })}
      listPath="/visits"
      listLabel={t('visit.title')}
      record={v}
      owner={owner}
      actions={!editing && <RecordActions kind="visit" record={v} onEdit={() => setEditing(true)} />}
      below={<RecordHistory kind="visit" id={v.id} version={v.version} enterpriseNames={{ [v.enterprise_id]: name }} />}
    >
      {editing ? (
        <VisitForm record={v} onDone={() => setEditing(false)} />
      ) : (
        <FieldList
          title={t('rec.details')}
          items={[
            { key: 'ent', label: t('f.enterprise_id'), span: 2, children: <Link to={`/enterprises/${v.enterprise_id}`}>{name}</Link> },
            { key: 'date', label: t('f.visit_date'), children: v.visit_date },
            { key: 'region', label: t('f.region'), children: enumLabel(t, 'region', v.region) },
            { key: 'place', label: t('f.place'), children: v.place || '—' },
            { key: 'lead', label: t('f.lead_id'), children: v.lead_id ? <Link to={`/leads/${v.lead_id}`}>#{v.lead_id}</Link> : '—' },
            { key: 'level', label: t('f.leader_level'), children: enumLabel(t, 'leaderLevel', v.leader_level) },
            { key: 'leader', label: t('f.leader_name'), children: v.leader_name || '—' },
            { key: 'part', label: t('f.participants'), span: 2, children: v.participants || '—' },
            { key: 'out', label: t('f.outcome'), span: 2, children: <div className="zs-rec-multiline">{v.outcome || '—'}</div> },
            { key: 'next', label: t('f.next_step'), span: 2, children: <div className="zs-rec-multiline">{v.next_step || '—'}</div> },
          ]}
        />
      )}
    </RecordFrame>
  );
}

export default function VisitPage() {
  return <RecordRoute kind="visit" create={<NewRecord kind="visit" title="visit.new" Form={VisitForm} />} View={VisitView} />;
}
