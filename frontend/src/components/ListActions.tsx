import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useI18n } from '../i18n/I18nProvider';

/** The two actions every list page offers: reload from the server, and export what is shown for Excel. */
export function ListActions({ onRefresh, refreshing, onExport, canExport }: {
  onRefresh: () => void;
  refreshing: boolean;
  onExport: () => void;
  canExport: boolean;
}) {
  const { t } = useI18n();
  return (
    <>
      <Button icon={<ReloadOutlined />} onClick={onRefresh} loading={refreshing}>
        {t('common.refresh')}
      </Button>
      <Button icon={<DownloadOutlined />} onClick={onExport} disabled={!canExport}>
        {t('common.exportCsv')}
      </Button>
    </>
  );
}
