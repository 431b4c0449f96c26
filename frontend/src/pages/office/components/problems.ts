// Turning a failed write into what the clerk reads: the API's Chinese detail, or a network message.
import type { FormInstance } from 'antd';
import { ApiError, fieldErrorMap } from '../../../lib/apiError';
import type { Translate } from '../../../i18n/I18nProvider';

export function problemText(err: unknown, t: Translate): string {
  if (err instanceof ApiError && !err.isNetwork) return err.detail ?? t('error.unknown');
  return t('error.network');
}

/**
 * Puts per-field problem+json errors beside the form's fields. Returns true when at least one field was marked
 * (the caller then needs no separate alert). `names` are the form's fields; `rename` maps an API field to one.
 */
export function showFieldErrors(
  form: FormInstance,
  err: unknown,
  names: readonly string[],
  rename: Record<string, string> = {},
): boolean {
  const byField = fieldErrorMap(err);
  const known = new Set(names);
  const fields = Object.entries(byField)
    .map(([name, errors]) => ({ name: rename[name] ?? name, errors }))
    .filter((f) => known.has(f.name));
  if (fields.length) form.setFields(fields);
  return fields.length > 0;
}

/** The items a bulk request refused: `errors[]` of the 409 problem (field `items.N`, with record type and id). */
export interface BulkFailure {
  index: number;
  record_type?: string;
  id?: number;
  message: string;
}

export function bulkFailures(err: unknown): BulkFailure[] {
  if (!(err instanceof ApiError)) return [];
  const raw = Array.isArray(err.problem.errors) ? (err.problem.errors as unknown as Record<string, unknown>[]) : [];
  return raw
    .map((e): BulkFailure | null => {
      const m = /^items\.(\d+)$/.exec(String(e.field ?? ''));
      return m
        ? {
            index: Number(m[1]),
            record_type: typeof e.record_type === 'string' ? e.record_type : undefined,
            id: typeof e.id === 'number' ? e.id : undefined,
            message: String(e.message ?? ''),
          }
        : null;
    })
    .filter((x): x is BulkFailure => x !== null);
}
