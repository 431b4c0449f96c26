import { Tag } from 'antd';
import { Link } from 'react-router';
import type { ProgressItem } from '../../../api';
import { useI18n } from '../../../i18n/I18nProvider';
import { enumLabel } from '../../../i18n/enums';
import { drillHref, formatFigure, formatPercent, isZero, kindOf } from '../progressFormat';
import { ProgressBar } from './ProgressBar';
import { colourOf, statusKey } from './status';

/** The words of a figure for a screen reader and a tooltip: "5 / 100（5.0%）· 滞后 · 时间进度 49.7%". */
export function useFigureText() {
  const { t } = useI18n();
  return (item: ProgressItem) => {
    const kind = kindOf(item.value_kind);
    const unit = kind === 'money' ? ` ${t('progress.wan')}` : '';
    const value = item.threshold
      ? `${formatFigure(item.actual, kind)} / ${formatFigure(item.threshold, kind)}${unit}（${formatPercent(item.ratio)}）`
      : `${formatFigure(item.actual, kind)}${unit}`;
    return `${value} · ${t(statusKey(item.status))} · ${t('progress.elapsed', { pct: formatPercent(item.elapsed_ratio) })}`;
  };
}

export function StatusBadge({ status, colour }: { status: string; colour: string }) {
  const { t } = useI18n();
  const c = colourOf(colour);
  return (
    <span className="zs-status" style={{ background: c.light, color: c.text, borderColor: c.strong }} data-status={status}>
      {t(statusKey(status))}
    </span>
  );
}

/**
 * One target's figure: title, status, bar, verified / threshold, the reported-but-unverified part, time elapsed and
 * the counting rule. The numbers open the drill-down when the reader may see the records behind them.
 */
export function TargetFigure({ item, year, quarter, linkable }: {
  item: ProgressItem;
  year: number;
  quarter: number | null;
  linkable: boolean;
}) {
  const { t, lang } = useI18n();
  const text = useFigureText();
  const kind = kindOf(item.value_kind);
  const title = lang === 'zh' ? item.title_zh : item.title_en || item.title_zh;
  const rule = lang === 'zh' ? item.rule_zh : item.rule_en || item.rule_zh;
  const wan = kind === 'money' ? <span className="zs-muted"> {t('progress.wan')}</span> : null;
  const drill = (verifiedOnly: boolean) =>
    drillHref({ targetId: item.target_id, unitId: item.unit_id, year, quarter, verifiedOnly });
  const actual = formatFigure(item.actual, kind);
  const pending = formatFigure(item.unverified, kind);

  return (
    <div className="zs-fig" data-testid={`figure-${item.code}`} data-target-id={item.target_id}>
      <div className="zs-fig-head">
        <span className="zs-fig-code">{item.code}</span>
        <span className="zs-fig-title">{title}</span>
        <Tag className="zs-fig-period">{enumLabel(t, 'period', item.period)}</Tag>
        <StatusBadge status={item.status} colour={item.colour} />
      </div>
      <ProgressBar
        ratio={item.ratio}
        unverified={item.unverified}
        threshold={item.threshold}
        elapsed={item.elapsed_ratio}
        colour={item.colour}
        label={`${title}：${text(item)}`}
      />
      <div className="zs-fig-nums">
        <span>
          {t('progress.verified')}{' '}
          {linkable ? (
            <Link to={drill(true)} className="zs-fig-actual" data-testid="figure-actual"
                  aria-label={t('progress.openDrillOf', { what: `${t('progress.verified')} ${actual}` })}
                  title={t('progress.openDrill')}>
              {actual}
            </Link>
          ) : (
            <b className="zs-fig-actual" data-testid="figure-actual">{actual}</b>
          )}
          {item.threshold ? (
            <>
              {' / '}
              <span title={t('progress.threshold')}>{formatFigure(item.threshold, kind)}</span>
              {wan}
              <span className="zs-fig-pct">{formatPercent(item.ratio)}</span>
            </>
          ) : (
            <>
              {wan}
              <span className="zs-muted"> · {t('progress.noThreshold')}</span>
            </>
          )}
        </span>
        {item.threshold && (
          <span className="zs-muted">{t('progress.elapsed', { pct: formatPercent(item.elapsed_ratio) })}</span>
        )}
        {!isZero(item.unverified) && (
          <span className="zs-fig-pending" data-testid="figure-pending">
            {linkable ? (
              <Link to={drill(false)} title={t('progress.openDrill')}>
                {t('progress.pending', { value: pending })}
              </Link>
            ) : (
              t('progress.pending', { value: pending })
            )}
            {wan}
          </span>
        )}
      </div>
      <div className="zs-fig-rule">
        {t('progress.rule')}
        {rule}
        <span className="zs-muted">
          {' · '}
          {t('progress.window', { from: item.window_start, to: item.window_end })}
        </span>
      </div>
    </div>
  );
}
