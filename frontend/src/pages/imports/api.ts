// The import API (issue 15) as the dialog and the history use it: a template per kind, an upload checked in the
// background (polled), the marked copy of a file with errors, the commit, and the history.
import { useQuery } from '@tanstack/react-query';
import {
  commitImport, createImport, downloadImportMarked, downloadImportTemplate, getImport, type ImportPublic,
} from '../../api';
import { downloadFrom } from '../../lib/download';
import type { RecordKind } from '../../lib/recordPaths';
import { COLLECTION } from '../records/lib/api';

export type ImportKind = ImportPublic['kind'];
export type ImportStatus = ImportPublic['status'];

/** The API's import kinds are the record collections' URL segments. */
export const IMPORT_KIND: Record<RecordKind, ImportKind> = COLLECTION;

/** The record kind an import writes (its list's cache to refresh). */
export const RECORD_KIND = Object.fromEntries(
  Object.entries(IMPORT_KIND).map(([record, kind]) => [kind, record]),
) as Record<ImportKind, RecordKind>;

/** A job the server is still working on: the dialog polls it. */
export const BUSY: ReadonlySet<ImportStatus> = new Set<ImportStatus>(['checking', 'writing']);
export const POLL_MS = 400;

export const importKey = (id: number | null) => ['imports', 'detail', id] as const;

/** One import, polled while the server checks or writes it. */
export function useImportJob(id: number | null) {
  return useQuery({
    queryKey: importKey(id),
    queryFn: async () => (await getImport({ path: { import_id: id! } })).data,
    enabled: id !== null,
    refetchInterval: (q) => (q.state.data && BUSY.has(q.state.data.status) ? POLL_MS : false),
  });
}

/** Rows the import did not write: every row left out (bad ones, or all of them when all-or-nothing refused). */
export function refusedRows(job: ImportPublic): number {
  return Math.max(0, job.rows_total - job.rows_written - job.rows_unchanged);
}

export function downloadTemplate(kind: ImportKind, fallbackName: string) {
  return downloadFrom(() => downloadImportTemplate({ path: { kind }, parseAs: 'blob' }), fallbackName);
}

export function downloadMarked(job: ImportPublic) {
  const name = job.file_name.replace(/\.xlsx$/i, '');
  return downloadFrom(() => downloadImportMarked({ path: { import_id: job.id }, parseAs: 'blob' }), `${name}（已标注）.xlsx`);
}

/** POST /api/v1/imports: the dry run starts in the background (202). */
export async function startImport(kind: ImportKind, file: File, unitId: number | null, key: string) {
  const body = { kind, file, ...(unitId != null ? { unit_id: unitId } : {}) };
  return (await createImport({ body, headers: { 'Idempotency-Key': key } })).data;
}

/** POST /api/v1/imports/{id}/commit: the writing starts in the background (202). */
export async function commit(id: number, allOrNothing: boolean, key: string) {
  return (await commitImport({ path: { import_id: id }, body: { all_or_nothing: allOrNothing }, headers: { 'Idempotency-Key': key } })).data;
}
