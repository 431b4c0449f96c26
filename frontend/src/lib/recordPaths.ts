// Where the SPA shows each kind of record, by the API's record type (queue, conflicts, drill-down, audit).
export type RecordKind = 'lead' | 'visit' | 'event' | 'project' | 'funds_report' | 'enterprise';

/** The list page of each kind of record; its record pages are `${base}/new` and `${base}/:id`. */
export const RECORD_PAGES: Record<RecordKind, string> = {
  lead: '/leads',
  visit: '/visits',
  event: '/events',
  project: '/projects',
  funds_report: '/funds',
  enterprise: '/enterprises',
};

/** Other things with a page of their own that notices and history link to (not records of the workflow). */
const OTHER_PAGES: Record<string, string> = { coordination_item: '/coordination' };

/** `/visits/12` for ('visit', 12); null for a type without a page. */
export function recordPath(recordType: string, id: number | string): string | null {
  const base = RECORD_PAGES[recordType as RecordKind] ?? OTHER_PAGES[recordType];
  return base ? `${base}/${id}` : null;
}
