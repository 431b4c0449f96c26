// What a kind's definition is written with: the list's filters and columns, the record page's slots, the form's
// parts. One import for every kinds/<kind>.tsx.
export {
  amountRangeFilter, clusterFilter, dateRangeFilter, enterpriseClassFilter, enterpriseFilter, enumFilter, linkedFilter, ownerUnitFilter,
  searchFilter, statusFilter, textFilter, unitFilter, type FilterSpec,
} from '../components/FilterBar';
export { dateLinkColumn, enterpriseColumn, enumColumn, moneyColumn, statusColumn, unitColumns } from '../components/columns';
export type { RecordDef, Slot } from '../components/KindRecordPage';
export { idParam, newestFirst, pageOf, type ListDef } from '../components/RecordListPage';
export { ItemCol } from '../components/RecordForm';
export { FieldList } from '../components/RecordFrame';
export { useDateRules } from '../lib/dates';
export { fromDay, moneyOrNull, toDay, toMonth, useRequired } from '../lib/forms';
export { TERRITORIAL, useClusters, useRecordScope } from '../lib/hooks';
