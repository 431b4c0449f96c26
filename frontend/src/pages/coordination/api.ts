// TEMPORARY stand-in for the generated client's coordination calls, written to the agreed API contract; replaced by
// imports from '../../api' once the backend's routes are in openapi.json.
import type { Stage } from '../../api';
import { client } from '../../api/client.gen';

export type CoordinationCategory = 'land' | 'planning' | 'environment' | 'funding' | 'utilities' | 'other';
export type CoordinationStatus = 'raised' | 'assigned' | 'answered' | 'escalated' | 'closed';
export type CoordinationProgress = 'in_progress' | 'done';

export interface CoordinationReplyPublic {
  id: number; unit_id: number; unit_name: string; author: string; text: string; progress: CoordinationProgress; created_at: string;
}
export interface CoordinationItemPublic {
  id: number; project_id: number; project_name: string; raised_by_unit_id: number; raised_by_unit_name: string;
  category: CoordinationCategory; description: string; ask: string; status: CoordinationStatus;
  assignee_unit_id: number | null; assignee_unit_name: string | null; due_date: string | null; overdue: boolean;
  days_open: number; escalated_year: number | null; escalated_quarter: number | null; replies: CoordinationReplyPublic[];
  created_at: string; closed_at: string | null; version: number;
}
export interface CoordinationItemsPublic { data: CoordinationItemPublic[]; next_cursor: string | null }
export interface MeetingItem {
  id: number; category: CoordinationCategory; description: string; ask: string; status: CoordinationStatus;
  raised_by_unit_name: string; assignee_unit_name: string | null; due_date: string | null; overdue: boolean;
  days_open: number; escalated: boolean;
}
export interface MeetingProject {
  project_id: number; project_name: string; stage: Stage; total_investment: string; landing_unit_name: string | null;
  items: MeetingItem[];
}
export interface MeetingListPublic {
  year: number; quarter: number; as_of: string; min_investment: string; stages: Stage[]; projects: MeetingProject[];
}

type H = { headers?: Record<string, string> };
type Path = { path: { item_id: number } };
const opts = { security: [{ scheme: 'bearer' as const, type: 'http' as const }] };
const BASE = '/api/v1/coordination-items';

export const listCoordinationItems = (o: { query?: Record<string, string | number | boolean | undefined> } = {}) =>
  client.get<{ 200: CoordinationItemsPublic }, unknown, true>({ ...opts, url: BASE, ...o });
export const createCoordinationItem = (o: { body: { project_id: number; category: CoordinationCategory; description: string; ask: string } } & H) =>
  client.post<{ 201: CoordinationItemPublic }, unknown, true>({ ...opts, url: BASE, ...o });
export const getCoordinationItem = (o: Path) =>
  client.get<{ 200: CoordinationItemPublic }, unknown, true>({ ...opts, url: `${BASE}/{item_id}`, ...o });
const step = <B,>(name: string) => (o: Path & { body: B } & H) =>
  client.post<{ 200: CoordinationItemPublic }, unknown, true>({ ...opts, url: `${BASE}/{item_id}/${name}`, ...o });
export const assignCoordinationItem = step<{ assignee_unit_id: number; due_date: string }>('assign');
export const replyCoordinationItem = step<{ text: string; progress: CoordinationProgress }>('replies');
export const escalateCoordinationItem = step<{ year: number; quarter: number; reason: string }>('escalate');
export const closeCoordinationItem = step<{ note: string }>('close');
type Q = { query: { year: number; quarter: number } };
export const getMeetingList = (o: Q) =>
  client.get<{ 200: MeetingListPublic }, unknown, true>({ ...opts, url: '/api/v1/coordination/meeting-list', ...o });
export const exportMeetingListXlsx = (o: Q & { parseAs: 'blob' }) =>
  client.get<{ 200: Blob }, unknown, true>({ ...opts, url: '/api/v1/coordination/meeting-list.xlsx', ...o });
export const exportMeetingListPdf = (o: Q & { parseAs: 'blob' }) =>
  client.get<{ 200: Blob }, unknown, true>({ ...opts, url: '/api/v1/coordination/meeting-list.pdf', ...o });
