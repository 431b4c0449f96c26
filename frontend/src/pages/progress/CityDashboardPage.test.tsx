import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { startSession } from '../../auth/session';
import { ADMIN_PERMS, json, meFor, mockApi, renderWith } from '../../test/utils';
import CityDashboardPage from './CityDashboardPage';
import { FUNNEL, PROGRESS, RANKING_TERRITORIAL, TARGET_SET, UNITS } from './progressFixtures';

// ECharts needs a real canvas; the wrapper is replaced by a div that exposes what it was asked to draw.
vi.mock('./components/EChart', () => ({
  EChart: ({ option, label, testId }: { option: unknown; label: string; testId?: string }) => (
    <div data-testid={testId} aria-label={label} data-option={JSON.stringify(option)} />
  ),
}));

const WAIT = { timeout: 5000 };

function api() {
  startSession({ access: 'a', refresh: 'r', expiresAt: Date.now() + 900_000, lifetime: 900_000 });
  return mockApi({
    'GET /api/v1/auth/me': () => json({ ...meFor('leader', ADMIN_PERMS), role: 'leader' }),
    'GET /api/v1/target-sets': () => json({ data: [TARGET_SET] }),
    'GET /api/v1/progress': () => json(PROGRESS),
    'GET /api/v1/progress/ranking': (req) => {
      const type = new URL(req.url).searchParams.get('unit_type');
      return json(type === 'territorial' ? RANKING_TERRITORIAL : { unit_type: type, year: 2020, quarter: null, by_target: [], overall: [] });
    },
    'GET /api/v1/progress/funnel': () => json(FUNNEL),
    'GET /api/v1/units': () => json({ data: UNITS, count: UNITS.length }),
  });
}

const option = (testId: string) => JSON.parse(screen.getByTestId(testId).getAttribute('data-option')!);

