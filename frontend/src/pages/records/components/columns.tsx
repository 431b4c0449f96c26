// Table columns several record lists share.
import type { TableColumnType } from 'antd';
import { Link } from 'react-router';
import { StatusTag } from '../../../components/StatusTag';
import { enumLabel, type EnumName } from '../../../i18n/enums';
import type { Translate } from '../../../i18n/I18nProvider';
import type { MessageKey } from '../../../i18n/messages';
import { formatMoney } from '../../../lib/money';

/** A reviewed record's status, with the office's reason on a returned one. */
export function statusColumn<T extends { return_reason?: string | null }>(t: Translate): TableColumnType<T> {
  return { title: t('rec.status'), dataIndex: 'status', width: 90, render: (s: string, r) => <StatusTag status={s} reason={r.return_reason} /> };
}

/** The record's date (sortable by its key), as the link to the record. */
export function dateLinkColumn<T extends { id: number }>(t: Translate, field: keyof T & string, base: string): TableColumnType<T> {
  return {
    title: t(`f.${field}` as MessageKey), dataIndex: field, key: field, width: 110, className: 'zs-nowrap',
    render: (d: string, r) => <Link to={`${base}/${r.id}`}>{d}</Link>,
  };
}

/** The one enterprise a record is about. */
export function enterpriseColumn<T extends { enterprise_id: number; enterprise?: { name: string } | null }>(t: Translate): TableColumnType<T> {
  return { title: t('rec.enterprise'), key: 'enterprise', render: (_: unknown, r) => r.enterprise?.name ?? `#${r.enterprise_id}` };
}

/** A code shown by its label. */
export function enumColumn<T>(t: Translate, field: keyof T & string, name: EnumName, width: number): TableColumnType<T> {
  return { title: t(`f.${field}` as MessageKey), dataIndex: field, width, render: (c: string) => enumLabel(t, name, c) };
}

/** A unit's name (the owner unit's by default); `cityWide` says whether the caller sees every unit's records. */
export function unitColumns<T>(t: Translate, unitName: (id: number) => string, width: number,
  { field, title = 'rec.unit', responsive, show = true }: {
    field?: keyof T & string; title?: MessageKey; responsive?: TableColumnType<T>['responsive']; show?: boolean;
  } = {}): TableColumnType<T>[] {
  if (!show) return [];
  return [{ title: t(title), dataIndex: field ?? 'unit_id', width, responsive, render: (u: number | null) => (u ? unitName(u) : '—') }];
}

/** An amount in 万元, right-aligned. */
export function moneyColumn<T>(t: Translate, field: keyof T & string, width: number,
  responsive?: TableColumnType<T>['responsive']): TableColumnType<T> {
  return {
    title: t(`f.${field}` as MessageKey), dataIndex: field, align: 'right', width, responsive,
    render: (v: string | null) => <span className="zs-rec-money">{v ? formatMoney(v) : '—'}</span>,
  };
}
