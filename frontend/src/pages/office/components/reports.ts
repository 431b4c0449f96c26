// The dispatch report of a frozen quarter: the Excel file (saved under the server's filename) and the printable
// HTML page (fetched with the bearer token through the API client, then shown from memory).
import { App } from 'antd';
import { useState } from 'react';
import { downloadReportXlsx, viewReportHtml } from '../../../api';
import { useI18n } from '../../../i18n/I18nProvider';
import { downloadFrom } from '../../../lib/download';
import { problemText } from './problems';

type SnapshotRef = { id: number; year: number; quarter: number };

export function downloadDispatchReport(snapshot: SnapshotRef): Promise<void> {
  return downloadFrom(
    () => downloadReportXlsx({ path: { snapshot_id: snapshot.id }, parseAs: 'blob' }),
    `dispatch-${snapshot.year}Q${snapshot.quarter}.xlsx`,
  );
}

/** Downloads a quarter's Excel report: `downloading` is the quarter's id meanwhile; a failure shows as a message. */
export function useReportDownload() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [downloading, setDownloading] = useState<number | null>(null);

  const download = async (snapshot: SnapshotRef) => {
    setDownloading(snapshot.id);
    try {
      await downloadDispatchReport(snapshot);
    } catch (err) {
      void message.error(problemText(err, t));
    } finally {
      setDownloading(null);
    }
  };
  return { downloading, download };
}

export async function fetchReportHtml(snapshotId: number): Promise<string> {
  const { data } = await viewReportHtml({ path: { snapshot_id: snapshotId }, parseAs: 'text' });
  return typeof data === 'string' ? data : String(data ?? '');
}
