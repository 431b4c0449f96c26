// 项目协调: every item the caller may see (the office all; a unit those it raised or must answer), filtered by
// status and overdue, overdue rows in red; a row opens its drawer at `/coordination/12` (where notices link).
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { Button, Checkbox, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { LoadMore } from '../../components/LoadMore';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { enumLabel, enumOptions } from '../../i18n/enums';
import { useI18n } from '../../i18n/I18nProvider';
import { useUrlFilters } from '../../lib/searchParams';
import { listCoordinationItems, type CoordinationItemPublic } from '../../api';
import { RaiseModal } from './actions';
import { COORD_KEY, ItemDrawer, useItemChanged } from './ItemDrawer';
import { CoordStatusTag, OverdueTag, STATUSES, useCoordRights } from './labels';
import './coordination.css';

const FILTERS = ['status', 'overdue', 'project_id'] as const;
const PAGE = 50;

export default function CoordinationPage() {
  const { t } = useI18n();
  const { values, update } = useUrlFilters(FILTERS);
  const navigate = useNavigate();
  const { search } = useLocation();
  const itemId = Number(useParams().id) || null;
  const rights = useCoordRights(undefined);
  const [raising, setRaising] = useState(false);
  const changed = useItemChanged();
  const status = STATUSES.find((s) => s === values.status) ?? '';
  const overdue = values.overdue === '1';
  const projectId = Number(values.project_id) || undefined;
  const query = { status: status || undefined, overdue: overdue || undefined, project_id: projectId, limit: PAGE };

  const items = useInfiniteQuery({
    queryKey: [COORD_KEY, 'list', query],
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam }) =>
      (await listCoordinationItems({ query: { ...query, ...(pageParam ? { cursor: pageParam } : {}) } })).data,
    getNextPageParam: (last) => last.next_cursor,
    placeholderData: keepPreviousData,
  });
  const rows = items.data?.pages.flatMap((p) => p.data) ?? [];
  const open = (id: number | null) => void navigate({ pathname: id ? `/coordination/${id}` : '/coordination', search });

  const columns: TableColumnsType<CoordinationItemPublic> = [
    {
      title: t('coord.f.project'), key: 'project', width: 200,
      render: (_, r) => <Link to={`/projects/${r.project_id}`} onClick={(e) => e.stopPropagation()}>{r.project_name}</Link>,
    },
    { title: t('coord.f.category'), dataIndex: 'category', width: 110, render: (c: string) => <Tag>{enumLabel(t, 'coordinationCategory', c)}</Tag> },
    { title: t('coord.f.description'), dataIndex: 'description', render: (d: string) => <span className="zs-coord-desc">{d}</span> },
    { title: t('coord.f.raisedBy'), dataIndex: 'raised_by_unit_name', width: 130 },
    { title: t('coord.f.assignee'), dataIndex: 'assignee_unit_name', width: 130, render: (n: string | null) => n ?? '—' },
    {
      title: t('coord.f.dueDate'), dataIndex: 'due_date', width: 150, className: 'zs-nowrap',
      render: (d: string | null, r) => <Space size={4}>{d ?? '—'}{r.overdue && <OverdueTag />}</Space>,
    },
    { title: t('coord.f.daysOpen'), dataIndex: 'days_open', width: 90, align: 'right', render: (d: number) => t('coord.days', { days: d }) },
    { title: t('coord.f.status'), dataIndex: 'status', width: 110, render: (s: CoordinationItemPublic['status']) => <CoordStatusTag status={s} /> },
  ];

  return (
    <>
      <PageHeader
        title={t('coord.title')}
        extra={rights.canRaise && <Button type="primary" onClick={() => setRaising(true)} data-testid="coord-raise">{t('coord.raise')}</Button>}
      />
      <p className="zs-muted" style={{ marginTop: 0 }}>{t('coord.intro')}</p>
      <div className="zs-toolbar">
        <Select
          aria-label={t('coord.filter.status')} style={{ width: 150 }} value={status} data-testid="coord-status-filter"
          options={[{ value: '', label: t('coord.filter.allStatuses') }, ...enumOptions(t, 'coordinationStatus', STATUSES)]}
          onChange={(v) => update({ status: v || null })}
        />
        <Checkbox checked={overdue} onChange={(e) => update({ overdue: e.target.checked ? '1' : null })} data-testid="coord-overdue-filter">
          {t('coord.filter.overdue')}
        </Checkbox>
        {projectId && (
          <Tag closable onClose={() => update({ project_id: null })}>{t('coord.f.project')} #{projectId}</Tag>
        )}
      </div>
      {items.error && <QueryError error={items.error} onRetry={() => void items.refetch()} />}
      <Table<CoordinationItemPublic>
        className="zs-coord-table" rowKey="id" size="small" pagination={false} columns={columns} dataSource={rows}
        loading={items.isLoading} data-testid="coord-table" locale={{ emptyText: t('coord.empty') }}
        rowClassName={(r) => (r.overdue ? 'zs-coord-overdue' : '')}
        onRow={(r) => ({ onClick: () => open(r.id), 'data-testid': `coord-row-${r.id}` } as React.HTMLAttributes<HTMLElement>)}
      />
      <LoadMore pages={items} rows={rows.length} loaded={rows.length > 0 && t('coord.loaded', { count: rows.length })} noMore />
      {itemId && <ItemDrawer itemId={itemId} onClose={() => open(null)} />}
      {raising && (
        <RaiseModal projectId={projectId} onClose={() => setRaising(false)}
          onDone={(item) => {
            setRaising(false);
            changed(t('coord.raised'), item);
            open(item.id);
          }} />
      )}
    </>
  );
}
