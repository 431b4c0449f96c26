import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, DatePicker, Input, Select, Table, Tabs, Tag, Tooltip, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { listAuditEvents, type AuditEventPublic } from '../../api';
import { useAllUnits } from '../records/lib/hooks';
import { ListActions } from '../../components/ListActions';
import { LoadMore } from '../../components/LoadMore';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useI18n } from '../../i18n/I18nProvider';
import { entityLabels, label } from '../../i18n/labels';
import type { MessageKey } from '../../i18n/messages';
import { downloadCsv } from '../../lib/csv';
import { formatDateTime } from '../../lib/format';
import { useUrlFilters } from '../../lib/searchParams';
import { changesText, fieldChanges } from './auditDiff';
import { ChangeSummary, ChangeTable } from './ChangeList';
import { SignInLog } from './SignInLog';
import { useAuditFormat } from './useAuditFormat';
import { useUserNameList, useUserNames } from '../../hooks/useUserNames';

const FILTERS = ['entity', 'from', 'to', 'tab', 'action', 'actor', 'unit', 'record'] as const;
const ACTIONS = ['create', 'update', 'delete', 'submit', 'withdraw', 'verify', 'return', 'reopen', 'delete_draft', 'merge',
  'propose_classes', 'verify_classes', 'reject_classes', 'funds_override', 'close_quarter', 'lift_veto'];
const PAGE_SIZE = 100;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const ACTION_COLORS: Record<string, string> = { create: 'green', update: 'blue', delete: 'red', merge: 'purple' };

