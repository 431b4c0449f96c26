import type { ProgressItem } from '../../api';
import type { Translate } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/messages';

/** The city dashboard's views: one per unit type that carries targets, and the city-level targets. */
export const GROUP_TABS = ['territorial', 'industry_group', 'department', 'chamber', 'city'] as const;
export type GroupTab = (typeof GROUP_TABS)[number];
export const DEFAULT_GROUP: GroupTab = 'territorial';

export const isGroupTab = (v: string): v is GroupTab => (GROUP_TABS as readonly string[]).includes(v);

export const groupLabel = (t: Translate, g: GroupTab) => t(`progress.group.${g}` as MessageKey);

/** Unit types of a view (属地单位 = counties and development zones). */
export function typesOf(g: GroupTab): string[] {
  return g === 'territorial' ? ['county', 'dev_zone'] : g === 'city' ? [] : [g];
}

/** The rows of one unit in a view. */
export function unitItems(items: readonly ProgressItem[], g: GroupTab): ProgressItem[] {
  const types = typesOf(g);
  return items.filter((i) => i.unit_id !== null && i.unit_type !== null && types.includes(i.unit_type));
}

/** City-level figures of a view: the city's own targets, or the total of the view's units (e.g. 市直部门合计). */
export function cityItems(items: readonly ProgressItem[], g: GroupTab): ProgressItem[] {
  const city = items.filter((i) => i.unit_id === null);
  if (g === 'city') return city;
  return city.filter((i) => i.applies_to === 'unit_type_total' && i.unit_type !== null &&
    (i.unit_type === g || (g === 'territorial' && ['county', 'dev_zone', 'territorial'].includes(i.unit_type))));
}

/** Whose figure a city-level item is: the city's, or the total of a unit type (e.g. 市直部门合计). */
export function scopeLabel(t: Translate, i: Pick<ProgressItem, 'applies_to' | 'unit_type'>): string {
  if (i.applies_to === 'unit_type_total' && i.unit_type) {
    const type = i.unit_type === 'county' || i.unit_type === 'dev_zone' ? 'territorial' : i.unit_type;
    return t('progress.totalOf', { type: isGroupTab(type) ? groupLabel(t, type) : type });
  }
  return t('progress.group.city');
}
