import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Row, Skeleton, Tabs } from 'antd';
import { getProgress, getRanking, type ProgressItem } from '../../api';
import { ListActions } from '../../components/ListActions';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useI18n } from '../../i18n/I18nProvider';
import { downloadCsv } from '../../lib/csv';
import { useUrlFilters } from '../../lib/searchParams';
import { FunnelPanel } from './components/FunnelPanel';
import { PeriodPicker } from './components/PeriodPicker';
import { RankingPanel } from './components/RankingPanel';
import { RulesPendingNote } from './components/RulesPendingNote';
import { statusKey } from './components/status';
import { TargetFigure } from './components/TargetFigure';
import { buildMatrix, TargetMatrix } from './components/TargetMatrix';
import { CountyMap } from './components/CountyMap';
import { TrendPanel } from './components/TrendPanel';
import { cityItems, DEFAULT_GROUP, GROUP_TABS, groupLabel, isGroupTab, scopeLabel, unitItems, type GroupTab } from './groups';
import './progress.css';
import { formatPercent, kindOf } from './progressFormat';
import { usePeriod } from './usePeriod';
import { useUnitLabel } from './useUnitLabel';

const FILTERS = ['type', 'year', 'quarter', 'rank', 'trend', 'trend_unit', 'funnel_unit', 'map'] as const;

/**
 * The city dashboard (office, leaders, administrators): one view per unit type — for a leader, the group
 * dashboard, bookmarkable by its `type` in the URL — with the targets × units matrix, the ranking, monthly trends
 * and the funnel; and the city-level targets. Every figure opens the records behind it.
 */
