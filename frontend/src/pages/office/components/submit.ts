// Writing from an office form: the busy flag, the API's refusal beside the fields or above the form, and what
// follows a write that went through (a message, then the queries it changed refreshed).
import { useQueryClient, type InvalidateQueryFilters } from '@tanstack/react-query';
import { App, type FormInstance } from 'antd';
import { useState } from 'react';
import { useI18n, type Translate } from '../../../i18n/I18nProvider';
import { problemText, showFieldErrors } from './problems';

/** Every query that shows progress figures: a change to targets or rules moves them all. */
export const PROGRESS_QUERIES: InvalidateQueryFilters = {
  predicate: (q) => /^(progress|ranking|drilldown|dashboard)/.test(String(q.queryKey[0])),
};

/** A required reason of at most 1000 characters, as every office write that asks for one checks it. */
export const reasonRules = (t: Translate) => [
  { required: true, whitespace: true, message: t('office.common.reasonRequired') },
  { max: 1000, message: t('office.common.tooLong', { max: 1000 }) },
];

/**
 * Runs a form's write: `busy` while it runs; on refusal the per-field errors for `fields` (API names mapped by
 * `rename`) go beside the fields, and anything else becomes `error`, shown above the form.
 */
export function useFormSubmit(form: FormInstance, fields: readonly string[], rename?: Record<string, string>) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (write: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await write();
    } catch (err) {
      if (!showFieldErrors(form, err, fields, rename)) setError(problemText(err, t));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, submit };
}

/** After a write went through: says so, then refreshes the queries it changed, one after another. */
export function useWriteDone() {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  return async (text: string, ...changed: InvalidateQueryFilters[]) => {
    void message.success(text);
    for (const filters of changed) await queryClient.invalidateQueries(filters);
  };
}
