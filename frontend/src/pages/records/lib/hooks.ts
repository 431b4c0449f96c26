// Reference data the record pages share (units, clusters), who the caller is for them, and a debounce for search boxes.
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { listClusters, listUnits, type UnitPublic, type UnitType } from '../../../api';
import { useAuth } from '../../../auth/AuthProvider';
import { useI18n } from '../../../i18n/I18nProvider';

const UNIT_ROLES = new Set(['unit_editor', 'unit_viewer']);

/** What the caller may do with records, from /api/v1/auth/me. */
export function useRecordScope() {
  const { me, can } = useAuth();
  return useMemo(() => {
    const unitBound = !!me?.role && UNIT_ROLES.has(me.role);
    return {
      /** Sees every unit's records (office, leaders, admin): show unit columns and filters. */
      cityWide: !unitBound,
      canWrite: can('records:write'),
      /** May import records from Excel (导入). */
      canImport: can('imports:write'),
      canTransition: can('records:transition'),
      canVerify: can('records:verify'),
      canMerge: can('enterprises:merge'),
      myUnitId: me?.unit?.id ?? null,
      /** The caller's unit when it is a county or development zone: where its own projects land by default. */
      myTerritorialUnitId: me?.unit && (TERRITORIAL as readonly string[]).includes(me.unit.type) ? me.unit.id : null,
      myName: me?.name ?? '',
    };
  }, [me, can]);
}

/** Every unit (the list is small and changes rarely); one cache entry with the shared useUnitNames hook. */
export function useAllUnits() {
  return useQuery({
    queryKey: ['units', { type: undefined, q: '', active: undefined }],
    queryFn: async () => (await listUnits()).data,
    staleTime: 10 * 60_000,
    select: (d) => d.data,
  });
}

export function useUnitOptions(types?: readonly UnitType[], { activeOnly = true } = {}) {
  const { lang } = useI18n();
  const units = useAllUnits();
  const options = useMemo(
    () =>
      (units.data ?? [])
        .filter((u: UnitPublic) => (!types || types.includes(u.type)) && (!activeOnly || u.active))
        .map((u) => ({ value: u.id, label: lang === 'zh' ? u.name_zh : u.name_en || u.name_zh })),
    [units.data, types, activeOnly, lang],
  );
  return { options, loading: units.isPending };
}

export function useClusters() {
  const { lang } = useI18n();
  const clusters = useQuery({
    queryKey: ['clusters'],
    queryFn: async () => (await listClusters()).data.data,
    staleTime: 10 * 60_000,
  });
  return useMemo(() => {
    const list = clusters.data ?? [];
    const names = new Map(list.map((c) => [c.id, lang === 'zh' ? c.name_zh : c.name_en]));
    return {
      options: list.map((c) => ({ value: c.id, label: names.get(c.id)! })),
      name: (id: number | null | undefined) => (id == null ? '' : (names.get(id) ?? `#${id}`)),
      loading: clusters.isPending,
    };
  }, [clusters.data, clusters.isPending, lang]);
}

export const TERRITORIAL: readonly UnitType[] = ['county', 'dev_zone'];

/** `value`, once it has stayed the same for `delay` ms (what is typed into a search box, before it is asked for). */
export function useDebounced<T>(value: T, delay = 300): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), delay);
    return () => clearTimeout(id);
  }, [value, delay]);
  return v;
}
