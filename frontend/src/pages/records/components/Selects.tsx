// Selects for the record forms and filters: units, clusters, enum codes, leads, events and projects.
import { useQuery } from '@tanstack/react-query';
import { Select, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { getProject, listEvents, listLeads, listProjects, type UnitType } from '../../../api';
import { enumOptions, type EnumName } from '../../../i18n/enums';
import { useI18n } from '../../../i18n/I18nProvider';
import { formatMoney } from '../../../lib/money';
import { useClusters, useUnitOptions } from '../lib/hooks';

interface Common<V> {
  id?: string;
  value?: V | null;
  onChange?: (v: V | null) => void;
  placeholder?: string;
  allowClear?: boolean;
  disabled?: boolean;
  style?: React.CSSProperties;
  'aria-label'?: string;
  'data-testid'?: string;
}

const clearable = <V,>(onChange?: (v: V | null) => void) => (v: V | undefined) => onChange?.(v === undefined ? null : v);

export function UnitSelect({ types, exclude, ...p }: Common<number> & { types?: readonly UnitType[]; exclude?: readonly number[] }) {
  const { options, loading } = useUnitOptions(types);
  return (
    <Select<number>
      {...p}
      value={p.value ?? null}
      onChange={clearable(p.onChange)}
      showSearch
      optionFilterProp="label"
      loading={loading}
      options={exclude ? options.filter((o) => !exclude.includes(o.value)) : options}
      allowClear={p.allowClear ?? true}
    />
  );
}

export function ClusterSelect(p: Common<number>) {
  const { options, loading } = useClusters();
  return (
    <Select<number> {...p} value={p.value ?? null} onChange={clearable(p.onChange)} showSearch optionFilterProp="label"
                    loading={loading} options={options} allowClear={p.allowClear ?? true} />
  );
}

export function EnumSelect<C extends string>({ name, codes, ...p }: Common<C> & { name: EnumName; codes: readonly C[] }) {
  const { t } = useI18n();
  return (
    <Select<C> {...p} value={p.value ?? null} onChange={clearable(p.onChange)} options={enumOptions(t, name, codes) as { value: C; label: string }[]}
               allowClear={p.allowClear ?? false} />
  );
}

function useDebounced<T>(value: T, delay = 300): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), delay);
    return () => clearTimeout(id);
  }, [value, delay]);
  return v;
}

/** The caller's leads, optionally of one enterprise. */
export function LeadSelect({ enterpriseId, ...p }: Common<number> & { enterpriseId?: number | null }) {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const leads = useQuery({
    queryKey: ['leads', 'pick', { q, enterpriseId }],
    queryFn: async () =>
      (await listLeads({ query: { q: q || undefined, enterprise_id: enterpriseId ?? undefined, limit: 30, sort: '-received_on' } })).data.data,
    staleTime: 30_000,
  });
  const options = (leads.data ?? []).map((l) => ({
    value: l.id,
    label: t('visit.leadOption', { id: l.id, name: l.enterprise?.name ?? '', date: l.received_on }),
  }));
  if (p.value != null && !options.some((o) => o.value === p.value)) options.unshift({ value: p.value, label: `#${p.value}` });
  return (
    <Select<number> {...p} value={p.value ?? null} onChange={clearable(p.onChange)} showSearch filterOption={false}
                    onSearch={setSearch} options={options} allowClear={p.allowClear ?? true}
                    notFoundContent={leads.isFetching ? <Spin size="small" /> : undefined} />
  );
}

/** Events the caller can see, newest first. */
export function EventSelect(p: Common<number>) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const events = useQuery({
    queryKey: ['events', 'pick', q],
    queryFn: async () => (await listEvents({ query: { q: q || undefined, limit: 30, sort: '-event_date' } })).data.data,
    staleTime: 30_000,
  });
  const options = (events.data ?? []).map((e) => ({ value: e.id, label: `${e.title}（${e.event_date}）` }));
  if (p.value != null && !options.some((o) => o.value === p.value)) options.unshift({ value: p.value, label: `#${p.value}` });
  return (
    <Select<number> {...p} value={p.value ?? null} onChange={clearable(p.onChange)} showSearch filterOption={false}
                    onSearch={setSearch} options={options} allowClear={p.allowClear ?? true}
                    notFoundContent={events.isFetching ? <Spin size="small" /> : undefined} />
  );
}

/** Projects the caller can see (for funds reports): name and total investment. */
export function ProjectSelect(p: Common<number>) {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const projects = useQuery({
    queryKey: ['projects', 'pick', q],
    queryFn: async () => (await listProjects({ query: { q: q || undefined, limit: 30, sort: '-updated_at' } })).data.data,
    staleTime: 30_000,
  });
  const current = useQuery({
    queryKey: ['projects', 'detail', p.value],
    queryFn: async () => (await getProject({ path: { project_id: p.value! } })).data,
    enabled: p.value != null && !(projects.data ?? []).some((x) => x.id === p.value),
  });
  const list = [...(projects.data ?? [])];
  if (current.data && !list.some((x) => x.id === current.data.id)) list.unshift(current.data);
  const options = list.map((x) => ({
    value: x.id,
    label: `${x.name}（${t('funds.totalInvestment')} ${formatMoney(x.total_investment)} ${t('rec.wan')}）`,
  }));
  return (
    <Select<number> {...p} value={p.value ?? null} onChange={clearable(p.onChange)} showSearch filterOption={false}
                    onSearch={setSearch} options={options} allowClear={p.allowClear ?? true}
                    placeholder={p.placeholder ?? t('funds.projectPlaceholder')}
                    notFoundContent={projects.isFetching ? <Spin size="small" /> : undefined} />
  );
}
