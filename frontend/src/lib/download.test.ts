import { describe, expect, test } from 'vitest';
import { filenameFrom } from './download';

describe('filenameFrom', () => {
  test('prefers the UTF-8 name so Chinese filenames survive', () => {
    const header = `attachment; filename="visits_20261125.xlsx"; filename*=UTF-8''%E8%B5%B0%E8%AE%BF_20261125.xlsx`;
    expect(filenameFrom(header, 'x.xlsx')).toBe('走访_20261125.xlsx');
  });
  test('falls back to the plain name, then to the given one', () => {
    expect(filenameFrom('attachment; filename="report.xlsx"', 'x.xlsx')).toBe('report.xlsx');
    expect(filenameFrom(null, 'x.xlsx')).toBe('x.xlsx');
  });
});
