// Funds in place against the total investment, exactly (integer hundredths): what was reported before,
// this report, the total after it and what remains — and the API's rule that the total may not pass the
// investment unless the office recorded an override.
import { Alert, Progress, Statistic } from 'antd';
import { useI18n } from '../../../i18n/I18nProvider';
import { formatMoney, fromCents, isMoney, toCents } from '../../../lib/money';

export interface FundsFigures {
  total: string;
  before: string;
  amount: string | null;
  after: string;
  remaining: string;
  over: boolean;
  /** 0–100, for the bar. */
  percent: number;
}

export function fundsFigures(totalInvestment: string, reportedBefore: string, amount: string | null | undefined): FundsFigures {
  const total = toCents(totalInvestment);
  const before = toCents(reportedBefore);
  const add = amount && isMoney(amount) ? toCents(amount) : 0n;
  const after = before + add;
  const percent = total > 0n ? Number((after * 10000n) / total) / 100 : 0;
  return {
    total: fromCents(total),
    before: fromCents(before),
    amount: amount && isMoney(amount) ? fromCents(add) : null,
    after: fromCents(after),
    remaining: fromCents(total - after),
    over: after > total,
    percent: Math.min(100, percent),
  };
}

export function FundsProgress({ totalInvestment, reportedBefore, amount, override, verified }: {
  totalInvestment: string;
  reportedBefore: string;
  amount?: string | null;
  override?: boolean;
  verified?: string;
}) {
  const { t } = useI18n();
  const f = fundsFigures(totalInvestment, reportedBefore, amount);
  const wan = t('rec.wan');
  return (
    <div data-testid="funds-progress">
      <div className="zs-rec-funds-bar">
        <Statistic title={t('funds.totalInvestment')} value={formatMoney(f.total)} suffix={wan} />
        {amount !== undefined ? (
          <>
            <Statistic title={t('funds.reportedBefore')} value={formatMoney(f.before)} suffix={wan} />
            <Statistic title={t('funds.thisReport')} value={f.amount ? formatMoney(f.amount) : '—'} suffix={wan} />
            <Statistic title={t('funds.after')} value={formatMoney(f.after)} suffix={wan} valueStyle={f.over ? { color: '#cf1322' } : undefined} data-testid="funds-after" />
          </>
        ) : (
          <Statistic title={t('funds.reported')} value={formatMoney(f.after)} suffix={wan} valueStyle={f.over ? { color: '#cf1322' } : undefined} data-testid="funds-after" />
        )}
        <Statistic title={t('funds.remaining')} value={f.over ? '0.00' : formatMoney(f.remaining)} suffix={wan} data-testid="funds-remaining" />
      </div>
      <Progress percent={f.percent} status={f.over ? 'exception' : 'normal'} showInfo format={(p) => `${p}%`} style={{ marginTop: 4 }} />
      {verified !== undefined && <div className="zs-muted" style={{ fontSize: 12 }}>{t('funds.verifiedOf', { amount: `${formatMoney(verified)} ${wan}` })} · {t('funds.cumulativeNote')}</div>}
      {f.over && (
        <Alert
          type={override ? 'warning' : 'error'}
          showIcon
          style={{ marginTop: 8 }}
          message={t(override ? 'funds.overAllowed' : 'funds.over', { excess: formatMoney(f.remaining.replace('-', '')) })}
          data-testid="funds-over"
        />
      )}
    </div>
  );
}
