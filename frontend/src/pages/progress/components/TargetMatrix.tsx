import { Table, Tooltip, type TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import { Link } from 'react-router';
import type { OverallRow, ProgressItem } from '../../../api';
import { useI18n } from '../../../i18n/I18nProvider';
import { drillHref, formatFigure, formatPercent, kindOf } from '../progressFormat';
import { useUnitLabel } from '../useUnitLabel';
import { colourOf, statusKey } from './status';
import { useFigureText } from './TargetFigure';

export interface MatrixRow {
  unitId: number;
  unitName: string;
  cells: Map<number, ProgressItem>;
  overall?: OverallRow;
}

export interface MatrixColumn {
  targetId: number;
  code: string;
  title: string;
}

/** Units (rows) × targets (columns) of one view, from the progress items; units and targets in the API's order. */
export function buildMatrix(items: readonly ProgressItem[], overall: readonly OverallRow[] = []) {
  const rows = new Map<number, MatrixRow>();
  const columns = new Map<number, ProgressItem>();
  const ranks = new Map(overall.map((o) => [o.unit_id, o]));
  for (const i of items) {
    if (i.unit_id === null) continue;
    let row = rows.get(i.unit_id);
    if (!row) {
      row = { unitId: i.unit_id, unitName: i.unit_name ?? `#${i.unit_id}`, cells: new Map(), overall: ranks.get(i.unit_id) };
      rows.set(i.unit_id, row);
    }
    row.cells.set(i.target_id, i);
    if (!columns.has(i.target_id)) columns.set(i.target_id, i);
  }
  return { rows: [...rows.values()], targets: [...columns.values()] };
}

const ratioOf = (r: MatrixRow, targetId: number) => {
  const item = r.cells.get(targetId);
  if (!item) return -Infinity;
  return Number(item.ratio ?? item.actual); // a column without thresholds (a unit's part) sorts by value
};

/**
 * The targets × units matrix: each cell verified / threshold on the status colour, with the ratio and the status in
 * words (not colour alone); every cell opens the drill-down. Sortable by unit, overall rank and each target.
 */
export function TargetMatrix({ items, overall, year, quarter, loading }: {
  items: readonly ProgressItem[];
  overall?: readonly OverallRow[];
  year: number;
  quarter: number | null;
  loading?: boolean;
}) {
  const { t, lang } = useI18n();
  const unitLabel = useUnitLabel();
  const text = useFigureText();
  const { rows, targets } = buildMatrix(items, overall);

  const columns: TableColumnsType<MatrixRow> = [
    {
      title: t('progress.matrix.rank'),
      key: 'rank',
      width: 92,
      align: 'center',
      sorter: (a, b) => (a.overall?.rank ?? 1e9) - (b.overall?.rank ?? 1e9),
      render: (_: unknown, r) =>
        r.overall ? (
          <Tooltip title={t('progress.ranking.scoreHint', { score: formatPercent(r.overall.score), met: r.overall.targets_met, total: r.overall.targets })}>
            <span tabIndex={0} data-testid="matrix-rank">{r.overall.rank}</span>
          </Tooltip>
        ) : (
          '—'
        ),
    },
    {
      title: t('progress.matrix.unit'),
      key: 'unit',
      width: 170,
      sorter: (a, b) => a.unitName.localeCompare(b.unitName, 'zh-Hans-CN'),
      render: (_: unknown, r) => unitLabel(r.unitId, r.unitName),
    },
    ...targets.map((target) => {
      const kind = kindOf(target.value_kind);
      const title = lang === 'zh' ? target.title_zh : target.title_en || target.title_zh;
      return {
        title: (
          <div className="zs-matrix-head" title={title}>
            <b>{target.code}</b>
            <span>{title}</span>
          </div>
        ),
        key: `t${target.target_id}`,
        sorter: (a: MatrixRow, b: MatrixRow) => ratioOf(a, target.target_id) - ratioOf(b, target.target_id),
        onCell: (r: MatrixRow) => {
          const item = r.cells.get(target.target_id);
          const c = colourOf(item?.colour);
          return {
            className: 'zs-cell',
            style: item ? { background: c.light, color: c.text } : undefined,
            'data-colour': item?.colour,
          } as HTMLAttributes<HTMLTableCellElement>;
        },
        render: (_: unknown, r: MatrixRow) => {
          const item = r.cells.get(target.target_id);
          if (!item) return <span className="zs-muted">{t('progress.matrix.na')}</span>;
          const value = item.threshold
            ? `${formatFigure(item.actual, kind)} / ${formatFigure(item.threshold, kind)}`
            : formatFigure(item.actual, kind);
          return (
            <Link
              to={drillHref({ targetId: item.target_id, unitId: item.unit_id, year, quarter })}
              className="zs-cell-link"
              aria-label={`${unitLabel(r.unitId, r.unitName)} ${target.code}：${text(item)}`}
              data-testid={`cell-${r.unitId}-${target.code}`}
            >
              <span className="zs-cell-value">{value}</span>
              <span className="zs-cell-status">
                {item.threshold ? `${formatPercent(item.ratio)} · ` : ''}
                {kind === 'money' ? `${t('progress.wan')} · ` : ''}
                {t(statusKey(item.status))}
              </span>
            </Link>
          );
        },
      };
    }),
  ];

  return (
    <Table<MatrixRow>
      rowKey="unitId"
      size="small"
      bordered
      columns={columns}
      dataSource={rows}
      loading={loading}
      pagination={false}
      scroll={rows.length > 14 ? { y: 520 } : undefined}
      className="zs-matrix"
      data-testid="target-matrix"
      locale={{ emptyText: t('progress.matrix.empty') }}
    />
  );
}
