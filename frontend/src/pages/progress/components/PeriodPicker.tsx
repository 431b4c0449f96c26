import { Select } from 'antd';
import { useI18n } from '../../../i18n/I18nProvider';

/** Year (of the target set) and quarter (or the whole year) selectors; the caller keeps both in the URL. */
export function PeriodPicker({ years, year, quarter, onChange }: {
  years: number[];
  year: number | undefined;
  quarter: number | null;
  onChange: (patch: { year?: string | null; quarter?: string | null }) => void;
}) {
  const { t } = useI18n();
  return (
    <>
      <Select
        aria-label={t('progress.year')}
        value={year}
        onChange={(v) => onChange({ year: String(v) })}
        style={{ width: 110 }}
        options={years.map((y) => ({ value: y, label: t('progress.yearN', { year: y }) }))}
        data-testid="year-select"
      />
      <Select
        aria-label={t('progress.quarter')}
        value={quarter ?? 0}
        onChange={(v) => onChange({ quarter: v ? String(v) : null })}
        style={{ width: 130 }}
        options={[
          { value: 0, label: t('progress.wholeYear') },
          ...[1, 2, 3, 4].map((q) => ({ value: q, label: t('progress.quarterN', { quarter: q }) })),
        ]}
        data-testid="quarter-select"
      />
    </>
  );
}
