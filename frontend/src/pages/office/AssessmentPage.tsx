import { SettingOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Select, Table, Tag, Tooltip, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { getAssessment, liftVeto, setVeto, type TargetSetPublic } from '../../api';
import { useAuth } from '../../auth/AuthProvider';
import { ListActions } from '../../components/ListActions';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useUnitNames } from '../../hooks/useUnitNames';
import { useI18n } from '../../i18n/I18nProvider';
import { ApiError } from '../../lib/apiError';
import { downloadCsv } from '../../lib/csv';
import { fromCents, toCents } from '../../lib/money';
import { useUrlFilters } from '../../lib/searchParams';
import { useCodeLabel, useTargetSets } from './components/hooks';
import { formatFigure, newIdempotencyKey, ratioPercent, shortHash } from './components/officeFormat';
import { ReasonModal } from './components/ReasonModal';
import { SchemeEditor, type SchemeConfig } from './components/SchemeEditor';
import { useWriteDone } from './components/submit';
import './components/office.css';

const FILTERS = ['year', 'type'] as const;
const UNIT_TYPES = ['territorial', 'industry_group', 'department', 'chamber'] as const;
type UnitTypeFilter = (typeof UNIT_TYPES)[number];

interface Working {
  code: string;
  title_zh: string;
  actual: string;
  threshold: string;
  ratio: string;
  capped: string;
  weight: string;
  met: boolean;
}

export interface AssessmentRow {
  unit_id: number;
  unit_name: string;
  unit_type: string;
  working: Working[];
  base_score: string;
  targets_met: number;
  veto_reason: string | null;
  score: string;
  rank: number;
}

const trimZeros = (s: string) => s.replace(/\.00$/, '');

/** bonus × count, exactly (bonus has at most two places). */
function times(bonus: string, count: number): string {
  try {
    return trimZeros(fromCents(toCents(bonus) * BigInt(count)));
  } catch {
    return '—';
  }
}

function weightSum(working: Working[]): string {
  try {
    return trimZeros(fromCents(working.reduce((acc, w) => acc + toCents(w.weight), 0n)));
  } catch {
    return '—';
  }
}

