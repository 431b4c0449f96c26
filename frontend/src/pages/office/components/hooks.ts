// Data the office pages share: the target sets (the active one gives the year range) and the unit list.
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { listTargetSets, listUnits, type TargetSetPublic, type UnitPublic } from '../../../api';
import { useUnitNames } from '../../../hooks/useUnitNames';
import { useI18n } from '../../../i18n/I18nProvider';
import type { MessageKey } from '../../../i18n/messages';

export const TARGET_SETS_KEY = ['target-sets'] as const;

/** The set the API uses when none is named: the active one with the latest start. */
export function activeSetOf(sets: readonly TargetSetPublic[] | undefined): TargetSetPublic | undefined {
  return [...(sets ?? [])].filter((s) => s.active).sort((a, b) => b.start_date.localeCompare(a.start_date))[0];
}

export function yearsOf(set: TargetSetPublic | undefined): number[] {
  if (!set) return [];
  const first = Number(set.start_date.slice(0, 4));
  const last = Number(set.end_date.slice(0, 4));
  const out: number[] = [];
  for (let y = first; y <= last; y += 1) out.push(y);
  return out;
}

export function useTargetSets() {
  const query = useQuery({
    queryKey: TARGET_SETS_KEY,
    queryFn: async () => (await listTargetSets()).data.data,
    staleTime: 5 * 60_000,
  });
  const active = useMemo(() => activeSetOf(query.data), [query.data]);
  const years = useMemo(() => yearsOf(active), [active]);
  // targets cover a plan period in the past: default to its last year, not to today's
  const defaultYear = years.length ? years[years.length - 1] : undefined;
  return { query, sets: query.data ?? [], active, years, defaultYear };
}

/** Every unit (same cache entry as useUnitNames), with its name in the current language. */
export function useUnits() {
  const { lang } = useI18n();
  const query = useQuery({
    queryKey: ['units', { type: undefined, q: '', active: undefined }],
    queryFn: async () => (await listUnits()).data,
    staleTime: 10 * 60_000,
  });
  const units: UnitPublic[] = useMemo(() => query.data?.data ?? [], [query.data]);
  const nameOf = (u: UnitPublic) => (lang === 'zh' ? u.name_zh : u.name_en || u.name_zh);
  return { query, units, nameOf };
}

/**
 * Whom a frozen figure (or an adjustment of one) is for: 全市 when city-wide; in Chinese the unit name frozen
 * with the figure, if any, else the unit's current name.
 */
export function useFigureUnitLabel() {
  const { t, lang } = useI18n();
  const unitName = useUnitNames();
  return (unitId: number | null, frozenName: string | null | undefined): string =>
    unitId == null ? t('office.quarters.cityWide') : lang === 'zh' ? (frozenName ?? unitName(unitId)) : unitName(unitId);
}

/** t() for a key built from an API code; falls back to the code itself when there is no label. */
export function useCodeLabel() {
  const { t } = useI18n();
  return (prefix: string, code: string | null | undefined): string => {
    if (code == null || code === '') return '';
    const key = `${prefix}.${code}` as MessageKey;
    const text = t(key);
    return text === key ? code : text;
  };
}
