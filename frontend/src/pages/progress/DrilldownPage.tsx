import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Button, Descriptions, Empty, Segmented, Table, Tag, type TableColumnsType } from 'antd';
import { Link, useLocation, useNavigate } from 'react-router';
import { exportDrilldown, getDrilldown, type DrilldownRow } from '../../api';
import { ListActions } from '../../components/ListActions';
import { LoadMore } from '../../components/LoadMore';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { StatusTag } from '../../components/StatusTag';
import { useI18n } from '../../i18n/I18nProvider';
import { enumLabel } from '../../i18n/enums';
import { entityLabels, label } from '../../i18n/labels';
import { downloadFrom } from '../../lib/download';
import { recordPath } from '../../lib/recordPaths';
import { useUrlFilters } from '../../lib/searchParams';
import { scopeLabel } from './groups';
import './progress.css';
import { useMetrics } from '../../hooks/useMetrics';
import { formatFigure, minus } from './progressFormat';
import { usePeriod } from './usePeriod';
import { useUnitLabel } from './useUnitLabel';

const FILTERS = ['target_id', 'unit_id', 'year', 'quarter', 'verified_only', 'region'] as const;
const REGIONS = ['jingjinji', 'yangtze_delta', 'pearl_delta'] as const;
type DrillRegion = (typeof REGIONS)[number];
const PAGE_SIZE = 100;

const positive = (v: string) => (/^\d{1,10}$/.test(v) && Number(v) > 0 ? Number(v) : undefined);

/**
 * The records behind one figure (/drilldown?target_id=…&unit_id=…&year=…&quarter=…&verified_only=…): the count and
 * sum are the figure's own (the API computes both from the same rows), the rows come a page at a time.
 */
