// The dispatch report of a frozen quarter: the Excel workbook and the PDF (both saved under the server's
// filename) and the printable HTML page (fetched with the bearer token through the API client, then shown from memory).
import { App } from 'antd';
import { useState } from 'react';
import { downloadReportPdf, downloadReportXlsx, viewReportHtml } from '../../../api';
import { useI18n } from '../../../i18n/I18nProvider';
import { downloadFrom } from '../../../lib/download';
import { problemText } from './problems';

type SnapshotRef = { id: number; year: number; quarter: number };

export type ReportFormat = 'xlsx' | 'pdf';

export function downloadDispatchReport(snapshot: SnapshotRef, format: ReportFormat = 'xlsx'): Promise<void> {
  const options = { path: { snapshot_id: snapshot.id }, parseAs: 'blob' as const };
  return downloadFrom(
    () => (format === 'pdf' ? downloadReportPdf(options) : downloadReportXlsx(options)),
    `dispatch-${snapshot.year}Q${snapshot.quarter}.${format}`,
  );
}

/** Downloads a quarter's report (Excel or PDF): `downloading` names the quarter and format meanwhile; a failure
 * shows as a message. */
export function useReportDownload() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [downloading, setDownloading] = useState<{ id: number; format: ReportFormat } | null>(null);

  const download = async (snapshot: SnapshotRef, format: ReportFormat = 'xlsx') => {
    setDownloading({ id: snapshot.id, format });
    try {
      await downloadDispatchReport(snapshot, format);
    } catch (err) {
      void message.error(problemText(err, t));
    } finally {
      setDownloading(null);
    }
  };
  const isDownloading = (id: number, format: ReportFormat) => downloading?.id === id && downloading.format === format;
  return { isDownloading, download };
}

export async function fetchReportHtml(snapshotId: number): Promise<string> {
  const { data } = await viewReportHtml({ path: { snapshot_id: snapshotId }, parseAs: 'text' });
  return typeof data === 'string' ? data : String(data ?? '');
}
