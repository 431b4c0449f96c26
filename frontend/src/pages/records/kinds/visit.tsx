// A visit (走访): its list and its record page.
import { DatePicker, Form, Input, Row, Select, type FormInstance } from 'antd';
import type { Dayjs } from 'dayjs';
import { Link, useSearchParams } from 'react-router';
import {
  createVisit, getVisit, listVisits, updateVisit, type LeaderLevel, type Region, type VisitCreate, type VisitPublic,
} from '../../../api';
import { useUnitNames } from '../../../hooks/useUnitNames';
import { enumLabel, enumOptions } from '../../../i18n/enums';
import { useI18n } from '../../../i18n/I18nProvider';
import { LEADER_LEVELS, REGIONS } from '../../../lib/enums';
import { EnterpriseField } from '../components/EnterpriseSelect';
import { LeadSelect } from '../components/Selects';
import {
  dateLinkColumn, dateRangeFilter, enterpriseClassFilter, enterpriseColumn, enterpriseFilter, enumColumn, enumFilter, FieldList,
  fromDay, ItemCol, linkedFilter, type ListDef, newestFirst, pageOf, ownerUnitFilter, type RecordDef, searchFilter, statusColumn, statusFilter, toDay,
  unitColumns, useDateRules, useRecordScope, useRequired,
} from './kit';

export const visitList: ListDef<VisitPublic> = {
  kind: 'visit', title: 'visit.title', newLabel: 'visit.new', importable: true, testId: 'visits-table', reviewed: true,
  ...newestFirst('visit_date'), fetchPage: pageOf(listVisits),
  filters: [
    searchFilter('visit.searchPlaceholder'), ownerUnitFilter(), statusFilter(), enumFilter('region', 'f.region', 'region', REGIONS, 140),
    dateRangeFilter('date_from', 'date_to', 'rec.dateRange'), enterpriseFilter(), enterpriseClassFilter(), linkedFilter('lead_id'),
  ],
  useColumns: () => {
    const { t } = useI18n();
    const scope = useRecordScope();
    const unitName = useUnitNames();
    return [
      dateLinkColumn(t, 'visit_date', '/visits'), enterpriseColumn(t),
      ...unitColumns<VisitPublic>(t, unitName, 150, { show: scope.cityWide }),
      enumColumn(t, 'region', 'region', 100),
      { title: t('f.place'), dataIndex: 'place', width: 110, responsive: ['xl'] },
      {
        title: t('f.leader_level'), dataIndex: 'leader_level', width: 110,
        render: (l: string, v) => (v.leader_name ? `${enumLabel(t, 'leaderLevel', l)} ${v.leader_name}` : enumLabel(t, 'leaderLevel', l)),
      },
      { title: t('f.outcome'), dataIndex: 'outcome', ellipsis: true, responsive: ['lg'] },
      statusColumn(t),
    ];
  },
};

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

function VisitFields({ record, form }: { record?: VisitPublic; form: FormInstance<Values> }) {
  const { t } = useI18n();
  const required = useRequired();
  const dateRules = useDateRules();
  const enterpriseId = Form.useWatch('enterprise_id', form);
  return (
    <>
      <EnterpriseField record={record} />
      <Row gutter={16}>
        <ItemCol name="visit_date" label={t('f.visit_date')} rules={[required.choice('f.visit_date'), ...dateRules]}><DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" /></ItemCol>
        <ItemCol name="region" label={t('f.region')} rules={[required.choice('f.region')]}><Select options={enumOptions(t, 'region', REGIONS)} /></ItemCol>
        <ItemCol name="place" label={t('f.place')} rules={[{ max: 200 }]}><Input maxLength={200} /></ItemCol>
      </Row>
      <Row gutter={16}>
        <ItemCol name="leader_level" label={t('f.leader_level')} rules={[required.choice('f.leader_level')]}><Select options={enumOptions(t, 'leaderLevel', LEADER_LEVELS)} /></ItemCol>
        <ItemCol name="leader_name" label={t('f.leader_name')} rules={[{ max: 100 }]}><Input maxLength={100} /></ItemCol>
        <ItemCol name="lead_id" label={t('f.lead_id')}><LeadSelect enterpriseId={enterpriseId} placeholder={t('visit.leadPlaceholder')} /></ItemCol>
      </Row>
      <Form.Item name="participants" label={t('f.participants')} rules={[{ max: 500 }]}><Input maxLength={500} /></Form.Item>
      <Form.Item name="outcome" label={t('f.outcome')} rules={[{ max: 2000 }]}><Input.TextArea rows={3} maxLength={2000} showCount /></Form.Item>
      <Form.Item name="next_step" label={t('f.next_step')} rules={[{ max: 1000 }]}><Input.TextArea rows={2} maxLength={1000} /></Form.Item>
    </>
  );
}

