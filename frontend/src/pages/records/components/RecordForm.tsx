// Saving a record form: POST with an Idempotency-Key (a double click or a retry creates one record), PATCH
// with If-Match of the version read (412: someone else changed it — offer a reload), the API's field errors
// beside the fields and anything else in an Alert above the form.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Col, Form, type FormInstance, type FormItemProps } from 'antd';
import { useState, type ReactNode } from 'react';
import { useI18n } from '../../../i18n/I18nProvider';
import { ApiError } from '../../../lib/apiError';
import { COLLECTION, idempotency, ifMatch, useIdempotencyKey, useStoreRecord, type RecordKind } from '../lib/api';
import { applyServerErrors, changedFields } from '../lib/forms';

type Headers = Record<string, string>;

export function useSaveRecord<R extends { id: number; version: number }, B extends Record<string, unknown>>({
  kind, form, fields, record, create, update, onSaved, compare, extraInvalidate = [],
}: {
  kind: RecordKind;
  form: FormInstance;
  /** Form field names the API's errors may point at. */
  fields: readonly string[];
  record?: R;
  create: (body: B, headers: Headers) => Promise<R>;
  update: (id: number, body: Partial<B>, headers: Headers) => Promise<R>;
  onSaved: (r: R, created: boolean) => void;
  /** The record's current values in body shape, for the PATCH diff (default: the record itself). */
  compare?: (r: R) => Record<string, unknown>;
  extraInvalidate?: string[];
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const keyFor = useIdempotencyKey();
  const store = useStoreRecord();
  const [formError, setFormError] = useState<string | null>(null);
  const [stale, setStale] = useState(false);

  const mutation = useMutation({
    mutationFn: async (body: B): Promise<{ r: R; created: boolean } | null> => {
      if (!record) return { r: await create(body, idempotency(keyFor(body))), created: true };
      const patch = changedFields(compare ? compare(record) : (record as unknown as Record<string, unknown>), body);
      if (!Object.keys(patch).length) return null;
      return { r: await update(record.id, patch, ifMatch(record.version)), created: false };
    },
    onMutate: () => {
      setFormError(null);
      setStale(false);
    },
    onSuccess: (res) => {
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
      if (!(err instanceof ApiError) || err.isNetwork) {
        setFormError(t('error.network'));
        return;
      }
      const rest = applyServerErrors(form, err, fields);
      const placed = err.fieldErrors.length > rest.length;
      setFormError(placed && !rest.length ? `${err.detail ?? ''}`.trim() || t('rec.fixErrors') : [err.detail, ...rest].filter(Boolean).join('；'));
    },
  });

  return {
    save: (body: B) => mutation.mutate(body),
    saving: mutation.isPending,
    formError,
    stale,
    reload: async () => {
      setStale(false);
      if (record) await queryClient.invalidateQueries({ queryKey: [COLLECTION[kind], 'detail', record.id] });
    },
  };
}

/** The form's frame: problems above, the fields, Save / Cancel below (Enter in a field saves). */
export function FormShell<V>({ form, onFinish, initialValues, saver, onClose, children, title, testId }: {
  form: FormInstance<V>;
  onFinish: (v: V) => void;
  initialValues?: Partial<V>;
  /** The form's save (useSaveRecord): its problems, the reload after someone else's change, and progress. */
  saver: Pick<ReturnType<typeof useSaveRecord>, 'formError' | 'stale' | 'saving' | 'reload'>;
  /** Leaves the form with nothing saved: Cancel, or the record reloaded after someone else's change. */
  onClose: () => void;
  children: ReactNode;
  title: string;
  testId: string;
}) {
  const { t } = useI18n();
  const { formError, stale, saving } = saver;
  return (
    <section className="zs-rec-card zs-rec-form" aria-label={title}>
      {stale && (
        <Alert
          type="warning"
          showIcon
          role="alert"
          style={{ marginBottom: 12 }}
          message={t('rec.staleTitle')}
          description={t('rec.staleBody')}
          action={<Button size="small" onClick={() => void saver.reload().then(() => onClose())}>{t('rec.reloadRecord')}</Button>}
          data-testid="stale-alert"
        />
      )}
      {formError && <Alert type="error" showIcon role="alert" style={{ marginBottom: 12 }} message={formError} data-testid="form-error" />}
      <Form<V>
        form={form}
        layout="vertical"
        requiredMark="optional"
        initialValues={initialValues}
        onFinish={onFinish}
        onFinishFailed={({ errorFields }) => {
          if (errorFields[0]) form.scrollToField(errorFields[0].name, { block: 'center' });
        }}
        data-testid={testId}
      >
        {children}
        <div className="zs-rec-actions" style={{ marginTop: 8 }}>
          <Button type="primary" htmlType="submit" loading={saving} data-testid="form-save">
            {saving ? t('rec.saving') : t('rec.save')}
          </Button>
          <Button onClick={() => onClose()}>{t('rec.cancel')}</Button>
        </div>
      </Form>
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
