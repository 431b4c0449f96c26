import { DatePicker, Form, Input, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { createEvent, getEvent, updateEvent, type EventCreate, type EventKind, type EventPublic, type Region } from '../../../api';
import { enumLabel, enumOptions } from '../../../i18n/enums';
import { useI18n } from '../../../i18n/I18nProvider';
import { EVENT_KINDS, REGIONS } from '../../../lib/enums';
import { EnterpriseSelect } from '../components/EnterpriseSelect';
import { EnterpriseLinks, ProjectLinks } from '../components/Links';
import { FormShell, ItemCol, useSaveRecord } from '../components/RecordForm';
import { RecordActions } from '../components/RecordActions';
import { FieldList, RecordFrame } from '../components/RecordFrame';
import { RecordHistory } from '../components/RecordHistory';
import { NewRecord, RecordRoute, useRecordView } from '../components/RecordPage';
import { fromDay, toDay, useRequired } from '../lib/forms';
import { useDateRules } from '../lib/dates';
import { useRecordScope } from '../lib/hooks';

interface Values {
  kind: EventKind | null;
  title: string;
  event_date: Dayjs | null;
  region: Region | null;
  place: string;
  description: string;
  enterprise_ids: number[];
}
const FIELDS = ['kind', 'title', 'event_date', 'region', 'place', 'description', 'enterprise_ids'];

const toBody = (v: Values): EventCreate => ({
  kind: v.kind!,
  title: (v.title ?? '').trim(),
  event_date: toDay(v.event_date)!,
  region: v.region!,
  place: (v.place ?? '').trim(),
  description: (v.description ?? '').trim(),
  enterprise_ids: v.enterprise_ids ?? [],
});
const toValues = (e: EventPublic): Values => ({
  kind: e.kind, title: e.title, event_date: fromDay(e.event_date), region: e.region, place: e.place,
  description: e.description, enterprise_ids: (e.enterprises ?? []).map((x) => x.id),
});

function EventForm({ record, onDone }: { record?: EventPublic; onDone: (r?: EventPublic) => void }) {
  const { t } = useI18n();
  const required = useRequired();
  const dateRules = useDateRules();
  const [form] = Form.useForm<Values>();
  const scope = useRecordScope();
  const saver = useSaveRecord<EventPublic, EventCreate>({
    kind: 'event', form, fields: FIELDS, record,
    create: async (body, headers) => (await createEvent({ body, headers })).data,
    update: async (id, body, headers) => (await updateEvent({ path: { event_id: id }, body, headers })).data,
    compare: (r) => toBody(toValues(r)) as unknown as Record<string, unknown>,
    onSaved: (r) => onDone(r),
  });
  return (
    <FormShell<Values>
      form={form}
      title={record ? t('event.edit') : t('event.new')}
      testId="event-form"
      initialValues={record ? toValues(record) : { enterprise_ids: [] }}
      onFinish={(v) => saver.save(toBody(v))}
      saver={saver}
      onClose={() => onDone()}
    >
      <Form.Item name="title" label={t('f.title')} rules={[required.text('f.title'), { max: 200 }]}>
        <Input maxLength={200} autoFocus={!record} />
      </Form.Item>
      <Row gutter={16}>
        <ItemCol name="kind" label={t('f.kind')} rules={[required.choice('f.kind')]}>
          <Select options={enumOptions(t, 'eventKind', EVENT_KINDS)} />
        </ItemCol>
        <ItemCol name="event_date" label={t('f.event_date')} rules={[required.choice('f.event_date'), ...dateRules]}>
          <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" />
        </ItemCol>
        <ItemCol name="region" label={t('f.region')} rules={[required.choice('f.region')]}>
          <Select options={enumOptions(t, 'region', REGIONS)} />
        </ItemCol>
      </Row>
      <Form.Item name="place" label={t('f.place')} rules={[{ max: 200 }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="enterprise_ids" label={t('f.enterprise_ids')}>
        <EnterpriseSelect multiple known={record?.enterprises ?? []} allowCreate={scope.canWrite} />
      </Form.Item>
      <Form.Item name="description" label={t('f.description')} rules={[{ max: 2000 }]}>
        <Input.TextArea rows={3} maxLength={2000} showCount />
      </Form.Item>
    </FormShell>
  );
}

function EventView({ id }: { id: number }) {
  const { t } = useI18n();
  const { record: e, loadState, owner, editing, setEditing } =
    useRecordView('event', id, async () => (await getEvent({ path: { event_id: id } })).data);
  if (!e) return loadState;
  const names = Object.fromEntries((e.enterprises ?? []).map((x) => [x.id, x.name]));
  const signed = e.signed_project_ids ?? [];

  return (
    <RecordFrame
      title={e.title}
      listPath="/events"
      listLabel={t('event.title')}
      unitLabel={t('f.organiser')}
      record={e}
      owner={owner}
      actions={!editing && <RecordActions kind="event" record={e} onEdit={() => setEditing(true)} />}
      below={<RecordHistory kind="event" id={e.id} version={e.version} enterpriseNames={names} />}
    >
      {editing ? (
        <EventForm record={e} onDone={() => setEditing(false)} />
      ) : (
        <FieldList
          title={t('rec.details')}
          items={[
            { key: 'kind', label: t('f.kind'), children: enumLabel(t, 'eventKind', e.kind) },
            { key: 'date', label: t('f.event_date'), children: e.event_date },
            { key: 'region', label: t('f.region'), children: enumLabel(t, 'region', e.region) },
            { key: 'place', label: t('f.place'), children: e.place || '—' },
            {
              key: 'ents', label: t('f.enterprise_ids'), span: 2,
              children: (e.enterprises ?? []).length ? <EnterpriseLinks enterprises={e.enterprises ?? []} /> : '—',
            },
            {
              key: 'signed', label: t('f.signed_project_ids'), span: 2,
              children: signed.length
                ? <ProjectLinks ids={signed} />
                : <span className="zs-muted">{t('event.noSigned')}</span>,
            },
            { key: 'desc', label: t('f.description'), span: 2, children: <div className="zs-rec-multiline">{e.description || '—'}</div> },
          ]}
        />
      )}
    </RecordFrame>
  );
}

export default function EventPage() {
  return <RecordRoute kind="event" create={<NewRecord kind="event" title="event.new" Form={EventForm} />} View={EventView} />;
}
