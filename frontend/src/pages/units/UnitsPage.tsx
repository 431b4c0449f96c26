import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Input, Select, Table, Tag, type TableColumnsType } from 'antd';
import { useCallback, useMemo } from 'react';
import { useLocation } from 'react-router';
import { listClusters, listUnits, type UnitPublic } from '../../api';
import { ListActions } from '../../components/ListActions';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useI18n } from '../../i18n/I18nProvider';
import { downloadCsv } from '../../lib/csv';
import { useSearchText, useUrlFilters } from '../../lib/searchParams';
import { UnitDrawer } from './UnitDrawer';
import { isUnitType, UNIT_TYPES, unitTypeLabel } from './unitTypes';

const FILTERS = ['type', 'q', 'active', 'unit'] as const;

export default function UnitsPage() {
  const { t, lang } = useI18n();
  const { values, page, update } = useUrlFilters(FILTERS);
  const location = useLocation();
  const type = isUnitType(values.type) ? values.type : undefined;
  const active = values.active === 'true' ? true : values.active === 'false' ? false : undefined;
  const commitQ = useCallback((q: string) => update({ q: q || null }, { replace: true }), [update]);
  const [text, setText] = useSearchText(values.q, commitQ);

  const units = useQuery({
    queryKey: ['units', { type, q: values.q, active }],
    queryFn: async () => (await listUnits({ query: { type, q: values.q || undefined, active } })).data,
    placeholderData: keepPreviousData,
  });
  const clusters = useQuery({
    queryKey: ['clusters'],
    queryFn: async () => (await listClusters()).data.data,
    staleTime: 10 * 60_000,
  });
  const clusterName = useMemo(() => {
    const m = new Map((clusters.data ?? []).map((c) => [c.id, lang === 'zh' ? c.name_zh : c.name_en]));
    return (id: number) => m.get(id) ?? `#${id}`;
  }, [clusters.data, lang]);

  const rows = units.data?.data ?? [];
  const openedId = Number(values.unit) || null;
  // the open unit is in the URL too (?unit=2), so a link to it can be shared; page and filters stay
  const hrefFor = (id: number) => {
    const p = new URLSearchParams(location.search);
    p.set('unit', String(id));
    return `?${p}`;
  };
  const openUnit = (id: number | null) => update({ unit: id ? String(id) : null, page: page > 1 ? String(page) : null });
  const activeLabel = (u: UnitPublic) => (u.active ? t('common.active') : t('common.inactive'));

  const columns: TableColumnsType<UnitPublic> = [
    { title: t('units.code'), dataIndex: 'code', width: 110, className: 'zs-nowrap' },
    {
      title: t('units.name'),
      dataIndex: 'name_zh',
      render: (v: string, u) => {
        const name = lang === 'zh' ? v : u.name_en || v;
        return (
          <a href={hrefFor(u.id)} onClick={(e) => (e.preventDefault(), openUnit(u.id))} title={t('units.openDetails', { name })}>
            {name}
          </a>
        );
      },
    },
    lang === 'zh'
      ? { title: t('units.nameEn'), dataIndex: 'name_en', responsive: ['xl'] }
      : { title: t('units.name') + ' (中文)', dataIndex: 'name_zh', responsive: ['xl'] },
    { title: t('units.type'), dataIndex: 'type', width: lang === 'zh' ? 120 : 180, className: 'zs-nowrap', render: (v: string) => t(unitTypeLabel(v)) },
    { title: t('units.leader'), dataIndex: 'leader_name', width: 110, render: (v: string) => v || '—' },
    {
      title: t('units.clusters'),
      dataIndex: 'cluster_ids',
      render: (ids: number[] = []) => (ids.length ? ids.map((id) => <Tag key={id}>{clusterName(id)}</Tag>) : '—'),
    },
    {
      title: t('common.status'),
      dataIndex: 'active',
      width: 80,
      render: (_: boolean, u) => <Tag color={u.active ? 'green' : 'default'}>{activeLabel(u)}</Tag>,
    },
  ];

  const exportCsv = () =>
    downloadCsv(
      t('units.title'),
      [t('units.code'), t('units.name'), t('units.nameEn'), t('units.type'), t('units.leader'), t('units.clusters'), t('common.status')],
      rows.map((u) => [
        u.code,
        u.name_zh,
        u.name_en,
        t(unitTypeLabel(u.type)),
        u.leader_name,
        (u.cluster_ids ?? []).map(clusterName).join('、'),
        activeLabel(u),
      ]),
    );

  return (
    <>
      <PageHeader
        title={t('units.title')}
        extra={<ListActions onRefresh={() => void units.refetch()} refreshing={units.isFetching}
                            onExport={exportCsv} canExport={rows.length > 0} />}
      />
      <div className="zs-panel">
        <div className="zs-toolbar" role="search">
          <Input.Search
            allowClear
            value={text}
            onChange={(e) => setText(e.target.value)}
            onSearch={(v) => update({ q: v.trim() || null })}
            placeholder={t('units.searchPlaceholder')}
            aria-label={t('common.search')}
            style={{ width: 280 }}
            maxLength={50}
          />
          <Select
            aria-label={t('units.type')}
            value={type ?? ''}
            onChange={(v) => update({ type: v || null })}
            style={{ width: 170 }}
            options={[
              { value: '', label: t('common.filter', { label: t('units.type'), value: t('common.all') }) },
              ...UNIT_TYPES.map((ut) => ({ value: ut, label: t(unitTypeLabel(ut)) })),
            ]}
            data-testid="unit-type-filter"
          />
          <Select
            aria-label={t('common.status')}
            value={values.active}
            onChange={(v) => update({ active: v || null })}
            style={{ width: 130 }}
            options={[
              { value: '', label: t('common.filter', { label: t('common.status'), value: t('common.all') }) },
              { value: 'true', label: t('common.active') },
              { value: 'false', label: t('common.inactive') },
            ]}
          />
          {(type || values.q || values.active) && (
            <Button type="link" onClick={() => update({ type: null, q: null, active: null, unit: null })}>
              {t('common.reset')}
            </Button>
          )}
        </div>
        {units.isError && <QueryError error={units.error} onRetry={() => void units.refetch()} />}
        <Table<UnitPublic>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={rows}
          loading={units.isFetching}
          pagination={{
            current: page,
            pageSize: 50,
            showSizeChanger: false,
            hideOnSinglePage: true,
            onChange: (p) => update({ page: p > 1 ? String(p) : null }),
          }}
          footer={rows.length ? () => t('common.total', { count: units.data?.count ?? rows.length }) : undefined}
          data-testid="units-table"
        />
      </div>
      {openedId !== null && <UnitDrawer unitId={openedId} clusterName={clusterName} onClose={() => openUnit(null)} />}
    </>
  );
}
