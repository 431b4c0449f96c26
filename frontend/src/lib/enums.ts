// The API's enum codes as runtime lists (for filters and selects), checked against the generated types.
import type {
  AdvancedClass, AppliesTo, EnterpriseClass, EventKind, FourNew, LeaderLevel, LeadSource, LeadState, Period, Region,
  Stage, Status,
} from '../api';

export const STATUSES = ['draft', 'submitted', 'verified', 'returned'] as const satisfies readonly Status[];
export const REGIONS = ['jingjinji', 'yangtze_delta', 'pearl_delta', 'other'] as const satisfies readonly Region[];
export const STAGES = ['negotiating', 'signed', 'started', 'in_production', 'dropped'] as const satisfies readonly Stage[];
export const FOUR_NEW = ['new_technology', 'new_industry', 'new_business_format', 'new_model'] as const satisfies readonly FourNew[];
export const ADVANCED_CLASSES = [
  'new_generation_it', 'high_end_equipment', 'new_energy_materials', 'medical_health', 'other_advanced',
] as const satisfies readonly AdvancedClass[];
export const ENTERPRISE_CLASSES = [
  'fortune500', 'china500', 'central_soe', 'champion', 'unicorn', 'industry_leader', 'listed', 'internet_plus',
  'association',
] as const satisfies readonly EnterpriseClass[];
export const EVENT_KINDS = ['concentrated', 'promotion', 'other'] as const satisfies readonly EventKind[];
export const LEAD_SOURCES = [
  'chamber', 'agency', 'native_abroad', 'backbone_enterprise', 'own_research', 'other',
] as const satisfies readonly LeadSource[];
export const LEAD_STATES = ['open', 'converted', 'closed'] as const satisfies readonly LeadState[];
export const LEADER_LEVELS = ['city_leader', 'county_leader', 'department_head', 'staff'] as const satisfies readonly LeaderLevel[];
export const PERIODS = ['year', 'quarter', 'plan'] as const satisfies readonly Period[];
export const APPLIES_TO = ['city', 'unit_type', 'unit_type_total', 'unit'] as const satisfies readonly AppliesTo[];

/** Every code of the union is listed (a code added to the API and not here fails the type check). */
type Exhaustive<T extends string, L extends readonly T[]> = [T] extends [L[number]] ? true : never;
export const _checks: [
  Exhaustive<Status, typeof STATUSES>, Exhaustive<Region, typeof REGIONS>, Exhaustive<Stage, typeof STAGES>,
  Exhaustive<FourNew, typeof FOUR_NEW>, Exhaustive<AdvancedClass, typeof ADVANCED_CLASSES>,
  Exhaustive<EnterpriseClass, typeof ENTERPRISE_CLASSES>, Exhaustive<EventKind, typeof EVENT_KINDS>,
  Exhaustive<LeadSource, typeof LEAD_SOURCES>, Exhaustive<LeadState, typeof LEAD_STATES>,
  Exhaustive<LeaderLevel, typeof LEADER_LEVELS>, Exhaustive<Period, typeof PERIODS>, Exhaustive<AppliesTo, typeof APPLIES_TO>,
] = [true, true, true, true, true, true, true, true, true, true, true, true];
