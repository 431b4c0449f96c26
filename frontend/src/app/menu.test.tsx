import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { startSession } from '../auth/session';
import { ADMIN_PERMS, EDITOR_PERMS, json, meFor, mockApi, renderApp } from '../test/utils';
import { allowedPages, menuPages } from './pages';
import { routes } from './router';

function signInAs(me: ReturnType<typeof meFor>) {
  startSession({ access: 'a', refresh: 'r', expiresAt: Date.now() + 900_000, lifetime: 900_000 });
  mockApi({
    'GET /api/v1/auth/me': () => json(me),
    'GET /api/v1/units': () => json({ data: [], count: 0 }),
    'GET /api/v1/clusters': () => json({ data: [] }),
  });
}

describe('side menu', () => {
  it('hides administration items from a unit editor', async () => {
    signInAs(meFor('unit_editor', EDITOR_PERMS, '东昌府区'));
    renderApp(routes, { path: '/dashboard' });
    const menu = await screen.findByTestId('side-menu');
    expect(within(menu).getByText('我的看板')).toBeInTheDocument();
    expect(within(menu).getByText('单位')).toBeInTheDocument();
    expect(within(menu).queryByText('用户管理')).not.toBeInTheDocument();
    expect(within(menu).queryByText('操作日志')).not.toBeInTheDocument();
    expect(within(menu).queryByText('系统管理')).not.toBeInTheDocument();
    expect(screen.getByTestId('user-menu')).toHaveTextContent('东昌府区');
  });

  it('shows them to an administrator', async () => {
    signInAs(meFor('admin', ADMIN_PERMS));
    renderApp(routes, { path: '/dashboard' });
    const menu = await screen.findByTestId('side-menu');
    expect(within(menu).getByText('用户管理')).toBeInTheDocument();
    expect(within(menu).getByText('操作日志')).toBeInTheDocument();
    expect(within(menu).getByText('接口客户端')).toBeInTheDocument();
  });

  it('answers a typed-in admin URL with 无权访问 for a unit editor', async () => {
    signInAs(meFor('unit_editor', EDITOR_PERMS, '东昌府区'));
    renderApp(routes, { path: '/audit' });
    expect(await screen.findByText('无权访问')).toBeInTheDocument();
  });

  it('sends a visitor without a session to the login page, remembering the target', async () => {
    mockApi({});
    const { router } = renderApp(routes, { path: '/units?type=county' });
    expect(await screen.findByLabelText('用户名')).toBeInTheDocument();
    expect(router.state.location.search).toBe(`?next=${encodeURIComponent('/units?type=county')}`);
  });

  it('filters pages by permission', () => {
    expect(menuPages(['units:read']).map((p) => p.path)).toEqual(['/dashboard', '/units']);
    expect(menuPages(ADMIN_PERMS).map((p) => p.path)).toEqual([
      '/dashboard', '/city', '/leads', '/visits', '/events', '/projects', '/funds', '/enterprises',
      '/quarters', '/assessment', '/units', '/users', '/clients', '/audit',
    ]);
    // record pages are routes for readers, the new-record forms only for writers; neither is a menu entry
    expect(allowedPages(['records:read']).map((p) => p.path)).toContain('/visits/:id');
    expect(allowedPages(['records:read']).map((p) => p.path)).not.toContain('/visits/new');
    expect(menuPages(['records:read', 'records:write']).map((p) => p.path)).not.toContain('/visits/new');
  });

  it('shows 项目协调 to everyone who reads it and the meeting list to the city-wide readers only', () => {
    const unit = menuPages(['coordination:read', 'coordination:raise']).map((p) => p.path);
    expect(unit).toContain('/coordination');
    expect(unit).not.toContain('/meeting-list');
    expect(menuPages(['coordination:read', 'coordination:meeting']).map((p) => p.path)).toContain('/meeting-list');
    expect(allowedPages(['coordination:read']).map((p) => p.path)).toContain('/coordination/:id'); // notices link here
  });
});
