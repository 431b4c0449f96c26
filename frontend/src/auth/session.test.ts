import { describe, expect, it } from 'vitest';
import { listUnits } from '../api';
import { ApiError } from '../lib/apiError';
import { json, mockApi, oauthError, problem } from '../test/utils';
import { authFetch } from './authFetch';
import { expiringSoon, getEndReason, getTokens, resetSessionForTests, startSession } from './session';

const session = (access: string, refresh: string, inMs = 900_000) => ({
  access,
  refresh,
  expiresAt: Date.now() + inMs,
  lifetime: 900_000,
});

describe('token refresh', () => {
  it('refreshes once for concurrent 401s and replays every request with the new token', async () => {
    startSession(session('old', 'r1'));
    let refreshes = 0;
    const { calls } = mockApi({
      'POST /api/v1/auth/token': async (req) => {
        refreshes += 1;
        const form = new URLSearchParams(await req.text());
        expect(form.get('grant_type')).toBe('refresh_token');
        expect(form.get('refresh_token')).toBe('r1');
        await new Promise((r) => setTimeout(r, 20));
        return json({ access_token: 'new', refresh_token: 'r2', expires_in: 900 });
      },
      'GET /api/v1/units': (req) =>
        req.headers.get('Authorization') === 'Bearer new' ? json({ data: [], count: 0 }) : problem(401, '登录已失效'),
    });

    const results = await Promise.all([listUnits(), listUnits(), listUnits({ query: { type: 'county' } })]);

    expect(results.map((r) => r.data.count)).toEqual([0, 0, 0]);
    expect(refreshes).toBe(1);
    expect(getTokens()).toMatchObject({ access: 'new', refresh: 'r2' });
    const replayed = calls.filter((c) => c.url.includes('/api/v1/units') && c.headers.get('Authorization') === 'Bearer new');
    expect(replayed).toHaveLength(3);
    expect(replayed.some((c) => c.url.endsWith('type=county'))).toBe(true);
  });

  it('refreshes before sending when the access token is about to expire', async () => {
    startSession(session('old', 'r1', 10_000));
    const { calls } = mockApi({
      'POST /api/v1/auth/token': () => json({ access_token: 'new', refresh_token: 'r2', expires_in: 900 }),
      'GET /api/v1/units': () => json({ data: [], count: 0 }),
    });
    await listUnits();
    expect(calls.map((c) => `${new URL(c.url).pathname} ${c.headers.get('Authorization') ?? ''}`)).toEqual([
      '/api/v1/auth/token ',
      '/api/v1/units Bearer new',
    ]);
  });

  it('ends the session when the refresh token is refused', async () => {
    startSession(session('old', 'r1'));
    mockApi({
      'POST /api/v1/auth/token': () => oauthError(400, 'invalid_grant', '登录已失效，请重新登录'),
      'GET /api/v1/units': () => problem(401, '登录已失效'),
    });
    await expect(listUnits()).rejects.toMatchObject({ status: 401 });
    expect(getTokens()).toBeNull();
    expect(getEndReason()).toBe('expired');
    expect(sessionStorage.getItem('zs.session')).toBeNull();
  });

  it('keeps the session when the server cannot be reached', async () => {
    startSession(session('old', 'r1', 10_000));
    mockApi({});
    const fail = () => Promise.reject(new TypeError('Failed to fetch'));
    globalThis.fetch = fail as typeof fetch;
    const err = await listUnits().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).isNetwork).toBe(true);
    expect(getTokens()?.refresh).toBe('r1');
  });

  it('does not add a bearer token to the token endpoint', async () => {
    startSession(session('old', 'r1'));
    const { calls } = mockApi({ 'POST /api/v1/auth/token': () => json({ access_token: 'x', expires_in: 900 }) });
    await authFetch(new Request('http://localhost/api/v1/auth/token', { method: 'POST', body: 'grant_type=password' }));
    expect(calls[0].headers.get('Authorization')).toBeNull();
  });

  it('restores a session saved in sessionStorage', () => {
    resetSessionForTests(session('a', 'r'));
    expect(JSON.parse(sessionStorage.getItem('zs.session') ?? 'null')).toMatchObject({ access: 'a', refresh: 'r' });
  });

  it('counts a token as expiring a minute early (or a fifth of a short lifetime)', () => {
    const now = 1_000_000;
    expect(expiringSoon({ access: '', refresh: '', expiresAt: now + 61_000, lifetime: 900_000 }, now)).toBe(false);
    expect(expiringSoon({ access: '', refresh: '', expiresAt: now + 59_000, lifetime: 900_000 }, now)).toBe(true);
    expect(expiringSoon({ access: '', refresh: '', expiresAt: now + 13_000, lifetime: 60_000 }, now)).toBe(false);
  });
});
