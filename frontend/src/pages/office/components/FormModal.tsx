import { Alert, Form, Modal, type FormInstance, type FormProps } from 'antd';
import type { CSSProperties, ReactNode } from 'react';
import { useI18n } from '../../../i18n/I18nProvider';
import { useFormSubmit } from './submit';

/** A write's refusal that belongs to no field, above the form. */
export function SubmitError({ error }: { error: string | null }) {
  return error ? <Alert type="error" showIcon role="alert" message={error} style={{ marginBottom: 12 }} /> : null;
}

/**
 * A dialog whose OK button submits its form (id `id`). Submitting runs `onSubmit` with the values while the button
 * spins; the API's per-field errors for `fields` (API names mapped by `rename`) show beside the fields, anything
 * else between `intro` and the form. Without `onSubmit` (the form is not ready) submitting does nothing.
 */
export function FormModal<V>({
  form, id, name, title, okText, danger, okDisabled, width, style, fields, rename, initialValues, formProps,
  intro, below, onSubmit, onClose, children,
}: {
  form: FormInstance<V>;
  id: string;
  name: string;
  title: ReactNode;
  okText: string;
  danger?: boolean;
  okDisabled?: boolean;
  width?: number;
  style?: CSSProperties;
  fields: readonly string[];
  rename?: Record<string, string>;
  initialValues?: FormProps<V>['initialValues'];
  /** the form's layout (vertical unless given) and style */
  formProps?: Pick<FormProps<V>, 'layout' | 'style'>;
  intro?: ReactNode;
  /** below the form, inside the dialog */
  below?: ReactNode;
  onSubmit: ((values: V) => Promise<unknown>) | undefined;
  onClose: () => void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const { busy, error, submit } = useFormSubmit(form, fields, rename);

  return (
    <Modal
      open
      width={width}
      style={style}
      title={title}
      okText={okText}
      okButtonProps={{ danger, loading: busy, htmlType: 'submit', form: id, disabled: okDisabled }}
      cancelText={t('office.common.cancel')}
      onCancel={onClose}
      destroyOnHidden
    >
      {intro}
      <SubmitError error={error} />
      <Form<V>
        form={form}
        id={id}
        name={name}
        layout="vertical"
        initialValues={initialValues}
        onFinish={(v) => {
          if (onSubmit) void submit(() => onSubmit(v));
        }}
        {...formProps}
      >
        {children}
      </Form>
      {below}
    </Modal>
  );
}
