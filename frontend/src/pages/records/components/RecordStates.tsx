import { Alert, Result, Spin } from 'antd';
import { QueryError } from '../../../components/QueryError';
import { useI18n } from '../../../i18n/I18nProvider';
import { ApiError } from '../../../lib/apiError';
import { ButtonLink } from './ButtonLink';

/** Another unit's record or a missing one: the API answers 404 for both, and so does this page. */
export function RecordNotFound({ listPath }: { listPath: string }) {
  const { t } = useI18n();
  return (
    <div data-testid="record-not-found">
      <Result
        status="404"
        title={t('rec.notFoundTitle')}
        subTitle={t('rec.notFoundSub')}
        extra={<ButtonLink to={listPath} type="primary">{t('rec.backToList')}</ButtonLink>}
      />
    </div>
  );
}

/** Loading / not found / other failure of a record's query; null once the record is there. */
export function RecordLoadState({ query, listPath }: {
  query: { isPending: boolean; isError: boolean; error: unknown; refetch: () => unknown };
  listPath: string;
}) {
  if (query.isError) {
    if (query.error instanceof ApiError && query.error.status === 404) return <RecordNotFound listPath={listPath} />;
    return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  }
  if (query.isPending) return <Spin className="zs-page-spin" />;
  return null;
}

/** A returned record: the office's reason, where the unit cannot miss it. */
export function ReturnedAlert({ reason }: { reason: string | null | undefined }) {
  const { t } = useI18n();
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      className="zs-rec-returned"
      message={t('rec.returnedTitle')}
      description={
        <>
          <div className="zs-rec-reason">{t('rec.returnedReason', { reason: reason || '—' })}</div>
          <div>{t('rec.returnedFix')}</div>
        </>
      }
      style={{ marginBottom: 12 }}
      data-testid="returned-alert"
    />
  );
}

/** A hint under the header about what the status allows. */
export function StatusHint({ status, canEdit }: { status: string; canEdit: boolean }) {
  const { t } = useI18n();
  if (status === 'verified') return <Alert type="success" showIcon message={t('rec.verifiedLocked')} style={{ marginBottom: 12 }} />;
  if (status === 'submitted' && canEdit) return <Alert type="info" showIcon message={t('rec.submittedLocked')} style={{ marginBottom: 12 }} />;
  if (status === 'draft' && canEdit) return <Alert type="warning" showIcon message={t('rec.draftHint')} style={{ marginBottom: 12 }} />;
  return null;
}
