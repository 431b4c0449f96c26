import { describe, expect, it } from 'vitest';
import { activeSet, defaultYear, yearsOf } from './usePeriod';
import {
  behindBy, drillHref, expectedByNow, formatFigure, formatPercent, monthsBetween, plus, shortfall,
} from './progressFormat';

describe('progress figures', () => {
  it('shows counts as whole numbers, shares with their fraction, money with two places', () => {
    expect(formatFigure('12.00', 'count')).toBe('12');
    expect(formatFigure('1000.00', 'count')).toBe('1,000');
    expect(formatFigure('0.40', 'count')).toBe('0.4');
    expect(formatFigure('2.45', 'count')).toBe('2.45');
    expect(formatFigure('10000000.00', 'money')).toBe('10,000,000.00');
    expect(formatFigure('1000.06', 'money')).toBe('1,000.06');
  });

  it('turns ratios into percentages exactly, rounding half up', () => {
    expect(formatPercent('0.0500')).toBe('5.0%');
    expect(formatPercent('0.4973')).toBe('49.7%');
    expect(formatPercent('0.0005')).toBe('0.1%');
    expect(formatPercent('1.2000')).toBe('120.0%');
    expect(formatPercent('0.3333', 2)).toBe('33.33%');
    expect(formatPercent(null)).toBe('');
  });

  it('says exactly what is missing and what time says should be done', () => {
    expect(shortfall('100.00', '5.00')).toBe('95.00');
    expect(shortfall('100.00', '120.00')).toBeNull();
    expect(shortfall('10000000.00', '0.10')).toBe('9999999.90'); // no float rounding
    expect(expectedByNow('100.00', '0.4973', 'count')).toBe('50.00'); // 49.73 visits → 50
    expect(expectedByNow('1000.00', '0.5000', 'money')).toBe('500.00');
    expect(expectedByNow('333.33', '0.3333', 'money')).toBe('111.10'); // 111.0988… rounded up to the cent
    expect(behindBy('100.00', '0.4973', '5.00', 'count')).toBe('45.00');
    expect(behindBy('100.00', '0.4973', '60.00', 'count')).toBeNull();
    expect(plus(['0.10', '0.20', '0.40'])).toBe('0.70');
  });

  it('lists every month of a window and links a figure to its drill-down', () => {
    expect(monthsBetween('2019-11-01', '2020-02-29')).toEqual(['2019-11', '2019-12', '2020-01', '2020-02']);
    expect(drillHref({ targetId: 17, unitId: 2, year: 2020, quarter: 2, verifiedOnly: false }))
      .toBe('/drilldown?target_id=17&unit_id=2&year=2020&quarter=2&verified_only=false');
    expect(drillHref({ targetId: 1, unitId: null, year: 2020 })).toBe('/drilldown?target_id=1&year=2020');
  });

  it('opens on the plan year closest to today', () => {
    const plan = { id: 1, code: '2018-2020', name: 'x', start_date: '2018-01-01', end_date: '2020-12-31', active: true, targets: [] };
    const next = { ...plan, id: 2, code: '2021-2025', start_date: '2021-01-01', end_date: '2025-12-31', active: false };
    expect(activeSet([next, plan])?.id).toBe(1);
    expect(yearsOf(plan)).toEqual([2018, 2019, 2020]);
    expect(defaultYear(plan, new Date('2026-03-01'))).toBe(2020);
    expect(defaultYear(plan, new Date('2019-06-01'))).toBe(2019);
    expect(defaultYear(plan, new Date('2017-06-01'))).toBe(2018);
  });
});
