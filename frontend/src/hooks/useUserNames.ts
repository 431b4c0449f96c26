import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { listUserNames } from '../api';

/** login name → display name (录入人 东昌府区 录入员, not dcf_editor); a name the caller may not see stays as it is. */
export function useUserNames(): (username: string | null | undefined) => string {
  const names = useQuery({
    queryKey: ['user-names'],
    queryFn: async () => (await listUserNames()).data,
    staleTime: 10 * 60_000,
  });
  return useMemo(() => {
    const map = new Map((names.data?.data ?? []).map((n) => [n.username, n.display_name]));
    return (username) => (username ? (map.get(username) ?? username) : '');
  }, [names.data]);
}
