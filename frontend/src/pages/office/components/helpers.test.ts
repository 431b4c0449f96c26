import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../lib/apiError';
import { activeSetOf, yearsOf } from './hooks';
import { formatFigure, quarterEnd, ratioPercent } from './officeFormat';
import { bulkFailures } from './problems';
import { controlOf, ruleChanges, splitDescription } from './ruleSettings';

describe('office formatting', () => {
  it('turns ratios into percentages exactly (no float rounding)', () => {
    expect(ratioPercent('0.3333')).toBe('33.33%');
    expect(ratioPercent('1.2')).toBe('120.00%');
    expect(ratioPercent('0.0005')).toBe('0.05%');
    expect(ratioPercent('12345678.9999')).toBe('1234567899.99%');
    expect(ratioPercent(null)).toBe('—');
  });
  it('shows counts without .00 and money grouped', () => {
    expect(formatFigure('3.00', 'count')).toBe('3');
    expect(formatFigure('0.40', 'count')).toBe('0.40');
    expect(formatFigure('10000000.00', 'money')).toBe('10,000,000.00');
  });
  it('knows the last day of each quarter', () => {
    expect(quarterEnd(2020, 1)).toBe('2020-03-31');
    expect(quarterEnd(2020, 2)).toBe('2020-06-30');
    expect(quarterEnd(2020, 4)).toBe('2020-12-31');
  });
});

describe('target sets', () => {
  const set = (id: number, start: string, end: string, active = true) => ({
    id, code: String(id), name: '', start_date: start, end_date: end, active,
  });
  it('takes the active set with the latest start, as the API does, and its years', () => {
    const sets = [set(1, '2018-01-01', '2020-12-31'), set(2, '2021-01-01', '2023-12-31', false)];
    expect(activeSetOf(sets)?.id).toBe(1);
    expect(yearsOf(activeSetOf(sets))).toEqual([2018, 2019, 2020]);
  });
});

describe('bulk refusals', () => {
  it('reads the refused items from the 409 problem', () => {
    const err = new ApiError(409, {
      detail: '2 条记录不能核实',
      errors: [
        { field: 'items.0', message: '记录不存在', record_type: 'visit', id: 4 },
        { field: 'items.3', message: '不能审核本人或本单位录入的记录（职责分离）', record_type: 'project', id: 9 },
      ] as never,
    });
    expect(bulkFailures(err)).toEqual([
      { index: 0, record_type: 'visit', id: 4, message: '记录不存在' },
      { index: 3, record_type: 'project', id: 9, message: '不能审核本人或本单位录入的记录（职责分离）' },
    ]);
    expect(bulkFailures(new Error('x'))).toEqual([]);
  });
});

describe('rule settings', () => {
  it('splits zh / en descriptions at the slash before the English, not inside the Chinese', () => {
    expect(splitDescription('“落地/引进”指项目达到的阶段 / the stage at which a project has \'landed\'')).toEqual({
      zh: '“落地/引进”指项目达到的阶段',
      en: "the stage at which a project has 'landed'",
    });
    expect(splitDescription('各至少1次（否则任一地区即可）/ target 10 needs every region')).toEqual({
      zh: '各至少1次（否则任一地区即可）',
      en: 'target 10 needs every region',
    });
  });
  it('picks a control from the setting', () => {
    expect(controlOf('yi_inclusive', true)).toBe('switch');
    expect(controlOf('landed_stage', 'started')).toBe('radio');
    expect(controlOf('china500_lists', [])).toBe('tags');
    expect(controlOf('rag_amber_ratio', '0.8')).toBe('ratio');
    expect(controlOf('some_new_text', 'abc')).toBe('text');
  });
  it('lists what changed between versions, ratios compared by value', () => {
    const a = { yi_inclusive: true, rag_amber_ratio: '0.8', china500_lists: [] };
    expect(ruleChanges(a, { ...a, rag_amber_ratio: '0.80' })).toEqual([]);
    expect(ruleChanges(a, { ...a, yi_inclusive: false, china500_lists: ['中国企业500强'] })).toEqual([
      { key: 'yi_inclusive', before: true, after: false },
      { key: 'china500_lists', before: [], after: ['中国企业500强'] },
    ]);
  });
});
