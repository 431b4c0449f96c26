// Table columns several record lists share.
import type { TableColumnType } from 'antd';
import { StatusTag } from '../../../components/StatusTag';
import type { Translate } from '../../../i18n/I18nProvider';

/** A reviewed record's status, with the office's reason on a returned one. */
export function statusColumn<T extends { return_reason?: string | null }>(t: Translate): TableColumnType<T> {
  return { title: t('rec.status'), dataIndex: 'status', width: 90, render: (s: string, r) => <StatusTag status={s} reason={r.return_reason} /> };
}
