import { QueryClient } from '@tanstack/react-query';
import { ApiError } from '../lib/apiError';

/** Calm defaults for a slow intranet: no refetch on focus, retry only what might succeed (network, 5xx). */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (count, err) => count < 2 && err instanceof ApiError && (err.isNetwork || err.status >= 500),
      },
      mutations: { retry: false },
    },
  });
}
