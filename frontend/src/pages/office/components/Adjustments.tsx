import { Alert, Button, DatePicker, Empty, Form, Input, Popconfirm, Select, Space, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { decideAdjustment, proposeAdjustment, type AdjustmentPublic } from '../../../api';
import { useI18n } from '../../../i18n/I18nProvider';
import { formatDateTime } from '../../../lib/format';
import { fromCents, toCents } from '../../../lib/money';
import { FormModal } from './FormModal';
import { useCodeLabel, useFigureUnitLabel } from './hooks';
import { formatFigure, newIdempotencyKey } from './officeFormat';
import { problemText } from './problems';
import { reasonRules, useWriteDone } from './submit';
import { itemKey, type SnapshotItem } from './snapshot';

const STATUS_COLOURS: Record<string, string> = { proposed: 'gold', approved: 'green', rejected: 'default' };
const FIGURE = /^\d{1,14}(\.\d{1,2})?$/;

const signed = (delta: string) => (delta.startsWith('-') ? delta : `+${delta}`);

/** The ledger of corrections beside the frozen figures: proposed by one clerk, approved by another. */
export function AdjustmentsLedger({ snapshotId, adjustments, items, canManage, me }: {
  snapshotId: number;
  adjustments: AdjustmentPublic[];
  items: SnapshotItem[];
  canManage: boolean;
  me: string | undefined;
}) {
  const { t } = useI18n();
  const code = useCodeLabel();
  const unitLabel = useFigureUnitLabel();
  const done = useWriteDone();
  const [busy, setBusy] = useState<number | null>(null);
  const [refused, setRefused] = useState<{ id: number; text: string } | null>(null);
  const itemOf = (a: AdjustmentPublic) => items.find((i) => i.target_id === a.target_id && i.unit_id === a.unit_id);

  const decide = async (a: AdjustmentPublic, decision: 'approve' | 'reject') => {
    setBusy(a.id);
    setRefused(null);
    try {
      await decideAdjustment({
        path: { snapshot_id: snapshotId, adjustment_id: a.id },
        body: { decision },
        headers: { 'Idempotency-Key': newIdempotencyKey() },
      });
      await done(
        t(decision === 'approve' ? 'office.adjust.approvedDone' : 'office.adjust.rejectedDone'),
        { queryKey: ['quarter', snapshotId] },
        { queryKey: ['assessment'] },
      );
    } catch (err) {
      setRefused({ id: a.id, text: problemText(err, t) }); // e.g. 调整需由登记人以外的办公室人员审批
    } finally {
      setBusy(null);
    }
  };

  if (!adjustments.length) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('office.adjust.none')} />;
  }
  return (
    <div data-testid="adjustments-ledger">
      {[...adjustments].reverse().map((a) => {
        const item = itemOf(a);
        const own = me !== undefined && a.proposed_by === me;
        return (
          <div key={a.id} className="zs-ledger-item">
            <div className="zs-ledger-head">
              <span>
                <b>{item?.code ?? `#${a.target_id}`}</b>{' '}
                {unitLabel(a.unit_id, item?.unit_name)}
              </span>
              <Tag color={STATUS_COLOURS[a.status]}>{code('adjustmentStatus', a.status)}</Tag>
            </div>
            <div>
              {t('office.adjust.delta')}
              {t('office.common.colon')}
              <b>{signed(formatFigure(a.delta, item?.value_kind))}</b>
              {item && (
                <span className="zs-muted">
                  {' '}
                  {t('office.common.paren', { text: `${t('office.adjust.frozen')} ${formatFigure(item.actual, item.value_kind)}` })}
                </span>
              )}
            </div>
            <div>{a.reason}</div>
            <div className="zs-muted" style={{ fontSize: 12 }}>
              {t('office.adjust.effectiveOn')} {a.effective_on.slice(0, 10)} · {t('office.adjust.proposedBy', { name: a.proposed_by })}{' '}
              {formatDateTime(a.proposed_at)}
              {a.decided_by && (
                <>
                  {' '}
                  · {t('office.adjust.decidedBy', { name: a.decided_by })} {formatDateTime(a.decided_at)}
                </>
              )}
            </div>
            {canManage && a.status === 'proposed' && (
              <>
                {own && (
                  <div className="zs-row-problem" role="note">
                    {t('office.adjust.ownHint')}
                  </div>
                )}
                <Space size={4} style={{ marginTop: 4 }}>
                  <Popconfirm
                    title={t('office.adjust.approveConfirm')}
                    okText={t('office.adjust.approve')}
                    cancelText={t('office.common.cancel')}
                    onConfirm={() => decide(a, 'approve')}
                    disabled={own}
                  >
                    <Button size="small" type="primary" disabled={own} loading={busy === a.id}>
                      {t('office.adjust.approve')}
                    </Button>
                  </Popconfirm>
                  <Popconfirm
                    title={t('office.adjust.rejectConfirm')}
                    okText={t('office.adjust.reject')}
                    cancelText={t('office.common.cancel')}
                    onConfirm={() => decide(a, 'reject')}
                    disabled={own}
                  >
                    <Button size="small" danger disabled={own || busy === a.id}>
                      {t('office.adjust.reject')}
                    </Button>
                  </Popconfirm>
                </Space>
              </>
            )}
            {refused?.id === a.id && (
              <Alert type="error" showIcon role="alert" message={refused.text} style={{ marginTop: 6 }} />
            )}
          </div>
        );
      })}
    </div>
  );
}

