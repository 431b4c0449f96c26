import { useI18n } from '../../../i18n/I18nProvider';
import { fraction, share } from '../progressFormat';
import { colourOf } from './status';

/**
 * A target's progress: the verified part in the status colour, the reported-but-unverified part hatched after it,
 * and a marker where time elapsed says progress should be. Grey and empty when the figure has no threshold.
 */
export function ProgressBar({ ratio, unverified, threshold, elapsed, colour, label }: {
  ratio: string | null;
  unverified: string;
  threshold: string | null;
  elapsed: string;
  colour: string;
  /** what a screen reader hears, e.g. "5 / 100，5.0%，时间进度 49.7%" */
  label: string;
}) {
  const { t } = useI18n();
  const c = colourOf(colour);
  const done = fraction(ratio);
  const pending = Math.min(share(unverified, threshold), 1 - done);
  const time = fraction(elapsed);
  return (
    <div
      className="zs-bar"
      role="progressbar"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(done * 100)}
      aria-valuetext={label}
      aria-label={label}
      data-colour={colour}
    >
      <div className="zs-bar-done" style={{ width: `${done * 100}%`, background: c.strong }} />
      {pending > 0 && (
        <div
          className="zs-bar-pending"
          style={{ left: `${done * 100}%`, width: `${pending * 100}%`, borderColor: c.strong }}
          title={t('progress.pendingPart')}
        />
      )}
      {threshold && <div className="zs-bar-time" style={{ left: `${time * 100}%` }} title={t('progress.elapsedMarker')} />}
    </div>
  );
}
