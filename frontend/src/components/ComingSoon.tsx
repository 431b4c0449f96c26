import { Empty } from 'antd';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/messages';
import { PageHeader } from './PageHeader';

export function ComingSoon({ title }: { title: MessageKey }) {
  const { t } = useI18n();
  return (
    <>
      <PageHeader title={t(title)} />
      <Empty description={t('common.comingSoon')} />
    </>
  );
}
