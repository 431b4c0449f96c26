import { useQuery } from '@tanstack/react-query';
import { Button, Descriptions, Drawer, Space, Tag, type DescriptionsProps } from 'antd';
import { Link } from 'react-router';
import { getEvent, getFundsReport, getProject, getVisit } from '../../../api';
import type { EventPublic, FundsReportPublic, ProjectPublic, VisitPublic } from '../../../api';
import { AttachmentsPanel } from '../../../components/attachments/AttachmentsPanel';
import { QueryError } from '../../../components/QueryError';
import { StatusTag } from '../../../components/StatusTag';
import { useUnitNames } from '../../../hooks/useUnitNames';
import { useI18n } from '../../../i18n/I18nProvider';
import { enumLabel } from '../../../i18n/enums';
import { formatDateTime } from '../../../lib/format';
import { formatMoney } from '../../../lib/money';
import { recordPath } from '../../../lib/recordPaths';
import { useCodeLabel } from './hooks';
import { useUserNames } from '../../../hooks/useUserNames';

export type QueueRecordType = 'visit' | 'event' | 'project' | 'funds_report';

type AnyRecord = VisitPublic | EventPublic | ProjectPublic | FundsReportPublic;

async function load(type: QueueRecordType, id: number): Promise<AnyRecord> {
  switch (type) {
    case 'visit':
      return (await getVisit({ path: { visit_id: id } })).data;
    case 'event':
      return (await getEvent({ path: { event_id: id } })).data;
    case 'project':
      return (await getProject({ path: { project_id: id } })).data;
    case 'funds_report':
      return (await getFundsReport({ path: { report_id: id } })).data;
  }
}

const dash = (v: string | null | undefined) => (v ? v : '—');

/**
 * A submitted record's fields, read-only, so the clerk can check it without leaving the queue; verify and return
 * act on this one record (the same all-or-nothing bulk call with one item).
 */