export default function DrilldownPage() {
  const { t, lang } = useI18n();
  const unitLabel = useUnitLabel();
  const navigate = useNavigate();
  const location = useLocation();
  const { values, update } = useUrlFilters(FILTERS);
  const targetId = positive(values.target_id);
  const unitId = positive(values.unit_id);
  const year = positive(values.year);
  const q = Number(values.quarter);
  const quarter = Number.isInteger(q) && q >= 1 && q <= 4 ? q : undefined;
  const verifiedOnly = values.verified_only !== 'false';
  const valid = targetId !== undefined && year !== undefined && year >= 2000 && year <= 2100;
  const period = usePeriod('', '');
  const target = targetId ? period.target(targetId) : undefined;
  const region = (REGIONS as readonly string[]).includes(values.region) ? (values.region as DrillRegion) : undefined;
  const base = { target_id: targetId!, year: year!, quarter, unit_id: unitId, region };

  const drill = useInfiniteQuery({
    queryKey: ['drilldown', { targetId, unitId, year, quarter, verifiedOnly, region }],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      (await getDrilldown({ query: { ...base, verified_only: verifiedOnly, limit: PAGE_SIZE, cursor: pageParam } })).data,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    enabled: valid,
    placeholderData: keepPreviousData,
  });
  // with every reported record listed, how many of them are verified (the figure on the dashboard)
  const verified = useQuery({
    queryKey: ['drilldown', { targetId, unitId, year, quarter, region, verifiedOnly: true, head: true }],
    queryFn: async () => (await getDrilldown({ query: { ...base, verified_only: true, limit: 1 } })).data,
    enabled: valid && !verifiedOnly,
  });

  const head = drill.data?.pages[0];
  const rows = drill.data?.pages.flatMap((p) => p.data) ?? [];
  const metrics = useMetrics();
  const kind = head ? (head.value_kind === 'money' ? 'money' : 'count') : metrics.kind(target?.metric);
  const wan = kind === 'money' ? ` ${t('progress.wan')}` : '';
  const named = target ?? head;
  const title = named ? `${named.code} ${lang === 'zh' ? named.title_zh : named.title_en || named.title_zh}` : `#${targetId ?? ''}`;
  const scope = unitId ? unitLabel(unitId) : target ? scopeLabel(t, target) : t('progress.group.city');
  const recordLabel = (type: string) => label(entityLabels, type, lang);

  const back = () => (location.key !== 'default' ? navigate(-1) : navigate('/dashboard'));

  if (!valid) {
    return (
      <>
        <PageHeader title={t('menu.drilldown')} />
        <Empty description={t('progress.drill.missing')}>
          <Link to="/dashboard">{t('common.backHome')}</Link>
        </Empty>
      </>
    );
  }

  const columns: TableColumnsType<DrilldownRow> = [
    { title: '#', key: 'n', width: 56, align: 'right', render: (_: unknown, __, n) => n + 1 },
    { title: t('progress.drill.date'), dataIndex: 'on', width: 120, className: 'zs-nowrap' },
    { title: t('progress.matrix.unit'), dataIndex: 'unit_id', render: (id: number | null) => (id == null ? '—' : unitLabel(id)) },
    { title: t('common.status'), dataIndex: 'status', width: 100, render: (s: string) => <StatusTag status={s} /> },
    {
      title: kind === 'money' ? `${t('progress.drill.value')}（${t('progress.wan')}）` : t('progress.drill.value'),
      dataIndex: 'value',
      width: 150,
      align: 'right',
      render: (v: string) => formatFigure(v, kind),
    },
    {
      title: t('progress.drill.record'),
      key: 'record',
      render: (_: unknown, r) => {
        const path = recordPath(r.record_type, r.id);
        const text = `${recordLabel(r.record_type)} #${r.id}`;
        return (
          <>
            {path ? <Link to={path}>{text}</Link> : text}
            {r.label && <span className="zs-muted"> · {r.label}</span>}
          </>
        );
      },
    },
  ];

  // every record behind the figure, as the server's Excel workbook (same filters and access rules)
  const exportXlsx = () =>
    downloadFrom(
      () => exportDrilldown({ query: { ...base, verified_only: verifiedOnly }, parseAs: 'blob' }),
      `${t('menu.drilldown')}_${named?.code ?? targetId}.xlsx`,
    );

  const split = !verifiedOnly && head && verified.data
    ? {
        verifiedCount: verified.data.count,
        verifiedTotal: verified.data.total,
        pendingCount: head.count - verified.data.count,
        pendingTotal: minus(head.total, verified.data.total),
      }
    : null;

  return (
    <>
      <PageHeader
        title={t('menu.drilldown')}
        extra={
          <>
            <Button onClick={back}>{t('common.back')}</Button>
            <ListActions onRefresh={() => void drill.refetch()} refreshing={drill.isFetching && !drill.isFetchingNextPage}
                         onExport={exportXlsx} canExport={(head?.count ?? 0) > 0} />
          </>
        }
      />
      <div className="zs-panel">
        <Descriptions size="small" column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 }} bordered className="zs-drill-head" data-testid="drill-head">
          <Descriptions.Item label={t('progress.drill.target')} span={2}>
            {title}
            {target && <Tag style={{ marginLeft: 8 }}>{enumLabel(t, 'period', target.period)}</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label={t('progress.matrix.unit')}>{scope}</Descriptions.Item>
          <Descriptions.Item label={t('progress.drill.window')}>
            {head ? t('progress.drill.windowText', { from: head.window_start, to: head.window_end }) : '…'}
            {quarter ? `（${t('progress.quarterN', { quarter })}）` : ''}
          </Descriptions.Item>
          <Descriptions.Item label={t('progress.drill.rule')} span={2}>
            {head ? (lang === 'en' ? head.rule_en : head.rule_zh) : '…'}
          </Descriptions.Item>
          <Descriptions.Item label={t('progress.drill.scope')} span={2}>
            <Segmented
              aria-label={t('progress.drill.scope')}
              value={verifiedOnly ? 'verified' : 'all'}
              onChange={(v) => update({ verified_only: v === 'all' ? 'false' : null })}
              options={[
                { value: 'verified', label: t('progress.drill.verifiedOnly') },
                { value: 'all', label: t('progress.drill.allReported') },
              ]}
              data-testid="drill-scope"
            />
          </Descriptions.Item>
        </Descriptions>
        {drill.isError && <QueryError error={drill.error} onRetry={() => void drill.refetch()} />}
        {head?.parts && head.parts.length > 0 && (
          // a figure reduced over regions (the region with fewest): each region's part, and its rows on their own
          <div className="zs-toolbar" data-testid="drill-parts">
            <span className="zs-muted">{t('progress.drill.byRegion')}</span>
            <Segmented
              aria-label={t('progress.drill.byRegion')}
              value={region ?? 'all'}
              onChange={(v) => update({ region: v === 'all' ? null : String(v) })}
              options={[
                { value: 'all', label: t('progress.drill.allRegions') },
                ...head.parts.map((p) => ({
                  value: p.region,
                  label: `${enumLabel(t, 'region', p.region)} ${p.count} · ${formatFigure(p.total, kind)}`,
                })),
              ]}
            />
          </div>
        )}
        {head && (
          <div className="zs-drill-sum" data-testid="drill-summary">
            <div>
              <span className="zs-muted">{t('progress.drill.count')}</span>
              <b data-testid="drill-count">{head.count}</b>
            </div>
            <div>
              <span className="zs-muted">{verifiedOnly ? t('progress.drill.totalVerified') : t('progress.drill.totalReported')}</span>
              <b data-testid="drill-total">{formatFigure(head.total, kind)}</b>
              {wan}
            </div>
            <div className="zs-muted zs-small">
              {split
                ? t('progress.drill.split', {
                    verified: split.verifiedCount,
                    verifiedTotal: formatFigure(split.verifiedTotal, kind) + wan,
                    pending: split.pendingCount,
                    pendingTotal: formatFigure(split.pendingTotal, kind) + wan,
                  })
                : verifiedOnly
                  ? t('progress.drill.sameAsFigure')
                  : ''}
            </div>
          </div>
        )}
        <Table<DrilldownRow>
          rowKey={(r) => `${r.record_type}-${r.id}-${r.unit_id ?? ''}-${r.on}`}
          size="small"
          columns={columns}
          dataSource={rows}
          loading={drill.isPending || (drill.isFetching && !drill.isFetchingNextPage)}
          pagination={false}
          data-testid="drill-table"
          locale={{ emptyText: t('progress.drill.empty') }}
        />
        <LoadMore pages={drill} rows={rows.length} noMore
                  loaded={<span className="zs-muted">{t('progress.drill.loaded', { loaded: rows.length, count: head?.count ?? 0 })}</span>} />
      </div>
    </>
  );
}
