// A project (项目): its list and its record page (with its credit shares, stage timeline and funds as slots).
import { Form, Input, Row, Select, Table, Tag, type FormInstance } from 'antd';
import type { Dayjs } from 'dayjs';
import { Link, useSearchParams } from 'react-router';
import {
  createProject, getProject, listProjects, updateProject, type AdvancedClass, type FourNew, type ProjectCreate, type ProjectPublic,
  type Stage,
} from '../../../api';
import { useUnitNames } from '../../../hooks/useUnitNames';
import { enumLabel, enumOptions } from '../../../i18n/enums';
import { useI18n } from '../../../i18n/I18nProvider';
import { ADVANCED_CLASSES, FOUR_NEW, STAGES } from '../../../lib/enums';
import { formatMoney, isMoney, toCents } from '../../../lib/money';
import { CreditEditor, type CreditRow } from '../components/CreditEditor';
import { EnterpriseSelect } from '../components/EnterpriseSelect';
import { EnterpriseLinks } from '../components/Links';
import { MoneyInput } from '../components/MoneyInput';
import { RecordActions } from '../components/RecordActions';
import { ClusterSelect, EventSelect, LeadSelect, UnitSelect } from '../components/Selects';
import { reachedStages, StageFields, StageTimeline } from '../components/Stage';
import { OverrideButton } from '../projects/OverrideButton';
import { ProjectFunds } from '../projects/ProjectFunds';
import { ProjectCoordination } from '../../coordination/ProjectCoordination';
import {
  amountRangeFilter, clusterFilter, dateRangeFilter, enterpriseClassFilter, enterpriseFilter, enumColumn, enumFilter, FieldList,
  fromDay, ItemCol, type ListDef, pageOf, moneyOrNull, ownerUnitFilter, type RecordDef, searchFilter, type Slot, statusColumn, statusFilter, TERRITORIAL,
  toDay, unitColumns, unitFilter, useClusters, useRecordScope, useRequired,
} from './kit';

const OVER_100M = 1000000n; // 10,000.00 万元 in hundredths

export const projectList: ListDef<ProjectPublic> = {
  kind: 'project', title: 'project.title', newLabel: 'project.new', importable: true, testId: 'projects-table', reviewed: true,
  defaultSort: '-updated_at', sortable: { total_investment: 'total_investment' },
  fetchPage: pageOf(listProjects),
  filters: [
    searchFilter('project.searchPlaceholder', 200), statusFilter(), enumFilter('stage', 'f.stage', 'stage', STAGES, 130),
    ownerUnitFilter(160), unitFilter('landing_unit_id', 'project.landingFilter', { types: TERRITORIAL, width: 170 }),
    unitFilter('credited_unit_id', 'project.creditedFilter', { width: 170 }), clusterFilter(),
    enumFilter('four_new', 'f.four_new', 'fourNew', FOUR_NEW, 150),
    enumFilter('advanced_class', 'f.advanced_class', 'advancedClass', ADVANCED_CLASSES, 200),
    enterpriseFilter(), enterpriseClassFilter(), dateRangeFilter('signed_from', 'signed_to', 'project.signedRange'), amountRangeFilter(),
  ],
  useColumns: () => {
    const { t } = useI18n();
    const scope = useRecordScope();
    const unitName = useUnitNames();
    const clusters = useClusters();
    return [
      { title: t('f.project_name'), dataIndex: 'name', key: 'name', render: (n: string, p) => <Link to={`/projects/${p.id}`}>{n}</Link> },
      {
        title: t('rec.enterprise'), key: 'ents', responsive: ['lg'],
        render: (_: unknown, p) => {
          const e = p.enterprises ?? [];
          return e.length ? `${e[0].name}${e.length > 1 ? ` ${t('project.enterprisesCount', { count: e.length - 1 })}` : ''}` : '—';
        },
      },
      {
        title: t('f.total_investment'), dataIndex: 'total_investment', key: 'total_investment', align: 'right', width: 150,
        render: (v: string) => (
          <span className="zs-rec-money">
            {formatMoney(v)}
            {toCents(v) >= OVER_100M && <Tag color="gold" style={{ marginInlineStart: 6, marginInlineEnd: 0 }}>{t('project.over100m')}</Tag>}
          </span>
        ),
      },
      enumColumn(t, 'stage', 'stage', 70),
      ...unitColumns<ProjectPublic>(t, unitName, 120, { field: 'landing_unit_id', title: 'f.landing_unit_id' }),
      ...unitColumns<ProjectPublic>(t, unitName, 130, { responsive: ['xl'], show: scope.cityWide }),
      { title: t('f.cluster_id'), dataIndex: 'cluster_id', width: 110, responsive: ['xl'], render: (c: number | null) => clusters.name(c) || '—' },
      {
        title: t('f.funds_reported'), dataIndex: 'funds_reported', align: 'right', width: 130, responsive: ['lg'],
        render: (v: string) => <span className="zs-rec-money">{formatMoney(v ?? '0')}</span>,
      },
      statusColumn(t),
    ];
  },
};

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

