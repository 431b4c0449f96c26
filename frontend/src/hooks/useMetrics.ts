import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { listMetrics, type MetricPublic } from '../api';
import { useI18n } from '../i18n/I18nProvider';

export interface Metrics {
  /** The metric's name in the current language (the key itself until the registry has loaded). */
  name: (key: string | null | undefined) => string;
  /** 'money' for amounts in 万元, else 'count'. */
  kind: (key: string | null | undefined) => 'money' | 'count';
  byKey: Map<string, MetricPublic>;
}

/** The backend's metric registry (GET /api/v1/progress/metrics): names, value kinds and counting rules. */
export function useMetrics(): Metrics {
  const { lang } = useI18n();
  const metrics = useQuery({
    queryKey: ['metrics'],
    queryFn: async () => (await listMetrics()).data.data,
    staleTime: 10 * 60_000,
  });
  return useMemo(() => {
    const byKey = new Map((metrics.data ?? []).map((m) => [m.key, m]));
    return {
      byKey,
      name: (key) => {
        const m = key ? byKey.get(key) : undefined;
        return m ? (lang === 'zh' ? m.name_zh : m.name_en || m.name_zh) : (key ?? '');
      },
      kind: (key) => (key && byKey.get(key)?.value_kind === 'money' ? 'money' : 'count'),
    };
  }, [metrics.data, lang]);
}
