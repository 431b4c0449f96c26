// Credit shares of a project: which units brought it and their percentages, which must total exactly 100 %
// (summed exactly on hundredths). Empty: 100 % to the entering unit.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, InputNumber, Typography } from 'antd';
import { useI18n } from '../../../i18n/I18nProvider';
import { useRequired } from '../lib/forms';
import { isShare, sumShares } from '../lib/shares';
import { useRecordScope } from '../lib/hooks';
import { UnitSelect } from './Selects';

export interface CreditRow {
  unit_id: number | null;
  share: string | null;
}

/** The list's verdict, or null when fine (also used by the form's validator). */
export function creditsProblem(rows: readonly (CreditRow | undefined)[] | undefined, t: ReturnType<typeof useI18n>['t']): string | null {
  const list = (rows ?? []).filter(Boolean) as CreditRow[];
  if (!list.length) return null;
  if (list.some((r) => !isShare(r.share == null ? '' : String(r.share)))) return t('project.creditsInvalid');
  const units = list.map((r) => r.unit_id).filter((u) => u != null);
  if (new Set(units).size !== units.length) return t('project.creditsDuplicate');
  const sum = sumShares(list.map((r) => r.share));
  if (sum.isHundred) return null;
  return sum.remaining.startsWith('-')
    ? t('project.creditsOver', { excess: sum.remaining.slice(1) })
    : t('project.creditsRemaining', { remaining: sum.remaining });
}

function CreditSum() {
  const { t } = useI18n();
  const form = Form.useFormInstance();
  const rows = (Form.useWatch('credits', form) as CreditRow[] | undefined) ?? [];
  if (!rows.length) return <Typography.Text type="secondary" data-testid="credits-sum">{t('project.creditsDefault')}</Typography.Text>;
  const sum = sumShares(rows.map((r) => r?.share));
  const problem = creditsProblem(rows, t);
  return (
    <span data-testid="credits-sum" className="zs-rec-sum" role="status">
      <strong>{t('project.creditsSum', { total: sum.total })}</strong>
      {'　'}
      {problem ? <span className="zs-rec-bad">{problem}</span> : <span className="zs-rec-ok">✓ {t('project.creditsOk')}</span>}
    </span>
  );
}

export function CreditEditor() {
  const { t } = useI18n();
  const required = useRequired();
  const scope = useRecordScope();
  const form = Form.useFormInstance();
  return (
    <Form.Item label={t('f.credits')} extra={t('project.creditsHelp')} required={false}>
      <Form.List
        name="credits"
        rules={[{
          validator: async (_, rows: CreditRow[] | undefined) => {
            const p = creditsProblem(rows, t);
            if (p) throw new Error(p);
          },
        }]}
      >
        {(fields, { add, remove }, { errors }) => (
          <div className="zs-rec-credits" data-testid="credit-editor">
            {fields.map((field, i) => (
              <div key={field.key} style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}>
                <Form.Item name={[field.name, 'unit_id']} style={{ flex: 1, minWidth: 0 }}
                           rules={[required.choice('project.creditUnit')]}>
                  <UnitSelect aria-label={`${t('project.creditUnit')} ${i + 1}`} allowClear={false} />
                </Form.Item>
                <Form.Item name={[field.name, 'share']} style={{ width: 150 }}
                           rules={[required.value('f.share')]}>
                  <InputNumber<string>
                    stringMode
                    precision={2}
                    min="0.01"
                    max="100"
                    controls={false}
                    suffix="%"
                    style={{ width: '100%' }}
                    aria-label={`${t('f.share')} ${i + 1}`}
                  />
                </Form.Item>
                <Button icon={<DeleteOutlined />} aria-label={`${t('project.creditsRemove')} ${i + 1}`}
                        onClick={() => { remove(field.name); void form.validateFields([['credits']]).catch(() => undefined); }} />
              </div>
            ))}
            <div style={{ display: 'flex', gap: 12, alignItems: 'center', flexWrap: 'wrap' }}>
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => {
                  const rows = (form.getFieldValue('credits') as CreditRow[] | undefined) ?? [];
                  if (!rows.length) return add({ unit_id: scope.myUnitId, share: '100' });
                  const rest = sumShares(rows.map((r) => r?.share)).remaining;
                  add({ unit_id: null, share: rest.startsWith('-') || rest === '0.00' ? null : rest });
                }}
                data-testid="credits-add"
              >
                {t('project.creditsAdd')}
              </Button>
              <CreditSum />
            </div>
            <Form.ErrorList errors={errors} />
          </div>
        )}
      </Form.List>
    </Form.Item>
  );
}
