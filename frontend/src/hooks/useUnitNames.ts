import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { listUnits } from '../api';
import { useI18n } from '../i18n/I18nProvider';

/** id → unit name in the current language (the unit list is small and changes rarely). */
export function useUnitNames(): (id: number | null | undefined) => string {
  const { lang } = useI18n();
  const units = useQuery({
    queryKey: ['units', { type: undefined, q: '', active: undefined }],
    queryFn: async () => (await listUnits()).data,
    staleTime: 10 * 60_000,
  });
  return useMemo(() => {
    const names = new Map((units.data?.data ?? []).map((u) => [u.id, lang === 'zh' ? u.name_zh : u.name_en]));
    return (id) => (id == null ? '' : (names.get(id) ?? `#${id}`));
  }, [units.data, lang]);
}