interface ProposeValues {
  item: string;
  value: string;
  effective_on: Dayjs;
  reason: string;
}

/** Proposing a correction: the clerk gives the corrected figure; the ledger stores the difference. */
export function ProposeAdjustmentModal({ snapshotId, items, initial, onClose }: {
  snapshotId: number;
  items: SnapshotItem[];
  initial?: SnapshotItem;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const unitLabel = useFigureUnitLabel();
  const done = useWriteDone();
  const [form] = Form.useForm<ProposeValues>();
  const picked = Form.useWatch('item', form) ?? (initial ? itemKey(initial) : undefined);
  const value = Form.useWatch('value', form);
  const item = items.find((i) => itemKey(i) === picked);
  const current = item?.adjusted_actual ?? item?.actual;
  const delta = item && current && value && FIGURE.test(value.trim()) ? fromCents(toCents(value.trim()) - toCents(current)) : null;
  const label = (i: SnapshotItem) =>
    `${i.code} · ${unitLabel(i.unit_id, i.unit_name)}` +
    t('office.common.paren', { text: formatFigure(i.adjusted_actual ?? i.actual, i.value_kind) });

  // submitting does nothing until a figure and a new value are there to give the difference
  const propose = item && delta !== null
    ? async (v: ProposeValues) => {
        await proposeAdjustment({
          path: { snapshot_id: snapshotId },
          body: {
            target_id: item.target_id,
            unit_id: item.unit_id,
            delta,
            reason: v.reason.trim(),
            effective_on: v.effective_on.format('YYYY-MM-DD'),
          },
          headers: { 'Idempotency-Key': newIdempotencyKey() },
        });
        await done(t('office.adjust.proposedDone'), { queryKey: ['quarter', snapshotId] });
        onClose();
      }
    : undefined;

  return (
    <FormModal
      form={form}
      id="zs-adjust-form"
      name="zsAdjust"
      width={600}
      title={t('office.adjust.proposeTitle')}
      okText={t('office.adjust.propose')}
      fields={['item', 'value', 'effective_on', 'reason']}
      rename={{ target_id: 'item', unit_id: 'item', delta: 'value' }}
      initialValues={{ item: initial ? itemKey(initial) : undefined, effective_on: dayjs() }}
      intro={
        <p className="zs-muted" style={{ marginTop: 0 }}>
          {t('office.adjust.intro')}
        </p>
      }
      onSubmit={propose}
      onClose={onClose}
    >
      <Form.Item name="item" label={t('office.adjust.figure')} rules={[{ required: true, message: t('office.adjust.pickFigure') }]}>
        <Select
          showSearch
          optionFilterProp="label"
          options={items.map((i) => ({ value: itemKey(i), label: label(i) }))}
          autoFocus={!initial}
        />
      </Form.Item>
      <Form.Item
        name="value"
        label={t('office.adjust.newValue')}
        extra={
          delta !== null
            ? t('office.adjust.deltaPreview', { current: formatFigure(current, item?.value_kind), delta: signed(delta) })
            : item
              ? t('office.adjust.currentIs', { current: formatFigure(current, item.value_kind) })
              : undefined
        }
        rules={[
          { required: true, message: t('office.adjust.valueRequired') },
          { pattern: FIGURE, message: t('office.adjust.valueFormat') },
          {
            validator: async (_, v: string) => {
              if (item && v && FIGURE.test(v.trim()) && current && toCents(v.trim()) === toCents(current)) {
                throw new Error(t('office.adjust.sameValue'));
              }
            },
          },
        ]}
      >
        <Input inputMode="decimal" autoFocus={Boolean(initial)} style={{ width: 200 }} />
      </Form.Item>
      <Form.Item name="effective_on" label={t('office.adjust.effectiveOn')} rules={[{ required: true }]}>
        <DatePicker allowClear={false} />
      </Form.Item>
      <Form.Item name="reason" label={t('office.adjust.reason')} rules={reasonRules(t)}>
        <Input.TextArea rows={2} maxLength={1000} showCount />
      </Form.Item>
    </FormModal>
  );
}
