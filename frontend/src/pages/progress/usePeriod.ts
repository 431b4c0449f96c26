import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { listTargetSets, type TargetPublic, type TargetSetPublic } from '../../api';

export const TARGET_SETS_KEY = ['target-sets'] as const;

/** The target sets with their targets (small; changes rarely). */
export function useTargetSets() {
  return useQuery({
    queryKey: TARGET_SETS_KEY,
    queryFn: async () => (await listTargetSets()).data.data,
    staleTime: 10 * 60_000,
  });
}

/** The set progress is read against: the active one starting last (as the API chooses it). */
export function activeSet(sets: readonly TargetSetPublic[] | undefined): TargetSetPublic | undefined {
  const active = (sets ?? []).filter((s) => s.active);
  return [...active].sort((a, b) => b.start_date.localeCompare(a.start_date))[0];
}

/** Years of a set, first to last. */
export function yearsOf(set: TargetSetPublic | undefined): number[] {
  if (!set) return [];
  const first = Number(set.start_date.slice(0, 4));
  const last = Number(set.end_date.slice(0, 4));
  return Array.from({ length: Math.max(last - first + 1, 0) }, (_, i) => first + i);
}

/**
 * The year to show when the URL names none: this year while the plan runs, else the plan's last year
 * (the 2018–2020 plan read in 2026 opens on 2020), or its first year before it starts.
 */
export function defaultYear(set: TargetSetPublic | undefined, today = new Date()): number | undefined {
  const years = yearsOf(set);
  if (!years.length) return undefined;
  const now = today.getFullYear();
  return Math.min(Math.max(now, years[0]), years[years.length - 1]);
}

export interface Period {
  /** undefined while the target sets load */
  year: number | undefined;
  quarter: number | null;
  years: number[];
  set: TargetSetPublic | undefined;
  target: (id: number) => TargetPublic | undefined;
  loading: boolean;
  error: unknown;
  refetch: () => void;
}

/** The year and quarter in the URL (`year`, `quarter`), checked against the active target set. */
export function usePeriod(urlYear: string, urlQuarter: string): Period {
  const sets = useTargetSets();
  const set = activeSet(sets.data);
  const years = useMemo(() => yearsOf(set), [set]);
  const asked = Number(urlYear);
  const year = years.includes(asked) ? asked : defaultYear(set);
  const q = Number(urlQuarter);
  const quarter = Number.isInteger(q) && q >= 1 && q <= 4 ? q : null;
  const targets = useMemo(() => new Map((sets.data ?? []).flatMap((s) => s.targets ?? []).map((t) => [t.id, t])), [sets.data]);
  return {
    year,
    quarter,
    years,
    set,
    target: (id) => targets.get(id),
    loading: sets.isPending,
    error: sets.error,
    refetch: () => void sets.refetch(),
  };
}
