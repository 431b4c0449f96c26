import { CheckOutlined, RollbackOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert, App, Button, DatePicker, Popconfirm, Segmented, Select, Space, Table, Tag, Tooltip, type TableColumnsType,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { cloneElement, isValidElement, useMemo, useState, type ReactElement } from 'react';
import { Link } from 'react-router';
import {
  bulkVerify, exportVerificationQueue, getVerificationQueue, getVerificationQueueByUnit, type BulkItem, type QueueItem,
} from '../../api';
import { ListActions } from '../../components/ListActions';
import { LoadMore } from '../../components/LoadMore';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useUnitNames } from '../../hooks/useUnitNames';
import { useUserNames } from '../../hooks/useUserNames';
import { useI18n } from '../../i18n/I18nProvider';
import { downloadFrom } from '../../lib/download';
import { formatDateTime } from '../../lib/format';
import { recordPath } from '../../lib/recordPaths';
import { useUrlFilters } from '../../lib/searchParams';
import { useCodeLabel, useUnits } from './components/hooks';
import { newIdempotencyKey } from './components/officeFormat';
import { bulkFailures, problemText } from './components/problems';
import { ReasonModal } from './components/ReasonModal';
import { RecordPreview, type QueueRecordType } from './components/RecordPreview';
import './components/office.css';

const FILTERS = ['type', 'unit', 'from', 'to', 'order'] as const;
const TYPES: QueueRecordType[] = ['visit', 'event', 'project', 'funds_report'];
const PAGE_SIZE = 100;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const TITLE_PREFIX = /^(走访|活动|项目|到位资金)\s+/;

const keyOf = (i: { record_type: string; id: number }) => `${i.record_type}:${i.id}`;
const isType = (v: string): v is QueueRecordType => (TYPES as string[]).includes(v);

/** Records the queue marks as changed by a verify/return: every list or page of records may show them. */
const RECORD_QUERIES = /^(visit|event|project|fund|lead|progress|drilldown|ranking|audit|dashboard)/;

interface Failure {
  key: string;
  message: string;
}

