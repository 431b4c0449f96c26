// An event (活动): its list and its record page.
import { DatePicker, Form, Input, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { Link } from 'react-router';
import {
  createEvent, getEvent, listEvents, updateEvent, type EventCreate, type EventKind, type EventPublic, type Region,
} from '../../../api';
import { useUnitNames } from '../../../hooks/useUnitNames';
import { enumLabel, enumOptions } from '../../../i18n/enums';
import { useI18n } from '../../../i18n/I18nProvider';
import { EVENT_KINDS, REGIONS } from '../../../lib/enums';
import { EnterpriseSelect } from '../components/EnterpriseSelect';
import { EnterpriseLinks, ProjectLinks } from '../components/Links';
import {
  dateRangeFilter, enterpriseFilter, enumColumn, enumFilter, FieldList, fromDay, ItemCol, type ListDef, newestFirst, pageOf, ownerUnitFilter, type RecordDef,
  searchFilter, statusColumn, statusFilter, toDay, unitColumns, useDateRules, useRecordScope, useRequired,
} from './kit';

export const eventList: ListDef<EventPublic> = {
  kind: 'event', title: 'event.title', newLabel: 'event.new', importable: true, testId: 'events-table', reviewed: true,
  ...newestFirst('event_date'), fetchPage: pageOf(listEvents),
  filters: [
    searchFilter('event.searchPlaceholder', 200), ownerUnitFilter(undefined, 'f.organiser'),
    enumFilter('kind', 'f.kind', 'eventKind', EVENT_KINDS, 200), enumFilter('region', 'f.region', 'region', REGIONS, 140),
    statusFilter(), dateRangeFilter('date_from', 'date_to', 'rec.dateRange'), enterpriseFilter(),
  ],
  useColumns: () => {
    const { t } = useI18n();
    const scope = useRecordScope();
    const unitName = useUnitNames();
    return [
      { title: t('f.event_date'), dataIndex: 'event_date', key: 'event_date', width: 110, className: 'zs-nowrap', render: (d: string) => d },
      { title: t('f.title'), dataIndex: 'title', render: (n: string, e) => <Link to={`/events/${e.id}`}>{n}</Link> },
      enumColumn(t, 'kind', 'eventKind', 170), enumColumn(t, 'region', 'region', 100),
      { title: t('f.place'), dataIndex: 'place', width: 110, responsive: ['xl'] },
      ...unitColumns<EventPublic>(t, unitName, 150, { title: 'f.organiser', show: scope.cityWide }),
      { title: t('f.enterprise_ids'), key: 'ents', width: 70, align: 'right', render: (_: unknown, e) => t('event.enterprisesCount', { count: (e.enterprises ?? []).length }) },
      statusColumn(t),
    ];
  },
};

interface Values {
  kind: EventKind | null;
  title: string;
  event_date: Dayjs | null;
  region: Region | null;
  place: string;
  description: string;
  enterprise_ids: number[];
}

function EventFields({ record }: { record?: EventPublic }) {
  const { t } = useI18n();
  const required = useRequired();
  const dateRules = useDateRules();
  const scope = useRecordScope();
  return (
    <>
      <Form.Item name="title" label={t('f.title')} rules={[required.text('f.title'), { max: 200 }]}><Input maxLength={200} autoFocus={!record} /></Form.Item>
      <Row gutter={16}>
        <ItemCol name="kind" label={t('f.kind')} rules={[required.choice('f.kind')]}><Select options={enumOptions(t, 'eventKind', EVENT_KINDS)} /></ItemCol>
        <ItemCol name="event_date" label={t('f.event_date')} rules={[required.choice('f.event_date'), ...dateRules]}><DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" /></ItemCol>
        <ItemCol name="region" label={t('f.region')} rules={[required.choice('f.region')]}><Select options={enumOptions(t, 'region', REGIONS)} /></ItemCol>
      </Row>
      <Form.Item name="place" label={t('f.place')} rules={[{ max: 200 }]}><Input maxLength={200} /></Form.Item>
      <Form.Item name="enterprise_ids" label={t('f.enterprise_ids')}><EnterpriseSelect multiple known={record?.enterprises ?? []} allowCreate={scope.canWrite} /></Form.Item>
      <Form.Item name="description" label={t('f.description')} rules={[{ max: 2000 }]}><Input.TextArea rows={3} maxLength={2000} showCount /></Form.Item>
    </>
  );
}

function EventDetails({ record: e }: { record: EventPublic }) {
  const { t } = useI18n();
  const signed = e.signed_project_ids ?? [];
  return (
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
          children: signed.length ? <ProjectLinks ids={signed} /> : <span className="zs-muted">{t('event.noSigned')}</span>,
        },
        { key: 'desc', label: t('f.description'), span: 2, children: <div className="zs-rec-multiline">{e.description || '—'}</div> },
      ]}
    />
  );
}

export const eventRecord: RecordDef<EventPublic, Values, EventCreate> = {
  form: {
    kind: 'event', testId: 'event-form', newTitle: 'event.new', editTitle: 'event.edit',
    fields: ['kind', 'title', 'event_date', 'region', 'place', 'description', 'enterprise_ids'],
    create: async (body, headers) => (await createEvent({ body, headers })).data,
    update: async (id, body, headers) => (await updateEvent({ path: { event_id: id }, body, headers })).data,
    toBody: (v) => ({
      kind: v.kind!,
      title: (v.title ?? '').trim(),
      event_date: toDay(v.event_date)!,
      region: v.region!,
      place: (v.place ?? '').trim(),
      description: (v.description ?? '').trim(),
      enterprise_ids: v.enterprise_ids ?? [],
    }),
    toValues: (e) => ({
      kind: e.kind, title: e.title, event_date: fromDay(e.event_date), region: e.region, place: e.place,
      description: e.description, enterprise_ids: (e.enterprises ?? []).map((x) => x.id),
    }),
    useNewValues: () => ({ enterprise_ids: [] }),
    Fields: EventFields,
  },
  load: async (id) => (await getEvent({ path: { event_id: id } })).data,
  heading: (e) => e.title,
  listLabel: 'event.title',
  unitLabel: 'f.organiser',
  enterpriseNames: (e) => Object.fromEntries((e.enterprises ?? []).map((x) => [x.id, x.name])),
  Details: EventDetails,
};
