import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { listUnits } from '../../api';
import { useI18n } from '../../i18n/I18nProvider';

/**
 * A unit's name in the current language. The progress API names units in Chinese only; English names come from
 * the unit list (shared cache with hooks/useUnitNames), falling back to the Chinese one when a unit has none.
 */
export function useUnitLabel(): (id: number | null | undefined, zh?: string | null) => string {
  const { lang } = useI18n();
  const units = useQuery({
    queryKey: ['units', { type: undefined, q: '', active: undefined }],
    queryFn: async () => (await listUnits()).data,
    staleTime: 10 * 60_000,
  });
  return useMemo(() => {
    const byId = new Map((units.data?.data ?? []).map((u) => [u.id, u]));
    return (id, zh) => {
      if (id == null) return zh ?? '';
      const u = byId.get(id);
      if (lang === 'en') return u?.name_en || u?.name_zh || zh || `#${id}`;
      return u?.name_zh || zh || `#${id}`;
    };
  }, [units.data, lang]);
}
