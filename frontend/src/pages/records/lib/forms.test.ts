import { describe, expect, it, vi } from 'vitest';
import type { FormInstance } from 'antd';
import { ApiError } from '../../../lib/apiError';
import { applyServerErrors, changedFields, sameAmount } from './forms';

describe('form helpers', () => {
  it('puts server field errors beside the matching field and returns the rest', () => {
    const setFields = vi.fn();
    const form = { setFields } as unknown as FormInstance;
    const err = new ApiError(422, {
      detail: 'x',
      errors: [
        { field: 'visit_date', message: '日期格式应为 YYYY-MM-DD' },
        { field: 'credits.1.share', message: '应大于 0' },
        { field: 'mystery', message: '不明' },
      ],
    });
    const rest = applyServerErrors(form, err, ['visit_date', 'credits']);
    expect(setFields).toHaveBeenCalledWith([
      { name: 'visit_date', errors: ['日期格式应为 YYYY-MM-DD'] },
      { name: 'credits', errors: ['应大于 0'] },
    ]);
    expect(rest).toEqual(['mystery: 不明']);
  });

  it('diffs a PATCH body', () => {
    expect(changedFields({ a: 1, b: 'x', c: null, d: [1, 2] }, { a: 1, b: 'y', c: undefined, d: [1, 2] })).toEqual({ b: 'y' });
  });

  it('compares amounts exactly', () => {
    expect(sameAmount('12500', '12500.00')).toBe(true);
    expect(sameAmount('12500.1', '12500.10')).toBe(true);
    expect(sameAmount('12500.1', '12500.01')).toBe(false);
    expect(sameAmount(null, '')).toBe(true);
  });
});
