import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { listUserNames } from '../api';

/** Every login name the caller may see with its display name (one cached query for the whole SPA). */
export function useUserNameList() {
  return useQuery({
    queryKey: ['user-names'],
    queryFn: async () => (await listUserNames()).data.data,
    staleTime: 10 * 60_000,
  });
}

/** login name → display name (录入人 东昌府区 录入员, not dcf_editor); a name the caller may not see stays as it is. */
export function useUserNames(): (username: string | null | undefined) => string {
  const names = useUserNameList();
  return useMemo(() => {
    const map = new Map((names.data ?? []).map((n) => [n.username, n.display_name]));
    return (username) => (username ? (map.get(username) ?? username) : '');
  }, [names.data]);
}