export default function VerificationPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const code = useCodeLabel();
  const unitName = useUnitNames();
  const userName = useUserNames();
  const { units, nameOf } = useUnits();
  const { values, update } = useUrlFilters(FILTERS);
  const recordType = isType(values.type) ? values.type : undefined;
  const unitId = Number(values.unit) || undefined;
  const from = DAY.test(values.from) ? values.from : '';
  const to = DAY.test(values.to) ? values.to : '';
  const order = values.order === 'newest' ? 'newest' : 'oldest';

  const [selected, setSelected] = useState<Map<string, QueueItem>>(new Map());
  const [failures, setFailures] = useState<Failure[]>([]);
  const [busy, setBusy] = useState(false);
  const [returning, setReturning] = useState<QueueItem[] | null>(null);
  const [preview, setPreview] = useState<QueueItem | null>(null);

  // the same filters for the queue and its Excel export; the API's upper bound is exclusive: up to the end of
  // the chosen day, local time
  const filters = {
    record_type: recordType,
    unit_id: unitId,
    submitted_from: from ? dayjs(from).startOf('day').toISOString() : undefined,
    submitted_to: to ? dayjs(to).add(1, 'day').startOf('day').toISOString() : undefined,
    order,
  } as const;
  const queue = useInfiniteQuery({
    queryKey: ['verification-queue', { recordType, unitId, from, to, order }],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      (await getVerificationQueue({ query: { ...filters, cursor: pageParam, limit: PAGE_SIZE } })).data,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });

  // which units have submissions waiting, busiest first: a unit's new work is one click away, not behind 240 rows
  const byUnit = useQuery({
    queryKey: ['verification-queue', 'by-unit', { recordType }],
    queryFn: async () => (await getVerificationQueueByUnit({ query: { record_type: recordType } })).data,
  });
  const rows = useMemo(() => queue.data?.pages.flatMap((p) => p.data) ?? [], [queue.data]);
  const counts = queue.data?.pages[0]?.counts ?? {};
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const ownCount = rows.filter((r) => !r.can_review).length;
  const failedMessage = new Map(failures.map((f) => [f.key, f.message]));
  const chosen = [...selected.values()];
  const unitLabel = (r: QueueItem) => (lang === 'zh' ? r.unit_name : unitName(r.unit_id));
  const summary = (r: QueueItem) => r.title.replace(TITLE_PREFIX, '');

  const setFilter = (patch: Partial<Record<(typeof FILTERS)[number], string | null>>) => {
    setSelected(new Map());
    setFailures([]);
    update(patch);
  };

  /** Verify or return: all or nothing. On refusal nothing was written; the refused rows are marked. */
  const run = async (action: 'verify' | 'return', items: QueueItem[], reason?: string) => {
    const body: BulkItem[] = items.map((i) => ({ record_type: i.record_type, id: i.id, version: i.version }));
    setBusy(true);
    setFailures([]);
    try {
      await bulkVerify({
        body: { action, items: body, reason: reason ?? null },
        headers: { 'Idempotency-Key': newIdempotencyKey() },
      });
      void message.success(
        t(action === 'verify' ? 'office.verify.verifiedDone' : 'office.verify.returnedDone', { count: items.length }),
      );
      setSelected((prev) => {
        const next = new Map(prev);
        items.forEach((i) => next.delete(keyOf(i)));
        return next;
      });
      setPreview(null);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['verification-queue'] }),
        queryClient.invalidateQueries({
          predicate: (q) => typeof q.queryKey[0] === 'string' && RECORD_QUERIES.test(q.queryKey[0]),
        }),
      ]);
    } catch (err) {
      const refused = bulkFailures(err);
      if (refused.length) {
        setFailures(
          refused.map((f) => {
            const item = items[f.index];
            return { key: item ? keyOf(item) : `${f.record_type}:${f.id}`, message: f.message };
          }),
        );
      }
      if (action === 'return' && !refused.length) throw err; // the reason dialog shows it
      void message.error(problemText(err, t));
    } finally {
      setBusy(false);
    }
  };

  const columns: TableColumnsType<QueueItem> = [
    {
      title: t('office.verify.type'),
      dataIndex: 'record_type',
      width: 90,
      className: 'zs-nowrap',
      render: (v: string) => <Tag>{code('office.recordType', v)}</Tag>,
    },
    { title: t('office.field.unit'), dataIndex: 'unit_name', width: 140, render: (_: string, r) => unitLabel(r) },
    {
      title: t('office.verify.summary'),
      dataIndex: 'title',
      render: (_: string, r) => {
        const failed = failedMessage.get(keyOf(r));
        return (
          <>
            <a
              href={recordPath(r.record_type, r.id) ?? '#'}
              onClick={(e) => {
                e.preventDefault();
                setPreview(r);
              }}
              title={t('office.verify.preview')}
            >
              {summary(r) || `#${r.id}`}
            </a>
            {failed && (
              <div className="zs-row-problem" role="note">
                {failed}
              </div>
            )}
          </>
        );
      },
    },
    {
      title: t('office.verify.submittedAt'),
      dataIndex: 'submitted_at',
      width: 160,
      className: 'zs-nowrap',
      render: (v: string | null) => formatDateTime(v),
    },
    {
      title: t('office.verify.submittedBy'),
      dataIndex: 'created_by',
      width: 150,
      render: (v: string, r) => (
        <>
          {userName(v)}
          {!r.can_review && (
            <Tooltip title={t('office.verify.ownRecordHint')}>
              <Tag color="warning" style={{ marginLeft: 6 }}>
                {t('office.verify.ownRecord')}
              </Tag>
            </Tooltip>
          )}
        </>
      ),
    },
    {
      title: t('office.common.actions'),
      key: 'open',
      width: 90,
      className: 'zs-nowrap',
      render: (_: unknown, r) => {
        const path = recordPath(r.record_type, r.id);
        return path ? <Link to={path}>{t('office.verify.openRecord')}</Link> : null;
      },
    },
  ];

  const exportXlsx = () =>
    downloadFrom(() => exportVerificationQueue({ query: filters, parseAs: 'blob' }), `${t('menu.verification')}.xlsx`);

  const range: [Dayjs | null, Dayjs | null] | null = from || to ? [from ? dayjs(from) : null, to ? dayjs(to) : null] : null;

  return (
    <>
      <PageHeader
        title={t('menu.verification')}
        extra={
          <ListActions
            onRefresh={() => {
              setFailures([]);
              void queue.refetch();
            }}
            refreshing={queue.isRefetching}
            onExport={exportXlsx}
            canExport={rows.length > 0}
          />
        }
      />
      <div className="zs-panel">
        <div className="zs-toolbar" role="search">
          <Select
            aria-label={t('office.verify.type')}
            value={recordType ?? ''}
            onChange={(v) => setFilter({ type: v || null })}
            style={{ width: 160 }}
            options={[
              { value: '', label: t('common.filter', { label: t('office.verify.type'), value: t('common.all') }) },
              ...TYPES.map((v) => ({ value: v, label: code('office.recordType', v) })),
            ]}
            data-testid="queue-type-filter"
          />
          <Select
            aria-label={t('office.field.unit')}
            value={unitId ?? ''}
            onChange={(v) => setFilter({ unit: v ? String(v) : null })}
            style={{ width: 200 }}
            showSearch
            optionFilterProp="label"
            options={[
              { value: '', label: t('common.filter', { label: t('office.field.unit'), value: t('common.all') }) },
              ...units.map((u) => ({ value: u.id, label: nameOf(u) })),
            ]}
          />
          <DatePicker.RangePicker
            aria-label={t('office.verify.submittedRange')}
            placeholder={[t('office.verify.submittedFrom'), t('office.verify.submittedTo')]}
            value={range}
            allowEmpty={[true, true]}
            onChange={(v) =>
              setFilter({ from: v?.[0]?.format('YYYY-MM-DD') ?? null, to: v?.[1]?.format('YYYY-MM-DD') ?? null })
            }
          />
          <Segmented
            aria-label={t('office.verify.order')}
            value={order}
            onChange={(v) => setFilter({ order: v === 'newest' ? 'newest' : null })}
            options={[
              { value: 'oldest', label: t('office.verify.oldest') },
              { value: 'newest', label: t('office.verify.newest') },
            ]}
            data-testid="queue-order"
          />
          {(recordType || unitId || from || to || order !== 'oldest') && (
            <Button type="link" onClick={() => setFilter({ type: null, unit: null, from: null, to: null, order: null })}>
              {t('common.reset')}
            </Button>
          )}
        </div>

        {(byUnit.data?.data.length ?? 0) > 0 && (
          <div className="zs-toolbar" data-testid="queue-by-unit">
            <span className="zs-muted">{t('office.verify.byUnit')}</span>
            {byUnit.data!.data.map((u) => (
              <Tag.CheckableTag
                key={u.unit_id}
                checked={u.unit_id === unitId}
                onChange={(on) => setFilter({ unit: on ? String(u.unit_id) : null })}
              >
                {lang === 'zh' ? u.unit_name : unitName(u.unit_id)} {u.total}
              </Tag.CheckableTag>
            ))}
          </div>
        )}

        <div className="zs-toolbar zs-queue-actions">
          <Popconfirm
            title={t('office.verify.verifyConfirm', { count: chosen.length })}
            description={t('office.verify.verifyConfirmHint')}
            okText={t('office.verify.verify')}
            cancelText={t('office.common.cancel')}
            onConfirm={() => run('verify', chosen)}
            disabled={!chosen.length}
          >
            <Button type="primary" icon={<CheckOutlined />} disabled={!chosen.length} loading={busy && !returning}>
              {t('office.verify.verifySelected', { count: chosen.length })}
            </Button>
          </Popconfirm>
          <Button danger icon={<RollbackOutlined />} disabled={!chosen.length || busy} onClick={() => setReturning(chosen)}>
            {t('office.verify.returnSelected', { count: chosen.length })}
          </Button>
          {chosen.length > 0 && (
            <Button type="link" onClick={() => setSelected(new Map())}>
              {t('office.verify.clearSelection')}
            </Button>
          )}
          <span className="zs-muted" data-testid="queue-counts">
            {TYPES.filter((k) => k in counts)
              .map((k) => `${code('office.recordType', k)} ${counts[k]}`)
              .join(' · ')}
            {queue.data && ` · ${t('common.total', { count: total })}`}
          </span>
        </div>

        {ownCount > 0 && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            message={t('office.verify.fourEyes', { count: ownCount })}
          />
        )}
        {failures.length > 0 && (
          <Alert
            type="error"
            showIcon
            role="alert"
            style={{ marginBottom: 12 }}
            message={t('office.verify.bulkRefused', { count: failures.length })}
            description={
              <ul className="zs-failures">
                {failures.map((f) => {
                  const row = rows.find((r) => keyOf(r) === f.key);
                  return (
                    <li key={f.key}>
                      {t('common.filter', {
                        label: row ? `${code('office.recordType', row.record_type)} ${summary(row)}` : f.key,
                        value: f.message,
                      })}
                    </li>
                  );
                })}
              </ul>
            }
            action={
              <Space direction="vertical">
                <Button
                  size="small"
                  onClick={() => {
                    setSelected((prev) => {
                      const next = new Map(prev);
                      failures.forEach((f) => next.delete(f.key));
                      return next;
                    });
                    setFailures([]);
                  }}
                >
                  {t('office.verify.dropFailed')}
                </Button>
                <Button
                  size="small"
                  onClick={() => {
                    setFailures([]);
                    setSelected(new Map());
                    void queue.refetch();
                  }}
                >
                  {t('office.verify.reload')}
                </Button>
              </Space>
            }
          />
        )}
        {queue.isError && <QueryError error={queue.error} onRetry={() => void queue.refetch()} />}

        <Table<QueueItem>
          rowKey={keyOf}
          size="small"
          columns={columns}
          dataSource={rows}
          loading={queue.isPending || (queue.isFetching && !queue.isFetchingNextPage)}
          pagination={false}
          rowClassName={(r) => (failedMessage.has(keyOf(r)) ? 'zs-row-failed' : '')}
          rowSelection={{
            // antd names the header checkbox "Select all" in every language
            columnTitle: (box) => (isValidElement(box) ? cloneElement(box as ReactElement<{ 'aria-label'?: string }>,
              { 'aria-label': t('office.verify.selectAll') }) : box),
            selectedRowKeys: [...selected.keys()],
            onChange: (_keys, picked) => setSelected(new Map(picked.map((p) => [keyOf(p), p]))),
            getCheckboxProps: (r) => ({
              disabled: !r.can_review,
              'aria-label': t('office.verify.selectRow', { title: summary(r) }),
            }),
          }}
          locale={{ emptyText: queue.isPending ? ' ' : t('office.verify.empty') }}
          data-testid="queue-table"
        />
        <LoadMore pages={queue} rows={rows.length} noMore loaded={<span className="zs-muted">{t('common.loaded', { count: rows.length })}</span>} />
      </div>

      {preview && (
        <RecordPreview
          recordType={preview.record_type}
          id={preview.id}
          canReview={preview.can_review}
          busy={busy}
          onClose={() => setPreview(null)}
          onVerify={() => void run('verify', [preview])}
          onReturn={() => setReturning([preview])}
        />
      )}
      {returning && (
        <ReasonModal
          title={t('office.verify.returnTitle', { count: returning.length })}
          intro={
            <>
              <p style={{ margin: '0 0 6px' }}>{t('office.verify.returnIntro')}</p>
              <ul className="zs-failures">
                {returning.slice(0, 5).map((r) => (
                  <li key={keyOf(r)}>
                    {code('office.recordType', r.record_type)} {summary(r)}
                    {t('office.common.paren', { text: unitLabel(r) })}
                  </li>
                ))}
                {returning.length > 5 && <li>…</li>}
              </ul>
            </>
          }
          label={t('office.verify.returnReason')}
          okText={t('office.verify.return')}
          danger
          onSubmit={(reason) => run('return', returning, reason)}
          onClose={() => setReturning(null)}
        />
      )}
    </>
  );
}
