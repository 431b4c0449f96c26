import { Button } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider';

/** An infinite query's paging, as LoadMore needs it. */
interface Pages {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
}

/**
 * Under a list paged by "加载更多": how much is loaded, the button while there is more and, with `noMore`,
 * "没有更多了" once every row is loaded.
 */
export function LoadMore({ pages, loaded, rows, noMore = false }: {
  pages: Pages;
  /** What is loaded, e.g. "已加载 50 条" (nothing while unknown). */
  loaded: ReactNode;
  /** Rows shown: "没有更多了" only under some. */
  rows: number;
  noMore?: boolean;
}) {
  const { t } = useI18n();
  return (
    <div className="zs-toolbar" style={{ justifyContent: 'center', marginTop: 12, marginBottom: 0 }}>
      {loaded}
      {pages.hasNextPage ? (
        <Button onClick={() => void pages.fetchNextPage()} loading={pages.isFetchingNextPage}>
          {t('common.loadMore')}
        </Button>
      ) : (
        noMore && rows > 0 && <span className="zs-muted">· {t('common.noMore')}</span>
      )}
    </div>
  );
}
