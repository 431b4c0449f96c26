// Adding an enterprise to the shared library without leaving the form: likely duplicates are shown while
// typing (same credit code, or a name that normalises alike) with a button to use the existing one.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Form, List, Modal, Typography } from 'antd';
import { useState } from 'react';
import { createEnterprise, findDuplicateCandidates, type DuplicateCandidate, type EnterpriseCreate, type EnterpriseRef } from '../../../api';
import { useI18n } from '../../../i18n/I18nProvider';
import { ApiError } from '../../../lib/apiError';
import { idempotency, useIdempotencyKey } from '../lib/api';
import { applyServerErrors } from '../lib/forms';
import { useDebounced } from '../lib/hooks';
import { normalizeUscc } from '../lib/uscc';
import { ENTERPRISE_FORM_FIELDS, EnterpriseFields, enterpriseBody, type EnterpriseFormValues } from './EnterpriseFields';

/** Likely duplicates of what is being typed (name ≥ 2 characters, or a complete 18-character code). */
export function useDuplicateCandidates(name: string | undefined, uscc: string | undefined, excludeId?: number) {
  const n = useDebounced((name ?? '').trim(), 350);
  const code = useDebounced(normalizeUscc(uscc ?? ''), 350);
  const query = { name: n.length >= 2 ? n : undefined, uscc: code.length === 18 ? code : undefined };
  const res = useQuery({
    queryKey: ['enterprises', 'duplicates', query],
    queryFn: async () => (await findDuplicateCandidates({ query })).data.data,
    enabled: !!(query.name || query.uscc),
    staleTime: 10_000,
  });
  return (res.data ?? []).filter((c) => c.id !== excludeId);
}

export function DuplicateList({ candidates, onUse, title }: {
  candidates: DuplicateCandidate[];
  onUse?: (c: DuplicateCandidate) => void;
  title?: string;
}) {
  const { t } = useI18n();
  if (!candidates.length) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 12 }}
      message={title ?? t('ent.dupTitle')}
      data-testid="duplicate-candidates"
      description={
        <>
          <div>{t('ent.dupBody')}</div>
          <List
            size="small"
            dataSource={candidates}
            renderItem={(c) => (
              <List.Item
                actions={[
                  onUse ? (
                    <Button key="use" size="small" type="primary" ghost onClick={() => onUse(c)}>
                      {t('ent.dupUse')}
                    </Button>
                  ) : (
                    <a key="open" href={`/enterprises/${c.id}`} target="_blank" rel="noreferrer">{t('ent.dupOpen')}</a>
                  ),
                ]}
              >
                <span>
                  <Typography.Text strong>{c.name}</Typography.Text>
                  {c.uscc && <Typography.Text type="secondary" style={{ marginLeft: 8, fontFamily: 'monospace' }}>{c.uscc}</Typography.Text>}
                  <Typography.Text type="secondary" style={{ marginLeft: 8 }}>（{c.reason}）</Typography.Text>
                </span>
              </List.Item>
            )}
          />
        </>
      }
    />
  );
}

/**
 * The new-enterprise form: duplicate warnings while typing (use the existing one instead), the USCC checked
 * as you type, and after a 409 "possible duplicate" a confirmation that it is a different company.
 */
export function EnterpriseCreateForm({ initialName, onCancel, onDone }: {
  initialName?: string;
  onCancel: () => void;
  onDone: (ref: EnterpriseRef, created: boolean) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<EnterpriseFormValues & { confirm_not_duplicate?: boolean }>();
  const queryClient = useQueryClient();
  const keyFor = useIdempotencyKey();
  const [refused, setRefused] = useState<{ candidates: DuplicateCandidate[]; sameCode: boolean } | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const name = Form.useWatch('name', form);
  const uscc = Form.useWatch('uscc', form);
  const confirmed = Form.useWatch('confirm_not_duplicate', form) as boolean | undefined;
  const live = useDuplicateCandidates(name, uscc);
  const candidates = refused?.candidates.length ? refused.candidates : live;

  const create = useMutation({
    mutationFn: async (body: EnterpriseCreate) =>
      (await createEnterprise({ body, headers: idempotency(keyFor(body)) })).data,
    onSuccess: (e) => {
      void queryClient.invalidateQueries({ queryKey: ['enterprises'] });
      queryClient.setQueryData(['enterprises', 'detail', e.id], e);
      onDone({ id: e.id, name: e.name, uscc: e.uscc }, true);
    },
    onError: (err) => {
      if (err instanceof ApiError && err.status === 409) {
        const list = (err.problem as { candidates?: DuplicateCandidate[] }).candidates ?? [];
        setRefused({ candidates: list, sameCode: err.problem.type?.includes('duplicate-uscc') ?? false });
        setFormError(err.detail ?? null);
        return;
      }
      const rest = applyServerErrors(form, err, ENTERPRISE_FORM_FIELDS);
      setFormError(err instanceof ApiError && !err.isNetwork ? [err.detail, ...rest].filter(Boolean).join('；') || t('error.unknown') : t('error.network'));
    },
  });

  const submit = (v: EnterpriseFormValues & { confirm_not_duplicate?: boolean }) => {
    setFormError(null);
    create.mutate({ ...enterpriseBody(v), confirm_not_duplicate: !!v.confirm_not_duplicate } as EnterpriseCreate);
  };

  const typedCode = normalizeUscc(uscc ?? '');
  const sameCode = !!refused?.sameCode || (typedCode.length === 18 && candidates.some((c) => c.uscc === typedCode));
  const mustConfirm = candidates.length > 0 && !sameCode;

  return (
    <>
      <DuplicateList
        candidates={candidates}
        title={sameCode ? t('ent.dupUsccTitle') : undefined}
        onUse={(c) => onDone({ id: c.id, name: c.name, uscc: c.uscc }, false)}
      />
      {formError && !refused && <Alert type="error" showIcon role="alert" message={formError} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        requiredMark="optional"
        scrollToFirstError
        initialValues={{ name: initialName ?? '', country: '中国' }}
        onValuesChange={(changed: Record<string, unknown>) => {
          if ('name' in changed || 'uscc' in changed) setRefused(null);
        }}
        data-testid="enterprise-form"
      >
        <EnterpriseFields autoFocus />
        {mustConfirm && (
          <Form.Item name="confirm_not_duplicate" valuePropName="checked">
            <Checkbox>{t('ent.confirmNotDup')}</Checkbox>
          </Form.Item>
        )}
        <div className="zs-rec-actions" style={{ justifyContent: 'flex-end' }}>
          <Button onClick={onCancel}>{t('rec.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={create.isPending} disabled={sameCode || (mustConfirm && !confirmed)}
                  data-testid="enterprise-save">
            {t('rec.save')}
          </Button>
        </div>
      </Form>
    </>
  );
}

/** Mounted while open (so every opening starts afresh). */
export function EnterpriseCreateModal({ initialName, onClose, onDone }: {
  initialName?: string;
  onClose: () => void;
  onDone: (ref: EnterpriseRef) => void;
}) {
  const { t } = useI18n();
  return (
    <Modal open title={t('ent.createTitle')} onCancel={onClose} width={640} footer={null} destroyOnHidden>
      <EnterpriseCreateForm initialName={initialName} onCancel={onClose} onDone={(ref) => onDone(ref)} />
    </Modal>
  );
}
