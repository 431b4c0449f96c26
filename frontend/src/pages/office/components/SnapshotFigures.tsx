import { Button, Segmented, Table, Tag, Tooltip, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useI18n } from '../../../i18n/I18nProvider';
import { useCodeLabel, useFigureUnitLabel } from './hooks';
import { formatFigure, ratioPercent } from './officeFormat';
import { isAdjusted, itemKey, TAG_COLOURS, type SnapshotItem } from './snapshot';

type View = 'target' | 'unit';
type Only = 'all' | 'behind';

interface Group {
  key: string;
  head: SnapshotItem; // the target (by target) or the unit's first item (by unit)
  city?: SnapshotItem; // a city-wide figure of the target
  items: SnapshotItem[];
}

const BEHIND = new Set(['behind', 'missed']);
const STATUSES = ['ahead', 'on_track', 'behind', 'missed', 'no_target'];

/** The frozen figures, grouped by target (units inside) or by unit (targets inside), coloured by status. */
export function SnapshotFigures({ items, onAdjust }: { items: SnapshotItem[]; onAdjust?: (item: SnapshotItem) => void }) {
  const { t, lang } = useI18n();
  const code = useCodeLabel();
  const figureUnit = useFigureUnitLabel();
  const [view, setView] = useState<View>('target');
  const [only, setOnly] = useState<Only>('all');

  const title = (i: SnapshotItem) => (lang === 'zh' ? i.title_zh : i.title_en || i.title_zh);
  const unitLabel = (i: SnapshotItem) => figureUnit(i.unit_id, i.unit_name);

  const groups = useMemo<Group[]>(() => {
    const shown = only === 'behind' ? items.filter((i) => BEHIND.has(i.status)) : items;
    const map = new Map<string, Group>();
    for (const i of shown) {
      const key = view === 'target' ? `t${i.target_id}` : i.unit_id == null ? 'city' : `u${i.unit_id}`;
      let g = map.get(key);
      if (!g) {
        g = { key, head: i, items: [] };
        map.set(key, g);
      }
      if (view === 'target' && i.unit_id == null) g.city = i;
      else g.items.push(i);
    }
    const out = [...map.values()];
    return view === 'target'
      ? out.sort((a, b) => a.head.code.localeCompare(b.head.code) || a.head.target_id - b.head.target_id)
      : out.sort((a, b) => (a.key === 'city' ? -1 : b.key === 'city' ? 1 : (a.head.unit_type ?? '').localeCompare(b.head.unit_type ?? '') || (a.head.unit_id ?? 0) - (b.head.unit_id ?? 0)));
  }, [items, view, only]);

  const status = (i: SnapshotItem) => (
    <Tag color={TAG_COLOURS[i.colour] ?? 'default'} data-status={i.status}>
      {code('targetStatus', i.status)}
    </Tag>
  );
  const actual = (i: SnapshotItem) => (
    <>
      <span className={`zs-figure-${i.colour}`}>{formatFigure(i.actual, i.value_kind)}</span>
      {isAdjusted(i) && (
        <Tooltip title={t('office.quarters.adjustedHint')}>
          <div style={{ fontSize: 12 }}>
            {t('office.quarters.adjustedTo', { value: formatFigure(i.adjusted_actual, i.value_kind) })}
          </div>
        </Tooltip>
      )}
    </>
  );
  const unitSuffix = (i: SnapshotItem) => (i.value_kind === 'money' ? ` (${t('office.unit.wan')})` : '');

  const figureColumns: TableColumnsType<SnapshotItem> = [
    { title: t('office.quarters.actual'), key: 'actual', width: 95, align: 'right', render: (_: unknown, i) => actual(i) },
    {
      title: t('office.quarters.threshold'),
      dataIndex: 'threshold',
      width: 110,
      align: 'right',
      render: (v: string | null, i) => formatFigure(v, i.value_kind) + unitSuffix(i),
    },
    { title: t('office.quarters.ratio'), dataIndex: 'ratio', width: 80, align: 'right', render: ratioPercent },
    { title: t('office.quarters.elapsed'), dataIndex: 'elapsed_ratio', width: 80, align: 'right', responsive: ['xl'], render: ratioPercent },
    { title: t('common.status'), dataIndex: 'status', width: 84, render: (_: string, i) => status(i) },
    {
      title: t('office.quarters.unverified'),
      dataIndex: 'unverified',
      width: 80,
      align: 'right',
      render: (v: string, i) => formatFigure(v, i.value_kind),
    },
    ...(onAdjust
      ? [
          {
            title: t('office.common.actions'),
            key: 'adjust',
            width: 72,
            render: (_: unknown, i: SnapshotItem) => (
              <Button type="link" size="small" onClick={() => onAdjust(i)} style={{ padding: 0 }}>
                {t('office.quarters.adjust')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  const inner = (g: Group) => (
    <Table<SnapshotItem>
      rowKey={itemKey}
      size="small"
      pagination={false}
      dataSource={g.items}
      columns={[
        view === 'target'
          ? { title: t('office.field.unit'), key: 'unit', render: (_: unknown, i) => unitLabel(i) }
          : {
              title: t('office.quarters.target'),
              key: 'target',
              render: (_: unknown, i) => (
                <Tooltip title={lang === 'zh' ? i.rule_zh : i.rule_en}>
                  <b>{i.code}</b> {title(i)}
                </Tooltip>
              ),
            },
        ...figureColumns,
      ]}
    />
  );

  /** "已完成 2 · 滞后 1": how many of the group's figures have each status ('' when none). */
  const statusCounts = (g: Group) => {
    const n = (s: string) => g.items.filter((i) => i.status === s).length;
    return STATUSES.filter((s) => n(s) > 0)
      .map((s) => `${code('targetStatus', s)} ${n(s)}`)
      .join(' · ');
  };
  const summary = (g: Group) =>
    g.items.length
      ? t('common.filter', { label: t('office.quarters.unitsCount', { count: g.items.length }), value: statusCounts(g) || '—' })
      : '';

  const outerColumns: TableColumnsType<Group> =
    view === 'target'
      ? [
          {
            title: t('office.quarters.target'),
            key: 'target',
            render: (_: unknown, g) => (
              <>
                <b>{g.head.code}</b> {title(g.head)}
                <div className="zs-muted" style={{ fontSize: 12 }}>
                  {lang === 'zh' ? g.head.rule_zh : g.head.rule_en}
                </div>
              </>
            ),
          },
          {
            title: t('office.quarters.cityFigure'),
            key: 'city',
            width: 210,
            render: (_: unknown, g) =>
              g.city ? (
                <>
                  <div>
                    {actual(g.city)} / {formatFigure(g.city.threshold, g.city.value_kind)}
                    {unitSuffix(g.city)}
                  </div>
                  <div className="zs-side">
                    {ratioPercent(g.city.ratio)} {status(g.city)}
                    {onAdjust && (
                      <Button type="link" size="small" onClick={() => onAdjust(g.city!)} style={{ padding: 0 }}>
                        {t('office.quarters.adjust')}
                      </Button>
                    )}
                  </div>
                </>
              ) : (
                '—'
              ),
          },
          { title: t('office.quarters.units'), key: 'units', width: 170, render: (_: unknown, g) => summary(g) },
        ]
      : [
          {
            title: t('office.field.unit'),
            key: 'unit',
            render: (_: unknown, g) => (g.key === 'city' ? t('office.quarters.cityWide') : unitLabel(g.head)),
          },
          {
            title: t('office.field.unitType'),
            key: 'type',
            width: 160,
            render: (_: unknown, g) => (g.key === 'city' ? '—' : code('unitType', g.head.unit_type)),
          },
          {
            title: t('office.quarters.targets'),
            key: 'targets',
            width: 320,
            render: (_: unknown, g) => statusCounts(g) || '—',
          },
        ];

  return (
    <>
      <div className="zs-toolbar">
        <Segmented<View>
          value={view}
          onChange={setView}
          options={[
            { value: 'target', label: t('office.quarters.byTarget') },
            { value: 'unit', label: t('office.quarters.byUnit') },
          ]}
          aria-label={t('office.quarters.groupBy')}
        />
        <Segmented<Only>
          value={only}
          onChange={setOnly}
          options={[
            { value: 'all', label: t('office.quarters.showAll') },
            { value: 'behind', label: t('office.quarters.showBehind') },
          ]}
          aria-label={t('office.quarters.filterStatus')}
        />
        <span className="zs-muted">{t('office.quarters.figuresHint')}</span>
      </div>
      <Table<Group>
        rowKey="key"
        size="small"
        columns={outerColumns}
        dataSource={groups}
        pagination={{ pageSize: 30, hideOnSinglePage: true, showSizeChanger: false }}
        expandable={{
          expandedRowRender: inner,
          rowExpandable: (g) => g.items.length > 0,
        }}
        data-testid="snapshot-figures"
      />
    </>
  );
}
