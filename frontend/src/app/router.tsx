import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { lazy, Suspense } from 'react';
import { AppLayout } from './AppLayout';
import { FullPageSpin, NotFound, RequireAuth, RequirePermission } from './gates';
import { pages } from './pages';

const LoginPage = lazy(() => import('../auth/LoginPage'));

export const routes: RouteObject[] = [
  {
    path: '/login',
    element: (
      <Suspense fallback={<FullPageSpin />}>
        <LoginPage />
      </Suspense>
    ),
  },
  {
    element: <RequireAuth />,
    children: [
      {
        element: <AppLayout />,
        children: [
          { index: true, element: <Navigate to="/dashboard" replace /> },
          ...pages.map(({ path, permission, component: Page }) => ({
            path,
            element: (
              <RequirePermission permission={permission}>
                <Page />
              </RequirePermission>
            ),
          })),
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
];

export const createRouter = () => createBrowserRouter(routes);