export function RecordPreview({ recordType, id, canReview, onClose, onVerify, onReturn, busy }: {
  recordType: QueueRecordType;
  id: number;
  canReview: boolean;
  onClose: () => void;
  onVerify: () => void;
  onReturn: () => void;
  busy: boolean;
}) {
  const { t } = useI18n();
  const userName = useUserNames();
  const code = useCodeLabel();
  const unitName = useUnitNames();
  const record = useQuery({ queryKey: [recordType, id], queryFn: () => load(recordType, id) });
  const r = record.data;
  const path = recordPath(recordType, id);
  const money = (v: string | null | undefined) => (v ? `${formatMoney(v)} ${t('office.unit.wan')}` : '—');

  let items: DescriptionsProps['items'] = [];
  if (r && recordType === 'visit') {
    const v = r as VisitPublic;
    items = [
      { key: 'ent', label: t('office.field.enterprise'), children: v.enterprise?.name ?? `#${v.enterprise_id}` },
      { key: 'date', label: t('office.field.visitDate'), children: v.visit_date },
      { key: 'region', label: t('office.field.region'), children: enumLabel(t, 'region', v.region) },
      { key: 'place', label: t('office.field.place'), children: dash(v.place) },
      {
        key: 'leader',
        label: t('office.field.leader'),
        children: [enumLabel(t, 'leaderLevel', v.leader_level), v.leader_name].filter(Boolean).join(' ') || '—',
      },
      { key: 'participants', label: t('office.field.participants'), children: dash(v.participants) },
      { key: 'outcome', label: t('office.field.outcome'), children: dash(v.outcome) },
      { key: 'next', label: t('office.field.nextStep'), children: dash(v.next_step) },
    ];
  } else if (r && recordType === 'event') {
    const e = r as EventPublic;
    items = [
      { key: 'title', label: t('office.field.eventTitle'), children: e.title },
      { key: 'kind', label: t('office.field.eventKind'), children: enumLabel(t, 'eventKind', e.kind) },
      { key: 'date', label: t('office.field.eventDate'), children: e.event_date },
      { key: 'region', label: t('office.field.region'), children: enumLabel(t, 'region', e.region) },
      { key: 'place', label: t('office.field.place'), children: dash(e.place) },
      {
        key: 'ents',
        label: t('office.field.enterprises'),
        children: e.enterprises?.length ? e.enterprises.map((x) => <Tag key={x.id}>{x.name}</Tag>) : '—',
      },
      { key: 'desc', label: t('office.field.description'), children: dash(e.description) },
    ];
  } else if (r && recordType === 'project') {
    const p = r as ProjectPublic;
    items = [
      { key: 'name', label: t('office.field.projectName'), children: p.name },
      {
        key: 'ents',
        label: t('office.field.enterprises'),
        children: p.enterprises?.length ? p.enterprises.map((x) => <Tag key={x.id}>{x.name}</Tag>) : '—',
      },
      { key: 'total', label: t('office.field.totalInvestment'), children: money(p.total_investment) },
      { key: 'stage', label: t('office.field.stage'), children: enumLabel(t, 'stage', p.stage) },
      { key: 'signed', label: t('office.field.signedOn'), children: dash(p.signed_on) },
      { key: 'started', label: t('office.field.startedOn'), children: dash(p.started_on) },
      { key: 'fourNew', label: t('office.field.fourNew'), children: dash(enumLabel(t, 'fourNew', p.four_new)) },
      {
        key: 'adv',
        label: t('office.field.advancedClass'),
        children: dash(enumLabel(t, 'advancedClass', p.advanced_class)),
      },
      { key: 'landing', label: t('office.field.landingUnit'), children: p.landing_unit_id ? unitName(p.landing_unit_id) : '—' },
      {
        key: 'credits',
        label: t('office.field.credits'),
        children: p.credits?.length ? p.credits.map((c) => `${unitName(c.unit_id)} ${c.share}%`).join('；') : '—',
      },
    ];
  } else if (r && recordType === 'funds_report') {
    const f = r as FundsReportPublic;
    items = [
      { key: 'project', label: t('office.field.project'), children: f.project_name ?? `#${f.project_id}` },
      { key: 'period', label: t('office.field.period'), children: f.period.slice(0, 7) },
      { key: 'amount', label: t('office.field.amount'), children: money(f.amount) },
      { key: 'total', label: t('office.field.totalInvestment'), children: money(f.project_total_investment) },
      { key: 'reported', label: t('office.field.fundsReported'), children: money(f.project_funds_reported) },
      { key: 'note', label: t('office.field.note'), children: dash(f.note) },
    ];
  }
  if (r) {
    items = [
      { key: 'unit', label: t('office.field.unit'), children: unitName(r.unit_id) },
      ...items,
      { key: 'status', label: t('common.status'), children: <StatusTag status={r.status} reason={r.return_reason} /> },
      { key: 'by', label: t('office.field.enteredBy'), children: `${userName(r.created_by)} · ${formatDateTime(r.created_at)}` },
      { key: 'submitted', label: t('office.verify.submittedAt'), children: formatDateTime(r.submitted_at) },
    ];
  }

  return (
    <Drawer
      open
      onClose={onClose}
      width={560}
      title={`${code('office.recordType', recordType)} #${id}`}
      extra={path && <Link to={path}>{t('office.verify.openRecord')}</Link>}
      footer={
        canReview && (
          <Space>
            <Button type="primary" onClick={onVerify} loading={busy} disabled={!r || r.status !== 'submitted'}>
              {t('office.verify.verifyOne')}
            </Button>
            <Button danger onClick={onReturn} disabled={busy || !r || r.status !== 'submitted'}>
              {t('office.verify.returnOne')}
            </Button>
          </Space>
        )
      }
    >
      {record.isError && <QueryError error={record.error} onRetry={() => void record.refetch()} />}
      {r && (
        <Descriptions column={1} size="small" bordered styles={{ label: { width: 130 } }} items={items} />
      )}
      <AttachmentsPanel kind={recordType} id={id} editable={false} />
    </Drawer>
  );
}
