import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { App as AntApp } from 'antd';
import type { ReactElement } from 'react';
import { createMemoryRouter, RouterProvider, type RouteObject } from 'react-router';
import { vi } from 'vitest';
import { AuthProvider } from '../auth/AuthProvider';
import { I18nProvider, type Lang } from '../i18n/I18nProvider';

export type Handler = (req: Request) => Response | Promise<Response> | undefined;

export const json = (body: unknown, status = 200, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });

export const problem = (status: number, detail: string, extra: Record<string, unknown> = {}) =>
  json({ type: 'about:blank', title: 'x', status, detail, ...extra }, status, 'application/problem+json');

/** Catches the browser downloads a test starts (`saveBlob`): `saved` lists their file names; `restore()` after. */
export function captureDownloads() {
  const { createObjectURL, revokeObjectURL } = URL; // jsdom has neither
  URL.createObjectURL = vi.fn(() => 'blob:x');
  URL.revokeObjectURL = vi.fn();
  const saved: string[] = [];
  const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    saved.push(this.download);
  });
  const restore = () => {
    click.mockRestore();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
  };
  return { saved, restore };
}

/** Stubs global fetch with a router of `METHOD /path` → handler; records every request. */
export function mockApi(routes: Record<string, Handler>) {
  const calls: Request[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const req = input instanceof Request ? input : new Request(input, init);
    calls.push(req.clone());
    const url = new URL(req.url);
    const handler = routes[`${req.method} ${url.pathname}`];
    const res = handler ? await handler(req) : undefined;
    return res ?? problem(404, `no mock for ${req.method} ${url.pathname}`);
  });
  vi.stubGlobal('fetch', fetchMock);
  return { calls, fetchMock };
}

export function renderApp(routes: RouteObject[], { path = '/', lang = 'zh' as Lang } = {}) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const view = render(
    <QueryClientProvider client={queryClient}>
      <I18nProvider initial={lang}>
        <AntApp>
          <AuthProvider>
            <RouterProvider router={router} />
          </AuthProvider>
        </AntApp>
      </I18nProvider>
    </QueryClientProvider>,
  );
  return { ...view, router, queryClient };
}

export function renderWith(ui: ReactElement, opts: { path?: string; lang?: Lang } = {}) {
  return renderApp([{ path: '*', element: ui }], opts);
}

export const meFor = (role: string, permissions: string[], unit: string | null = null) => ({
  kind: 'user',
  id: 5,
  name: `${role}_user`,
  display_name: role === 'admin' ? '系统管理员' : '东昌府区 录入员',
  role,
  unit: unit ? { id: 2, code: '371502', type: 'county', name_zh: unit, name_en: 'Dongchangfu District' } : null,
  scopes: [],
  permissions,
});

export const ADMIN_PERMS = ['audit:read', 'clients:manage', 'progress:city_read', 'progress:read', 'records:read', 'session:read', 'unit_members:read', 'units:read', 'units:write', 'users:manage'];
export const EDITOR_PERMS = ['progress:read', 'records:read', 'records:transition', 'records:write', 'session:read', 'unit_members:read', 'units:read'];
