import { Alert, Form, Radio, Select } from 'antd';
import dayjs from 'dayjs';
import { useNavigate } from 'react-router';
import { closeQuarter, type SnapshotSummary, type TargetSetPublic } from '../../../api';
import { useI18n } from '../../../i18n/I18nProvider';
import { FormModal } from './FormModal';
import { newIdempotencyKey, quarterEnd } from './officeFormat';
import { useWriteDone } from './submit';

const QUARTERS = [1, 2, 3, 4] as const;

/**
 * Closing a quarter: year limited to the target set's period, quarters already closed or not yet over disabled,
 * and a confirmation that the figures are frozen from then on.
 */
export function CloseQuarterModal({ targetSet, years, closed, onClose }: {
  targetSet: TargetSetPublic;
  years: number[];
  closed: SnapshotSummary[];
  onClose: () => void;
}) {
  const { t } = useI18n();
  const done = useWriteDone();
  const navigate = useNavigate();
  const today = dayjs().format('YYYY-MM-DD');
  const isClosed = (y: number, q: number) =>
    closed.some((s) => s.target_set_id === targetSet.id && s.year === y && s.quarter === q);
  const isOpen = (y: number, q: number) => !isClosed(y, q) && quarterEnd(y, q) < today;
  // default: the latest quarter of the period that is over and not closed yet
  const firstOpen = [...years].reverse().flatMap((y) => [...QUARTERS].reverse().map((q) => [y, q] as const))
    .find(([y, q]) => isOpen(y, q));
  const [form] = Form.useForm<{ year: number; quarter: number }>();
  const year = Form.useWatch('year', form) ?? firstOpen?.[0] ?? years[years.length - 1];
  const quarter = Form.useWatch('quarter', form) ?? firstOpen?.[1];

  const close = async (v: { year: number; quarter: number }) => {
    const { data } = await closeQuarter({
      body: { year: v.year, quarter: v.quarter, target_set_id: targetSet.id },
      headers: { 'Idempotency-Key': newIdempotencyKey() },
    });
    await done(
      t('office.quarters.closedDone', { label: t('office.quarters.label', { year: v.year, quarter: v.quarter }) }),
      { queryKey: ['quarters'] },
      { queryKey: ['assessment'] },
    );
    onClose();
    navigate(`/quarters/${data.id}`);
  };

  return (
    <FormModal
      form={form}
      id="zs-close-form"
      name="zsClose"
      width={600}
      title={t('office.quarters.closeTitle')}
      okText={t('office.quarters.closeConfirm')}
      danger
      okDisabled={!quarter}
      fields={['year', 'quarter']}
      initialValues={{ year: firstOpen?.[0] ?? years[years.length - 1], quarter: firstOpen?.[1] }}
      formProps={{ layout: 'inline', style: { marginBottom: 16, rowGap: 8 } }}
      intro={
        <p className="zs-muted" style={{ marginTop: 0 }}>
          {t('common.filter', { label: t('office.quarters.targetSet'), value: targetSet.name })}
          {t('office.common.paren', { text: `${targetSet.start_date} — ${targetSet.end_date}` })}
        </p>
      }
      below={
        <Alert
          type="warning"
          showIcon
          message={
            quarter
              ? t('office.quarters.freezeWhat', {
                  label: t('office.quarters.label', { year, quarter }),
                  date: quarterEnd(year, quarter),
                })
              : t('office.quarters.pickQuarter')
          }
          description={t('office.quarters.freezeHint')}
          data-testid="close-warning"
        />
      }
      onSubmit={close}
      onClose={onClose}
    >
      <Form.Item name="year" label={t('office.common.year')} rules={[{ required: true }]}>
        <Select
          autoFocus
          style={{ width: 110 }}
          options={years.map((y) => ({ value: y, label: String(y) }))}
          onChange={(y: number) => {
            const q = form.getFieldValue('quarter') as number | undefined;
            if (q && !isOpen(y, q)) form.setFieldValue('quarter', [...QUARTERS].reverse().find((x) => isOpen(y, x)));
          }}
        />
      </Form.Item>
      <Form.Item
        name="quarter"
        label={t('office.quarters.quarter')}
        rules={[{ required: true, message: t('office.quarters.pickQuarter') }]}
      >
        <Radio.Group optionType="button">
          {QUARTERS.map((q) => (
            <Radio.Button key={q} value={q} disabled={!isOpen(year, q)} title={isClosed(year, q) ? t('office.quarters.alreadyClosed') : undefined}>
              {t('office.quarters.qShort', { quarter: q })}
            </Radio.Button>
          ))}
        </Radio.Group>
      </Form.Item>
    </FormModal>
  );
}
