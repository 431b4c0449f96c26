// Saving a record form: POST with one Idempotency-Key per form (a double Enter, a double click or a retry creates
// one record), PATCH with If-Match of the version read (412: someone else changed it — keep my changes over the
// new version, or reload), the API's field errors beside the fields and anything else in an Alert. A form saves
// once at a time, Enter in a date field does not save, unsaved edits are kept locally until saved (they survive
// a session ended elsewhere), and leaving a changed form asks first.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Col, Form, Modal, Space, type FormInstance, type FormItemProps } from 'antd';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useBlocker, useLocation, useSearchParams } from 'react-router';
import { useAuth } from '../../../auth/AuthProvider';
import { useI18n } from '../../../i18n/I18nProvider';
import { ApiError } from '../../../lib/apiError';
import { COLLECTION, idempotency, ifMatch, newKey, useStoreRecord, type RecordKind } from '../lib/api';
import { applyServerErrors, changedFields } from '../lib/forms';
import { dropUnsaved, edits, hasUnsaved, keepUnsaved, readUnsaved, unsavedKey } from '../lib/unsaved';

/** Where this form's unsaved edits are kept: the user and the page (not the ?edit=1 switch). */
export function useUnsavedKey(): string {
  const { me } = useAuth();
  const { pathname } = useLocation();
  return unsavedKey(me?.id, pathname);
}

export type CreateHeaders = ReturnType<typeof idempotency>;
export type UpdateHeaders = ReturnType<typeof ifMatch>;

