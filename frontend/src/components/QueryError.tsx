import { Alert, Button } from 'antd';
import { useI18n } from '../i18n/I18nProvider';
import { ApiError } from '../lib/apiError';

/** Shows a failed query's problem detail (and request id for support) with a retry button. */
export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  const api = error instanceof ApiError ? error : null;
  const message = api?.isNetwork || !api ? t('error.network') : (api.detail ?? t('error.unknown'));
  const requestId = api?.problem.request_id;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      style={{ marginBottom: 12 }}
      message={message}
      description={requestId ? `${t('common.requestId')}: ${requestId}` : undefined}
      action={
        onRetry && (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        )
      }
    />
  );
}
