// Selects for the record forms and filters: units, clusters, enum codes, leads, events and projects.
import { useQuery } from '@tanstack/react-query';
import { Select, Spin } from 'antd';
import { useState } from 'react';
import { getProject, listEvents, listLeads, listProjects, type UnitType } from '../../../api';
import { enumOptions, type EnumName } from '../../../i18n/enums';
import { useI18n } from '../../../i18n/I18nProvider';
import { formatMoney } from '../../../lib/money';
import { useClusters, useDebounced, useUnitOptions } from '../lib/hooks';

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

/** The search text of a select that asks the API as the user types: what to ask for (debounced) and its setter. */
function useTypedSearch() {
  const [search, setSearch] = useState('');
  return [useDebounced(search.trim()), setSearch] as const;
}

/** A chosen id the loaded options do not name yet shows as "#id". */
function withChosen(value: number | null | undefined, options: { value: number; label: string }[]) {
  if (value != null && !options.some((o) => o.value === value)) options.unshift({ value, label: `#${value}` });
  return options;
}

/** One record of a kind, looked up on the server as the user types (the options are the answer, unfiltered). */
function LookupSelect({ options, onSearch, fetching, ...p }: Common<number> & {
  options: { value: number; label: string }[];
  onSearch: (text: string) => void;
  fetching: boolean;
}) {
  return (
    <Select<number> {...p} value={p.value ?? null} onChange={clearable(p.onChange)} showSearch filterOption={false}
                    onSearch={onSearch} options={options} allowClear={p.allowClear ?? true}
                    notFoundContent={fetching ? <Spin size="small" /> : undefined} />
  );
}

/** The caller's leads, optionally of one enterprise. */
export function LeadSelect({ enterpriseId, ...p }: Common<number> & { enterpriseId?: number | null }) {
  const { t } = useI18n();
  const [q, setSearch] = useTypedSearch();
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
  return <LookupSelect {...p} options={withChosen(p.value, options)} onSearch={setSearch} fetching={leads.isFetching} />;
}

/** Events the caller can see, newest first. */
export function EventSelect(p: Common<number>) {
  const [q, setSearch] = useTypedSearch();
  const events = useQuery({
    queryKey: ['events', 'pick', q],
    queryFn: async () => (await listEvents({ query: { q: q || undefined, limit: 30, sort: '-event_date' } })).data.data,
    staleTime: 30_000,
  });
  const options = (events.data ?? []).map((e) => ({ value: e.id, label: `${e.title}（${e.event_date}）` }));
  return <LookupSelect {...p} options={withChosen(p.value, options)} onSearch={setSearch} fetching={events.isFetching} />;
}

/** Projects the caller can see (for funds reports): name and total investment. */
export function ProjectSelect(p: Common<number>) {
  const { t } = useI18n();
  const [q, setSearch] = useTypedSearch();
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
    <LookupSelect {...p} options={options} onSearch={setSearch} fetching={projects.isFetching}
                  placeholder={p.placeholder ?? t('funds.projectPlaceholder')} />
  );
}
