import { Table, Typography } from 'antd';
import { useI18n } from '../../i18n/I18nProvider';
import { fieldChanges, type FieldChange, type Snapshot } from './auditDiff';
import { useAuditFormat } from './useAuditFormat';
import './audit.css';

const INLINE = 4;

/** The changed fields, `字段: 旧值 → 新值`, shown inline (first few) in the table cell. */
export function ChangeSummary({ before, after }: { before: Snapshot; after: Snapshot }) {
  const { t } = useI18n();
  const fmt = useAuditFormat();
  const changes = fieldChanges(before, after);
  if (!changes.length) return <span className="zs-muted">{t('audit.noChange')}</span>;
  const inline = !before || !after; // a creation or deletion: one flowing line of what was set
  const shown = changes.slice(0, inline ? INLINE * 2 : INLINE);
  return (
    <ul className={inline ? 'zs-changes zs-inline' : 'zs-changes'}>
      {shown.map((c) => (
        <li key={c.field}>
          <span className="zs-field">{fmt.name(c.field)}</span>
          {c.before !== undefined && <del className="zs-before">{fmt.value(c.field, c.before)}</del>}
          {c.before !== undefined && c.after !== undefined && <span aria-hidden> → </span>}
          {c.after !== undefined && <ins className="zs-after">{fmt.value(c.field, c.after)}</ins>}
        </li>
      ))}
      {changes.length > shown.length && (
        <li className="zs-muted">+{t('audit.fieldsSet', { count: changes.length - shown.length })}</li>
      )}
    </ul>
  );
}

/** Every field, before and after, for the expanded row. */
export function ChangeTable({ before, after }: { before: Snapshot; after: Snapshot }) {
  const { t } = useI18n();
  const fmt = useAuditFormat();
  const rows = fieldChanges(before, after, { all: true });
  return (
    <Table<FieldChange>
      size="small"
      rowKey="field"
      pagination={false}
      dataSource={rows}
      rowClassName={(r) => (before && after && JSON.stringify(r.before) !== JSON.stringify(r.after) ? 'zs-changed' : '')}
      columns={[
        { title: t('audit.field'), dataIndex: 'field', width: 180, render: (f: string) => `${fmt.name(f)}${fmt.name(f) !== f ? ` (${f})` : ''}` },
        { title: t('audit.before'), dataIndex: 'before', render: (v: unknown, r) => <Typography.Text>{v === undefined ? '' : fmt.value(r.field, v, { full: true })}</Typography.Text> },
        { title: t('audit.after'), dataIndex: 'after', render: (v: unknown, r) => <Typography.Text>{v === undefined ? '' : fmt.value(r.field, v, { full: true })}</Typography.Text> },
      ]}
    />
  );
}