export default function CityDashboardPage() {
  const { t, lang } = useI18n();
  const unitLabel = useUnitLabel();
  const { values, update } = useUrlFilters(FILTERS);
  const period = usePeriod(values.year, values.quarter);
  const { year, quarter } = period;
  const group: GroupTab = isGroupTab(values.type) ? values.type : DEFAULT_GROUP;

  const progress = useQuery({
    queryKey: ['progress', { year, quarter }],
    queryFn: async () => (await getProgress({ query: { year: year!, quarter: quarter ?? undefined } })).data,
    enabled: year !== undefined,
    placeholderData: keepPreviousData,
  });
  const ranking = useQuery({
    queryKey: ['ranking', { year, quarter, group }],
    queryFn: async () => (await getRanking({ query: { year: year!, quarter: quarter ?? undefined, unit_type: group } })).data,
    enabled: year !== undefined && group !== 'city',
    placeholderData: keepPreviousData,
  });

  const items = progress.data?.items ?? [];
  const units = unitItems(items, group);
  const totals = cityItems(items, group);
  const trendItems = group === 'city' ? totals : units;
  const rankingData = ranking.data?.unit_type === group ? ranking.data : undefined;

  // the funnel's unit choice: every unit that carries targets, by view
  const funnelUnits = GROUP_TABS.filter((g) => g !== 'city').flatMap((g) => {
    const seen = new Set<number>();
    return unitItems(items, g)
      .filter((i) => i.unit_id !== null && !seen.has(i.unit_id) && seen.add(i.unit_id))
      .map((i) => ({ value: String(i.unit_id), label: `${unitLabel(i.unit_id, i.unit_name)}（${groupLabel(t, g)}）` }));
  });

  const titleOf = (i: ProgressItem) => (lang === 'zh' ? i.title_zh : i.title_en || i.title_zh);
  const exportCsv = () => {
    const base = `${t('menu.cityDashboard')}_${groupLabel(t, group)}_${year}${quarter ? `Q${quarter}` : ''}`;
    if (group === 'city') {
      downloadCsv(
        base,
        [t('progress.csv.code'), t('progress.csv.target'), t('progress.csv.unit'), t('progress.csv.kind'), t('progress.verified'),
          t('progress.csv.pending'), t('progress.threshold'), t('progress.csv.ratio'), t('progress.csv.elapsed'),
          t('progress.csv.status'), t('progress.csv.rule')],
        totals.map((i) => [i.code, titleOf(i), scopeLabel(t, i),
          kindOf(i.value_kind) === 'money' ? t('progress.wan') : t('progress.csv.count'), i.actual, i.unverified,
          i.threshold ?? '', formatPercent(i.ratio), formatPercent(i.elapsed_ratio), t(statusKey(i.status)),
          lang === 'zh' ? i.rule_zh : i.rule_en]),
      );
      return;
    }
    const { rows, targets } = buildMatrix(units, rankingData?.overall);
    downloadCsv(
      base,
      [t('progress.matrix.rank'), t('progress.matrix.unit'), ...targets.flatMap((x) => [
        `${x.code} ${t('progress.verified')}`, `${x.code} ${t('progress.threshold')}`, `${x.code} ${t('progress.csv.ratio')}`,
        `${x.code} ${t('progress.csv.status')}`])],
      rows.map((r) => [r.overall?.rank ?? '', unitLabel(r.unitId, r.unitName), ...targets.flatMap((x) => {
        const c = r.cells.get(x.target_id);
        return c ? [c.actual, c.threshold ?? '', formatPercent(c.ratio), t(statusKey(c.status))] : ['', '', '', ''];
      })]),
    );
  };

  const refresh = () => {
    void progress.refetch();
    if (group !== 'city') void ranking.refetch();
  };
  const loading = period.loading || (progress.isPending && !progress.isError);

  return (
    <>
      <PageHeader
        title={t('menu.cityDashboard')}
        extra={
          <>
            <PeriodPicker years={period.years} year={year} quarter={quarter} onChange={update} />
            <ListActions onRefresh={refresh} refreshing={progress.isFetching || ranking.isFetching}
                         onExport={exportCsv} canExport={items.length > 0} />
          </>
        }
      />
      <Tabs
        activeKey={group}
        onChange={(k) => update({ type: k, rank: null, trend: null, trend_unit: null })}
        items={GROUP_TABS.map((g) => ({ key: g, label: groupLabel(t, g) }))}
        className="zs-group-tabs"
        data-testid="group-tabs"
      />
      {period.error != null && <QueryError error={period.error} onRetry={period.refetch} />}
      {progress.isError && <QueryError error={progress.error} onRetry={() => void progress.refetch()} />}
      {!period.loading && year === undefined && !period.error && <Empty description={t('progress.noTargetSet')} />}
      <RulesPendingNote pending={progress.data?.rules_pending} />
      {progress.data && (
        <div className="zs-muted zs-asof">
          {t('progress.asOf', { date: progress.data.as_of })} · {t(`progress.groupHint.${group}`)}
        </div>
      )}
      {loading && <Skeleton active />}
      {progress.data && year !== undefined && (
        <>
          {totals.length > 0 && (
            <Card title={group === 'city' ? t('progress.city.targets') : t('progress.city.totals')} size="small"
                  style={{ marginBottom: 16 }} data-testid="city-figures">
              <div className="zs-figs zs-figs-2">
                {totals.map((i) => (
                  <TargetFigure key={`${i.target_id}`} item={i} year={year} quarter={quarter} linkable />
                ))}
              </div>
            </Card>
          )}
          {group === 'territorial' && units.length > 0 && (
            <Card title={t('progress.map.title')} size="small" style={{ marginBottom: 16 }} data-testid="map-card">
              <CountyMap items={units} targetId={values.map} onTarget={(id) => update({ map: id })} year={year}
                         quarter={quarter ?? undefined} />
            </Card>
          )}
          {group !== 'city' && (
            <Card title={t('progress.matrix.title')} size="small" style={{ marginBottom: 16 }}
                  extra={<span className="zs-muted zs-small">{t('progress.matrix.hint')}</span>}>
              <TargetMatrix items={units} overall={rankingData?.overall} year={year} quarter={quarter}
                            loading={progress.isFetching && !progress.data} />
            </Card>
          )}
          <Row gutter={16}>
            {group !== 'city' && (
              <Col xs={24} xl={10}>
                <Card title={t('progress.ranking.title')} size="small" style={{ marginBottom: 16 }} data-testid="ranking-card">
                  {ranking.isError && <QueryError error={ranking.error} onRetry={() => void ranking.refetch()} />}
                  {rankingData ? (
                    <RankingPanel ranking={rankingData} metric={values.rank || 'overall'}
                                  onMetric={(m) => update({ rank: m === 'overall' ? null : m })}
                                  year={year} quarter={quarter} period={period} />
                  ) : (
                    !ranking.isError && <Skeleton active />
                  )}
                </Card>
              </Col>
            )}
            <Col xs={24} xl={group === 'city' ? 24 : 14}>
              <Card title={t('progress.trend.title')} size="small" style={{ marginBottom: 16 }} data-testid="trend-card">
                <TrendPanel items={trendItems} targetId={values.trend} unitId={values.trend_unit}
                            onChange={update} withUnits={group !== 'city'} />
              </Card>
            </Col>
          </Row>
          <Card title={t('progress.funnel.titleYear', { year })} size="small" style={{ marginBottom: 16 }} data-testid="funnel-card">
            <FunnelPanel year={year} unitId={values.funnel_unit} units={funnelUnits}
                         onUnit={(u) => update({ funnel_unit: u })} />
          </Card>
        </>
      )}
    </>
  );
}
