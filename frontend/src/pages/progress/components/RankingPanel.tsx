import { Select, Table, type TableColumnsType } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { RankingPublic } from '../../../api';
import { useI18n } from '../../../i18n/I18nProvider';
import { useMetrics } from '../../../hooks/useMetrics';
import { drillHref, formatFigure, formatPercent, fraction } from '../progressFormat';
import { useUnitLabel } from '../useUnitLabel';
import type { Period } from '../usePeriod';

interface Row {
  rank: number;
  unitId: number;
  unitName: string;
  ratio: string | null;
  value: ReactNode;
}

/** Ranking of one unit type: overall (mean completion, capped at 100 %) or per target, chosen by `metric`. */
export function RankingPanel({ ranking, metric, onMetric, year, quarter, period }: {
  ranking: RankingPublic;
  /** 'overall' or a target id */
  metric: string;
  onMetric: (metric: string) => void;
  year: number;
  quarter: number | null;
  period: Period;
}) {
  const { t, lang } = useI18n();
  const unitLabel = useUnitLabel();
  const metrics = useMetrics();
  const table = ranking.by_target.find((b) => String(b.target_id) === metric);
  const titleOf = (targetId: number, zh: string) => {
    const target = period.target(targetId);
    return lang === 'zh' ? zh : target?.title_en || zh;
  };
  const kind = metrics.kind(table ? period.target(table.target_id)?.metric : null);

  const rows: Row[] = table
    ? table.rows.map((r) => ({
        rank: r.rank,
        unitId: r.unit_id,
        unitName: r.unit_name,
        ratio: r.ratio,
        value: (
          <>
            <Link to={drillHref({ targetId: table.target_id, unitId: r.unit_id, year, quarter })}
                  aria-label={t('progress.openDrillOf', { what: `${unitLabel(r.unit_id, r.unit_name)} ${formatFigure(r.actual, kind)}` })}>
              {formatFigure(r.actual, kind)}
            </Link>
            {r.threshold && ` / ${formatFigure(r.threshold, kind)}`}
          </>
        ),
      }))
    : ranking.overall.map((o) => ({
        rank: o.rank,
        unitId: o.unit_id,
        unitName: o.unit_name,
        ratio: o.score,
        value: t('progress.ranking.met', { met: o.targets_met, total: o.targets }),
      }));

  const columns: TableColumnsType<Row> = [
    { title: t('progress.ranking.rank'), dataIndex: 'rank', width: 56, align: 'center' },
    { title: t('progress.matrix.unit'), key: 'unit', render: (_: unknown, r) => unitLabel(r.unitId, r.unitName) },
    {
      title: table ? t('progress.ranking.ratio') : t('progress.ranking.score'),
      key: 'ratio',
      width: 124,
      render: (_: unknown, r) => (
        <div className="zs-rank-ratio">
          <span className="zs-rank-bar"><span style={{ width: `${fraction(r.ratio) * 100}%` }} /></span>
          <span>{formatPercent(r.ratio)}</span>
        </div>
      ),
    },
    { title: table ? t('progress.ranking.actual') : t('progress.ranking.metCol'), key: 'value', width: 104, className: 'zs-nowrap', render: (_: unknown, r) => r.value },
  ];

  return (
    <>
      <div className="zs-toolbar">
        <Select
          aria-label={t('progress.ranking.by')}
          value={table ? metric : 'overall'}
          onChange={onMetric}
          style={{ width: '100%' }}
          options={[
            { value: 'overall', label: t('progress.ranking.overall') },
            ...ranking.by_target.map((b) => ({ value: String(b.target_id), label: `${b.code} ${titleOf(b.target_id, b.title_zh)}` })),
          ]}
          data-testid="ranking-select"
        />
      </div>
      <Table<Row>
        rowKey="unitId"
        size="small"
        columns={columns}
        dataSource={rows}
        pagination={false}
        scroll={rows.length > 12 ? { y: 400 } : undefined}
        data-testid="ranking-table"
        locale={{ emptyText: t('progress.ranking.empty') }}
      />
      <div className="zs-muted zs-small">{table ? t('progress.ranking.byTargetHint') : t('progress.ranking.overallHint')}</div>
    </>
  );
}
