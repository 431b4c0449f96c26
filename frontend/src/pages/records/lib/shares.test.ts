import { describe, expect, it } from 'vitest';
import { isShare, sumShares } from './shares';

describe('credit shares', () => {
  it('sums exactly where floats would not', () => {
    // 33.33 + 33.33 + 33.34 is 100.00000000000001 in binary floating point
    expect(0.1 + 0.2 === 0.3).toBe(false);
    const s = sumShares(['33.33', '33.33', '33.34']);
    expect(s).toEqual({ total: '100.00', allValid: true, isHundred: true, remaining: '0.00' });
  });

  it('reports what is missing or over', () => {
    expect(sumShares(['60', '30'])).toMatchObject({ total: '90.00', isHundred: false, remaining: '10.00' });
    expect(sumShares(['60', '50.5'])).toMatchObject({ total: '110.50', isHundred: false, remaining: '-10.50' });
  });

  it('flags invalid shares and leaves them out of the total', () => {
    expect(sumShares(['100', ''])).toMatchObject({ total: '100.00', allValid: false, isHundred: false });
    expect(isShare('0')).toBe(false);
    expect(isShare('100.01')).toBe(false);
    expect(isShare('12.345')).toBe(false);
    expect(isShare('abc')).toBe(false);
    expect(isShare('0.01')).toBe(true);
  });
});
