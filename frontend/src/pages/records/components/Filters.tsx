// Filter controls of the record lists. Each shows "名称：全部" when unset and writes to the URL through the
// list's update(); a select's empty option is '' so it round-trips through the query string.
import { DatePicker, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useState } from 'react';
import type { UnitType } from '../../../api';
import { enumOptions, type EnumName } from '../../../i18n/enums';
import { useI18n } from '../../../i18n/I18nProvider';
import { ENTERPRISE_CLASSES, STATUSES } from '../../../lib/enums';
import { isMoney } from '../../../lib/money';
import { useSearchText } from '../../../lib/searchParams';
import { useClusters, useUnitOptions } from '../lib/hooks';
import { DAY, MONTH } from '../lib/forms';
import { EnterpriseSelect } from './EnterpriseSelect';

/** The list's search box; `onChange` once typing pauses, or on Enter. */
export function SearchFilter({ value, onChange, placeholder, width = 240 }: {
  value: string;
  onChange: (q: string) => void;
  placeholder: string;
  width?: number;
}) {
  const { t } = useI18n();
  const commit = useCallback((q: string) => onChange(q), [onChange]);
  const [text, setText] = useSearchText(value, commit);
  return (
    <Input.Search
      allowClear
      value={text}
      onChange={(e) => setText(e.target.value)}
      onSearch={(v) => onChange(v.trim())}
      placeholder={placeholder}
      aria-label={t('rec.search')}
      style={{ width }}
      maxLength={100}
    />
  );
}

function AllSelect<V extends string | number>({ label, value, onChange, options, width, testId, search }: {
  label: string;
  value: V | '';
  onChange: (v: V | '') => void;
  options: { value: V; label: string }[];
  width: number;
  testId?: string;
  search?: boolean;
}) {
  const { t } = useI18n();
  return (
    <Select<V | ''>
      aria-label={label}
      value={value}
      onChange={(v) => onChange(v ?? '')}
      style={{ width }}
      showSearch={search}
      optionFilterProp="label"
      popupMatchSelectWidth={false}
      options={[{ value: '' as const, label: t('common.filter', { label, value: t('common.all') }) }, ...options]}
      data-testid={testId}
    />
  );
}

export function EnumFilter<C extends string>({ label, name, codes, value, onChange, width = 150, testId }: {
  label: string;
  name: EnumName;
  codes: readonly C[];
  value: string;
  onChange: (v: string) => void;
  width?: number;
  testId?: string;
}) {
  const { t } = useI18n();
  const v = (codes as readonly string[]).includes(value) ? (value as C) : '';
  return (
    <AllSelect<C> label={label} value={v} onChange={onChange} width={width} testId={testId}
                  options={enumOptions(t, name, codes) as { value: C; label: string }[]} />
  );
}

/** A reviewed record's status. */
export function StatusFilter({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const { t } = useI18n();
  return (
    <EnumFilter label={t('rec.status')} name="status" codes={STATUSES} value={value} onChange={onChange} width={130}
                testId="status-filter" />
  );
}

/** An enterprise's class (the records of enterprises of that class, or those enterprises). */
export function EnterpriseClassFilter({ value, onChange, width = 170, testId }: {
  value: string;
  onChange: (v: string) => void;
  width?: number;
  testId?: string;
}) {
  const { t } = useI18n();
  return (
    <EnumFilter label={t('rec.enterpriseClass')} name="enterpriseClass" codes={ENTERPRISE_CLASSES} value={value}
                onChange={onChange} width={width} testId={testId} />
  );
}

export function UnitFilter({ label, value, onChange, types, width = 180, testId }: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  types?: readonly UnitType[];
  width?: number;
  testId?: string;
}) {
  const { options } = useUnitOptions(types, { activeOnly: false });
  const id = Number(value) || '';
  return (
    <AllSelect<number> label={label} value={id} onChange={(v) => onChange(v ? String(v) : '')} options={options}
                       width={width} search testId={testId} />
  );
}

