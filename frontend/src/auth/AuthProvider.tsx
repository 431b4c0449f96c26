import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import { logout as requestLogout, me as requestMe, token as requestToken, type MePublic } from '../api';
import { endSession, fromTokenResponse, isSignedIn, startSession, subscribe } from './session';

export type AuthStatus = 'anonymous' | 'loading' | 'ready' | 'error';

interface Auth {
  status: AuthStatus;
  me: MePublic | undefined;
  error: unknown;
  can: (permission: string) => boolean;
  login: (username: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
  retry: () => void;
}

const AuthContext = createContext<Auth | null>(null);

export const ME_KEY = ['auth', 'me'] as const;

const fetchMe = async () => (await requestMe()).data;

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const signedIn = useSyncExternalStore(subscribe, isSignedIn);

  const meQuery = useQuery({
    queryKey: ME_KEY,
    queryFn: fetchMe,
    enabled: signedIn,
    staleTime: 5 * 60_000,
  });

  // A session that ends (logout, expiry, another tab) must not leave the last user's data in the cache.
  useEffect(
    () =>
      subscribe(() => {
        if (!isSignedIn()) queryClient.removeQueries();
      }),
    [queryClient],
  );

  const login = useCallback(
    async (username: string, password: string) => {
      const { data } = await requestToken({ body: { grant_type: 'password', username, password } });
      queryClient.removeQueries();
      startSession(fromTokenResponse(data));
      await queryClient.fetchQuery({ queryKey: ME_KEY, queryFn: fetchMe });
    },
    [queryClient],
  );

  const logout = useCallback(async () => {
    try {
      await requestLogout();
    } catch {
      // the local session ends anyway
    } finally {
      endSession('logout');
    }
  }, []);

  const value = useMemo<Auth>(() => {
    const me = signedIn ? meQuery.data : undefined;
    let status: AuthStatus = 'anonymous';
    if (signedIn) status = me ? 'ready' : meQuery.isError ? 'error' : 'loading';
    const permissions = new Set(me?.permissions ?? []);
    return {
      status,
      me,
      error: meQuery.error,
      can: (p) => permissions.has(p),
      login,
      logout,
      retry: () => void meQuery.refetch(),
    };
  }, [signedIn, meQuery, login, logout]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}