export default function AssessmentPage() {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const code = useCodeLabel();
  const unitName = useUnitNames();
  const canManage = can('quarters:manage');
  const { values, update } = useUrlFilters(FILTERS);
  const { active, years, defaultYear, query: setsQuery } = useTargetSets();
  const year = years.includes(Number(values.year)) ? Number(values.year) : defaultYear;
  const unitType: UnitTypeFilter = (UNIT_TYPES as readonly string[]).includes(values.type)
    ? (values.type as UnitTypeFilter)
    : 'territorial';
  const [editing, setEditing] = useState(false);
  const [vetoing, setVetoing] = useState<AssessmentRow | null>(null);
  const [lifting, setLifting] = useState<AssessmentRow | null>(null);

  const assessment = useQuery({
    queryKey: ['assessment', { year, unitType, set: active?.id }],
    queryFn: async () =>
      (await getAssessment({ path: { year: year! }, query: { unit_type: unitType, target_set_id: active?.id } })).data,
    enabled: year !== undefined && active !== undefined,
    placeholderData: keepPreviousData,
  });
  const notClosed =
    assessment.error instanceof ApiError && assessment.error.status === 422 && /q4-not-closed/.test(assessment.error.problem.type ?? '');
  const data = assessment.isError ? undefined : assessment.data;
  const rows = (data?.results ?? []) as unknown as AssessmentRow[];
  const config = data?.config as SchemeConfig | undefined;
  const name = (r: AssessmentRow) => (lang === 'zh' ? r.unit_name : unitName(r.unit_id));

  const columns: TableColumnsType<AssessmentRow> = [
    { title: t('office.assessment.rank'), dataIndex: 'rank', width: 70, align: 'center' },
    { title: t('office.field.unit'), key: 'unit', render: (_: unknown, r) => name(r) },
    {
      title: t('office.assessment.score'),
      dataIndex: 'score',
      width: 110,
      align: 'right',
      render: (v: string, r) => <b className={r.veto_reason ? 'zs-figure-red' : undefined}>{v}</b>,
    },
    { title: t('office.assessment.baseScore'), dataIndex: 'base_score', width: 110, align: 'right' },
    {
      title: t('office.assessment.met'),
      key: 'met',
      width: 100,
      align: 'center',
      render: (_: unknown, r) => `${r.targets_met} / ${r.working.length}`,
    },
    {
      title: t('office.assessment.bonus'),
      key: 'bonus',
      width: 90,
      align: 'right',
      render: (_: unknown, r) => (config ? times(config.bonus_per_target_met, r.targets_met) : '—'),
    },
    {
      title: t('office.assessment.veto'),
      dataIndex: 'veto_reason',
      width: 220,
      render: (v: string | null, r) =>
        v ? (
          <>
            <Tooltip title={v}>
              <Tag color="error">{t('office.assessment.vetoed')}</Tag>
              <span style={{ fontSize: 12 }}>{v}</span>
            </Tooltip>
            {canManage && (
              <Button size="small" type="link" onClick={() => setLifting(r)} style={{ padding: 0, marginLeft: 8 }}>
                {t('office.assessment.liftVeto')}
              </Button>
            )}
          </>
        ) : (
          // the state first, in words; the action apart and plain, so it never reads as a status
          <>
            <span className="zs-muted" data-testid="veto-state">{t('office.assessment.notVetoed')}</span>
            {canManage && (
              <Button size="small" type="link" onClick={() => setVetoing(r)} style={{ padding: 0, marginLeft: 8 }}>
                {t('office.assessment.setVeto')}
              </Button>
            )}
          </>
        ),
    },
  ];

  const working = (r: AssessmentRow) => (
    <>
      <Table<Working>
        rowKey="code"
        size="small"
        className="zs-working"
        pagination={false}
        dataSource={r.working}
        columns={[
          {
            title: t('office.quarters.target'),
            key: 't',
            render: (_: unknown, w) => (
              <>
                <b>{w.code}</b> {lang === 'zh' ? w.title_zh : targetTitle(active, w.code) || w.title_zh}
              </>
            ),
          },
          { title: t('office.quarters.actual'), dataIndex: 'actual', width: 100, align: 'right', render: (v: string) => formatFigure(v) },
          { title: t('office.quarters.threshold'), dataIndex: 'threshold', width: 100, align: 'right', render: (v: string) => formatFigure(v) },
          { title: t('office.quarters.ratio'), dataIndex: 'ratio', width: 90, align: 'right', render: ratioPercent },
          { title: t('office.assessment.capped'), dataIndex: 'capped', width: 100, align: 'right', render: ratioPercent },
          { title: t('office.assessment.weight'), dataIndex: 'weight', width: 70, align: 'right' },
          {
            title: t('office.assessment.metCol'),
            dataIndex: 'met',
            width: 70,
            align: 'center',
            render: (m: boolean) => (m ? <Tag color="success">{t('common.yes')}</Tag> : <Tag>{t('common.no')}</Tag>),
          },
        ]}
      />
      <div className="zs-muted" style={{ fontSize: 12, marginTop: 6 }} data-testid="score-working">
        {t('office.assessment.workingLine', {
          terms: r.working.map((w) => `${w.weight}×${w.capped}`).join(' + ') || '0',
          weights: weightSum(r.working),
          bonus: config ? `${config.bonus_per_target_met}×${r.targets_met}` : '0',
          base: r.base_score,
        })}
        {r.veto_reason && ` ${t('office.assessment.vetoLine', { reason: r.veto_reason })}`}
      </div>
    </>
  );

  const exportCsv = () =>
    downloadCsv(
      `${t('menu.assessment')}_${year}_${code('office.assessment.type', unitType)}`,
      [
        t('office.assessment.rank'),
        t('office.field.unit'),
        t('office.assessment.score'),
        t('office.assessment.baseScore'),
        t('office.assessment.met'),
        t('office.assessment.veto'),
        ...[...new Set(rows.flatMap((r) => r.working.map((w) => w.code)))].map((c) => `${c} ${t('office.quarters.ratio')}`),
      ],
      rows.map((r) => {
        const codes = [...new Set(rows.flatMap((x) => x.working.map((w) => w.code)))];
        return [
          r.rank,
          name(r),
          r.score,
          r.base_score,
          `${r.targets_met}/${r.working.length}`,
          r.veto_reason ?? '',
          ...codes.map((c) => ratioPercent(r.working.find((w) => w.code === c)?.ratio ?? null)),
        ];
      }),
    );

  return (
    <>
      <PageHeader
        title={t('menu.assessment')}
        extra={
          <>
            {canManage && (
              <Button icon={<SettingOutlined />} onClick={() => setEditing(true)} disabled={!config || !year}>
                {t('office.assessment.editScheme')}
              </Button>
            )}
            <ListActions
              onRefresh={() => void assessment.refetch()}
              refreshing={assessment.isFetching}
              onExport={exportCsv}
              canExport={rows.length > 0}
            />
          </>
        }
      />
      <div className="zs-panel">
        <div className="zs-toolbar" role="search">
          <Select
            aria-label={t('office.common.year')}
            value={year}
            onChange={(v) => update({ year: String(v) })}
            style={{ width: 120 }}
            loading={setsQuery.isPending}
            options={years.map((y) => ({ value: y, label: t('office.common.yearLabel', { year: y }) }))}
            data-testid="assessment-year"
          />
          <Select
            aria-label={t('office.field.unitType')}
            value={unitType}
            onChange={(v) => update({ type: v === 'territorial' ? null : v })}
            style={{ width: lang === 'zh' ? 220 : 280 }}
            options={UNIT_TYPES.map((u) => ({ value: u, label: code('office.assessment.type', u) }))}
          />
          {data && (
            <span className="zs-muted">
              {t('office.assessment.basedOn')} <Link to={`/quarters/${data.snapshot_id}`}>{t('office.quarters.label', { year: data.year, quarter: 4 })}</Link>
              {' · '}
              <span className="zs-hash">{shortHash(data.content_hash)}…</span>
            </span>
          )}
        </div>
        {config && (
          <p className="zs-muted" style={{ marginTop: 0 }} data-testid="scheme-summary">
            {t('office.assessment.schemeLine', {
              weight: config.default_weight,
              cap: ratioPercent(config.cap),
              bonus: config.bonus_per_target_met,
            })}
            {Object.keys(config.weights ?? {}).length > 0 &&
              ` ${t('office.assessment.weightsLine', {
                weights: Object.entries(config.weights).map(([c, w]) => `${c}=${w}`).join('，'),
              })}`}
          </p>
        )}
        {notClosed ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            message={(assessment.error as ApiError).detail}
            description={
              canManage ? (
                <Link to="/quarters">{t('office.assessment.goClose')}</Link>
              ) : (
                t('office.assessment.waitClose')
              )
            }
            data-testid="q4-not-closed"
          />
        ) : (
          assessment.isError && <QueryError error={assessment.error} onRetry={() => void assessment.refetch()} />
        )}
        {setsQuery.isError && <QueryError error={setsQuery.error} onRetry={() => void setsQuery.refetch()} />}
        <Table<AssessmentRow>
          rowKey="unit_id"
          size="small"
          columns={columns}
          dataSource={rows}
          loading={assessment.isFetching}
          pagination={false}
          expandable={{ expandedRowRender: working }}
          locale={{ emptyText: notClosed ? t('office.assessment.noScores') : ' ' }}
          data-testid="assessment-table"
        />
        <p className="zs-muted" style={{ fontSize: 12, marginBottom: 0 }}>
          {t('office.assessment.formula')}
        </p>
      </div>
      {editing && config && year !== undefined && active && (
        <SchemeEditor year={year} targetSet={active} config={config} onClose={() => setEditing(false)} />
      )}
      {vetoing && year !== undefined && (
        <VetoDialog year={year} row={vetoing} name={name(vetoing)} onClose={() => setVetoing(null)} />
      )}
      {lifting && year !== undefined && (
        <LiftVetoDialog year={year} row={lifting} name={name(lifting)} onClose={() => setLifting(null)} />
      )}
    </>
  );
}

