import { Alert, Form, Input, Modal } from 'antd';
import { useState, type ReactNode } from 'react';
import { useI18n } from '../../../i18n/I18nProvider';
import { problemText, showFieldErrors } from './problems';

/**
 * Asks for a reason (required) and runs `onSubmit` with it. The API's per-field error for `reason` shows beside
 * the field; anything else shows above it. Ctrl+Enter submits from the text area.
 */
export function ReasonModal({ title, intro, label, okText, danger, onSubmit, onClose }: {
  title: ReactNode;
  intro?: ReactNode;
  label: string;
  okText: string;
  danger?: boolean;
  onSubmit: (reason: string) => Promise<unknown>;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async ({ reason }: { reason: string }) => {
    setBusy(true);
    setError(null);
    try {
      await onSubmit(reason.trim());
      onClose();
    } catch (err) {
      if (!showFieldErrors(form, err, ['reason'])) setError(problemText(err, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={title}
      okText={okText}
      okButtonProps={{ danger, loading: busy, htmlType: 'submit', form: 'zs-reason-form' }}
      cancelText={t('office.common.cancel')}
      onCancel={onClose}
      destroyOnHidden
    >
      {intro && <div style={{ marginBottom: 12 }}>{intro}</div>}
      {error && <Alert type="error" showIcon role="alert" message={error} style={{ marginBottom: 12 }} />}
      <Form form={form} id="zs-reason-form" name="zsReason" layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item
          name="reason"
          label={label}
          rules={[
            { required: true, whitespace: true, message: t('office.common.reasonRequired') },
            { max: 1000, message: t('office.common.tooLong', { max: 1000 }) },
          ]}
        >
          <Input.TextArea
            autoFocus
            rows={3}
            maxLength={1000}
            showCount
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) form.submit();
            }}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