export function useSaveRecord<R extends { id: number; version: number }, B extends Record<string, unknown>>({
  kind, form, fields, record, create, update, onSaved, compare, extraInvalidate = [],
}: {
  kind: RecordKind;
  form: FormInstance;
  /** Form field names the API's errors may point at. */
  fields: readonly string[];
  record?: R;
  create: (body: B, headers: CreateHeaders) => Promise<R>;
  update: (id: number, body: Partial<B>, headers: UpdateHeaders) => Promise<R>;
  onSaved: (r: R, created: boolean) => void;
  /** The record's current values in body shape, for the PATCH diff (default: the record itself). */
  compare?: (r: R) => Record<string, unknown>;
  extraInvalidate?: string[];
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const store = useStoreRecord();
  const unsaved = useUnsavedKey();
  // one key for the form's life: however often it is sent (Enter twice, a retry), the API creates one record
  const formKey = useRef(newKey());
  const busy = useRef(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [stale, setStale] = useState(false);

  const mutation = useMutation({
    mutationFn: async (body: B): Promise<{ r: R; created: boolean } | null> => {
      if (!record) return { r: await create(body, idempotency(formKey.current)), created: true };
      const patch = changedFields(compare ? compare(record) : (record as unknown as Record<string, unknown>), body);
      if (!Object.keys(patch).length) return null;
      return { r: await update(record.id, patch, ifMatch(record.version)), created: false };
    },
    onMutate: () => {
      setFormError(null);
      setStale(false);
    },
    onSettled: () => {
      busy.current = false;
    },
    onSuccess: (res) => {
      dropUnsaved(unsaved);
      if (!res) {
        void message.info(t('rec.noChanges'));
        if (record) onSaved(record, false);
        return;
      }
      store(kind, res.r, extraInvalidate);
      void message.success(t(res.created ? 'rec.created' : 'rec.saved'));
      onSaved(res.r, res.created);
    },
    onError: (err) => {
      if (err instanceof ApiError && err.status === 412) {
        setStale(true);
        return;
      }
      if (err instanceof ApiError && err.status === 401) {
        // the session ended elsewhere: the edits are kept (FormShell), the app shows the login page
        void message.warning(t('rec.sessionEnded'));
        return;
      }
      if (!(err instanceof ApiError) || err.isNetwork) {
        setFormError(t('error.network'));
        return;
      }
      const rest = applyServerErrors(form, err, fields);
      const placed = err.fieldErrors.length > rest.length;
      setFormError(placed && !rest.length ? `${err.detail ?? ''}`.trim() || t('rec.fixErrors') : [err.detail, ...rest].filter(Boolean).join('；'));
    },
  });

  const detail = record ? [COLLECTION[kind], 'detail', record.id] : null;
  return {
    /** Saves unless a save is already running (a second Enter before the answer does nothing). */
    save: (body: B) => {
      if (busy.current) return;
      busy.current = true;
      mutation.mutate(body);
    },
    saving: mutation.isPending,
    formError,
    stale,
    /** Someone else's change: the record as it is now (the form closes; the edits are given up). */
    reload: async () => {
      setStale(false);
      if (detail) await queryClient.invalidateQueries({ queryKey: detail });
    },
    /** Someone else's change: the record as it is now, under the form (its ETag for the next save), form kept. */
    refresh: async () => {
      if (detail) await queryClient.refetchQueries({ queryKey: detail });
      setStale(false);
    },
  };
}

/** The form's frame: problems above, the fields, Save / Cancel below (Enter in a text field saves, in a date not). */
export function FormShell<V>({ form, onFinish, initialValues, saver, onClose, children, title, testId }: {
  form: FormInstance<V>;
  onFinish: (v: V) => void;
  initialValues?: Partial<V>;
  /** The form's save (useSaveRecord): its problems, someone else's change, and progress. */
  saver: Pick<ReturnType<typeof useSaveRecord>, 'formError' | 'stale' | 'saving' | 'reload' | 'refresh'>;
  /** Leaves the form with nothing saved: Cancel, or the record reloaded after someone else's change. */
  onClose: () => void;
  children: ReactNode;
  title: string;
  testId: string;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { formError, stale, saving } = saver;
  const key = useUnsavedKey();
  const [restored, setRestored] = useState(() => Object.keys(readUnsaved(key) ?? {}).length > 0);
  const initial = (initialValues ?? {}) as Record<string, unknown>;
  const initialText = JSON.stringify(initial);
  const reapply = useRef<Record<string, unknown> | null>(null);
  const current = () => form.getFieldsValue(true) as Record<string, unknown>;
  const keep = useCallback(() => keepUnsaved(key, edits(initial, current())), [key, initialText]); // eslint-disable-line react-hooks/exhaustive-deps

  // fields a refused submit said are missing (RecordActions): marked beside each field when the form opens
  const [params] = useSearchParams();
  const missing = params.get('missing');
  useEffect(() => {
    if (!missing) return;
    form.setFields(missing.split(',').filter(Boolean).map((name: string) => ({ name, errors: [t('rec.requiredToSubmit')] })) as never);
  }, [missing]); // eslint-disable-line react-hooks/exhaustive-deps

  // edits kept from before (a session that ended, a closed tab): put back over the record as it is now
  useEffect(() => {
    const kept = readUnsaved(key);
    if (kept && Object.keys(kept).length) form.setFieldsValue(kept as Parameters<typeof form.setFieldsValue>[0]);
  }, [key]); // eslint-disable-line react-hooks/exhaustive-deps

  // "keep my changes": once the newer version is the form's base, the user's edits go back on top of it
  useEffect(() => {
    if (!reapply.current) return;
    const mine = reapply.current;
    reapply.current = null;
    form.setFieldsValue({ ...initial, ...mine } as Parameters<typeof form.setFieldsValue>[0]);
    keep();
  }, [initialText]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (!hasUnsaved(key)) return;
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [key]);

  const blocker = useBlocker(({ currentLocation, nextLocation }) =>
    hasUnsaved(key) && nextLocation.pathname !== '/login'
    && (nextLocation.pathname !== currentLocation.pathname || nextLocation.search !== currentLocation.search));

  const keepMine = async () => {
    reapply.current = edits(initial, current());
    await saver.refresh();
    void message.info(t('rec.keptMine'));
  };
  const close = () => {
    dropUnsaved(key);
    onClose();
  };

  return (
    <section
      className="zs-rec-card zs-rec-form"
      aria-label={title}
      onKeyDown={(e) => {
        // Enter picks a date; it does not save the half-filled form
        if (e.key === 'Enter' && (e.target as HTMLElement).closest?.('.ant-picker')) e.preventDefault();
      }}
    >
      {restored && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          message={t('rec.restored')}
          action={
            <Button size="small" onClick={() => { form.resetFields(); dropUnsaved(key); setRestored(false); }}>
              {t('rec.discardRestored')}
            </Button>
          }
          data-testid="restored-alert"
        />
      )}
      {formError && <Alert type="error" showIcon role="alert" style={{ marginBottom: 12 }} message={formError} data-testid="form-error" />}
      <Form<V>
        form={form}
        layout="vertical"
        requiredMark="optional"
        initialValues={initialValues}
        onFinish={onFinish}
        onValuesChange={keep}
        onFinishFailed={({ errorFields }) => {
          if (errorFields[0]) form.scrollToField(errorFields[0].name, { block: 'center' });
        }}
        data-testid={testId}
      >
        {children}
        {stale && (
          <Alert
            type="warning"
            showIcon
            role="alert"
            style={{ margin: '8px 0' }}
            message={t('rec.staleTitle')}
            description={t('rec.staleBodyKeep')}
            action={
              <Space direction="vertical">
                <Button size="small" type="primary" onClick={() => void keepMine()} data-testid="stale-keep">{t('rec.keepMine')}</Button>
                <Button size="small" onClick={() => { dropUnsaved(key); void saver.reload().then(() => onClose()); }}>
                  {t('rec.reloadRecord')}
                </Button>
              </Space>
            }
            data-testid="stale-alert"
          />
        )}
        <div className="zs-rec-actions" style={{ marginTop: 8 }}>
          <Button type="primary" htmlType="submit" loading={saving} disabled={saving} data-testid="form-save">
            {saving ? t('rec.saving') : t('rec.save')}
          </Button>
          <Button onClick={close}>{t('rec.cancel')}</Button>
        </div>
      </Form>
      <Modal
        open={blocker.state === 'blocked'}
        title={t('rec.leaveTitle')}
        okText={t('rec.leave')}
        cancelText={t('rec.stay')}
        okButtonProps={{ danger: true }}
        onOk={() => { dropUnsaved(key); blocker.proceed?.(); }}
        onCancel={() => blocker.reset?.()}
      >
        {t('rec.leaveConfirm')}
      </Modal>
    </section>
  );
}

/** A field in a <Row gutter={16}> of a record form: a third of the row (`md` of 24 columns), all of it on a phone. */
export function ItemCol({ md = 8, ...item }: FormItemProps & { md?: number }) {
  return (
    <Col xs={24} md={md}>
      <Form.Item {...item} />
    </Col>
  );
}