function targetTitle(set: TargetSetPublic | undefined, targetCode: string): string {
  return set?.targets?.find((x) => x.code === targetCode && x.applies_to !== 'city')?.title_en ?? '';
}

function VetoDialog({ year, row, name, onClose }: { year: number; row: AssessmentRow; name: string; onClose: () => void }) {
  const { t } = useI18n();
  const done = useWriteDone();
  return (
    <ReasonModal
      title={t('office.assessment.vetoTitle', { name, year })}
      intro={<Alert type="warning" showIcon message={t('office.assessment.vetoIntro', { name, year })} />}
      label={t('office.assessment.vetoReason')}
      okText={t('office.assessment.setVeto')}
      danger
      onSubmit={async (reason) => {
        await setVeto({ path: { year }, body: { unit_id: row.unit_id, reason }, headers: { 'Idempotency-Key': newIdempotencyKey() } });
        await done(t('office.assessment.vetoDone', { name }), { queryKey: ['assessment'] });
      }}
      onClose={onClose}
    />
  );
}

/** Lifting keeps the veto on record with who lifted it and why; the unit's score counts again. */
function LiftVetoDialog({ year, row, name, onClose }: { year: number; row: AssessmentRow; name: string; onClose: () => void }) {
  const { t } = useI18n();
  const done = useWriteDone();
  return (
    <ReasonModal
      title={t('office.assessment.liftTitle', { name, year })}
      intro={<Alert type="info" showIcon message={t('office.assessment.liftIntro', { name, year, reason: row.veto_reason ?? '' })} />}
      label={t('office.assessment.liftReason')}
      okText={t('office.assessment.liftVeto')}
      onSubmit={async (reason) => {
        await liftVeto({ path: { year, unit_id: row.unit_id }, body: { reason }, headers: { 'Idempotency-Key': newIdempotencyKey() } });
        await done(t('office.assessment.liftDone', { name }), { queryKey: ['assessment'] });
      }}
      onClose={onClose}
    />
  );
}
