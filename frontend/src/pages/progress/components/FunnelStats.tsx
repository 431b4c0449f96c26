import { Tooltip } from 'antd';
import type { FunnelPublic } from '../../../api';
import { useI18n } from '../../../i18n/I18nProvider';
import type { MessageKey } from '../../../i18n/messages';
import { formatFigure, formatPercent } from '../progressFormat';

const STEPS = ['leads', 'visited', 'project', 'lead_signed', 'signed', 'started', 'in_production'] as const;

/** A funnel step's name in the current language (the API gives Chinese only). */
export function useStepLabel() {
  const { t, lang } = useI18n();
  return (step: string, zh: string) =>
    (STEPS as readonly string[]).includes(step) ? t(`progress.funnel.${step}` as MessageKey) : lang === 'zh' ? zh : step;
}

const RATES: { key: 'fulfilment_rate' | 'start_rate' | 'production_rate' | 'funds_rate'; label: MessageKey; hint: MessageKey }[] = [
  { key: 'fulfilment_rate', label: 'progress.funnel.fulfilment', hint: 'progress.funnel.fulfilmentHint' },
  { key: 'start_rate', label: 'progress.funnel.start', hint: 'progress.funnel.startHint' },
  { key: 'production_rate', label: 'progress.funnel.production', hint: 'progress.funnel.productionHint' },
  { key: 'funds_rate', label: 'progress.funnel.funds', hint: 'progress.funnel.fundsHint' },
];

/** The funnel's steps as numbers, and its rates (履约率, 开工率, 投产率, 资金到位率) with what each is over. */
export function FunnelStats({ funnel, steps = true }: { funnel: FunnelPublic; steps?: boolean }) {
  const { t } = useI18n();
  const stepLabel = useStepLabel();
  return (
    <div className="zs-funnel-stats" data-testid="funnel-stats">
      {steps && (
        <ol className="zs-funnel-steps" aria-label={t('progress.funnel.leadChain')}>
          {funnel.steps.map((s) => (
            <li key={s.step}>
              <span className="zs-muted">{stepLabel(s.step, s.label_zh)}</span>
              <b>{s.count}</b>
            </li>
          ))}
        </ol>
      )}
      {/* the projects' own chain: signed in the year, of them started, of those in production */}
      <ol className="zs-funnel-steps" aria-label={t('progress.funnel.stageChain')} data-testid="funnel-stages">
        {(funnel.stages ?? []).map((s) => (
          <li key={s.step}>
            <span className="zs-muted">{stepLabel(s.step, s.label_zh)}</span>
            <b>{s.count}</b>
          </li>
        ))}
      </ol>
      <dl className="zs-rates">
        {RATES.map((r) => (
          <div key={r.key}>
            <dt>
              <Tooltip title={t(r.hint)}>
                <span className="zs-dotted" tabIndex={0}>{t(r.label)}</span>
              </Tooltip>
            </dt>
            <dd data-testid={`rate-${r.key}`}>{funnel[r.key] == null ? '—' : formatPercent(funnel[r.key])}</dd>
          </div>
        ))}
        <div>
          <dt>{t('progress.funnel.signedInvestment')}</dt>
          <dd>
            {formatFigure(funnel.signed_investment, 'money')} <span className="zs-muted">{t('progress.wan')}</span>
          </dd>
        </div>
        <div>
          <dt>{t('progress.funnel.fundsInPlace')}</dt>
          <dd>
            {formatFigure(funnel.funds_in_place, 'money')} <span className="zs-muted">{t('progress.wan')}</span>
          </dd>
        </div>
      </dl>
    </div>
  );
}
