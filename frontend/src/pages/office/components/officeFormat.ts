// Small exact formatters for the office pages: ratios as percentages without floats, figures by kind,
// quarter labels, and an Idempotency-Key per submission attempt.
import { formatMoney } from '../../../lib/money';

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/** "0.3333" → "33.33%" (exact: the decimal point moves, no float). Null/blank → "—". */
export function ratioPercent(ratio: string | number | null | undefined): string {
  if (ratio === null || ratio === undefined || ratio === '') return '—';
  const m = DECIMAL.exec(String(ratio).trim());
  if (!m) return String(ratio);
  const [, sign, int, frac = ''] = m;
  // ratio × 10^4 = percent × 100 (two places); extra places are cut, as the API already rounds to four
  const scaled = BigInt(int + frac.padEnd(4, '0').slice(0, 4));
  const whole = scaled / 100n;
  const cents = String(scaled % 100n).padStart(2, '0');
  return `${sign && scaled !== 0n ? '-' : ''}${whole}.${cents}%`;
}

/** A progress figure: money in 万元 with grouping; counts without ".00" when whole ("0.40" stays). */
export function formatFigure(value: string | number | null | undefined, kind?: string | null): string {
  if (value === null || value === undefined || value === '') return '—';
  const s = String(value);
  if (kind === 'money') return formatMoney(s);
  return s.replace(/\.00$/, '');
}

/** One key per submission attempt: a double click re-sends the same key and the API replays its answer. */
export function newIdempotencyKey(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/** The last day of a quarter, YYYY-MM-DD. */
export function quarterEnd(year: number, quarter: number): string {
  const month = quarter * 3; // 3, 6, 9, 12
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(last).padStart(2, '0')}`;
}

/** Short form of a SHA-256 for tables: first 12 hex digits. */
export const shortHash = (hash: string) => hash.slice(0, 12);
