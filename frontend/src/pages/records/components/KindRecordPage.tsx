// The one record page of the unit-entered kinds (leads, visits, events, projects, funds reports), configured per
// kind (kinds/<kind>.tsx): its form (the API calls, body ⇄ form values, the fields), its fields read-only, and
// the slots a kind fills with what only it has (a project's credit shares and funds, a lead's state editor).
import { Form, type FormInstance } from 'antd';
import type { ComponentType, ReactNode } from 'react';
import { useI18n, type Translate } from '../../../i18n/I18nProvider';
import type { MessageKey } from '../../../i18n/messages';
import { RECORD_PAGES } from '../../../lib/recordPaths';
import type { RecordKind, ReviewedKind } from '../lib/api';
import { FormShell, useSaveRecord, type CreateHeaders, type UpdateHeaders } from './RecordForm';
import { RecordActions, type Reviewed } from './RecordActions';
import { RecordFrame, type Meta } from './RecordFrame';
import { RecordHistory } from './RecordHistory';
import { NewRecord, RecordRoute, useRecordView } from './RecordPage';

type Saved = Meta & { id: number; version: number; unit_id: number };

/** A kind's form: how a record becomes form values and the values a body, the API calls, and the fields. */
export interface FormDef<R extends Saved, V, B extends Record<string, unknown>> {
  kind: RecordKind;
  /** Form field names the API's errors may point at. */
  fields: readonly string[];
  testId: string;
  newTitle: MessageKey;
  editTitle: MessageKey;
  create: (body: B, headers: CreateHeaders) => Promise<R>;
  update: (id: number, body: Partial<B>, headers: UpdateHeaders) => Promise<R>;
  toValues: (r: R) => V;
  /** The body to send; `record` is the one edited (none for a new one). */
  toBody: (v: V, record?: R) => B;
  /** A new record's first values (a hook: they may come from the URL or the caller's unit). */
  useNewValues: () => Partial<V>;
  /** Other caches a save touches. */
  extraInvalidate?: string[];
  Fields: ComponentType<{ record?: R; form: FormInstance<V> }>;
}

/** What a kind's slots get: the record, whether the caller owns it, and the form's switch. */
export interface Slot<R> {
  record: R;
  owner: boolean;
  editing: boolean;
  onEdit: () => void;
}

export interface RecordDef<R extends Saved, V, B extends Record<string, unknown>> {
  form: FormDef<R, V, B>;
  load: (id: number) => Promise<R>;
  heading: (r: R, t: Translate) => ReactNode;
  listLabel: MessageKey;
  /** What the owner unit is called for this kind (an event's is its organiser). */
  unitLabel?: MessageKey;
  /** Names of the enterprises the history mentions. */
  enterpriseNames?: (r: R) => Record<number, string>;
  /** The record's fields, read-only (while not editing). */
  Details: ComponentType<{ record: R }>;
  /** The page's actions (default: the review transitions and edit). */
  Actions?: ComponentType<Slot<R>>;
  /** Other caches a transition touches. */
  transitionInvalidate?: string[];
  /** Above the form or the fields. */
  Above?: ComponentType<Slot<R>>;
  /** Beside the entry-and-review card. */
  Side?: ComponentType<Slot<R>>;
  /** Between the fields and the history. */
  Below?: ComponentType<Slot<R>>;
}

export function KindForm<R extends Saved, V, B extends Record<string, unknown>>({ def, record, onDone }: {
  def: FormDef<R, V, B>;
  record?: R;
  onDone: (r?: R) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<V>();
  const newValues = def.useNewValues();
  const saver = useSaveRecord<R, B>({
    kind: def.kind, form, fields: def.fields, record, create: def.create, update: def.update,
    compare: (r) => def.toBody(def.toValues(r), r),
    onSaved: (r) => onDone(r),
    extraInvalidate: def.extraInvalidate,
  });
  return (
    <FormShell<V>
      form={form}
      title={t(record ? def.editTitle : def.newTitle)}
      testId={def.testId}
      initialValues={record ? def.toValues(record) : newValues}
      onFinish={(v) => saver.save(def.toBody(v, record))}
      saver={saver}
      onClose={() => onDone()}
    >
      <def.Fields record={record} form={form} />
    </FormShell>
  );
}

function KindView<R extends Saved, V, B extends Record<string, unknown>>({ def, id }: { def: RecordDef<R, V, B>; id: number }) {
  const { t } = useI18n();
  const kind = def.form.kind;
  const { record, loadState, owner, editing, setEditing } = useRecordView(kind, id, () => def.load(id));
  if (!record) return loadState;
  const slot: Slot<R> = { record, owner, editing, onEdit: () => setEditing(true) };
  const { Actions, Above, Side, Below, Details } = def;

  return (
    <RecordFrame
      title={def.heading(record, t)}
      listPath={RECORD_PAGES[kind]}
      listLabel={t(def.listLabel)}
      unitLabel={def.unitLabel && t(def.unitLabel)}
      record={record}
      owner={owner}
      actions={!editing && (Actions ? <Actions {...slot} /> : (
        <RecordActions kind={kind as ReviewedKind} record={record as R & Reviewed} onEdit={slot.onEdit}
                       extraInvalidate={def.transitionInvalidate} />
      ))}
      side={Side && <Side {...slot} />}
      below={
        <>
          {Below && <Below {...slot} />}
          <RecordHistory kind={kind} id={record.id} version={record.version} enterpriseNames={def.enterpriseNames?.(record)} />
        </>
      }
    >
      {Above && <Above {...slot} />}
      {editing ? <KindForm def={def.form} record={record} onDone={() => setEditing(false)} /> : <Details record={record} />}
    </RecordFrame>
  );
}

/** A kind's record page (made once per kind, at module level): the new record's form at /<records>/new, the
 * record at /<records>/:id. */
export function kindRecordPage<R extends Saved, V, B extends Record<string, unknown>>(def: RecordDef<R, V, B>) {
  const { kind, newTitle } = def.form;
  const NewForm = ({ onDone }: { onDone: (r?: R) => void }) => <KindForm def={def.form} onDone={onDone} />;
  const View = ({ id }: { id: number }) => <KindView def={def} id={id} />;
  return function KindRecordPage() {
    return <RecordRoute kind={kind} create={<NewRecord<R> kind={kind} title={newTitle} Form={NewForm} />} View={View} />;
  };
}
