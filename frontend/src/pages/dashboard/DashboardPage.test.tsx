import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { startSession } from '../../auth/session';
import { FUNNEL, PROGRESS, TARGET_SET, UNITS } from '../progress/progressFixtures';
import { ADMIN_PERMS, EDITOR_PERMS, json, meFor, mockApi, renderWith } from '../../test/utils';
import DashboardPage from './DashboardPage';

function signIn(me: ReturnType<typeof meFor>) {
  startSession({ access: 'a', refresh: 'r', expiresAt: Date.now() + 900_000, lifetime: 900_000 });
  return mockApi({
    'GET /api/v1/auth/me': () => json(me),
    'GET /api/v1/target-sets': () => json({ data: [TARGET_SET] }),
    'GET /api/v1/progress': () => json(PROGRESS),
    'GET /api/v1/progress/funnel': () => json({ ...FUNNEL, unit_id: 2 }),
    'GET /api/v1/units': () => json({ data: UNITS, count: UNITS.length }),
  });
}

const WAIT = { timeout: 5000 };

const sent = (calls: Request[], path: string) =>
  calls.filter((c) => new URL(c.url).pathname === path).map((c) => new URL(c.url).searchParams);

describe('DashboardPage', () => {
  it("shows a unit's own targets for the plan's last year, each figure opening its drill-down", async () => {
    const { calls } = signIn(meFor('unit_editor', EDITOR_PERMS, '东昌府区'));
    renderWith(<DashboardPage />, { path: '/dashboard' });
    expect(await screen.findByText('东昌府区 录入员，您好', {}, WAIT)).toBeInTheDocument();
    const t14 = await screen.findByTestId('figure-T14', {}, WAIT);
    // 2018–2020 read in 2026: the dashboard opens on 2020, not on this year
    expect(sent(calls, '/api/v1/progress')[0].get('year')).toBe('2020');
    expect(sent(calls, '/api/v1/progress/funnel')[0].get('unit_id')).toBe('2');

    const actual = within(t14).getByTestId('figure-actual');
    expect(actual).toHaveTextContent(/^5$/);
    expect(actual).toHaveAttribute('href', '/drilldown?target_id=17&unit_id=2&year=2020');
    const pending = within(t14).getByRole('link', { name: '另有 1 已报送待核实' });
    expect(pending).toHaveAttribute('href', '/drilldown?target_id=17&unit_id=2&year=2020&verified_only=false');
    expect(within(t14).getByText('已报送的走访记录条数，按走访日期计', { exact: false })).toBeInTheDocument();
    expect(within(t14).getByRole('progressbar')).toHaveAttribute('data-colour', 'red');
    expect(within(t14).getByRole('progressbar')).toHaveAccessibleName(/：5 \/ 100（5\.0%） · 落后于进度 · 时间进度 49\.7%$/);
    expect(within(t14).getByText('落后于进度')).toBeInTheDocument();

    // the city's figures and other units' are not "my targets"
    expect(screen.queryByTestId('figure-T01')).not.toBeInTheDocument();
    expect(screen.getAllByTestId('figure-T05')).toHaveLength(1);
    expect(screen.queryByTestId('figure-T08')).not.toBeInTheDocument();

    // what is due: exact gaps to the target and to the time schedule
    const due = within(screen.getByTestId('due-list')).getByTestId('due-T14');
    expect(due).toHaveTextContent('距目标还差 95');
    expect(due).toHaveTextContent('按时间进度此时应完成 50，还差 45');
    expect(within(screen.getByTestId('due-list')).queryByTestId('due-T05')).not.toBeInTheDocument(); // met
    expect(screen.getByTestId('rate-funds_rate')).toHaveTextContent('10.0%');
  }, 30_000);

  it('reads the year and quarter from the URL', async () => {
    const { calls } = signIn(meFor('unit_editor', EDITOR_PERMS, '东昌府区'));
    renderWith(<DashboardPage />, { path: '/dashboard?year=2019&quarter=2' });
    const t14 = await screen.findByTestId('figure-T14', {}, WAIT);
    const q = sent(calls, '/api/v1/progress')[0];
    expect([q.get('year'), q.get('quarter')]).toEqual(['2019', '2']);
    expect(within(t14).getByTestId('figure-actual')).toHaveAttribute('href', '/drilldown?target_id=17&unit_id=2&year=2019&quarter=2');
  }, 30_000);

  it('gives the office, leaders and administrators the city-level targets and the group dashboards', async () => {
    signIn({ ...meFor('admin', ADMIN_PERMS), display_name: '市领导' });
    renderWith(<DashboardPage />, { path: '/dashboard' });
    const t01 = await screen.findByTestId('figure-T01', {}, WAIT);
    expect(within(t01).getByTestId('figure-actual')).toHaveAttribute('href', '/drilldown?target_id=1&year=2020');
    expect(screen.getByTestId('figure-T04')).toHaveTextContent('1,000.06');
    expect(screen.queryByTestId('figure-T14')).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: '产业招商团组' })).toHaveAttribute('href', '/city?type=industry_group&year=2020');
  }, 30_000);
});
