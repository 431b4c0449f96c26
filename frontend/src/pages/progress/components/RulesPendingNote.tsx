import { Alert } from 'antd';

import { useI18n } from '../../../i18n/I18nProvider';

/** After the office changes the counting rules the new figures are built in the background: until then the
 * figures shown are those under the rules in force before, and the reader is told so. */
export function RulesPendingNote({ pending }: { pending: boolean | undefined }) {
  const { t } = useI18n();
  if (!pending) return null;
  return <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('progress.rulesPending')} data-testid="rules-pending" />;
}
