// A record list's filters as data: each filter names the URL keys it keeps (and how each goes to the API) and
// draws its control. A kind lists its filters once (kinds/<kind>.tsx); the list page derives the URL keys, the
// API query and the toolbar from that one list.
import { Fragment, type ReactNode } from 'react';
import type { UnitType } from '../../../api';
import type { EnumName } from '../../../i18n/enums';
import { useI18n, type Translate } from '../../../i18n/I18nProvider';
import type { MessageKey } from '../../../i18n/messages';
import { useRecordScope } from '../lib/hooks';
import {
  AmountRangeFilter, ClusterFilter, DateRangeFilter, EnterpriseClassFilter, EnterpriseFilter, EnumFilter, SearchFilter, StatusFilter,
  TextFilter, UnitFilter,
} from './Filters';

/** How a filter kept in the URL goes to the API: as it is, as an id, or as a flag ('true'). */
export type FilterType = 'text' | 'id' | 'flag';
export type FilterValues = Record<string, string>;
export type Update = (patch: Record<string, string | null>) => void;
/** A filter control's value and its change (an empty value removes the filter from the URL). */
export type Bind = (key: string) => { value: string; onChange: (v: string) => void };

export interface FilterContext {
  values: FilterValues;
  update: Update;
  bind: Bind;
  t: Translate;
  scope: ReturnType<typeof useRecordScope>;
}

export interface FilterSpec {
  /** The URL keys this filter keeps, in the order the API gets them. */
  keys: Record<string, FilterType>;
  /** Its control (none for a filter only links set, e.g. a visit's lead). */
  render: (c: FilterContext) => ReactNode;
}

/** Every URL key of a list's filters, with how it goes to the API. */
export function filterKeys(specs: readonly FilterSpec[]): Record<string, FilterType> {
  return Object.assign({}, ...specs.map((s) => s.keys)) as Record<string, FilterType>;
}

export function FilterBar({ specs, values, update, bind }: {
  specs: readonly FilterSpec[];
  values: FilterValues;
  update: Update;
  bind: Bind;
}) {
  const { t } = useI18n();
  const scope = useRecordScope();
  const context = { values, update, bind, t, scope };
  return <>{specs.map((s, i) => <Fragment key={i}>{s.render(context)}</Fragment>)}</>;
}

/** The list's search box (`q`). */
export const searchFilter = (placeholder: MessageKey, width?: number): FilterSpec => ({
  keys: { q: 'text' },
  render: ({ bind, t }) => <SearchFilter {...bind('q')} placeholder={t(placeholder)} width={width} />,
});

/** A unit; `cityWide` ones only for callers who see every unit's records. */
export const unitFilter = (key: string, label: MessageKey, opts: { cityWide?: boolean; types?: readonly UnitType[]; width?: number } = {}): FilterSpec => ({
  keys: { [key]: 'id' },
  render: ({ bind, t, scope }) =>
    (!opts.cityWide || scope.cityWide) && <UnitFilter label={t(label)} {...bind(key)} types={opts.types} width={opts.width} />,
});

/** The owner unit (`unit_id`), for callers who see every unit's records. */
export const ownerUnitFilter = (width?: number, label: MessageKey = 'rec.unitFilter') =>
  unitFilter('unit_id', label, { cityWide: true, width });

export const enumFilter = <C extends string>(key: string, label: MessageKey, name: EnumName, codes: readonly C[], width: number): FilterSpec => ({
  keys: { [key]: 'text' },
  render: ({ bind, t }) => <EnumFilter label={t(label)} name={name} codes={codes} {...bind(key)} width={width} />,
});

export const statusFilter = (): FilterSpec => ({ keys: { status: 'text' }, render: ({ bind }) => <StatusFilter {...bind('status')} /> });

export const dateRangeFilter = (from: string, to: string, label: MessageKey, month = false): FilterSpec => ({
  keys: { [from]: 'text', [to]: 'text' },
  render: ({ values, update, t }) => (
    <DateRangeFilter label={t(label)} month={month} from={values[from]} to={values[to]}
                     onChange={(a, b) => update({ [from]: a, [to]: b })} />
  ),
});

export const enterpriseFilter = (): FilterSpec => ({
  keys: { enterprise_id: 'id' },
  render: ({ bind }) => <EnterpriseFilter {...bind('enterprise_id')} />,
});

export const enterpriseClassFilter = (width?: number, testId?: string): FilterSpec => ({
  keys: { enterprise_class: 'text' },
  render: ({ bind }) => <EnterpriseClassFilter {...bind('enterprise_class')} width={width} testId={testId} />,
});

export const clusterFilter = (): FilterSpec => ({
  keys: { cluster_id: 'id' },
  render: ({ bind, t }) => <ClusterFilter label={t('f.cluster_id')} {...bind('cluster_id')} />,
});

export const amountRangeFilter = (): FilterSpec => ({
  keys: { amount_min: 'text', amount_max: 'text' },
  render: ({ values, update }) => (
    <AmountRangeFilter min={values.amount_min} max={values.amount_max} onChange={(min, max) => update({ amount_min: min, amount_max: max })} />
  ),
});

/** An exact-match text field (an enterprise's province, city, industry). */
export const textFilter = (key: string, label: MessageKey): FilterSpec => ({
  keys: { [key]: 'text' },
  render: ({ bind, t }) => <TextFilter label={t(label)} {...bind(key)} />,
});

/** A filter only links set (a visit's lead): kept in the URL and sent, with no control. */
export const linkedFilter = (key: string, type: FilterType = 'id'): FilterSpec => ({ keys: { [key]: type }, render: () => null });
