// The record page's frame: title with status, the returned reason, actions, the record's fields beside the
// entry-and-review card, then its history.
import { Descriptions } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { RecordAttachments } from '../../../components/attachments/AttachmentsPanel';
import { PageHeader } from '../../../components/PageHeader';
import { StatusTag } from '../../../components/StatusTag';
import { useUnitNames } from '../../../hooks/useUnitNames';
import { useUserNames } from '../../../hooks/useUserNames';
import { useI18n } from '../../../i18n/I18nProvider';
import { formatDateTime } from '../../../lib/format';
import { ReturnedAlert, StatusHint } from './RecordStates';
import '../records.css';

export interface Meta {
  /** The owner unit and who entered it; the enterprise library's records have neither. */
  unit_id?: number;
  created_by?: string;
  created_at: string;
  updated_at: string;
  version: number;
  status?: string;
  return_reason?: string | null;
  submitted_at?: string | null;
  verified_at?: string | null;
  verified_by?: string | null;
}

export function ProcessCard({ r, unitLabel }: { r: Meta; unitLabel?: string }) {
  const { t, lang } = useI18n();
  const unitName = useUnitNames();
  const userName = useUserNames();
  const items: { key: string; label: string; children: ReactNode }[] = [
    ...(r.unit_id === undefined ? [] : [{ key: 'unit', label: unitLabel ?? t('rec.unit'), children: unitName(r.unit_id) }]),
    ...(r.created_by === undefined ? [] : [{ key: 'by', label: t('rec.createdBy'), children: userName(r.created_by) || '—' }]),
    { key: 'at', label: t('rec.createdAt'), children: formatDateTime(r.created_at) },
    { key: 'upd', label: t('rec.updatedAt'), children: formatDateTime(r.updated_at) },
  ];
  if (r.status !== undefined) {
    items.push(
      { key: 'status', label: t('rec.status'), children: <StatusTag status={r.status} reason={r.return_reason} /> },
      { key: 'sub', label: t('rec.submittedAt'), children: r.submitted_at ? formatDateTime(r.submitted_at) : '—' },
      { key: 'vby', label: t('rec.verifiedBy'), children: userName(r.verified_by) || '—' },
      { key: 'vat', label: t('rec.verifiedAt'), children: r.verified_at ? formatDateTime(r.verified_at) : '—' },
    );
  }
  items.push({ key: 'ver', label: t('rec.version'), children: String(r.version) });
  return (
    <section className="zs-rec-card" data-testid="process-card">
      <h2>{t('rec.processTitle')}</h2>
      <Descriptions column={1} size="small" items={items} styles={{ label: { width: lang === 'zh' ? 88 : 112 } }} />
    </section>
  );
}

export function RecordFrame({ title, listPath, listLabel, record, actions, owner, children, side, below, unitLabel, notice }: {
  title: ReactNode;
  listPath: string;
  listLabel: string;
  record: Meta;
  actions?: ReactNode;
  /** The caller is a writer of the entering unit (hints about what the status allows). */
  owner: boolean;
  children: ReactNode;
  side?: ReactNode;
  below?: ReactNode;
  /** What the owner unit is called for this kind of record (an event's is its organiser). */
  unitLabel?: string;
  /** Above the fields, the page's width: what the reader must know first (an enterprise merged into another). */
  notice?: ReactNode;
}) {
  return (
    <>
      <nav className="zs-muted" style={{ marginBottom: 4, fontSize: 13 }}>
        <Link to={listPath}>{listLabel}</Link> /
      </nav>
      <PageHeader
        title={
          <span className="zs-rec-title">
            <span>{title}</span>
            {record.status && <StatusTag status={record.status} reason={record.return_reason} />}
          </span>
        }
        extra={actions}
      />
      {record.status === 'returned' && <ReturnedAlert reason={record.return_reason} />}
      {record.status && record.status !== 'returned' && <StatusHint status={record.status} canEdit={owner} />}
      {notice}
      <div className="zs-rec-grid">
        <div style={{ minWidth: 0 }}>
          {children}
          {below}
          <RecordAttachments owner={owner} status={record.status} />
        </div>
        <div style={{ minWidth: 0 }}>
          <ProcessCard r={record} unitLabel={unitLabel} />
          {side}
        </div>
      </div>
    </>
  );
}

/** The fields of a record, read-only, two columns. */
export function FieldList({ items, title }: { items: { key: string; label: string; children: ReactNode; span?: number }[]; title: string }) {
  return (
    <section className="zs-rec-card">
      <h2>{title}</h2>
      <Descriptions bordered size="small" column={2} items={items} styles={{ label: { width: 140 } }} />
    </section>
  );
}
