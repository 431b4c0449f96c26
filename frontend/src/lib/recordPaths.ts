// Where the SPA shows each kind of record, by the API's record type (queue, conflicts, drill-down, audit).
const BASE: Record<string, string> = {
  lead: '/leads',
  visit: '/visits',
  event: '/events',
  project: '/projects',
  funds_report: '/funds',
  enterprise: '/enterprises',
};

/** `/visits/12` for ('visit', 12); null for a type without a page. */
export function recordPath(recordType: string, id: number | string): string | null {
  const base = BASE[recordType];
  return base ? `${base}/${id}` : null;
}
