import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Row, Skeleton, Typography } from 'antd';
import { Link } from 'react-router';
import { getFunnel, getProgress } from '../../api';
import { allowedPages } from '../../app/pages';
import { useAuth } from '../../auth/AuthProvider';
import { QueryError } from '../../components/QueryError';
import { useI18n } from '../../i18n/I18nProvider';
import { roleLabel } from '../../i18n/labels';
import { useUrlFilters } from '../../lib/searchParams';
import { DueList } from '../progress/components/DueList';
import { FunnelStats } from '../progress/components/FunnelStats';
import { PeriodPicker } from '../progress/components/PeriodPicker';
import { RulesPendingNote } from '../progress/components/RulesPendingNote';
import { TargetFigure } from '../progress/components/TargetFigure';
import { GROUP_TABS, groupLabel } from '../progress/groups';
import '../progress/progress.css';
import { usePeriod } from '../progress/usePeriod';

const FILTERS = ['year', 'quarter'] as const;

/**
 * The landing page of every role. Unit staff: their unit's targets for the year with progress bars, what is due,
 * and their funnel. The office, leaders and administrators: the city-level targets and the way into /city.
 * Every figure opens the records behind it.
 */
export default function DashboardPage() {
  const { t, lang } = useI18n();
  const { me, can } = useAuth();
  const { values, update } = useUrlFilters(FILTERS);
  const period = usePeriod(values.year, values.quarter);
  const { year, quarter } = period;
  const cityWide = can('progress:city_read');
  const readsProgress = can('progress:read');
  const unitId = me?.unit?.id;

  const progress = useQuery({
    queryKey: ['progress', { year, quarter }],
    queryFn: async () => (await getProgress({ query: { year: year!, quarter: quarter ?? undefined } })).data,
    enabled: readsProgress && year !== undefined,
    placeholderData: keepPreviousData,
  });
  const funnel = useQuery({
    queryKey: ['funnel', { year, unitId }],
    queryFn: async () => (await getFunnel({ query: { year: year!, unit_id: unitId } })).data,
    enabled: readsProgress && !cityWide && year !== undefined && unitId !== undefined,
  });

  if (!me) return null;
  const unitName = me.unit ? (lang === 'zh' ? me.unit.name_zh : me.unit.name_en || me.unit.name_zh) : t('user.cityWide');
  const shortcuts = allowedPages(me.permissions).filter((p) => p.path !== '/dashboard' && p.menu !== false);
  const items = progress.data?.items ?? [];
  // figures with a threshold first; a unit's part of a city-wide target (no threshold of its own) after them
  const shown = (cityWide ? items.filter((i) => i.unit_id === null) : items.filter((i) => i.unit_id === unitId))
    .map((i, n) => [i, n] as const)
    .sort(([a, m], [b, n]) => Number(a.threshold === null) - Number(b.threshold === null) || m - n)
    .map(([i]) => i);
  const asOf = progress.data?.as_of;

  const figures = (
    <Card
      title={cityWide ? t('progress.dash.cityTargets', { year: year ?? '' }) : t('progress.dash.myTargets', { year: year ?? '' })}
      extra={asOf && <span className="zs-muted">{t('progress.asOf', { date: asOf })}</span>}
      style={{ marginBottom: 16 }}
      data-testid="my-targets"
    >
      {(period.error || progress.isError) && (
        <QueryError error={period.error ?? progress.error} onRetry={() => (period.error ? period.refetch() : void progress.refetch())} />
      )}
      {!readsProgress ? (
        <Empty description={t('progress.dash.noAccess')} />
      ) : progress.isPending && !progress.isError && !period.error ? (
        period.loading || year !== undefined ? <Skeleton active /> : <Empty description={t('progress.noTargetSet')} />
      ) : shown.length ? (
        <div className="zs-figs">
          {shown.map((i) => (
            <TargetFigure key={`${i.target_id}-${i.unit_id}`} item={i} year={year!} quarter={quarter} linkable />
          ))}
        </div>
      ) : (
        !progress.isError && <Empty description={t('progress.dash.noTargets')} />
      )}
    </Card>
  );

  return (
    <>
      <div className="zs-page-head">
        <h1>{t('menu.dashboard')}</h1>
        {readsProgress && (
          <div className="zs-toolbar" style={{ margin: 0 }}>
            <PeriodPicker years={period.years} year={year} quarter={quarter} onChange={update} />
          </div>
        )}
      </div>
      <Card style={{ marginBottom: 16 }} styles={{ body: { padding: '12px 20px' } }}>
        <Typography.Title level={4} style={{ marginTop: 0, marginBottom: 4 }}>
          {t('dashboard.welcome', { name: me.display_name })}
        </Typography.Title>
        <Typography.Text type="secondary">
          {roleLabel(me.role, t)} · {unitName}
        </Typography.Text>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {cityWide ? t('progress.dash.introCity') : t('progress.dash.introUnit')}
        </Typography.Paragraph>
      </Card>
      <RulesPendingNote pending={progress.data?.rules_pending} />
      <Row gutter={16}>
        <Col xs={24} lg={15} xl={16}>
          {figures}
        </Col>
        <Col xs={24} lg={9} xl={8}>
          {readsProgress && year !== undefined && (
            <Card
              title={t('progress.due.title')}
              extra={asOf && <span className="zs-muted">{t('progress.asOf', { date: asOf })}</span>}
              style={{ marginBottom: 16 }}
              data-testid="due-card"
            >
              {progress.data ? (
                <DueList items={shown} year={year} quarter={quarter} linkable />
              ) : (
                !progress.isError && <Skeleton active paragraph={{ rows: 2 }} />
              )}
            </Card>
          )}
          {cityWide && (
            <Card title={t('progress.dash.groupViews')} style={{ marginBottom: 16 }}>
              <ul className="zs-shortcuts">
                {GROUP_TABS.map((g) => (
                  <li key={g}>
                    <Link to={`/city?type=${g}${year ? `&year=${year}` : ''}${quarter ? `&quarter=${quarter}` : ''}`}>
                      {groupLabel(t, g)}
                    </Link>
                  </li>
                ))}
              </ul>
            </Card>
          )}
          {!cityWide && funnel.data && (
            <Card title={t('progress.funnel.titleYear', { year: year ?? '' })} style={{ marginBottom: 16 }}>
              <FunnelStats funnel={funnel.data} />
            </Card>
          )}
          {!cityWide && funnel.isError && <QueryError error={funnel.error} onRetry={() => void funnel.refetch()} />}
          <Card title={t('dashboard.quick')}>
            {shortcuts.length ? (
              <ul className="zs-shortcuts">
                {shortcuts.map((p) => (
                  <li key={p.path}>
                    <Link to={p.path}>
                      {p.icon} {t(p.label)}
                    </Link>
                  </li>
                ))}
              </ul>
            ) : (
              <span className="zs-muted">{t('common.comingSoon')}</span>
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}
