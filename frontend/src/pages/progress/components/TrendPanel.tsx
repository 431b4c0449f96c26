import { Empty, Select } from 'antd';
import type { EChartsCoreOption } from 'echarts/core';
import { useMemo } from 'react';
import type { ProgressItem } from '../../../api';
import { useI18n } from '../../../i18n/I18nProvider';
import { formatFigure, kindOf, monthsBetween, plus } from '../progressFormat';
import { useUnitLabel } from '../useUnitLabel';
import { EChart } from './EChart';

/** The monthly figures (verified) of the chosen items and their running total, exactly, as strings. */
export function monthlySeries(items: readonly ProgressItem[]) {
  const first = items[0];
  if (!first) return { months: [], monthly: [], cumulative: [], threshold: null as string | null };
  const months = monthsBetween(first.window_start, first.window_end);
  const byMonth = new Map<string, string[]>();
  for (const i of items) for (const p of i.trend) byMonth.set(p.month, [...(byMonth.get(p.month) ?? []), p.value]);
  const monthly = months.map((m) => plus(byMonth.get(m) ?? []));
  const cumulative: string[] = [];
  monthly.forEach((v, n) => cumulative.push(n ? plus([cumulative[n - 1], v]) : v));
  const thresholds = items.map((i) => i.threshold).filter((v): v is string => v !== null);
  return { months, monthly, cumulative, threshold: thresholds.length === items.length ? plus(thresholds) : null };
}

/**
 * Monthly trend of one target (verified records), for one unit or the view's total: bars per month, the running
 * total as a line against the target.
 */
export function TrendPanel({ items, targetId, unitId, onChange, withUnits }: {
  items: readonly ProgressItem[];
  targetId: string;
  unitId: string;
  onChange: (patch: { trend?: string | null; trend_unit?: string | null }) => void;
  withUnits: boolean;
}) {
  const { t, lang } = useI18n();
  const unitLabel = useUnitLabel();
  const targets = useMemo(() => {
    const seen = new Map<number, ProgressItem>();
    for (const i of items) if (!seen.has(i.target_id)) seen.set(i.target_id, i);
    return [...seen.values()];
  }, [items]);
  // by default the first target with verified records, else the first with a threshold
  const target = targets.find((x) => String(x.target_id) === targetId)
    ?? targets.find((x) => items.some((i) => i.target_id === x.target_id && i.trend.length > 0))
    ?? targets.find((x) => x.threshold !== null)
    ?? targets[0];
  const ofTarget = items.filter((i) => i.target_id === target?.target_id);
  const units = ofTarget.filter((i) => i.unit_id !== null);
  const chosen = withUnits && unitId ? ofTarget.filter((i) => String(i.unit_id) === unitId) : ofTarget;
  const kind = kindOf(target?.value_kind);
  const series = monthlySeries(chosen);
  const titleOf = (i: ProgressItem) => (lang === 'zh' ? i.title_zh : i.title_en || i.title_zh);
  const fmt = (v: unknown) => (typeof v === 'number' || typeof v === 'string' ? formatFigure(String(v), kind) : '');

  const option: EChartsCoreOption = {
    tooltip: { trigger: 'axis', valueFormatter: fmt },
    legend: { top: 0, data: [t('progress.trend.monthly'), t('progress.trend.cumulative')] },
    grid: { left: 56, right: 64, top: 40, bottom: 28 },
    xAxis: { type: 'category', data: series.months },
    yAxis: [
      { type: 'value', name: t('progress.trend.monthly'), minInterval: kind === 'count' ? 1 : undefined },
      { type: 'value', name: t('progress.trend.cumulative'), minInterval: kind === 'count' ? 1 : undefined,
        max: series.threshold ? (v: { max: number }) => Math.max(v.max, Number(series.threshold)) : undefined },
    ],
    series: [
      { type: 'bar', name: t('progress.trend.monthly'), data: series.monthly.map(Number), itemStyle: { color: '#1f5fbf' } },
      {
        type: 'line', name: t('progress.trend.cumulative'), yAxisIndex: 1, data: series.cumulative.map(Number),
        itemStyle: { color: '#d48806' }, symbolSize: 5,
        markLine: series.threshold ? {
          symbol: 'none', silent: true, lineStyle: { color: '#cf1322', type: 'dashed' },
          label: { formatter: `${t('progress.threshold')} ${formatFigure(series.threshold, kind)}`, position: 'insideEndTop' },
          data: [{ yAxis: Number(series.threshold) }],
        } : undefined,
      },
    ],
  };

  if (!target) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('progress.trend.empty')} />;
  const last = series.cumulative[series.cumulative.length - 1] ?? '0.00';
  const label = t('progress.trend.label', {
    target: `${target.code} ${titleOf(target)}`,
    total: formatFigure(last, kind) + (kind === 'money' ? ` ${t('progress.wan')}` : ''),
  });

  return (
    <>
      <div className="zs-toolbar">
        <Select
          aria-label={t('progress.trend.target')}
          value={target.target_id}
          onChange={(v) => onChange({ trend: String(v) })}
          style={{ flex: '1 1 220px', minWidth: 0 }}
          options={targets.map((x) => ({ value: x.target_id, label: `${x.code} ${titleOf(x)}` }))}
          data-testid="trend-target"
        />
        {withUnits && (
          <Select
            aria-label={t('progress.trend.unit')}
            value={unitId && units.some((u) => String(u.unit_id) === unitId) ? unitId : ''}
            onChange={(v) => onChange({ trend_unit: v || null })}
            style={{ width: 190 }}
            showSearch
            optionFilterProp="label"
            options={[
              { value: '', label: t('progress.trend.allUnits') },
              ...units.map((u) => ({ value: String(u.unit_id), label: unitLabel(u.unit_id, u.unit_name) })),
            ]}
            data-testid="trend-unit"
          />
        )}
      </div>
      <EChart option={option} height={260} label={label} testId="trend-chart" />
      <div className="zs-muted zs-small">{t('progress.trend.hint')}</div>
    </>
  );
}
