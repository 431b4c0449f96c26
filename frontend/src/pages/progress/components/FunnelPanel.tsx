import { Col, Row, Select, Skeleton } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { EChartsCoreOption } from 'echarts/core';
import { getFunnel } from '../../../api';
import { QueryError } from '../../../components/QueryError';
import { useI18n } from '../../../i18n/I18nProvider';
import { EChart } from './EChart';
import { FunnelStats, useStepLabel } from './FunnelStats';

const COLOURS = ['#1f5fbf', '#3a78d4', '#5a92de', '#7eabe6', '#a3c4ee', '#c6dbf5'];

/** Leads → of them visited → became a project → signed (a funnel: each step a subset), then the projects signed
 * in the year → started → in production, for the city or one unit, with the rates. */
export function FunnelPanel({ year, unitId, units, onUnit }: {
  year: number;
  unitId: string;
  units: { value: string; label: string }[];
  onUnit: (unitId: string | null) => void;
}) {
  const { t } = useI18n();
  const stepLabel = useStepLabel();
  const id = Number(unitId) || undefined;
  const funnel = useQuery({
    queryKey: ['funnel', { year, unitId: id }],
    queryFn: async () => (await getFunnel({ query: { year, unit_id: id } })).data,
  });
  const steps = funnel.data?.steps ?? [];
  const option: EChartsCoreOption = {
    tooltip: { trigger: 'item', formatter: '{b}: {c}' },
    series: [{
      type: 'funnel', sort: 'none', left: 8, right: 8, top: 8, bottom: 8, minSize: '12%', gap: 2,
      label: { position: 'inside', formatter: '{b} {c}', fontSize: 13 },
      data: steps.map((s, n) => ({
        name: stepLabel(s.step, s.label_zh), value: s.count,
        itemStyle: { color: COLOURS[n % COLOURS.length] }, label: { color: n < 3 ? '#fff' : '#10284d' },
      })),
    }],
  };
  const label = `${t('progress.funnel.leadChain')}：${steps.map((s) => `${stepLabel(s.step, s.label_zh)} ${s.count}`).join('，')}`;

  return (
    <>
      <div className="zs-toolbar">
        <Select
          aria-label={t('progress.funnel.unit')}
          value={unitId && units.some((u) => u.value === unitId) ? unitId : ''}
          onChange={(v) => onUnit(v || null)}
          style={{ width: 240 }}
          showSearch
          optionFilterProp="label"
          options={[{ value: '', label: t('progress.funnel.city') }, ...units]}
          data-testid="funnel-unit"
        />
        <span className="zs-muted zs-small">{t('progress.funnel.hint')}</span>
      </div>
      {funnel.isError && <QueryError error={funnel.error} onRetry={() => void funnel.refetch()} />}
      {funnel.isPending && !funnel.isError && <Skeleton active />}
      {funnel.data && (
        <Row gutter={16} align="middle">
          <Col xs={24} md={12}>
            <EChart option={option} height={240} label={label} testId="funnel-chart" />
          </Col>
          <Col xs={24} md={12}>
            <FunnelStats funnel={funnel.data} steps={false} />
          </Col>
        </Row>
      )}
    </>
  );
}
