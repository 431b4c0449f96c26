// Money is exact: the API sends 万元 as decimal strings ("1234.50"); the SPA never turns them into floats to
// compute. Display formatting groups digits; sums are done on integer cents with BigInt.

const MONEY = /^-?\d+(\.\d{1,2})?$/;

export function isMoney(text: string): boolean {
  return MONEY.test(text.trim());
}

/** "1234567.5" → "1,234,567.50" (万元). Non-numbers show as-is. */
export function formatMoney(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const s = String(value).trim();
  if (!MONEY.test(s)) return s;
  const negative = s.startsWith('-');
  const [int, frac = ''] = s.replace('-', '').split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}.${frac.padEnd(2, '0')}`;
}

export function toCents(value: string): bigint {
  const s = value.trim();
  if (!MONEY.test(s)) throw new Error(`not an amount: ${value}`);
  const negative = s.startsWith('-');
  const [int, frac = ''] = s.replace('-', '').split('.');
  const cents = BigInt(int) * 100n + BigInt(frac.padEnd(2, '0'));
  return negative ? -cents : cents;
}

export function fromCents(cents: bigint): string {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  return `${negative ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/** Exact sum of decimal strings. */
export function sumMoney(values: readonly string[]): string {
  return fromCents(values.reduce((acc, v) => acc + toCents(v), 0n));
}
