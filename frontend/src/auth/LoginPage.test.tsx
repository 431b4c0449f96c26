import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { EDITOR_PERMS, json, meFor, mockApi, oauthError, renderApp } from '../test/utils';
import LoginPage from './LoginPage';

const routes = [
  { path: '/login', element: <LoginPage /> },
  { path: '/units', element: <p>单位页面</p> },
  { path: '/dashboard', element: <p>看板页面</p> },
];

async function fillAndSubmit(username: string, password: string) {
  const user = userEvent.setup();
  await user.type(screen.getByLabelText('用户名'), username);
  await user.type(screen.getByLabelText('密码'), `${password}{Enter}`); // Enter submits
  return user;
}

describe('LoginPage', () => {
  it('shows the API problem detail and request id when the password is wrong', async () => {
    const { calls } = mockApi({
      'POST /api/v1/auth/token': () =>
        oauthError(400, 'invalid_grant', '用户名或密码错误，或账号已停用', { request_id: 'req-123', code: 'invalid-credentials' }),
    });
    renderApp(routes, { path: '/login' });
    await fillAndSubmit('dcf_editor', 'wrong');

    expect(await screen.findByRole('alert')).toHaveTextContent('用户名或密码错误，或账号已停用');
    expect(screen.getByRole('alert')).toHaveTextContent('req-123');
    const body = await calls[0].text();
    expect(calls[0].headers.get('Content-Type')).toContain('application/x-www-form-urlencoded');
    expect(new URLSearchParams(body).get('grant_type')).toBe('password');
    expect(screen.getByLabelText('密码')).toHaveValue('');
  });

  it('shows the lock-out message of a 429', async () => {
    mockApi({ 'POST /api/v1/auth/token': () => oauthError(429, 'invalid_grant', '登录失败次数过多，请 15 分钟后再试') });
    renderApp(routes, { path: '/login' });
    await fillAndSubmit('dcf_editor', 'x');
    expect(await screen.findByRole('alert')).toHaveTextContent('登录失败次数过多，请 15 分钟后再试');
  });

  it('asks for both fields before calling the API', async () => {
    const { fetchMock } = mockApi({});
    renderApp(routes, { path: '/login' });
    await userEvent.setup().click(screen.getByRole('button', { name: /登\s*录/ }));
    expect(await screen.findByText('请输入用户名')).toBeInTheDocument();
    expect(screen.getByText('请输入密码')).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('signs in, loads the profile and goes to the page asked for', async () => {
    const { calls } = mockApi({
      'POST /api/v1/auth/token': () => json({ access_token: 'a1', refresh_token: 'r1', expires_in: 900, token_type: 'bearer' }),
      'GET /api/v1/auth/me': () => json(meFor('unit_editor', EDITOR_PERMS, '东昌府区')),
    });
    renderApp(routes, { path: '/login?next=%2Funits' });
    await fillAndSubmit('dcf_editor', 'zhaoshang-demo');
    expect(await screen.findByText('单位页面')).toBeInTheDocument();
    const meCall = calls.find((c) => c.url.endsWith('/api/v1/auth/me'));
    expect(meCall?.headers.get('Authorization')).toBe('Bearer a1');
    expect(JSON.parse(sessionStorage.getItem('zs.session') ?? '{}').refresh).toBe('r1');
  });

  it('never follows an off-site next link', async () => {
    mockApi({
      'POST /api/v1/auth/token': () => json({ access_token: 'a1', refresh_token: 'r1', expires_in: 900 }),
      'GET /api/v1/auth/me': () => json(meFor('unit_editor', EDITOR_PERMS, '东昌府区')),
    });
    renderApp(routes, { path: '/login?next=%2F%2Fevil.example' });
    await fillAndSubmit('dcf_editor', 'zhaoshang-demo');
    await waitFor(() => expect(screen.getByText('看板页面')).toBeInTheDocument());
  });

  it('is in English after the language toggle', async () => {
    mockApi({});
    renderApp(routes, { path: '/login' });
    await userEvent.setup().click(screen.getByRole('button', { name: 'English' }));
    expect(await screen.findByLabelText('Username')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeInTheDocument();
  });
});
