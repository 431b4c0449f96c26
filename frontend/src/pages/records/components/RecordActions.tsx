// What can be done with a record, by its status and the caller: edit, submit, withdraw (the unit that entered
// it), verify, return, reopen (the office, never for its own records). Every action goes through the API's
// transitions; the answer replaces the cached record and the lists are refreshed.
import { CheckOutlined, DeleteOutlined, EditOutlined, RollbackOutlined, SendOutlined, UndoOutlined, UnlockOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Tooltip } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useI18n } from '../../../i18n/I18nProvider';
import type { MessageKey } from '../../../i18n/messages';
import { ApiError } from '../../../lib/apiError';
import { RECORD_PAGES } from '../../../lib/recordPaths';
import {
  COLLECTION, deleteRecord, transitionRecord, useIdempotencyKey, useStoreRecord, type ReviewedKind, type TransitionAction,
} from '../lib/api';
import { useRecordScope } from '../lib/hooks';

export interface Reviewed {
  id: number;
  unit_id: number;
  status: string;
  created_by: string;
  version: number;
  /** Set once submitted (withdrawing keeps it): only a draft never submitted may be deleted. */
  submitted_at?: string | null;
}

/** Is the caller a writer of the unit that entered the record? */
export function useIsOwner(r: { unit_id: number } | undefined): boolean {
  const scope = useRecordScope();
  return !!r && scope.canWrite && r.unit_id === scope.myUnitId;
}

/** May the caller edit this record now? (the entering unit's writers, while draft or returned) */
export function useCanEdit(r: { unit_id: number; status?: string } | undefined): boolean {
  const owner = useIsOwner(r);
  return owner && (r!.status === undefined || r!.status === 'draft' || r!.status === 'returned');
}

const ICONS: Record<TransitionAction, React.ReactNode> = {
  submit: <SendOutlined />, withdraw: <UndoOutlined />, verify: <CheckOutlined />, return: <RollbackOutlined />,
  reopen: <UnlockOutlined />,
};
const CONFIRM: Partial<Record<TransitionAction, MessageKey>> = {
  submit: 'rec.act.confirmSubmit', withdraw: 'rec.act.confirmWithdraw', verify: 'rec.act.confirmVerify',
};