function ProjectFields({ record, form }: { record?: ProjectPublic; form: FormInstance<Values> }) {
  const { t } = useI18n();
  const required = useRequired();
  const scope = useRecordScope();
  const partRule = {
    validator: async (_: unknown, value: string | null) => {
      const total = form.getFieldValue('total_investment') as string | null;
      if (value && total && isMoney(String(value)) && isMoney(String(total)) && toCents(String(value)) > toCents(String(total))) {
        throw new Error(t('project.partsOver'));
      }
    },
  };
  return (
    <>
      <Form.Item name="name" label={t('f.project_name')} rules={[required.text('f.project_name'), { max: 200 }]}><Input maxLength={200} autoFocus={!record} /></Form.Item>
      <Form.Item name="enterprise_ids" label={t('f.enterprise_ids')} rules={[{ required: true, type: 'array', min: 1, message: t('rec.choose', { label: t('f.enterprise_ids') }) }]}>
        <EnterpriseSelect multiple known={record?.enterprises ?? []} allowCreate={scope.canWrite} />
      </Form.Item>
      <Row gutter={16}>
        <ItemCol name="total_investment" label={t('f.total_investment')} rules={[required.value('f.total_investment'), required.notNegative('f.total_investment')]}><MoneyInput /></ItemCol>
        <ItemCol name="outside_province_investment" label={t('f.outside_province_investment')} rules={[required.notNegative('f.outside_province_investment'), partRule]} dependencies={['total_investment']}>
          <MoneyInput />
        </ItemCol>
        <ItemCol name="foreign_investment" label={t('f.foreign_investment')} rules={[required.notNegative('f.foreign_investment'), partRule]} dependencies={['total_investment']}>
          <MoneyInput />
        </ItemCol>
      </Row>
      <Row gutter={16}>
        <ItemCol name="cluster_id" label={t('f.cluster_id')}><ClusterSelect /></ItemCol>
        <ItemCol name="four_new" label={t('f.four_new')}><Select allowClear options={enumOptions(t, 'fourNew', FOUR_NEW)} /></ItemCol>
        <ItemCol name="advanced_class" label={t('f.advanced_class')}><Select allowClear options={enumOptions(t, 'advancedClass', ADVANCED_CLASSES)} popupMatchSelectWidth={false} /></ItemCol>
      </Row>
      <Row gutter={16}>
        <ItemCol name="landing_unit_id" label={t('f.landing_unit_id')}><UnitSelect types={TERRITORIAL} /></ItemCol>
        <ItemCol name="lead_id" label={t('f.lead_id')}><LeadSelect /></ItemCol>
        <ItemCol name="signed_event_id" label={t('f.signed_event_id')}><EventSelect placeholder={t('project.signedEventPlaceholder')} /></ItemCol>
      </Row>
      <StageFields current={record?.stage} />
      <CreditEditor />
    </>
  );
}

function ProjectDetails({ record: p }: { record: ProjectPublic }) {
  const { t } = useI18n();
  const unitName = useUnitNames();
  const clusters = useClusters();
  const money = (v: string | null | undefined) => (v ? `${formatMoney(v)} ${t('rec.wan')}` : '—');
  return (
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
  );
}

/** The review transitions, and for the office letting the reported funds pass the total investment. */
function ProjectActions({ record: p, onEdit }: Slot<ProjectPublic>) {
  const scope = useRecordScope();
  return (
    <div className="zs-rec-actions">
      {scope.canVerify && <OverrideButton project={p} />}
      <RecordActions kind="project" record={p} onEdit={onEdit} />
    </div>
  );
}

/** Which units the project counts for, and with what share. */
function CreditShares({ record: p }: Slot<ProjectPublic>) {
  const { t } = useI18n();
  const unitName = useUnitNames();
  return (
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
  );
}

export const projectRecord: RecordDef<ProjectPublic, Values, ProjectCreate> = {
  form: {
    kind: 'project', testId: 'project-form', newTitle: 'project.new', editTitle: 'project.edit',
    fields: [
      'name', 'enterprise_ids', 'cluster_id', 'four_new', 'advanced_class', 'total_investment', 'outside_province_investment',
      'foreign_investment', 'landing_unit_id', 'lead_id', 'signed_event_id', 'credits', 'stage', 'negotiating_on', 'signed_on',
      'started_on', 'in_production_on', 'dropped_on', 'drop_reason',
    ],
    create: async (body, headers) => (await createProject({ body, headers })).data,
    update: async (id, body, headers) => {
      const patch = { ...body };
      if (Array.isArray(patch.credits) && !patch.credits.length) delete patch.credits; // kept as they are
      return (await updateProject({ path: { project_id: id }, body: patch, headers })).data;
    },
    toBody: (v, record) => projectBody(v, record?.stage),
    toValues,
    useNewValues: () => {
      const [params] = useSearchParams();
      const scope = useRecordScope();
      const enterpriseId = Number(params.get('enterprise_id'));
      return {
        stage: 'negotiating', credits: [], enterprise_ids: enterpriseId ? [enterpriseId] : [],
        lead_id: Number(params.get('lead_id')) || null,
        // a county's (or zone's) own project lands there unless it says otherwise; no date is filled in
        landing_unit_id: scope.myTerritorialUnitId,
      };
    },
    extraInvalidate: ['funds-reports'],
    Fields: ProjectFields,
  },
  load: async (id) => (await getProject({ path: { project_id: id } })).data,
  heading: (p) => p.name,
  listLabel: 'project.title',
  enterpriseNames: (p) => Object.fromEntries((p.enterprises ?? []).map((e) => [e.id, e.name])),
  Details: ProjectDetails,
  Actions: ProjectActions,
  Side: (slot) => (
    <>
      <CreditShares {...slot} />
      {!slot.editing && <ProjectCoordination projectId={slot.record.id} />}
    </>
  ),
  Below: ({ record, editing }) => (editing ? null : <ProjectFunds project={record} />),
};
