import { useInfiniteQuery } from '@tanstack/react-query';
import { Segmented, Table, Tag, type TableColumnsType } from 'antd';
import { listSignIns, type SignInPublic } from '../../api';
import { LoadMore } from '../../components/LoadMore';
import { QueryError } from '../../components/QueryError';
import { useUnitNames } from '../../hooks/useUnitNames';
import { useI18n } from '../../i18n/I18nProvider';
import { formatDateTime } from '../../lib/format';
import { useState } from 'react';

const PAGE_SIZE = 100;

/** 登录日志: every password sign-in, newest first, apart from the history of records. */
export function SignInLog() {
  const { t } = useI18n();
  const unitName = useUnitNames();
  const [outcome, setOutcome] = useState<'all' | 'failed'>('all');
  const log = useInfiniteQuery({
    queryKey: ['sign-ins', { outcome }],
    initialPageParam: undefined as number | undefined,
    queryFn: async ({ pageParam }) =>
      (await listSignIns({ query: { cursor: pageParam, limit: PAGE_SIZE, succeeded: outcome === 'failed' ? false : undefined } })).data,
    getNextPageParam: (last) => (last.next_cursor ? Number(last.next_cursor) : undefined),
  });
  const rows = log.data?.pages.flatMap((p) => p.data) ?? [];
  const columns: TableColumnsType<SignInPublic> = [
    { title: t('audit.at'), dataIndex: 'at', width: 170, render: (v: string) => formatDateTime(v) },
    { title: t('audit.signIn.user'), dataIndex: 'username', width: 160 },
    { title: t('audit.signIn.unit'), dataIndex: 'unit_id', render: (u: number | null) => (u == null ? '—' : unitName(u)) },
    { title: t('audit.signIn.addr'), dataIndex: 'client_addr', width: 150, render: (a: string | null) => a ?? '—' },
    {
      title: t('audit.signIn.outcome'), dataIndex: 'succeeded', width: 100,
      render: (ok: boolean) => <Tag color={ok ? 'green' : 'red'}>{ok ? t('audit.signIn.ok') : t('audit.signIn.failed')}</Tag>,
    },
  ];
  return (
    <div className="zs-panel" data-testid="sign-in-log">
      <div className="zs-toolbar">
        <Segmented
          aria-label={t('audit.signIn.outcome')}
          value={outcome}
          onChange={(v) => setOutcome(v === 'failed' ? 'failed' : 'all')}
          options={[
            { value: 'all', label: t('common.all') },
            { value: 'failed', label: t('audit.signIn.onlyFailed') },
          ]}
        />
      </div>
      {log.isError && <QueryError error={log.error} onRetry={() => void log.refetch()} />}
      <Table<SignInPublic> rowKey="id" size="small" columns={columns} dataSource={rows} pagination={false}
                           loading={log.isPending || (log.isFetching && !log.isFetchingNextPage)} />
      <LoadMore pages={log} rows={rows.length} loaded={<span className="zs-muted">{t('common.loaded', { count: rows.length })}</span>} />
    </div>
  );
}
