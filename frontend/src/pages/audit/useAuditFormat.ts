import { useMemo } from 'react';
import { roleLabel } from '../../i18n/labels';
import { useUnitNames } from '../../hooks/useUnitNames';
import { useI18n } from '../../i18n/I18nProvider';
import { fieldLabels, label } from '../../i18n/labels';
import { formatValue } from '../../lib/format';
import { isUnitType, unitTypeLabel } from '../units/unitTypes';

const ROLES = new Set(['admin', 'office', 'leader', 'unit_editor', 'unit_viewer']);

/** Field names and values of audit snapshots in words a clerk knows (角色 单位填报员, not role unit_editor). */
export function useAuditFormat() {
  const { t, lang } = useI18n();
  const unitName = useUnitNames();
  return useMemo(
    () => ({
      name: (field: string) => label(fieldLabels, field, lang),
      value: (field: string, v: unknown): string => {
        if (field === 'role' && typeof v === 'string' && ROLES.has(v)) return roleLabel(v, t);
        if (field === 'type' && typeof v === 'string' && isUnitType(v)) return t(unitTypeLabel(v));
        if (field === 'unit_id' && typeof v === 'number') return unitName(v);
        return formatValue(v, t('common.yes'), t('common.no'));
      },
    }),
    [t, lang, unitName],
  );
}
