// 导入记录: every import (the office sees all, a unit its own), newest first: who, when, which kind and file, rows
// written and refused, and its state; the marked copy of a file with errors can be fetched again.
import { useInfiniteQuery } from '@tanstack/react-query';
import { App, Button, Select, Table, Tag, type TableColumnsType } from 'antd';
import { listImports, type ImportPublic } from '../../api';
import { ListActions } from '../../components/ListActions';
import { LoadMore } from '../../components/LoadMore';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useUnitNames } from '../../hooks/useUnitNames';
import { useUserNames } from '../../hooks/useUserNames';
import { useI18n } from '../../i18n/I18nProvider';
import { enumLabel } from '../../i18n/enums';
import { formatDateTime } from '../../lib/format';
import { useUrlFilters } from '../../lib/searchParams';
import { downloadMarked, IMPORT_KIND, refusedRows, type ImportKind, type ImportStatus } from './api';
import { useErrorText } from './ImportResults';

const PAGE_SIZE = 50;
const STATUS_COLOR: Record<ImportStatus, string> = {
  checking: 'processing', checked: 'default', writing: 'processing', done: 'success', failed: 'error',
};
const KINDS = Object.values(IMPORT_KIND);

export default function ImportsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const unitName = useUnitNames();
  const userName = useUserNames();
  const { values, update } = useUrlFilters<'kind'>(['kind']);
  const kind = (KINDS as string[]).includes(values.kind) ? (values.kind as ImportKind) : undefined;
  const list = useInfiniteQuery({
    queryKey: ['imports', 'list', { kind }],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) => (await listImports({ query: { kind, cursor: pageParam, limit: PAGE_SIZE } })).data,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];
  const marked = async (job: ImportPublic) => {
    try {
      await downloadMarked(job);
    } catch (err) {
      void message.error(errorText(err));
    }
  };
  const done = (job: ImportPublic, n: number) => (job.status === 'done' ? n : '—');

  const columns: TableColumnsType<ImportPublic> = [
    { title: t('imp.at'), dataIndex: 'created_at', width: 165, render: (v: string) => formatDateTime(v) },
    { title: t('imp.by'), dataIndex: 'created_by', width: 150, render: (u: string) => userName(u) },
    { title: t('imp.unit'), dataIndex: 'unit_id', width: 140, render: (u: number | null) => (u == null ? '—' : unitName(u)) },
    { title: t('imp.kind'), dataIndex: 'kind', width: 100, render: (k: ImportKind) => enumLabel(t, 'importKind', k) },
    {
      title: t('imp.file'), dataIndex: 'file_name', ellipsis: true,
      render: (name: string, job) => (job.has_marked_copy ? (
        <Button type="link" size="small" style={{ padding: 0 }} title={t('imp.downloadMarked')} onClick={() => void marked(job)}>{name}</Button>
      ) : name),
    },
    { title: t('imp.rowsTotal'), dataIndex: 'rows_total', width: 80, align: 'right' },
    { title: t('imp.written'), key: 'written', width: 100, align: 'right', render: (_, job) => done(job, job.rows_written) },
    { title: t('imp.refused'), key: 'refused', width: 80, align: 'right', render: (_, job) => done(job, refusedRows(job)) },
    {
      title: t('imp.status'), dataIndex: 'status', width: 90,
      render: (s: ImportStatus, job) => (
        <Tag color={STATUS_COLOR[s]} title={job.message || undefined} data-status={s}>{enumLabel(t, 'importStatus', s)}</Tag>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('imp.history')}
                  extra={<ListActions onRefresh={() => void list.refetch()} refreshing={list.isRefetching && !list.isFetchingNextPage} />} />
      <div className="zs-panel">
        <div className="zs-toolbar" role="search">
          <Select allowClear placeholder={t('imp.kind')} aria-label={t('imp.kind')} style={{ width: 160 }} value={kind}
                  options={KINDS.map((k) => ({ value: k, label: enumLabel(t, 'importKind', k) }))} onChange={(k?: string) => update({ kind: k ?? null })}
                  data-testid="imports-kind" />
        </div>
        {list.isError && <QueryError error={list.error} onRetry={() => void list.refetch()} />}
        <Table<ImportPublic> rowKey="id" size="small" columns={columns} dataSource={rows} pagination={false}
                             loading={list.isPending || (list.isFetching && !list.isFetchingNextPage)}
                             locale={{ emptyText: t('imp.empty') }} data-testid="imports-table" />
        <LoadMore pages={list} rows={rows.length} loaded={<span className="zs-muted">{t('common.loaded', { count: rows.length })}</span>} />
      </div>
    </>
  );
}
