// The frame every record list shares: filters in the URL, keyset paging ("加载更多") with the total, the
// server's Excel export for the same filters, "新建" and "导入" (from Excel) for writers and, for the unit, a banner
// of its returned records.
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Alert, Button, Grid, Table, type TableColumnsType } from 'antd';
import type { SortOrder } from 'antd/es/table/interface';
import { useNavigate } from 'react-router';
import { ListActions } from '../../../components/ListActions';
import { LoadMore } from '../../../components/LoadMore';
import { PageHeader } from '../../../components/PageHeader';
import { QueryError } from '../../../components/QueryError';
import { useI18n } from '../../../i18n/I18nProvider';
import type { MessageKey } from '../../../i18n/messages';
import { useUrlFilters } from '../../../lib/searchParams';
import { ImportButton } from '../../imports/ImportButton';
import { RECORD_PAGES } from '../../../lib/recordPaths';
import { COLLECTION, exportList, type RecordKind } from '../lib/api';
import { useRecordScope } from '../lib/hooks';
import { ButtonLink } from './ButtonLink';
import { FilterBar, filterKeys, type Bind, type FilterSpec, type FilterType, type FilterValues, type Update } from './FilterBar';
import { RecordCards } from './RecordCards';
import '../records.css';

export type Query = Record<string, string | number | boolean | undefined>;
export interface ListAnswer<T> {
  data: T[];
  next_cursor: string | null;
  total?: number | null;
  /** The server counted up to its cap: `total` is a lower bound. */
  total_is_estimate?: boolean;
}

/** A kind's `fetchPage` from its generated list function (`listVisits`, …): one page for the query. */
export function pageOf<T>(list: (options: { query: Query }) => Promise<{ data: ListAnswer<T> }>) {
  return async (query: Query): Promise<ListAnswer<T>> => (await list({ query })).data;
}

/** The sort of a list whose column `key` is its API sort field, newest (largest) first by default. */
export function newestFirst(key: string): { defaultSort: string; sortable: Record<string, string> } {
  return { defaultSort: `-${key}`, sortable: { [key]: key } };
}

/** A list's total as shown: "10,000+" when the server stopped counting at its cap. */
export function totalLabel(total: number, estimate?: boolean): string {
  return estimate ? `${total.toLocaleString('en-US')}+` : String(total);
}
export const PAGE_SIZE = 50;

/** An id from the URL: a positive number, else none. */
export const idParam = (s: string) => (Number(s) > 0 ? Number(s) : undefined);

/** The URL's filters as the API's query, in the order they are declared (unset ones are left out later). */
function filterQuery(filters: Record<string, FilterType>, values: FilterValues): Query {
  const param = (type: FilterType, v: string) =>
    type === 'id' ? idParam(v) : type === 'flag' ? (v === 'true' ? true : undefined) : v || undefined;
  return Object.fromEntries(Object.keys(filters).map((k) => [k, param(filters[k], values[k])]));
}

/** The returned records of the caller's unit (for the banner): a count only. */
function useReturnedCount(kind: RecordKind, fetchPage: (q: Query) => Promise<ListAnswer<unknown>>, enabled: boolean,
  unitId: number | null) {
  return useQuery({
    queryKey: [COLLECTION[kind], 'returned-count', unitId],
    queryFn: async () => (await fetchPage({ status: 'returned', unit_id: unitId ?? undefined, limit: 1, with_total: true })).total ?? 0,
    enabled,
  });
}

/** A kind's list: what the one list page needs to show it (kinds/<kind>.tsx). */
export interface ListDef<T> {
  kind: RecordKind;
  /** The page's title, also the Excel file's name. */
  title: MessageKey;
  newLabel: MessageKey;
  /** Where "新建" goes (default /<records>/new). */
  newPath?: string;
  /** The filters kept in the URL (their keys in the order the API gets them) and their controls. */
  filters: readonly FilterSpec[];
  defaultSort: string;
  /** column key → API sort field */
  sortable?: Record<string, string>;
  fetchPage: (q: Query) => Promise<ListAnswer<T>>;
  /** The table's columns (a hook: a kind's columns may read units or clusters). */
  useColumns: () => TableColumnsType<T>;
  /** Records the office reviews: the unit's returned ones in a banner and marked in the table. */
  reviewed?: boolean;
  /** Writers may import the kind from an Excel workbook (导入: template, dry run, commit). */
  importable?: boolean;
  testId: string;
}