describe('CityDashboardPage', () => {
  it('shows the targets × units matrix with status in words, the ranking, the trend and the funnel', async () => {
    const { calls } = api();
    renderWith(<CityDashboardPage />, { path: '/city' });
    const matrix = await screen.findByTestId('target-matrix', {}, WAIT);
    const cell = await within(matrix).findByTestId('cell-2-T14', {}, WAIT);
    expect(cell).toHaveTextContent('5 / 100');
    expect(cell).toHaveTextContent('5.0% · 落后于进度'); // not colour alone
    expect(cell).toHaveAttribute('href', '/drilldown?target_id=17&unit_id=2&year=2020');
    expect(cell.closest('td')).toHaveAttribute('data-colour', 'red');
    expect(within(matrix).getByTestId('cell-3-T14').closest('td')).toHaveAttribute('data-colour', 'amber');
    expect(within(matrix).queryByText('新材料产业招商团组')).not.toBeInTheDocument(); // another view
    // overall rank from the ranking, in the matrix
    await waitFor(() => expect(within(matrix).getAllByTestId('matrix-rank').map((e) => e.textContent)).toEqual(['1', '2']));

    const ranking = screen.getByTestId('ranking-table');
    expect(within(ranking).getAllByRole('row')[1]).toHaveTextContent('东昌府区52.5%1 / 2 项达标');
    const rankingCall = calls.find((c) => c.url.includes('/api/v1/progress/ranking'))!;
    expect(new URL(rankingCall.url).searchParams.get('unit_type')).toBe('territorial');

    // trend of the first target with records (T14), all units summed per month, exactly
    const trend = option('trend-chart');
    expect(trend.xAxis.data.slice(0, 5)).toEqual(['2020-01', '2020-02', '2020-03', '2020-04', '2020-05']);
    expect(trend.series[0].data.slice(0, 5)).toEqual([21, 1, 27, 0, 1]);
    expect(trend.series[1].data[11]).toBe(50);
    expect(trend.series[1].markLine.data[0].yAxis).toBe(200); // two units × 100
    expect(option('funnel-chart').series[0].data.map((d: { value: number }) => d.value)).toEqual([12, 6, 3, 2]);
    expect(option('county-map').geo.map).toBe('liaocheng'); // the counties' own boundaries, bundled
    expect(screen.getByTestId('rate-fulfilment_rate')).toHaveTextContent('50.0%');
  }, 30_000);

  it('keeps the chosen unit type in the URL (the group dashboard can be bookmarked)', async () => {
    const { calls } = api();
    const { router } = renderWith(<CityDashboardPage />, { path: '/city?year=2020' });
    await screen.findByTestId('cell-2-T14', {}, WAIT);
    await userEvent.setup().click(screen.getByRole('tab', { name: '产业招商团组' }));
    await waitFor(() => expect(new URLSearchParams(router.state.location.search).get('type')).toBe('industry_group'));
    expect(new URLSearchParams(router.state.location.search).get('year')).toBe('2020');
    const cell = await screen.findByTestId('cell-35-T08', {}, WAIT);
    expect(cell).toHaveTextContent('0.4 / 3'); // a share of a project, exactly
    expect(screen.queryByTestId('cell-2-T14')).not.toBeInTheDocument();
    await waitFor(() =>
      expect(calls.map((c) => new URL(c.url)).filter((u) => u.pathname === '/api/v1/progress/ranking')
        .map((u) => u.searchParams.get('unit_type'))).toContain('industry_group'));
  }, 30_000);

  it('shows the city-level targets and totals with their drill-downs', async () => {
    api();
    renderWith(<CityDashboardPage />, { path: '/city?type=city' });
    const t04 = await screen.findByTestId('figure-T04', {}, WAIT);
    expect(within(t04).getByTestId('figure-actual')).toHaveTextContent('1,000.06');
    expect(within(t04).getByTestId('figure-actual')).toHaveAttribute('href', '/drilldown?target_id=5&year=2020');
    expect(screen.getByTestId('figure-T01')).toBeInTheDocument();
    expect(screen.queryByTestId('target-matrix')).not.toBeInTheDocument();
    expect(screen.queryByTestId('ranking-card')).not.toBeInTheDocument();
  }, 30_000);

  it('says when the figures are still those under the previous counting rules', async () => {
    api();
    renderWith(<CityDashboardPage />, { path: '/city' });
    await screen.findByTestId('target-matrix', {}, WAIT);
    expect(screen.queryByTestId('rules-pending')).not.toBeInTheDocument();
    startSession({ access: 'a', refresh: 'r', expiresAt: Date.now() + 900_000, lifetime: 900_000 });
    mockApi({
      'GET /api/v1/auth/me': () => json({ ...meFor('leader', ADMIN_PERMS), role: 'leader' }),
      'GET /api/v1/target-sets': () => json({ data: [TARGET_SET] }),
      'GET /api/v1/progress': () => json({ ...PROGRESS, rules_pending: true }),
      'GET /api/v1/progress/ranking': () => json(RANKING_TERRITORIAL),
      'GET /api/v1/progress/funnel': () => json(FUNNEL),
      'GET /api/v1/units': () => json({ data: UNITS, count: UNITS.length }),
    });
    renderWith(<CityDashboardPage />, { path: '/city' });
    expect(await screen.findByTestId('rules-pending', {}, WAIT)).toHaveTextContent('新规则下的数字正在后台计算');
  }, 30_000);

  it('colours the map by the target chosen in the URL, each county with its figure in words', async () => {
    api();
    renderWith(<CityDashboardPage />, { path: '/city?map=17' });
    await screen.findByTestId('county-map', {}, WAIT);
    const map = option('county-map');
    expect(map.series[0].data.map((d: { name: string; itemStyle: { areaColor: string } }) => [d.name, d.itemStyle.areaColor]))
      .toEqual([['东昌府区', '#ffccc7'], ['临清市', '#fff1b8']]);
    expect(screen.getByTestId('county-map')).toHaveAttribute('aria-label', expect.stringContaining('东昌府区：5 / 100 · 落后于进度'));
  });
});
