// The notices' queries, shared by the bell and the inbox so marking read refreshes both.
import type { NoticePublic } from '../../api';
import { recordPath } from '../../lib/recordPaths';

export const UNREAD_KEY = ['notices', 'unread-count'] as const;
export const LIST_KEY = ['notices', 'list'] as const;
export const SETTINGS_KEY = ['notices', 'settings'] as const;
/** The bell asks this often (and whenever the window regains focus): modest, one small query a minute. */
export const POLL_MS = 60_000;

/** Reminders have no single record: they open the page where the work is. */
const KIND_PAGES: Partial<Record<NoticePublic['kind'], string>> = {
  funds_due: '/funds',
  quarter_close: '/verification',
  target_behind: '/dashboard',
};

/** Where a notice leads: its record's page, else the page of its kind's work, else nowhere. */
export function noticeLink(n: NoticePublic): string | null {
  if (n.record_type && n.record_id) return recordPath(n.record_type, n.record_id);
  return KIND_PAGES[n.kind] ?? null;
}
