// The coordination codes in words and colours, and who may do what with an item (the API decides; this only
// chooses which buttons to show).
import { Tag } from 'antd';
import { useAuth } from '../../auth/AuthProvider';
import { enumLabel } from '../../i18n/enums';
import { useI18n } from '../../i18n/I18nProvider';
import type { CoordinationCategory, CoordinationItemPublic, CoordinationProgress, CoordinationStatus } from '../../api';

export const CATEGORIES: CoordinationCategory[] = ['land', 'planning', 'environment', 'funding', 'utilities', 'other'];
export const STATUSES: CoordinationStatus[] = ['raised', 'assigned', 'answered', 'escalated', 'closed'];
export const PROGRESSES: CoordinationProgress[] = ['in_progress', 'done'];
/** The statuses of an item still being worked on. */
export const OPEN_STATUSES: CoordinationStatus[] = ['raised', 'assigned', 'answered', 'escalated'];

const COLOURS: Record<CoordinationStatus, string> = {
  raised: 'gold', assigned: 'processing', answered: 'cyan', escalated: 'magenta', closed: 'success',
};

export function CoordStatusTag({ status }: { status: CoordinationStatus }) {
  const { t } = useI18n();
  return <Tag color={COLOURS[status] ?? 'default'} data-coord-status={status}>{enumLabel(t, 'coordinationStatus', status)}</Tag>;
}

export function OverdueTag() {
  const { t } = useI18n();
  return <Tag color="red" data-testid="coord-overdue">{t('coord.overdue')}</Tag>;
}

/** What the signed-in user may do with `item` (the office's duties, the responsible unit's answer). */
export function useCoordRights(item: CoordinationItemPublic | undefined) {
  const { me, can } = useAuth();
  const open = !!item && item.status !== 'closed';
  const office = can('coordination:manage');
  return {
    canRaise: can('coordination:raise'),
    assign: open && office,
    escalate: open && office && item?.status !== 'escalated',
    close: open && office,
    reply: open && can('coordination:answer') && item?.status !== 'raised' && item?.assignee_unit_id != null
      && item.assignee_unit_id === me?.unit?.id,
  };
}
