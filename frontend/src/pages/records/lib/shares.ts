// Credit shares are percentages with two places ("33.33"); like money they are summed exactly on integer
// hundredths, never as floats. The API wants them to total exactly 100.
import { fromCents, isMoney, toCents } from '../../../lib/money';

export const HUNDRED = 10000n; // 100.00 in hundredths

export interface ShareSum {
  /** Exact total of the valid shares, "100.00". */
  total: string;
  /** Every share is a number with at most two places, above 0 and at most 100. */
  allValid: boolean;
  isHundred: boolean;
  /** 100 − total, may be negative. */
  remaining: string;
}

export function isShare(text: string | null | undefined): boolean {
  if (text == null || !isMoney(String(text))) return false;
  const v = toCents(String(text));
  return v > 0n && v <= HUNDRED;
}

export function sumShares(shares: readonly (string | number | null | undefined)[]): ShareSum {
  let total = 0n;
  let allValid = true;
  for (const s of shares) {
    const text = s == null ? '' : String(s);
    if (!isShare(text)) {
      allValid = false;
      continue;
    }
    total += toCents(text);
  }
  return { total: fromCents(total), allValid, isHundred: allValid && total === HUNDRED, remaining: fromCents(HUNDRED - total) };
}
