import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { routes } from '../app/router';
import { EDITOR_PERMS, json, meFor, mockApi, oauthError, problem, renderApp } from '../test/utils';
import { getTokens, startSession } from './session';

const signIn = () => startSession({ access: 'a1', refresh: 'r1', expiresAt: Date.now() + 900_000, lifetime: 900_000 });

describe('session end', () => {
  it('logs out on the server, forgets the cached data and shows the login page', async () => {
    signIn();
    const { calls } = mockApi({
      'GET /api/v1/auth/me': () => json(meFor('unit_editor', EDITOR_PERMS, '东昌府区')),
      'POST /api/v1/auth/logout': () => new Response(null, { status: 204 }),
    });
    const { queryClient, router } = renderApp(routes, { path: '/dashboard' });
    const user = userEvent.setup();
    await user.click(await screen.findByTestId('user-menu'));
    await user.click(await screen.findByText('退出登录'));

    expect(await screen.findByText('您已退出登录。')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/login');
    expect(router.state.location.search).toBe('');
    expect(calls.find((c) => c.url.endsWith('/api/v1/auth/logout'))?.headers.get('Authorization')).toBe('Bearer a1');
    expect(getTokens()).toBeNull();
    expect(queryClient.getQueryCache().getAll().filter((q) => q.state.data !== undefined)).toHaveLength(0);
  });

  it('says the session expired when the refresh token is refused, and keeps the page to return to', async () => {
    signIn();
    mockApi({
      'GET /api/v1/auth/me': () => problem(401, '登录已失效'),
      'POST /api/v1/auth/token': () => oauthError(400, 'invalid_grant', '登录已失效，请重新登录'),
    });
    const { router } = renderApp(routes, { path: '/units?type=county' });
    expect(await screen.findByText('登录已过期，请重新登录。')).toBeInTheDocument();
    expect(router.state.location.search).toBe(`?next=${encodeURIComponent('/units?type=county')}`);
  });
});