export function RecordListPage<T extends { id: number; status?: string }>({ def }: { def: ListDef<T> }) {
  const { kind, newPath, defaultSort, sortable = {}, fetchPage, reviewed = false, importable = false, testId } = def;
  const { t } = useI18n();
  const navigate = useNavigate();
  const narrow = Grid.useBreakpoint().xs === true; // a phone: cards, not a table squeezed to one character a line
  const scope = useRecordScope();
  const title = t(def.title);
  const filters = filterKeys(def.filters);
  const keys = Object.keys(filters);
  const { values, update } = useUrlFilters<string>([...keys, 'sort']);
  const set = update as Update;
  const bind: Bind = (key) => ({ value: values[key], onChange: (v) => set({ [key]: v || null }) });
  const sort = values.sort || defaultSort;
  const query: Query = Object.fromEntries(
    Object.entries({ ...filterQuery(filters, values), sort }).filter(([, v]) => v !== undefined && v !== ''),
  );
  const columns = def.useColumns();
  const base = RECORD_PAGES[kind];

  const list = useInfiniteQuery({
    queryKey: [COLLECTION[kind], 'list', query],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      fetchPage({ ...query, cursor: pageParam, limit: PAGE_SIZE, with_total: pageParam === undefined }),
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];
  const total = list.data?.pages[0]?.total;
  const totalShown = total != null ? totalLabel(total, list.data?.pages[0]?.total_is_estimate) : '';

  const showBanner = reviewed && scope.canWrite && scope.myUnitId !== null;
  const returned = useReturnedCount(kind, fetchPage as (q: Query) => Promise<ListAnswer<unknown>>, showBanner, scope.myUnitId);
  const filtering = keys.some((k) => values[k]);

  const sortedColumns = columns.map((c) => {
    const key = c.key as string | undefined;
    if (!key || !sortable[key]) return c;
    const field = sortable[key];
    const order: SortOrder = sort === field ? 'ascend' : sort === `-${field}` ? 'descend' : null;
    return { ...c, sorter: true, sortOrder: order, sortDirections: ['descend', 'ascend', 'descend'] as SortOrder[] };
  });

  return (
    <>
      <PageHeader
        title={title}
        extra={
          <>
            {scope.canWrite && (
              <ButtonLink to={newPath ?? `${base}/new`} type="primary" icon={<PlusOutlined />} data-testid="list-new">{t(def.newLabel)}</ButtonLink>
            )}
            {scope.canImport && importable && <ImportButton kind={kind} label={title} onBehalf={scope.cityWide} />}
            <ListActions
              onRefresh={() => void list.refetch()}
              refreshing={list.isRefetching && !list.isFetchingNextPage}
              onExport={() => exportList(kind, query, `${title}.xlsx`)}
              canExport={rows.length > 0}
            />
          </>
        }
      />
      {showBanner && !!returned.data && values.status !== 'returned' && (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 12 }}
          message={t('rec.returnedBanner', { count: returned.data })}
          action={
            <Button size="small" danger onClick={() => set({ status: 'returned', unit_id: null })}>
              {t('rec.showReturned')}
            </Button>
          }
          data-testid="returned-banner"
        />
      )}
      <div className="zs-panel">
        <div className="zs-toolbar" role="search">
          <FilterBar specs={def.filters} values={values} update={set} bind={bind} />
          {filtering && (
            <Button type="link" onClick={() => set(Object.fromEntries(keys.map((k) => [k, null])))}>
              {t('rec.filtersReset')}
            </Button>
          )}
        </div>
        {list.isError && <QueryError error={list.error} onRetry={() => void list.refetch()} />}
        {narrow ? (
          <RecordCards<T> rows={rows} columns={sortedColumns} testId={testId}
                          loading={list.isPending || (list.isFetching && !list.isFetchingNextPage)}
                          onOpen={(r) => void navigate(`${base}/${r.id}`)} />
        ) : (
        <Table<T>
          rowKey="id"
          size="small"
          columns={sortedColumns}
          dataSource={rows}
          loading={list.isPending || (list.isFetching && !list.isFetchingNextPage)}
          pagination={false}
          rowClassName={(r) => `zs-rec-row ${reviewed && r.status === 'returned' ? 'zs-rec-row-returned' : ''}`}
          onRow={(r) => ({
            onClick: (e) => {
              if ((e.target as HTMLElement).closest('a,button,.ant-select')) return;
              navigate(`${base}/${r.id}`);
            },
          })}
          onChange={(_p, _f, sorter) => {
            const s = Array.isArray(sorter) ? sorter[0] : sorter;
            const field = s?.columnKey ? sortable[String(s.columnKey)] : undefined;
            if (!field || !s.order) set({ sort: null });
            else set({ sort: s.order === 'ascend' ? field : `-${field}` });
          }}
          data-testid={testId}
        />
        )}
        <LoadMore pages={list} rows={rows.length} loaded={total != null && (
          <span className="zs-muted" data-testid="list-total">
            {rows.length < total ? t('rec.loaded', { loaded: rows.length, count: totalShown }) : t('rec.total', { count: totalShown })}
          </span>
        )} />
      </div>
    </>
  );
}