export function ClusterFilter({ label, value, onChange, width = 170 }: { label: string; value: string; onChange: (v: string) => void; width?: number }) {
  const { options } = useClusters();
  return (
    <AllSelect<number> label={label} value={Number(value) || ''} onChange={(v) => onChange(v ? String(v) : '')}
                       options={options} width={width} search />
  );
}

export function DateRangeFilter({ label, from, to, onChange, month = false }: {
  label: string;
  from: string;
  to: string;
  onChange: (from: string | null, to: string | null) => void;
  month?: boolean;
}) {
  const fmt = month ? 'YYYY-MM' : 'YYYY-MM-DD';
  const ok = (s: string) => (month ? MONTH : DAY).test(s);
  const value: [Dayjs | null, Dayjs | null] | null =
    ok(from) || ok(to) ? [ok(from) ? dayjs(from) : null, ok(to) ? dayjs(to) : null] : null;
  return (
    <DatePicker.RangePicker
      aria-label={label}
      picker={month ? 'month' : 'date'}
      value={value}
      allowEmpty={[true, true]}
      format={fmt}
      onChange={(v) => onChange(v?.[0]?.format(fmt) ?? null, v?.[1]?.format(fmt) ?? null)}
      style={{ width: month ? 220 : 250 }}
    />
  );
}

/** Two amounts in 万元; committed on Enter or leaving the box, ignored unless a valid amount. */
export function AmountRangeFilter({ min, max, onChange }: {
  min: string;
  max: string;
  onChange: (min: string | null, max: string | null) => void;
}) {
  const { t } = useI18n();
  const [lo, setLo] = useState(min);
  const [hi, setHi] = useState(max);
  const [seen, setSeen] = useState(`${min}|${max}`);
  if (seen !== `${min}|${max}`) {
    setSeen(`${min}|${max}`);
    setLo(min);
    setHi(max);
  }
  const commit = () => {
    const a = lo.trim();
    const b = hi.trim();
    onChange(a && isMoney(a) ? a : null, b && isMoney(b) ? b : null);
  };
  const bad = (s: string) => !!s.trim() && !isMoney(s);
  return (
    <span className="zs-rec-range" title={t('rec.amountRange')}>
      <Input value={lo} onChange={(e) => setLo(e.target.value)} onBlur={commit} onPressEnter={commit}
             placeholder={t('rec.amountMin')} aria-label={t('rec.amountMin')} status={bad(lo) ? 'error' : undefined}
             style={{ width: 120 }} inputMode="decimal" />
      <span className="zs-muted">–</span>
      <Input value={hi} onChange={(e) => setHi(e.target.value)} onBlur={commit} onPressEnter={commit}
             placeholder={t('rec.amountMax')} aria-label={t('rec.amountMax')} status={bad(hi) ? 'error' : undefined}
             style={{ width: 120 }} inputMode="decimal" />
    </span>
  );
}

export function EnterpriseFilter({ value, onChange, width = 240 }: { value: string; onChange: (v: string) => void; width?: number }) {
  const { t } = useI18n();
  return (
    <EnterpriseSelect
      value={Number(value) || null}
      onChange={(v) => onChange(v ? String(v) : '')}
      aria-label={t('rec.enterprise')}
      placeholder={t('common.filter', { label: t('rec.enterprise'), value: t('common.all') })}
      style={{ width }}
    />
  );
}

/** An exact-match text filter (province, city, industry) committed after a pause, kept in the URL. */
export function TextFilter({ label, value, onChange, width = 110 }: { label: string; value: string; onChange: (v: string) => void; width?: number }) {
  const commit = useCallback((v: string) => onChange(v), [onChange]);
  const [text, setText] = useSearchText(value, commit, 600);
  return (
    <Input allowClear value={text} onChange={(e) => setText(e.target.value)} placeholder={label} aria-label={label}
           style={{ width }} maxLength={50} />
  );
}
