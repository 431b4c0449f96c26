import { useMutation } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { overrideProjectFunds, type ProjectPublic } from '../../../api';
import { useI18n } from '../../../i18n/I18nProvider';
import { ApiError } from '../../../lib/apiError';
import { idempotency, useIdempotencyKey, useStoreRecord } from '../lib/api';

/** The office lets a project's reported funds pass its total investment, with a reason. */
export function OverrideButton({ project }: { project: ProjectPublic }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const store = useStoreRecord();
  const keyFor = useIdempotencyKey();
  const run = useMutation({
    mutationFn: async (reason: string) =>
      (await overrideProjectFunds({ path: { project_id: project.id }, body: { reason }, headers: idempotency(keyFor({ id: project.id, reason })) })).data,
    onSuccess: (p) => {
      store('project', p);
      void message.success(t('project.overrideDone'));
      setOpen(false);
    },
    onError: (err) => void message.error(err instanceof ApiError ? (err.detail ?? t('error.unknown')) : t('error.network')),
  });
  return (
    <>
      <Button onClick={() => { form.resetFields(); setOpen(true); }}>{t('project.override')}</Button>
      <Modal open={open} title={t('project.override')} onCancel={() => setOpen(false)} onOk={() => form.submit()}
             okText={t('rec.act.ok')} cancelText={t('rec.cancel')} okButtonProps={{ loading: run.isPending }} destroyOnHidden>
        <p>{t('project.overrideHelp')}</p>
        <Form form={form} layout="vertical" onFinish={(v) => run.mutate(v.reason.trim())}>
          <Form.Item name="reason" label={t('rec.act.reasonLabel')} rules={[{ required: true, whitespace: true, message: t('rec.act.reasonRequired') }, { max: 1000 }]}>
            <Input.TextArea rows={3} autoFocus maxLength={1000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
