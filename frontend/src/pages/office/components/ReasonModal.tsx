import { Form, Input } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../../../i18n/I18nProvider';
import { FormModal } from './FormModal';
import { reasonRules } from './submit';

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

  return (
    <FormModal
      form={form}
      id="zs-reason-form"
      name="zsReason"
      title={title}
      okText={okText}
      danger={danger}
      fields={['reason']}
      intro={intro && <div style={{ marginBottom: 12 }}>{intro}</div>}
      onSubmit={async ({ reason }) => {
        await onSubmit(reason.trim());
        onClose();
      }}
      onClose={onClose}
    >
      <Form.Item name="reason" label={label} rules={reasonRules(t)}>
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
    </FormModal>
  );
}
