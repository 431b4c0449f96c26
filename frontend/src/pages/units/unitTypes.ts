import type { UnitType } from '../../api';
import type { MessageKey } from '../../i18n/messages';

export const UNIT_TYPES: UnitType[] = ['office', 'industry_group', 'county', 'dev_zone', 'department', 'chamber'];

export const unitTypeLabel = (type: string): MessageKey => `unitType.${type}` as MessageKey;

export const isUnitType = (v: string): v is UnitType => (UNIT_TYPES as string[]).includes(v);
