import { Button, Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { Link, Navigate, Outlet, useLocation } from 'react-router';
import { useAuth } from '../auth/AuthProvider';
import { getEndReason } from '../auth/session';
import { useI18n } from '../i18n/I18nProvider';
import { ApiError } from '../lib/apiError';

export function FullPageSpin() {
  const { t } = useI18n();
  return (
    <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'center', height: '100vh' }}>
      <Spin tip={t('app.loading')}>
        <div style={{ width: 120, height: 60 }} />
      </Spin>
    </div>
  );
}

/** Signed-in area: sends anonymous visitors to /login?next=… and waits for /api/v1/auth/me. */
export function RequireAuth() {
  const { status, error, retry } = useAuth();
  const { t } = useI18n();
  const location = useLocation();
  if (status === 'anonymous') {
    const next = location.pathname + location.search;
    const plain = next === '/' || getEndReason() === 'logout'; // after signing out, start afresh
    return <Navigate to={plain ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  if (status === 'loading') return <FullPageSpin />;
  if (status === 'error') {
    const detail = error instanceof ApiError && !error.isNetwork ? error.detail : t('error.network');
    return (
      <Result
        status="warning"
        title={detail}
        extra={
          <Button type="primary" onClick={retry}>
            {t('common.retry')}
          </Button>
        }
      />
    );
  }
  return <Outlet />;
}

export function Forbidden() {
  const { t } = useI18n();
  return (
    <Result
      status="403"
      title={t('error.forbiddenTitle')}
      subTitle={t('error.forbidden')}
      extra={<Link to="/dashboard">{t('common.backHome')}</Link>}
    />
  );
}

export function NotFound() {
  const { t } = useI18n();
  return (
    <Result
      status="404"
      title={t('error.notFoundTitle')}
      subTitle={t('error.notFound')}
      extra={<Link to="/dashboard">{t('common.backHome')}</Link>}
    />
  );
}

export function RequirePermission({ permission, children }: { permission?: string; children: ReactNode }) {
  const { can } = useAuth();
  return !permission || can(permission) ? children : <Forbidden />;
}
