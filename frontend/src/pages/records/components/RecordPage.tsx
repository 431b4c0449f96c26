// What every record page does around its form and its fields: the route (/<records>/new, /<records>/:id,
// anything else not found), the new-record page, and the record view's state — the record loaded, whether
// the caller owns it and may edit it now, and the ?edit=1 switch between its fields and its form.
import { useQuery } from '@tanstack/react-query';
import type { ComponentType, ReactNode } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { PageHeader } from '../../../components/PageHeader';
import { useI18n } from '../../../i18n/I18nProvider';
import type { MessageKey } from '../../../i18n/messages';
import { RECORD_PAGES } from '../../../lib/recordPaths';
import { COLLECTION, type RecordKind } from '../lib/api';
import { useCanEdit, useIsOwner } from './RecordActions';
import { RecordLoadState, RecordNotFound } from './RecordStates';

/** The page of a kind of record: `create` at /<records>/new, the record at /<records>/:id, else "not found". */
export function RecordRoute({ kind, create, View }: {
  kind: RecordKind;
  create: ReactNode;
  View: ComponentType<{ id: number }>;
}) {
  const { id } = useParams();
  if (id === undefined) return <>{create}</>;
  const n = Number(id);
  return Number.isInteger(n) && n > 0 ? <View key={n} id={n} /> : <RecordNotFound listPath={RECORD_PAGES[kind]} />;
}

/** A new record: its form under the title; once saved the record's page takes its place, cancelled the list. */
export function NewRecord<R extends { id: number }>({ kind, title, Form }: {
  kind: RecordKind;
  title: MessageKey;
  Form: ComponentType<{ onDone: (r?: R) => void }>;
}) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const list = RECORD_PAGES[kind];
  return (
    <>
      <PageHeader title={t(title)} />
      <Form onDone={(r) => navigate(r ? `${list}/${r.id}` : list, { replace: !!r })} />
    </>
  );
}

/** A record read from the API (the cache entry saving and transitions update), and what to show until then. */
export function useRecord<R>(kind: RecordKind, id: number, load: () => Promise<R>) {
  const query = useQuery({ queryKey: [COLLECTION[kind], 'detail', id], queryFn: load });
  return {
    record: query.data,
    /** Loading, not found (another unit's record too) or failed: for the page while there is no record. */
    loadState: <RecordLoadState query={query} listPath={RECORD_PAGES[kind]} />,
  };
}

/** ?edit=1 shows the form, for a caller who may edit; opening it adds a history entry, closing it replaces it. */
export function useEditSwitch(canEdit: boolean) {
  const [params, setParams] = useSearchParams();
  return {
    editing: canEdit && params.get('edit') === '1',
    setEditing: (on: boolean) => setParams(on ? { edit: '1' } : {}, { replace: !on }),
  };
}

/** A unit's record: loaded, its owner (a writer of the unit that entered it), who may edit it now, and the switch. */
export function useRecordView<R extends { unit_id: number; status?: string }>(kind: RecordKind, id: number,
  load: () => Promise<R>) {
  const { record, loadState } = useRecord(kind, id, load);
  const owner = useIsOwner(record);
  const canEdit = useCanEdit(record);
  const { editing, setEditing } = useEditSwitch(canEdit);
  return { record, loadState, owner, editing, setEditing };
}