export default function AuditPage() {
  const { t, lang } = useI18n();
  const { values, update } = useUrlFilters(FILTERS);
  const fmt = useAuditFormat();
  const from = DAY.test(values.from) ? values.from : '';
  const to = DAY.test(values.to) ? values.to : '';
  const entity = values.entity || undefined;
  const action = values.action || undefined;
  const actor = values.actor || undefined;
  const unitId = Number(values.unit) || undefined;
  const record = entity && /^\d{1,10}$/.test(values.record) ? values.record : undefined;
  const units = useAllUnits();
  const names = useUserNameList();

  const events = useInfiniteQuery({
    queryKey: ['audit-events', { entity, from, to, action, actor, unitId, record }],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      (
        await listAuditEvents({
          query: {
            entity,
            entity_id: record,
            action,
            actor_name: actor,
            unit_id: unitId,
            since: from ? dayjs(from).startOf('day').toISOString() : undefined,
            until: to ? dayjs(to).endOf('day').toISOString() : undefined,
            cursor: pageParam,
            limit: PAGE_SIZE,
          },
        })
      ).data,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    enabled: values.tab !== 'sign-ins',
  });

  const rows = events.data?.pages.flatMap((p) => p.data) ?? [];
  const actionLabel = (a: string) => {
    const key = `auditAction.${a}` as MessageKey;
    const text = t(key);
    return text === key ? a : text;
  };
  const entityLabel = (e: string) => label(entityLabels, e, lang);
  const userName = useUserNames();
  const actorLabel = (e: AuditEventPublic) => (e.actor_type === 'system' ? t('audit.system') : e.actor_type === 'user' ? userName(e.actor_name) : e.actor_name);

  const columns: TableColumnsType<AuditEventPublic> = [
    { title: t('audit.at'), dataIndex: 'at', width: 165, className: 'zs-nowrap', render: formatDateTime },
    {
      title: t('audit.actor'),
      dataIndex: 'actor_name',
      width: 120,
      render: (_: string, e) => (
        <Tooltip title={e.client_addr ? `${t('audit.from')} ${e.client_addr}` : undefined}>{actorLabel(e)}</Tooltip>
      ),
    },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      width: 90,
      render: (a: string) => <Tag color={ACTION_COLORS[a]}>{actionLabel(a)}</Tag>,
    },
    {
      title: t('audit.entity'),
      dataIndex: 'entity',
      width: 140,
      render: (en: string, e) => `${entityLabel(en)} #${e.entity_id}`,
    },
    {
      title: t('audit.changes'),
      key: 'changes',
      render: (_: unknown, e) => <ChangeSummary before={e.before} after={e.after} />,
    },
  ];

  const exportCsv = () => {
    downloadCsv(
      t('audit.title'),
      [t('audit.at'), t('audit.actor'), t('audit.action'), t('audit.entity'), 'ID', t('audit.changes')],
      rows.map((e) => [
        formatDateTime(e.at),
        actorLabel(e),
        actionLabel(e.action),
        entityLabel(e.entity),
        e.entity_id,
        changesText(fieldChanges(e.before, e.after), fmt.value, fmt.name),
      ]),
    );
  };

  const range: [Dayjs | null, Dayjs | null] | null = from || to ? [from ? dayjs(from) : null, to ? dayjs(to) : null] : null;

  return (
    <>
      <PageHeader
        title={t('audit.title')}
        extra={<ListActions onRefresh={() => void events.refetch()} refreshing={events.isRefetching}
                            onExport={exportCsv} canExport={rows.length > 0} />}
      />
      <Tabs
        activeKey={values.tab === 'sign-ins' ? 'sign-ins' : 'changes'}
        onChange={(k) => update({ tab: k === 'sign-ins' ? k : null })}
        items={[
          { key: 'changes', label: t('audit.tab.changes') },
          { key: 'sign-ins', label: t('audit.tab.signIns') },
        ]}
      />
      {values.tab === 'sign-ins' ? <SignInLog /> : (
      <div className="zs-panel">
        <div className="zs-toolbar" role="search">
          <Select
            aria-label={t('audit.entityFilter')}
            value={entity ?? ''}
            onChange={(v) => update({ entity: v || null })}
            style={{ width: 180 }}
            showSearch
            optionFilterProp="label"
            options={[
              { value: '', label: t('common.filter', { label: t('audit.entityFilter'), value: t('common.all') }) },
              ...Object.keys(entityLabels).map((k) => ({ value: k, label: entityLabel(k) })),
            ]}
          />
          <DatePicker.RangePicker
            aria-label={t('audit.dateRange')}
            value={range}
            allowEmpty={[true, true]}
            onChange={(v) =>
              update({ from: v?.[0]?.format('YYYY-MM-DD') ?? null, to: v?.[1]?.format('YYYY-MM-DD') ?? null })
            }
          />
          {entity && (
            <Input
              aria-label={t('audit.recordFilter')}
              placeholder={t('audit.recordFilter')}
              defaultValue={record ?? ''}
              onPressEnter={(e) => update({ record: e.currentTarget.value.trim() || null })}
              onBlur={(e) => update({ record: e.currentTarget.value.trim() || null })}
              style={{ width: 120 }}
              inputMode="numeric"
            />
          )}
          <Select
            aria-label={t('audit.actionFilter')}
            value={action ?? ''}
            onChange={(v) => update({ action: v || null })}
            style={{ width: 160 }}
            options={[
              { value: '', label: t('common.filter', { label: t('audit.actionFilter'), value: t('common.all') }) },
              ...ACTIONS.map((a) => ({ value: a, label: actionLabel(a) })),
            ]}
          />
          <Select
            aria-label={t('audit.actorFilter')}
            value={actor ?? ''}
            onChange={(v) => update({ actor: v || null })}
            style={{ width: 180 }}
            showSearch
            optionFilterProp="label"
            options={[
              { value: '', label: t('common.filter', { label: t('audit.actorFilter'), value: t('common.all') }) },
              ...(names.data ?? []).map((n) => ({ value: n.username, label: n.display_name })),
            ]}
          />
          <Select
            aria-label={t('audit.unitFilter')}
            value={unitId ?? ''}
            onChange={(v) => update({ unit: v ? String(v) : null })}
            style={{ width: 200 }}
            showSearch
            optionFilterProp="label"
            options={[
              { value: '', label: t('common.filter', { label: t('audit.unitFilter'), value: t('common.all') }) },
              ...(units.data ?? []).map((u) => ({ value: u.id, label: lang === 'zh' ? u.name_zh : u.name_en || u.name_zh })),
            ]}
          />
          {(entity || from || to || action || actor || unitId) && (
            <Button type="link" onClick={() => update({ entity: null, from: null, to: null, action: null, actor: null, unit: null, record: null })}>
              {t('common.reset')}
            </Button>
          )}
        </div>
        {events.isError && <QueryError error={events.error} onRetry={() => void events.refetch()} />}
        <Table<AuditEventPublic>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={rows}
          loading={events.isPending || (events.isFetching && !events.isFetchingNextPage)}
          pagination={false}
          expandable={{
            expandedRowRender: (e) => <ChangeTable before={e.before} after={e.after} />,
            columnTitle: null,
          }}
          data-testid="audit-table"
        />
        <LoadMore pages={events} rows={rows.length} noMore loaded={<span className="zs-muted">{t('common.loaded', { count: rows.length })}</span>} />
      </div>
      )}
    </>
  );
}
