// Form plumbing shared by the record forms: required fields' messages, the API's per-field problems beside
// the fields, dates as YYYY-MM-DD, and PATCH bodies of only what changed.
import type { FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useI18n } from '../../../i18n/I18nProvider';
import type { MessageKey } from '../../../i18n/messages';
import { ApiError } from '../../../lib/apiError';

export const DAY = /^\d{4}-\d{2}-\d{2}$/;
export const MONTH = /^\d{4}-\d{2}$/;

export const toDay = (d: Dayjs | null | undefined): string | null => (d ? d.format('YYYY-MM-DD') : null);
export const fromDay = (s: string | null | undefined): Dayjs | null => (s ? dayjs(s) : null);
export const toMonth = (d: Dayjs | null | undefined): string | null => (d ? d.format('YYYY-MM') : null);

/** Rules for a required field, named by its label: a choice ("请选择…"), a text (blank counts as empty) or a value ("请填写…");
 * and for an amount, not negative. */
export function useRequired() {
  const { t } = useI18n();
  return {
    choice: (label: MessageKey) => ({ required: true, message: t('rec.choose', { label: t(label) }) }),
    text: (label: MessageKey) => ({ required: true, whitespace: true, message: t('rec.required', { label: t(label) }) }),
    value: (label: MessageKey) => ({ required: true, message: t('rec.required', { label: t(label) }) }),
    /** An amount in 万元 is never negative: refused beside the field (the input does not clamp it to 0.00). */
    notNegative: (label: MessageKey) => ({
      validator: async (_: unknown, value: string | number | null | undefined) => {
        if (isNegative(value)) throw new Error(t('rec.negativeMoney', { label: t(label) }));
      },
    }),
  };
}

/** "-0.01", -5 → true; empty, "0", "12.50" → false. */
export function isNegative(value: string | number | null | undefined): boolean {
  if (value === null || value === undefined) return false;
  const s = String(value).trim();
  return /^-\s*\d*\.?\d*[1-9]/.test(s);
}

/** Empty input → null, otherwise the exact decimal text ("12500.5" stays a string, never a float). */
export function moneyOrNull(v: string | number | null | undefined): string | null {
  if (v === null || v === undefined) return null;
  const s = String(v).trim();
  return s === '' ? null : s;
}

/**
 * Puts the API's per-field errors (problem+json `errors[]`) beside the form's fields. A path such as
 * `credits.1.share` or `body.enterprise_ids.0` goes to the first segment that is a field of the form.
 * Returns the messages no field could take, for an Alert above the form.
 */
export function applyServerErrors(form: FormInstance, err: unknown, fields: readonly string[]): string[] {
  if (!(err instanceof ApiError)) return [];
  const known = new Set(fields);
  const byField = new Map<string, string[]>();
  const rest: string[] = [];
  for (const e of err.fieldErrors) {
    const name = e.field.split('.').find((part) => known.has(part));
    if (name) byField.set(name, [...(byField.get(name) ?? []), e.message]);
    else rest.push(e.field ? `${e.field}: ${e.message}` : e.message);
  }
  if (byField.size) form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return rest;
}

/** True when the error put something beside a field (then the Alert only needs the summary). */
export function hasFieldErrors(err: unknown, fields: readonly string[]): boolean {
  return err instanceof ApiError && err.fieldErrors.some((e) => e.field.split('.').some((p) => fields.includes(p)));
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The keys of `next` whose values differ from `current` — the body of a PATCH. */
export function changedFields<T extends Record<string, unknown>>(current: Record<string, unknown>, next: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(next)) {
    if (!same(current[k], v)) (out as Record<string, unknown>)[k] = v;
  }
  return out;
}

/** Same decimal amount written differently ("12500" vs "12500.00")? Used so a PATCH does not resend it. */
export function sameAmount(a: string | null | undefined, b: string | null | undefined): boolean {
  const norm = (s: string | null | undefined) => {
    if (s == null || s === '') return null;
    const [i, f = ''] = String(s).split('.');
    return `${BigInt(i || '0')}.${f.padEnd(2, '0')}`;
  };
  try {
    return norm(a) === norm(b);
  } catch {
    return a === b;
  }
}