const enterpriseName = (v: VisitPublic) => v.enterprise?.name ?? `#${v.enterprise_id}`;

function VisitDetails({ record: v }: { record: VisitPublic }) {
  const { t } = useI18n();
  const multiline = (s: string) => <div className="zs-rec-multiline">{s || '—'}</div>;
  return (
    <FieldList
      title={t('rec.details')}
      items={[
        { key: 'ent', label: t('f.enterprise_id'), span: 2, children: <Link to={`/enterprises/${v.enterprise_id}`}>{enterpriseName(v)}</Link> },
        { key: 'date', label: t('f.visit_date'), children: v.visit_date },
        { key: 'region', label: t('f.region'), children: enumLabel(t, 'region', v.region) },
        { key: 'place', label: t('f.place'), children: v.place || '—' },
        { key: 'lead', label: t('f.lead_id'), children: v.lead_id ? <Link to={`/leads/${v.lead_id}`}>#{v.lead_id}</Link> : '—' },
        { key: 'level', label: t('f.leader_level'), children: enumLabel(t, 'leaderLevel', v.leader_level) },
        { key: 'leader', label: t('f.leader_name'), children: v.leader_name || '—' },
        { key: 'part', label: t('f.participants'), span: 2, children: v.participants || '—' },
        { key: 'out', label: t('f.outcome'), span: 2, children: multiline(v.outcome) },
        { key: 'next', label: t('f.next_step'), span: 2, children: multiline(v.next_step) },
      ]}
    />
  );
}

export const visitRecord: RecordDef<VisitPublic, Values, VisitCreate> = {
  form: {
    kind: 'visit', testId: 'visit-form', newTitle: 'visit.new', editTitle: 'visit.edit',
    fields: ['enterprise_id', 'visit_date', 'region', 'place', 'leader_level', 'leader_name', 'participants', 'outcome', 'next_step', 'lead_id'],
    create: async (body, headers) => (await createVisit({ body, headers })).data,
    update: async (id, body, headers) => (await updateVisit({ path: { visit_id: id }, body, headers })).data,
    toBody: (v) => ({
      enterprise_id: v.enterprise_id!, visit_date: toDay(v.visit_date)!, region: v.region!, place: (v.place ?? '').trim(),
      leader_level: v.leader_level, leader_name: (v.leader_name ?? '').trim(), participants: (v.participants ?? '').trim(),
      outcome: (v.outcome ?? '').trim(), next_step: (v.next_step ?? '').trim(), lead_id: v.lead_id ?? null,
    }),
    toValues: (r) => ({
      enterprise_id: r.enterprise_id, visit_date: fromDay(r.visit_date), region: r.region, place: r.place, leader_level: r.leader_level,
      leader_name: r.leader_name, participants: r.participants, outcome: r.outcome, next_step: r.next_step, lead_id: r.lead_id,
    }),
    useNewValues: () => {
      const [params] = useSearchParams();
      return { leader_level: 'staff', enterprise_id: Number(params.get('enterprise_id')) || null, lead_id: Number(params.get('lead_id')) || null };
    },
    Fields: VisitFields,
  },
  load: async (id) => (await getVisit({ path: { visit_id: id } })).data,
  heading: (v, t) => t('visit.heading', { name: enterpriseName(v), date: v.visit_date }),
  listLabel: 'visit.title',
  enterpriseNames: (v) => ({ [v.enterprise_id]: enterpriseName(v) }),
  Details: VisitDetails,
};
