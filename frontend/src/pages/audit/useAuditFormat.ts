import { useMemo } from 'react';
import { useUnitNames } from '../../hooks/useUnitNames';
import { enumLabel, type EnumName } from '../../i18n/enums';
import { useI18n } from '../../i18n/I18nProvider';
import { fieldLabels, label, roleLabel } from '../../i18n/labels';
import type { MessageKey } from '../../i18n/messages';
import { formatValue } from '../../lib/format';
import { isUnitType, unitTypeLabel } from '../units/unitTypes';

const ROLES = new Set(['admin', 'office', 'leader', 'unit_editor', 'unit_viewer']);

/** Fields whose values are codes of an enum the SPA has labels for. */
const ENUM_FIELDS: Record<string, EnumName> = {
  status: 'status', region: 'region', stage: 'stage', four_new: 'fourNew', advanced_class: 'advancedClass',
  kind: 'eventKind', source: 'leadSource', state: 'leadState', leader_level: 'leaderLevel', period: 'period',
  applies_to: 'appliesTo',
};
const LONG = 120; // a frozen quarter's figures or a rule set: a summary, not the JSON

/** Field names and values of audit snapshots in words a clerk knows (角色 单位填报员, not role unit_editor;
 * 落地单位 东昌府区, not landing_unit_id 2; 已核实, not verified). */
export function useAuditFormat() {
  const { t, lang } = useI18n();
  const unitName = useUnitNames();
  return useMemo(() => {
    const recordField = (field: string) => {
      const key = `f.${field}` as MessageKey;
      const text = t(key);
      return text === key ? undefined : text;
    };
    return {
      name: (field: string) => (fieldLabels[field] ? label(fieldLabels, field, lang) : (recordField(field) ?? field)),
      value: (field: string, v: unknown, { full = false } = {}): string => {
        if (field === 'role' && typeof v === 'string' && ROLES.has(v)) return roleLabel(v, t);
        if ((field === 'type' || field === 'unit_type') && typeof v === 'string' && isUnitType(v)) return t(unitTypeLabel(v));
        if (field.endsWith('unit_id') && typeof v === 'number') return unitName(v);
        if (field.endsWith('unit_ids') && Array.isArray(v)) return v.map((id) => unitName(Number(id))).join('、') || '—';
        const name = ENUM_FIELDS[field];
        if (name && typeof v === 'string') return enumLabel(t, name, v);
        if (field === 'four_new' && Array.isArray(v)) return v.map((c) => enumLabel(t, 'fourNew', String(c))).join('、');
        const text = formatValue(v, t('common.yes'), t('common.no'));
        if (!full && text.length > LONG && /^[[{]/.test(text.trim())) return t('audit.longData', { count: text.length });
        return text;
      },
    };
  }, [t, lang, unitName]);
}