export function RecordActions<R extends Reviewed>({ kind, record, onEdit, onChanged, onDeleted, extraInvalidate = [] }: {
  kind: ReviewedKind;
  record: R;
  onEdit?: () => void;
  onChanged?: (r: R) => void;
  /** After deleting the draft (default: the kind's list, as the record's page is gone). */
  onDeleted?: () => void;
  /** Other caches the change touches (e.g. a funds report changes its project's running total). */
  extraInvalidate?: string[];
}) {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const scope = useRecordScope();
  const queryClient = useQueryClient();
  const keyFor = useIdempotencyKey();
  const store = useStoreRecord();
  const [reasonFor, setReasonFor] = useState<'return' | 'reopen' | null>(null);
  const [form] = Form.useForm<{ reason: string }>();

  const owner = scope.canWrite && record.unit_id === scope.myUnitId;
  const own = record.unit_id === scope.myUnitId && (record.created_by === '' || record.created_by === scope.myName);
  const editable = owner && (record.status === 'draft' || record.status === 'returned');

  const navigate = useNavigate();
  const remove = useMutation({
    mutationFn: () => deleteRecord(kind, record.id),
    onSuccess: () => {
      // the record and its history are gone: neither is fetched again (a 404); leave, then refresh the lists
      queryClient.removeQueries({ queryKey: [COLLECTION[kind], 'detail', record.id] });
      void message.success(t('rec.deleted'));
      if (onDeleted) onDeleted();
      else navigate(RECORD_PAGES[kind], { replace: true });
      for (const c of [COLLECTION[kind], ...extraInvalidate]) {
        void queryClient.invalidateQueries({ queryKey: [c], predicate: (q) => q.queryKey[2] !== record.id });
      }
    },
    onError: (err) => {
      void message.error(err instanceof ApiError && !err.isNetwork ? (err.detail ?? t('error.unknown')) : t('error.network'));
    },
  });
  const askDelete = () =>
    modal.confirm({
      title: t('rec.delete'),
      content: t('rec.deleteConfirm'),
      okText: t('rec.delete'),
      okButtonProps: { danger: true },
      cancelText: t('rec.cancel'),
      onOk: () => remove.mutateAsync().catch(() => undefined),
    });

  const run = useMutation({
    mutationFn: async ({ action, reason }: { action: TransitionAction; reason: string | null }) =>
      (await transitionRecord(kind, record.id, action, reason,
        keyFor({ kind, id: record.id, version: record.version, action, reason }))) as unknown as R,
    onSuccess: (updated, { action }) => {
      store(kind, updated, extraInvalidate);
      void queryClient.invalidateQueries({ queryKey: ['verification'] });
      void message.success(t(`rec.act.done.${action}` as MessageKey));
      setReasonFor(null);
      onChanged?.(updated);
    },
    onError: (err) => {
      // submitting needs fields the draft lacks: open the form with each of them marked beside the field
      // (missing evidence is named by the attachments panel below, not by a field of the form)
      const fields = err instanceof ApiError ? err.fieldErrors.filter((e) => e.field !== 'attachments') : [];
      if (err instanceof ApiError && err.problem.type === '/problems/incomplete' && editable && fields.length) {
        const missing = [...new Set(fields.map((e) => e.field))].join(',');
        void navigate({ search: `?edit=1&missing=${encodeURIComponent(missing)}` });
      }
      void message.error(err instanceof ApiError && !err.isNetwork ? (err.detail ?? t('error.unknown')) : t('error.network'));
    },
  });

  const ask = (action: TransitionAction) => {
    if (action === 'return' || action === 'reopen') {
      form.resetFields();
      setReasonFor(action);
      return;
    }
    const confirm = CONFIRM[action];
    if (!confirm) return run.mutate({ action, reason: null });
    modal.confirm({
      title: t(`rec.act.${action}` as MessageKey),
      content: t(confirm),
      okText: t('rec.act.ok'),
      cancelText: t('rec.cancel'),
      onOk: () => run.mutateAsync({ action, reason: null }).catch(() => undefined),
    });
  };

  const button = (action: TransitionAction, opts: { primary?: boolean; danger?: boolean; disabled?: boolean } = {}) => (
    <Button key={action} icon={ICONS[action]} type={opts.primary ? 'primary' : 'default'} danger={opts.danger}
            disabled={opts.disabled}
            loading={run.isPending && run.variables?.action === action} onClick={() => ask(action)}
            data-testid={`action-${action}`}>
      {t(`rec.act.${action}` as MessageKey)}
    </Button>
  );

  const buttons: React.ReactNode[] = [];
  if (editable && onEdit) {
    buttons.push(
      <Button key="edit" icon={<EditOutlined />} onClick={onEdit} data-testid="action-edit">{t('rec.edit')}</Button>,
    );
  }
  if (owner && scope.canTransition && (record.status === 'draft' || record.status === 'returned')) buttons.push(button('submit', { primary: true }));
  if (owner && scope.canTransition && record.status === 'submitted') buttons.push(button('withdraw'));
  if (owner && record.status === 'draft' && !record.submitted_at) {
    buttons.push(
      <Button key="delete" danger icon={<DeleteOutlined />} loading={remove.isPending} onClick={askDelete}
              data-testid="action-delete">{t('rec.delete')}</Button>,
    );
  }
  if (scope.canVerify && (record.status === 'submitted' || record.status === 'verified')) {
    const review = record.status === 'submitted'
      ? [button('verify', { primary: true, disabled: own }), button('return', { danger: true, disabled: own })]
      : [button('reopen', { disabled: own })];
    buttons.push(own ? <Tooltip key="own" title={t('rec.act.ownRecord')}><span className="zs-rec-actions">{review}</span></Tooltip> : review);
  }

  return (
    <>
      <div className="zs-rec-actions">{buttons}</div>
      <Modal
        open={reasonFor !== null}
        title={reasonFor ? t(`rec.act.${reasonFor}` as MessageKey) : ''}
        okText={t('rec.act.ok')}
        cancelText={t('rec.cancel')}
        okButtonProps={{ danger: reasonFor === 'return', loading: run.isPending }}
        onOk={() => form.submit()}
        onCancel={() => setReasonFor(null)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => reasonFor && run.mutate({ action: reasonFor, reason: v.reason.trim() })}>
          <Form.Item name="reason" label={t(reasonFor === 'reopen' ? 'rec.act.reasonReopen' : 'rec.act.reasonReturn')}
                     rules={[{ required: true, whitespace: true, message: t('rec.act.reasonRequired') }, { max: 1000 }]}>
            <Input.TextArea autoFocus rows={3} maxLength={1000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
