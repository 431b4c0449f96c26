// Figures of the progress API, shown exactly. The API sends figures as decimal strings with two places ("12.00",
// "0.40" of a project credited by share) and ratios with four ("0.0500"). Everything a user reads as a number is
// computed here on integers (BigInt); floats are only used for bar widths and chart heights.
import { formatMoney, fromCents, toCents } from '../../lib/money';

export type FigureKind = 'count' | 'money';

/** The progress item's `value_kind` ('count' | 'money'). */
export const kindOf = (valueKind: string | null | undefined): FigureKind => (valueKind === 'money' ? 'money' : 'count');

const DECIMAL = /^-?\d+(\.\d+)?$/;

/**
 * A figure for reading: money as 1,234.50 (万元, always two places); a count as a whole number ("12"), or with
 * its fraction when shares make it fractional ("0.4").
 */
export function formatFigure(value: string | null | undefined, kind: FigureKind): string {
  if (value === null || value === undefined || value === '') return '—';
  const money = formatMoney(value);
  if (kind === 'money') return money;
  if (!money.includes('.')) return money;
  return money.replace(/\.?0+$/, '');
}

/** A decimal string as an integer count of 1/10^places (exact). */
function scaled(value: string, places: number): bigint {
  const s = value.trim();
  if (!DECIMAL.test(s)) throw new Error(`not a decimal: ${value}`);
  const negative = s.startsWith('-');
  const [int, frac = ''] = s.replace('-', '').split('.');
  const kept = frac.padEnd(places, '0').slice(0, places);
  const n = BigInt(int) * 10n ** BigInt(places) + BigInt(kept || '0');
  return negative ? -n : n;
}

/** "0.0500" → "5.0%"; "1.2000" → "120.0%"; null → "" (no threshold). Rounded half up, exactly. */
export function formatPercent(ratio: string | null | undefined, digits = 1): string {
  if (ratio === null || ratio === undefined || ratio === '' || !DECIMAL.test(ratio.trim())) return '';
  const pct = scaled(ratio, 4); // ratio × 10^4 = percent × 10^2
  const div = 10n ** BigInt(2 - digits);
  const negative = pct < 0n;
  const abs = negative ? -pct : pct;
  const rounded = (abs + div / 2n) / div;
  const unit = 10n ** BigInt(digits);
  const int = rounded / unit;
  const frac = digits > 0 ? `.${String(rounded % unit).padStart(digits, '0')}` : '';
  return `${negative ? '-' : ''}${int}${frac}%`;
}

/** A ratio as a float between 0 and `cap`, for bar widths only. */
export function fraction(ratio: string | null | undefined, cap = 1): number {
  const n = ratio ? Number(ratio) : 0;
  return Number.isFinite(n) ? Math.min(Math.max(n, 0), cap) : 0;
}

/** part / whole as a float between 0 and 1 (bar widths only). */
export function share(part: string, whole: string | null | undefined): number {
  const w = whole ? Number(whole) : 0;
  return w > 0 ? Math.min(Math.max(Number(part) / w, 0), 1) : 0;
}

/** threshold − actual when positive (what is still missing), else null. */
export function shortfall(threshold: string | null | undefined, actual: string): string | null {
  if (!threshold) return null;
  const gap = toCents(threshold) - toCents(actual);
  return gap > 0n ? fromCents(gap) : null;
}

/**
 * What should be done by now if progress followed time: threshold × time elapsed, rounded up (to a whole unit for
 * counts, to the cent for money).
 */
export function expectedByNow(threshold: string, elapsed: string, kind: FigureKind): string {
  const product = toCents(threshold) * scaled(elapsed, 4); // cents × 10^4
  let cents = (product + 9999n) / 10000n;
  if (kind === 'count') cents = ((cents + 99n) / 100n) * 100n;
  return fromCents(cents);
}

/** (expected by now) − actual when positive, else null. */
export function behindBy(threshold: string | null, elapsed: string, actual: string, kind: FigureKind): string | null {
  if (!threshold) return null;
  return shortfall(expectedByNow(threshold, elapsed, kind), actual);
}

/** Exact a − b of two figures. */
export function minus(a: string, b: string): string {
  return fromCents(toCents(a) - toCents(b));
}

/** Exact sum of figures. */
export function plus(values: readonly string[]): string {
  return fromCents(values.reduce((acc, v) => acc + toCents(v), 0n));
}

/** Whether a figure is zero. */
export const isZero = (value: string | null | undefined) => !value || toCents(value) === 0n;

/** Every month 'YYYY-MM' from the month of `start` to the month of `end` (dates 'YYYY-MM-DD'). */
export function monthsBetween(start: string, end: string): string[] {
  let y = Number(start.slice(0, 4));
  let m = Number(start.slice(5, 7));
  const ey = Number(end.slice(0, 4));
  const em = Number(end.slice(5, 7));
  const out: string[] = [];
  while ((y < ey || (y === ey && m <= em)) && out.length < 240) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

export interface DrillParams {
  targetId: number;
  unitId?: number | null;
  year: number;
  quarter?: number | null;
  verifiedOnly?: boolean;
}

/** The drill-down page of one figure. */
export function drillHref({ targetId, unitId, year, quarter, verifiedOnly = true }: DrillParams): string {
  const p = new URLSearchParams({ target_id: String(targetId) });
  if (unitId != null) p.set('unit_id', String(unitId));
  p.set('year', String(year));
  if (quarter) p.set('quarter', String(quarter));
  if (!verifiedOnly) p.set('verified_only', 'false');
  return `/drilldown?${p}`;
}
