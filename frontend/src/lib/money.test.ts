import { describe, expect, test } from 'vitest';
import { formatMoney, isMoney, sumMoney, toCents } from './money';

describe('money in 万元', () => {
  test('sums exactly where floats would not', () => {
    expect(sumMoney(['0.10', '0.20'])).toBe('0.30');
    expect(sumMoney(['9999999999999.99', '0.01'])).toBe('10000000000000.00');
    expect(sumMoney([])).toBe('0.00');
  });
  test('formats with grouping and two places', () => {
    expect(formatMoney('1234567.5')).toBe('1,234,567.50');
    expect(formatMoney('-10000')).toBe('-10,000.00');
    expect(formatMoney(null)).toBe('');
  });
  test('accepts at most two places', () => {
    expect(isMoney('10000.00')).toBe(true);
    expect(isMoney('1.234')).toBe(false);
    expect(isMoney('1e5')).toBe(false);
    expect(() => toCents('abc')).toThrow();
  });
});
