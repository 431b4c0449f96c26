// Which records take attachments, with the generated API calls of each (the API has one list and one upload
// route per kind; download and delete go by the file's id).
import {
  listEnterpriseAttachments, listEventAttachments, listFundsReportAttachments, listProjectAttachments,
  listVisitAttachments, uploadEnterpriseAttachment, uploadEventAttachment, uploadFundsReportAttachment,
  uploadProjectAttachment, uploadVisitAttachment, type AttachmentsPublic, type Category,
} from '../../api';

export type AttachmentKind = 'project' | 'funds_report' | 'visit' | 'event' | 'enterprise';

interface Calls {
  list: (id: number) => Promise<AttachmentsPublic>;
  upload: (id: number, file: File, category: Category, key: string) => Promise<unknown>;
}

type ListCall = (o: { path: { record_id: number } }) => Promise<{ data: AttachmentsPublic }>;
type UploadCall = (o: {
  path: { record_id: number }; body: { file: Blob | File; category: Category }; headers: Record<string, string>;
}) => Promise<unknown>;

const calls = (list: ListCall, upload: UploadCall): Calls => ({
  list: async (id) => (await list({ path: { record_id: id } })).data,
  upload: (id, file, category, key) =>
    upload({ path: { record_id: id }, body: { file, category }, headers: { 'Idempotency-Key': key } }),
});

export const KIND_CALLS: Record<AttachmentKind, Calls> = {
  project: calls(listProjectAttachments, uploadProjectAttachment),
  funds_report: calls(listFundsReportAttachments, uploadFundsReportAttachment),
  visit: calls(listVisitAttachments, uploadVisitAttachment),
  event: calls(listEventAttachments, uploadEventAttachment),
  enterprise: calls(listEnterpriseAttachments, uploadEnterpriseAttachment),
};

/** The SPA's record pages (`/funds/12`) → the kind and id of the record shown; null elsewhere (lists, /new). */
const PAGES: Record<string, AttachmentKind> = {
  projects: 'project', funds: 'funds_report', visits: 'visit', events: 'event', enterprises: 'enterprise',
};

export function kindOfPath(pathname: string): { kind: AttachmentKind; id: number } | null {
  const m = /^\/(projects|funds|visits|events|enterprises)\/(\d+)\/?$/.exec(pathname);
  return m ? { kind: PAGES[m[1]], id: Number(m[2]) } : null;
}
