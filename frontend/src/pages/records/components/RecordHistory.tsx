// A record's history, newest first: who did what when, and each field before → after.
import { useInfiniteQuery } from '@tanstack/react-query';
import { Alert, Button, Empty, Spin, Tag, Tooltip } from 'antd';
import type { AuditEventPublic } from '../../../api';
import { useUnitNames } from '../../../hooks/useUnitNames';
import { enumLabel } from '../../../i18n/enums';
import { useI18n } from '../../../i18n/I18nProvider';
import type { MessageKey } from '../../../i18n/messages';
import { ApiError } from '../../../lib/apiError';
import { formatDateTime, formatValue } from '../../../lib/format';
import { COLLECTION, fetchHistory, type RecordKind } from '../lib/api';
import { useClusters } from '../lib/hooks';
import { CHILD_ENTITIES, FIELD_ENUMS, fieldChanges, UNIT_FIELDS } from '../lib/history';
import { useUserNames } from '../../../hooks/useUserNames';

const COLOURS: Record<string, string> = {
  create: 'green', update: 'blue', delete: 'red', submit: 'processing', withdraw: 'default', verify: 'success',
  return: 'error', reopen: 'warning', merge: 'purple', funds_override: 'magenta',
};

export function useHistoryFormat(enterpriseNames: Record<number, string> = {}) {
  const { t } = useI18n();
  const unitName = useUnitNames();
  const clusters = useClusters();
  const lookup = (key: string, fallback: string) => {
    const text = t(key as MessageKey);
    return text === key ? fallback : text;
  };
  return {
    /** A field's label; some fields mean something else in a child row (a credit row's unit is the credited one). */
    name: (field: string, entity?: string) => lookup(`rec.field.${entity ?? ''}.${field}`, lookup(`f.${field}`, field)),
    action: (action: string) => lookup(`rec.history.${action}`, action),
    child: (entity: string) => lookup(`rec.history.child.${entity}`, entity),
    value: (field: string, v: unknown): string => {
      if (v === null || v === undefined || v === '') return '—';
      if (FIELD_ENUMS[field] && typeof v === 'string') return enumLabel(t, FIELD_ENUMS[field], v);
      if (UNIT_FIELDS.has(field) && typeof v === 'number') return unitName(v);
      if (field === 'cluster_id' && typeof v === 'number') return clusters.name(v);
      if (field === 'enterprise_id' && typeof v === 'number') return enterpriseNames[v] ?? `#${v}`;
      if (field === 'share') return `${String(v)}%`;
      if (field === 'former_names' && typeof v === 'string') {
        try {
          return (JSON.parse(v) as string[]).join('、') || '—';
        } catch {
          return v;
        }
      }
      return formatValue(v, t('common.yes'), t('common.no'));
    },
  };
}

function HistoryItem({ e, fmt }: { e: AuditEventPublic; fmt: ReturnType<typeof useHistoryFormat> }) {
  const { t } = useI18n();
  const userName = useUserNames();
  const changes = fieldChanges(e.before, e.after);
  const child = CHILD_ENTITIES.has(e.entity);
  const action = child ? (e.before ? (e.after ? 'update' : 'delete') : 'create') : e.action;
  const actor = e.actor_type === 'system' ? t('audit.system') : e.actor_type === 'user' ? userName(e.actor_name) : e.actor_name;
  return (
    <li>
      <div className="zs-rec-history-head">
        <span className="zs-muted">{formatDateTime(e.at)}</span>
        <Tooltip title={e.client_addr ? `${t('audit.from')} ${e.client_addr}` : undefined}>
          <strong>{actor}</strong>
        </Tooltip>
        <Tag color={COLOURS[action] ?? 'default'} style={{ marginInlineEnd: 0 }}>{fmt.action(action)}</Tag>
        {child && <span>{fmt.child(e.entity)}</span>}
      </div>
      {changes.length ? (
        <ul className={e.before && e.after ? 'zs-rec-changes' : 'zs-rec-changes zs-rec-inline'}>
          {changes.map((c) => (
            <li key={c.field}>
              <span className="zs-rec-field">{fmt.name(c.field, e.entity)}</span>
              {c.before !== undefined && <del className="zs-rec-before">{fmt.value(c.field, c.before)}</del>}
              {c.before !== undefined && c.after !== undefined && <span aria-hidden> → </span>}
              {c.after !== undefined && <ins className="zs-rec-after">{fmt.value(c.field, c.after)}</ins>}
            </li>
          ))}
        </ul>
      ) : (
        !child && e.action === 'update' && <div className="zs-muted">{t('rec.history.nothing')}</div>
      )}
    </li>
  );
}

export function RecordHistory({ kind, id, version, enterpriseNames }: {
  kind: RecordKind;
  id: number;
  /** The record's version: a change refetches the history. */
  version?: number;
  enterpriseNames?: Record<number, string>;
}) {
  const { t } = useI18n();
  const fmt = useHistoryFormat(enterpriseNames);
  const history = useInfiniteQuery({
    queryKey: [COLLECTION[kind], 'history', id, version],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => fetchHistory(kind, id, pageParam),
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
  const rows = history.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <section className="zs-rec-card" aria-labelledby={`history-${kind}-${id}`} data-testid="record-history">
      <h2 id={`history-${kind}-${id}`}>{t('rec.history')}</h2>
      {history.isError && (
        <Alert type="warning" showIcon message={t('rec.historyUnavailable', {
          detail: history.error instanceof ApiError ? (history.error.detail ?? String(history.error.status)) : t('error.network'),
        })} />
      )}
      {history.isPending && <Spin size="small" />}
      {history.isSuccess && !rows.length && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('rec.historyEmpty')} />}
      <ul className="zs-rec-history">
        {rows.map((e) => <HistoryItem key={e.id} e={e} fmt={fmt} />)}
      </ul>
      {history.hasNextPage && (
        <Button size="small" onClick={() => void history.fetchNextPage()} loading={history.isFetchingNextPage}>
          {t('common.loadMore')}
        </Button>
      )}
    </section>
  );
}
