// The dispatch report of a frozen quarter: the Excel file (saved under the server's filename) and the printable
// HTML page (fetched with the bearer token through the API client, then shown from memory).
import { downloadReportXlsx, viewReportHtml } from '../../../api';
import { downloadFrom } from '../../../lib/download';

export function downloadDispatchReport(snapshot: { id: number; year: number; quarter: number }): Promise<void> {
  return downloadFrom(
    () => downloadReportXlsx({ path: { snapshot_id: snapshot.id }, parseAs: 'blob' }),
    `dispatch-${snapshot.year}Q${snapshot.quarter}.xlsx`,
  );
}

export async function fetchReportHtml(snapshotId: number): Promise<string> {
  const { data } = await viewReportHtml({ path: { snapshot_id: snapshotId }, parseAs: 'text' });
  return typeof data === 'string' ? data : String(data ?? '');
}
