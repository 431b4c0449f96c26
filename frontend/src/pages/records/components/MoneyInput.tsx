import { InputNumber } from 'antd';
import { useI18n } from '../../../i18n/I18nProvider';

const MAX = '99999999999999.99';

/**
 * An amount in 万元 as an exact decimal string (antd stringMode: never a JS float), two decimals at most.
 * Used inside Form.Item, which passes id/value/onChange. No lower bound here: antd would silently turn "-5" into
 * 0.00 on blur; the item's `notNegative` rule refuses it beside the field instead.
 */
export function MoneyInput({ value, onChange, id, disabled, placeholder, style, 'aria-label': ariaLabel, max = MAX }: {
  value?: string | null;
  onChange?: (v: string | null) => void;
  id?: string;
  disabled?: boolean;
  placeholder?: string;
  style?: React.CSSProperties;
  'aria-label'?: string;
  max?: string;
}) {
  const { t } = useI18n();
  return (
    <InputNumber<string>
      id={id}
      aria-label={ariaLabel}
      stringMode
      precision={2}
      max={max}
      value={value ?? null}
      onChange={(v) => onChange?.(v === null || v === '' ? null : String(v))}
      disabled={disabled}
      placeholder={placeholder ?? t('rec.moneyPlaceholder')}
      suffix={<span className="zs-muted">{t('rec.wan')}</span>}
      style={{ width: '100%', maxWidth: 260, ...style }}
      keyboard={false}
      controls={false}
    />
  );
}
