// Calls every record page makes: Idempotency-Key and If-Match headers, the API's answer into the cache,
// transitions, the Excel export of a list (GET /api/v1/<records>/export.xlsx) and a record's history
// (GET /api/v1/<records>/{id}/history).
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useRef } from 'react';
import {
  deleteEvent, deleteFundsReport, deleteProject, deleteVisit, exportEnterprises, exportEvents, exportFundsReports, exportLeads, exportProjects, exportVisits, getEnterpriseHistory,
  getEventHistory, getFundsReportHistory, getLeadHistory, getProjectHistory, getVisitHistory, transitionEvent,
  transitionFundsReport, transitionProject, transitionVisit, type AuditEventsPublic, type ExportEnterprisesData,
  type ExportEventsData, type ExportFundsReportsData, type ExportLeadsData, type ExportProjectsData, type ExportVisitsData,
  type TransitionRequest,
} from '../../../api';
import { downloadFrom } from '../../../lib/download';
import type { RecordKind } from '../../../lib/recordPaths';

export type { RecordKind };
export type ReviewedKind = 'visit' | 'event' | 'project' | 'funds_report';
export type TransitionAction = TransitionRequest['action'];

/** Each kind's collection: its URL segment in the API, its list's cache key (and, for imports, its import kind). */
export const COLLECTION = {
  lead: 'leads',
  visit: 'visits',
  event: 'events',
  project: 'projects',
  funds_report: 'funds-reports',
  enterprise: 'enterprises',
} as const satisfies Record<RecordKind, string>;

export function newKey(): string {
  if (typeof crypto !== 'undefined' && 'randomUUID' in crypto) return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${Math.random().toString(36).slice(2)}`;
}

/**
 * One Idempotency-Key per distinct body: a double click or a retry after a timeout sends the same key (the
 * API replays its first answer instead of creating a second record); a changed body gets a new key.
 */
export function useIdempotencyKey() {
  const last = useRef<{ body: string; key: string } | null>(null);
  return useCallback((body: unknown) => {
    const text = JSON.stringify(body);
    if (!last.current || last.current.body !== text) last.current = { body: text, key: newKey() };
    return last.current.key;
  }, []);
}

export const idempotency = (key: string) => ({ 'Idempotency-Key': key });
export const ifMatch = (version: number) => ({ 'If-Match': `"${version}"` });

/** A record the API answered with: it replaces the cached one (its page shows it at once) and the kind's lists,
 * and any `others` (caches the change touches), are fetched again. */
export function useStoreRecord() {
  const queryClient = useQueryClient();
  return useCallback((kind: RecordKind, r: { id: number }, others: readonly string[] = []) => {
    queryClient.setQueryData([COLLECTION[kind], 'detail', r.id], r);
    for (const c of [COLLECTION[kind], ...others]) void queryClient.invalidateQueries({ queryKey: [c] });
  }, [queryClient]);
}

type Headers = Record<string, string>;
type Transition = (id: number, body: TransitionRequest, headers: Headers) => Promise<{ data: unknown }>;
const TRANSITIONS: Record<ReviewedKind, Transition> = {
  visit: (id, body, headers) => transitionVisit({ path: { visit_id: id }, body, headers }),
  event: (id, body, headers) => transitionEvent({ path: { event_id: id }, body, headers }),
  project: (id, body, headers) => transitionProject({ path: { project_id: id }, body, headers }),
  funds_report: (id, body, headers) => transitionFundsReport({ path: { report_id: id }, body, headers }),
};
const DELETES: Record<ReviewedKind, (id: number) => Promise<unknown>> = {
  visit: (id) => deleteVisit({ path: { visit_id: id } }),
  event: (id) => deleteEvent({ path: { event_id: id } }),
  project: (id) => deleteProject({ path: { project_id: id } }),
  funds_report: (id) => deleteFundsReport({ path: { report_id: id } }),
};

/** POST /api/v1/<records>/{id}/transitions. */
export async function transitionRecord(kind: ReviewedKind, id: number, action: TransitionAction, reason: string | null,
  key: string) {
  const body: TransitionRequest = { action, reason: reason || null };
  return (await TRANSITIONS[kind](id, body, idempotency(key))).data;
}

/** DELETE /api/v1/<records>/{id}: a draft never submitted, by its own unit (409 otherwise). */
export async function deleteRecord(kind: ReviewedKind, id: number): Promise<void> {
  await DELETES[kind](id);
}

type Query = Record<string, string | number | boolean | undefined | null>;
type File = Promise<{ data: unknown; response: Response }>;

const clean = (query: Query) =>
  Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined && v !== null && v !== ''));

// The list pages build each endpoint's filters from the URL; here they meet the endpoint's own query type.
const EXPORTS: Record<RecordKind, (query: Query) => File> = {
  lead: (query) => exportLeads({ query: query as ExportLeadsData['query'], parseAs: 'blob' }),
  visit: (query) => exportVisits({ query: query as ExportVisitsData['query'], parseAs: 'blob' }),
  event: (query) => exportEvents({ query: query as ExportEventsData['query'], parseAs: 'blob' }),
  project: (query) => exportProjects({ query: query as ExportProjectsData['query'], parseAs: 'blob' }),
  funds_report: (query) => exportFundsReports({ query: query as ExportFundsReportsData['query'], parseAs: 'blob' }),
  enterprise: (query) => exportEnterprises({ query: query as ExportEnterprisesData['query'], parseAs: 'blob' }),
};

/** Saves the server's Excel workbook of a list, for the same filters (and order) as on screen. */
export async function exportList(kind: RecordKind, query: Query, fallbackName: string): Promise<void> {
  const filters = { ...query };
  for (const paging of ['cursor', 'limit', 'with_total']) delete filters[paging];
  await downloadFrom(() => EXPORTS[kind](clean(filters)), fallbackName);
}

type HistoryQuery = { cursor?: string; limit: number };
const HISTORY: Record<RecordKind, (id: number, query: HistoryQuery) => Promise<{ data: AuditEventsPublic }>> = {
  lead: (id, query) => getLeadHistory({ path: { lead_id: id }, query }),
  visit: (id, query) => getVisitHistory({ path: { visit_id: id }, query }),
  event: (id, query) => getEventHistory({ path: { event_id: id }, query }),
  project: (id, query) => getProjectHistory({ path: { project_id: id }, query }),
  funds_report: (id, query) => getFundsReportHistory({ path: { report_id: id }, query }),
  enterprise: (id, query) => getEnterpriseHistory({ path: { enterprise_id: id }, query }),
};

/** One page of a record's history (its audit events and those of its child rows), newest first. */
export async function fetchHistory(kind: RecordKind, id: number, cursor?: string): Promise<AuditEventsPublic> {
  return (await HISTORY[kind](id, { cursor, limit: 50 })).data;
}
