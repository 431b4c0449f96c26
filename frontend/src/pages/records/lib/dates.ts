// The rules of a record's date: never after today (the API refuses it too), and a warning — not a refusal —
// when it lies outside the plan period (the active target set's dates), where it counts towards no target.
import dayjs, { type Dayjs } from 'dayjs';
import { useI18n } from '../../../i18n/I18nProvider';
import { activeSet, useTargetSets } from '../../progress/usePeriod';

export function useDateRules(unit: 'day' | 'month' = 'day') {
  const { t } = useI18n();
  const plan = activeSet(useTargetSets().data);
  return [
    {
      validator: async (_: unknown, value: Dayjs | null | undefined) => {
        if (value && value.isAfter(dayjs(), unit)) throw new Error(t('rec.futureDate'));
      },
    },
    {
      warningOnly: true,
      validator: async (_: unknown, value: Dayjs | null | undefined) => {
        if (!value || !plan) return;
        if (value.isBefore(dayjs(plan.start_date), unit) || value.isAfter(dayjs(plan.end_date), unit)) {
          throw new Error(t('rec.outsidePlan', { start: plan.start_date, end: plan.end_date }));
        }
      },
    },
  ];
}
