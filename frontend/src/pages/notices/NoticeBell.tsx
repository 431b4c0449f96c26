import { BellOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Badge, Button } from 'antd';
import { Link } from 'react-router';
import { noticeUnreadCount } from '../../api';
import { useI18n } from '../../i18n/I18nProvider';
import { POLL_MS, UNREAD_KEY } from './noticeQueries';

/** The header's bell: the caller's unread count, polled every minute and when the window regains focus. */
export function NoticeBell() {
  const { t } = useI18n();
  const unread = useQuery({
    queryKey: UNREAD_KEY,
    queryFn: async () => (await noticeUnreadCount()).data.unread,
    refetchInterval: POLL_MS,
    refetchIntervalInBackground: false,
    refetchOnWindowFocus: 'always',
  });
  const count = unread.data ?? 0;
  return (
    <Link to="/notices" aria-label={t('notices.bell', { count })} data-testid="notice-bell">
      <Badge count={count} size="small" overflowCount={99}>
        <Button type="text" icon={<BellOutlined />} tabIndex={-1} />
      </Badge>
    </Link>
  );
}
