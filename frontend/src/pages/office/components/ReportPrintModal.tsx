import { PrinterOutlined, ExportOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Modal, Space, Spin } from 'antd';
import { useRef } from 'react';
import { QueryError } from '../../../components/QueryError';
import { useI18n } from '../../../i18n/I18nProvider';
import { fetchReportHtml } from './reports';

/**
 * The printable dispatch report. The page needs the bearer token, so it is fetched through the API client and
 * shown from memory (srcDoc); 打印 prints just that page (to paper or PDF).
 */
export function ReportPrintModal({ snapshotId, title, onClose }: { snapshotId: number; title: string; onClose: () => void }) {
  const { t } = useI18n();
  const frame = useRef<HTMLIFrameElement>(null);
  const html = useQuery({
    queryKey: ['quarter-report-html', snapshotId],
    queryFn: () => fetchReportHtml(snapshotId),
    staleTime: Infinity, // a frozen quarter's report only changes with approved adjustments; reopen to reload
    gcTime: 0,
  });

  const openWindow = () => {
    if (!html.data) return;
    const url = URL.createObjectURL(new Blob([html.data], { type: 'text/html;charset=utf-8' }));
    window.open(url, '_blank', 'noopener');
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  };

  return (
    <Modal
      open
      width={960}
      style={{ top: 24 }}
      title={title}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Space>
          <Button icon={<ExportOutlined />} onClick={openWindow} disabled={!html.data}>
            {t('office.report.newWindow')}
          </Button>
          <Button
            type="primary"
            icon={<PrinterOutlined />}
            disabled={!html.data}
            onClick={() => frame.current?.contentWindow?.print()}
          >
            {t('office.report.print')}
          </Button>
          <Button onClick={onClose}>{t('office.common.close')}</Button>
        </Space>
      }
    >
      {html.isError && <QueryError error={html.error} onRetry={() => void html.refetch()} />}
      {html.isPending && <Spin className="zs-page-spin" />}
      {html.data && (
        <iframe
          ref={frame}
          title={title}
          className="zs-print-frame"
          // no scripts run inside; same origin so the button above can call print() on it
          sandbox="allow-same-origin allow-modals"
          srcDoc={html.data}
          data-testid="report-frame"
        />
      )}
    </Modal>
  );
}
