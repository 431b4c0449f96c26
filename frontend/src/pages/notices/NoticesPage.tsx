// The caller's inbox (newest first, unread or all) and their notice settings.
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Empty, List, Segmented, Space, Tabs, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { listNotices, markAllNoticesRead, markNoticeRead, type NoticePublic } from '../../api';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/messages';
import { formatDateTime } from '../../lib/format';
import { NoticeSettings } from './NoticeSettings';
import { LIST_KEY, noticeLink, UNREAD_KEY } from './noticeQueries';

const PAGE = 20;

function Inbox() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const unreadOnly = params.get('show') !== 'all';
  const notices = useInfiniteQuery({
    queryKey: [...LIST_KEY, { unreadOnly }],
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam }) =>
      (await listNotices({ query: { limit: PAGE, ...(unreadOnly ? { unread: true } : {}), ...(pageParam ? { cursor: pageParam } : {}) } })).data,
    getNextPageParam: (last) => last.next_cursor,
  });
  const refresh = () => Promise.all([
    queryClient.invalidateQueries({ queryKey: LIST_KEY }),
    queryClient.invalidateQueries({ queryKey: UNREAD_KEY }),
  ]);
  const markOne = useMutation({ mutationFn: (id: number) => markNoticeRead({ path: { notice_id: id } }), onSuccess: refresh });
  const markAll = useMutation({ mutationFn: () => markAllNoticesRead(), onSuccess: refresh });
  const items = notices.data?.pages.flatMap((p) => p.data) ?? [];

  const row = (n: NoticePublic) => {
    const link = noticeLink(n);
    const read = () => {
      if (!n.read_at) markOne.mutate(n.id);
    };
    return (
      <List.Item
        key={n.id}
        data-testid={`notice-${n.id}`}
        actions={[
          link && (
            <Link key="open" to={link} onClick={read}>
              {t('notices.open')}
            </Link>
          ),
          !n.read_at && (
            <Button key="read" type="link" size="small" onClick={read} loading={markOne.isPending && markOne.variables === n.id}>
              {t('notices.markRead')}
            </Button>
          ),
        ].filter(Boolean)}
      >
        <List.Item.Meta
          title={
            <Space wrap>
              {!n.read_at && <Tag color="red">{t('notices.unread')}</Tag>}
              <Tag>{t(`noticeKind.${n.kind}` as MessageKey)}</Tag>
              <Typography.Text strong={!n.read_at}>{n.title}</Typography.Text>
            </Space>
          }
          description={
            <>
              {n.body && <div style={{ whiteSpace: 'pre-wrap' }}>{n.body}</div>}
              <span className="zs-muted">{formatDateTime(n.created_at)}</span>
            </>
          }
        />
      </List.Item>
    );
  };

  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Segmented
          value={unreadOnly ? 'unread' : 'all'}
          options={[{ value: 'unread', label: t('notices.unread') }, { value: 'all', label: t('notices.all') }]}
          onChange={(v) => setParams(v === 'all' ? { show: 'all' } : {}, { replace: true })}
          data-testid="notice-filter"
        />
        <Button onClick={() => markAll.mutate()} loading={markAll.isPending} data-testid="notice-read-all">
          {t('notices.markAllRead')}
        </Button>
      </Space>
      {notices.error ? (
        <QueryError error={notices.error} onRetry={() => void notices.refetch()} />
      ) : (
        <List
          loading={notices.isLoading}
          dataSource={items}
          renderItem={row}
          locale={{ emptyText: <Empty description={t('notices.none')} /> }}
        />
      )}
      {notices.hasNextPage && (
        <Button onClick={() => void notices.fetchNextPage()} loading={notices.isFetchingNextPage}>
          {t('notices.more')}
        </Button>
      )}
    </>
  );
}

export default function NoticesPage() {
  const { t } = useI18n();
  return (
    <>
      <PageHeader title={t('notices.title')} />
      <Tabs
        items={[
          { key: 'inbox', label: t('notices.tab.inbox'), children: <Inbox /> },
          { key: 'settings', label: t('notices.tab.settings'), children: <NoticeSettings /> },
        ]}
      />
    </>
  );
}
