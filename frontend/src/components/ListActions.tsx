import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { ApiError } from '../lib/apiError';

/**
 * The two actions every list page offers: reload from the server, and export to Excel. `onExport` may be async
 * (a server-side .xlsx of every matching row); the button shows progress and a failure's problem detail. A list
 * without an export (the import history) passes none.
 */
export function ListActions({ onRefresh, refreshing, onExport, canExport }: {
  onRefresh: () => void;
  refreshing: boolean;
  onExport?: () => void | Promise<void>;
  canExport?: boolean;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [exporting, setExporting] = useState(false);
  const runExport = async () => {
    setExporting(true);
    try {
      await onExport?.();
    } catch (err) {
      void message.error(err instanceof ApiError && !err.isNetwork ? (err.detail ?? t('error.unknown')) : t('error.network'));
    } finally {
      setExporting(false);
    }
  };
  return (
    <>
      <Button icon={<ReloadOutlined />} onClick={onRefresh} loading={refreshing}>
        {t('common.refresh')}
      </Button>
      {onExport && (
        <Button icon={<DownloadOutlined />} onClick={() => void runExport()} disabled={!canExport} loading={exporting}>
          {t('common.exportExcel')}
        </Button>
      )}
    </>
  );
}
