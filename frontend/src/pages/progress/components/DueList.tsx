import { Empty } from 'antd';
import { Link } from 'react-router';
import type { ProgressItem } from '../../../api';
import { useI18n } from '../../../i18n/I18nProvider';
import { behindBy, drillHref, expectedByNow, formatFigure, kindOf, shortfall } from '../progressFormat';
import { StatusBadge } from './TargetFigure';

const URGENCY: Record<string, number> = { red: 0, amber: 1, green: 2, grey: 3 };

/** Targets to push: behind time, missed, or a quarter's target not yet met. */
export function dueItems(items: readonly ProgressItem[]): ProgressItem[] {
  return items
    .filter((i) => i.threshold && (i.status === 'behind' || i.status === 'missed' || (i.period === 'quarter' && i.status !== 'ahead')))
    .sort((a, b) => (URGENCY[a.colour] ?? 9) - (URGENCY[b.colour] ?? 9) || Number(a.ratio ?? 0) - Number(b.ratio ?? 0));
}

/** What is due: for each target behind, how much is missing to the target and to where time says it should be. */
export function DueList({ items, year, quarter, linkable }: {
  items: readonly ProgressItem[];
  year: number;
  quarter: number | null;
  linkable: boolean;
}) {
  const { t, lang } = useI18n();
  const due = dueItems(items);
  if (!due.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('progress.due.none')} />;
  return (
    <ul className="zs-due" data-testid="due-list">
      {due.map((i) => {
        const kind = kindOf(i.value_kind);
        const wan = kind === 'money' ? ` ${t('progress.wan')}` : '';
        const title = `${i.code} ${lang === 'zh' ? i.title_zh : i.title_en || i.title_zh}`;
        const missing = shortfall(i.threshold, i.actual);
        const late = i.status === 'behind' ? behindBy(i.threshold, i.elapsed_ratio, i.actual, kind) : null;
        const href = drillHref({ targetId: i.target_id, unitId: i.unit_id, year, quarter });
        return (
          <li key={`${i.target_id}-${i.unit_id ?? 'city'}`} data-testid={`due-${i.code}`}>
            <div className="zs-due-head">
              {linkable ? <Link to={href}>{title}</Link> : <span>{title}</span>}
              <StatusBadge status={i.status} colour={i.colour} />
            </div>
            <div className="zs-due-nums">
              {t('progress.due.done', {
                actual: formatFigure(i.actual, kind),
                threshold: formatFigure(i.threshold, kind),
                unit: wan,
              })}
              {missing && <b>{t('progress.due.missing', { value: formatFigure(missing, kind), unit: wan })}</b>}
            </div>
            {late && i.threshold && (
              <div className="zs-muted">
                {t('progress.due.late', {
                  expected: formatFigure(expectedByNow(i.threshold, i.elapsed_ratio, kind), kind),
                  value: formatFigure(late, kind),
                  unit: wan,
                })}
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
