import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { startSession } from '../../auth/session';
import { downloadFrom } from '../../lib/download';
import { EDITOR_PERMS, json, meFor, mockApi, problem, renderWith } from '../../test/utils';
import DrilldownPage from './DrilldownPage';
import { drillPage, TARGET_SET, UNITS } from './progressFixtures';

vi.mock('../../lib/download', () => ({
  downloadFrom: vi.fn(async (call: () => Promise<unknown>) => {
    await call();
  }),
}));

const WAIT = { timeout: 5000 };
const row = (id: number, on: string, status = 'verified', value = '1.00', unit_id = 2) =>
  ({ record_type: 'visit', id, unit_id, on, status, value, label: '', href: `/api/v1/visits/${id}` });

function api(drill: (q: URLSearchParams) => Response) {
  startSession({ access: 'a', refresh: 'r', expiresAt: Date.now() + 900_000, lifetime: 900_000 });
  return mockApi({
    'GET /api/v1/auth/me': () => json(meFor('unit_editor', EDITOR_PERMS, '东昌府区')),
    'GET /api/v1/target-sets': () => json({ data: [TARGET_SET] }),
    'GET /api/v1/units': () => json({ data: UNITS, count: UNITS.length }),
    'GET /api/v1/progress/drilldown': (req) => drill(new URL(req.url).searchParams),
    'GET /api/v1/progress/drilldown/export.xlsx': () =>
      new Response(new Blob(['PK']), { headers: { 'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } }),
  });
}

const visits = (q: URLSearchParams) => {
  const all = q.get('verified_only') !== 'false';
  if (q.get('limit') === '1') return json(drillPage({ count: 3, total: '3.00', data: [row(1, '2020-01-05')], next_cursor: 'x' }));
  const count = all ? 3 : 4;
  const total = all ? '3.00' : '4.00';
  if (q.get('limit') === '1000') {
    return json(drillPage({ count, total, data: [row(1, '2020-01-05'), row(2, '2020-02-06'), row(3, '2020-03-07')] }));
  }
  return q.get('cursor')
    ? json(drillPage({ count, total, verified_only: all, data: [row(3, '2020-03-07'), ...(all ? [] : [row(4, '2020-07-09', 'submitted')])] }))
    : json(drillPage({ count, total, verified_only: all, data: [row(1, '2020-01-05'), row(2, '2020-02-06')], next_cursor: '2020-02-06_2' }));
};

describe('DrilldownPage', () => {
  it('lists the records behind a figure with its count and total, a page at a time', async () => {
    const { calls } = api(visits);
    renderWith(<DrilldownPage />, { path: '/drilldown?target_id=17&unit_id=2&year=2020' });
    const head = await screen.findByTestId('drill-head', {}, WAIT);
    expect(await within(head).findByText(/T14 各县\(市、区\)、市属开发区每年走访/, {}, WAIT)).toBeInTheDocument();
    expect(await within(head).findByText('东昌府区', {}, WAIT)).toBeInTheDocument();
    expect(within(head).getByText('已报送的走访记录条数，按走访日期计')).toBeInTheDocument();
    expect(within(head).getByText('2020-01-01 至 2020-12-31')).toBeInTheDocument();
    expect(await screen.findByTestId('drill-count', {}, WAIT)).toHaveTextContent('3');
    expect(screen.getByTestId('drill-total')).toHaveTextContent('3');
    const first = new URL(calls.find((c) => c.url.includes('/drilldown'))!.url).searchParams;
    expect([first.get('target_id'), first.get('unit_id'), first.get('year'), first.get('verified_only')]).toEqual(['17', '2', '2020', 'true']);

    const table = screen.getByTestId('drill-table');
    expect(within(table).getByRole('link', { name: '走访 #1' })).toHaveAttribute('href', '/visits/1');
    expect(screen.getByText('已加载 2 条 / 共 3 条')).toBeInTheDocument();
    await userEvent.setup().click(screen.getByRole('button', { name: '加载更多' }));
    expect(await within(table).findByRole('link', { name: '走访 #3' }, WAIT)).toBeInTheDocument();
    expect(screen.getByText('已加载 3 条 / 共 3 条')).toBeInTheDocument();
    const paged = calls.map((c) => new URL(c.url).searchParams).filter((q) => q.get('cursor'));
    expect(paged[0].get('cursor')).toBe('2020-02-06_2');
  }, 30_000);

  it('switches to every reported record, keeping the choice in the URL, and says how many await verification', async () => {
    api(visits);
    const { router } = renderWith(<DrilldownPage />, { path: '/drilldown?target_id=17&unit_id=2&year=2020' });
    await screen.findByTestId('drill-count', {}, WAIT);
    await userEvent.setup().click(screen.getByText('全部已报送（含待核实）'));
    await waitFor(() => expect(router.state.location.search).toContain('verified_only=false'));
    await waitFor(() => expect(screen.getByTestId('drill-count')).toHaveTextContent('4'));
    expect(await screen.findByText('其中已核实 3 条，合计 3；待核实 1 条，合计 1。', {}, WAIT)).toBeInTheDocument();
  }, 30_000);

  it('exports every record of the figure through the server, with the page\'s filters', async () => {
    const { calls } = api(visits);
    renderWith(<DrilldownPage />, { path: '/drilldown?target_id=17&unit_id=2&year=2020&verified_only=false' });
    await screen.findByTestId('drill-count', {}, WAIT);
    await userEvent.setup().click(screen.getByRole('button', { name: /导出 Excel/ }));
    await waitFor(() => expect(downloadFrom).toHaveBeenCalled());
    expect(vi.mocked(downloadFrom).mock.calls[0][1]).toContain('T14');
    const exported = calls.map((c) => new URL(c.url)).find((u) => u.pathname.endsWith('/export.xlsx'))!;
    expect(Object.fromEntries(exported.searchParams)).toEqual({ target_id: '17', unit_id: '2', year: '2020', verified_only: 'false' });
  }, 30_000);

  it('shows money in 万元 exactly and the API problem when the records may not be read', async () => {
    api((q) =>
      q.get('unit_id')
        ? json(drillPage({ target_id: 5, metric: 'funds_departments', value_kind: 'money', record_type: 'funds_report', unit_id: null, count: 2, total: '1000.06',
            data: [{ record_type: 'funds_report', id: 7, unit_id: 40, on: '2019-03-01', status: 'verified', value: '1000.04', label: '', href: '' },
              { record_type: 'funds_report', id: 8, unit_id: 40, on: '2019-04-01', status: 'verified', value: '0.02', label: '', href: '' }] }))
        : problem(403, '全市汇总数的明细仅办公室和市领导可查看；请选择本单位'),
    );
    const view = renderWith(<DrilldownPage />, { path: '/drilldown?target_id=5&unit_id=40&year=2019' });
    expect(await screen.findByTestId('drill-total', {}, WAIT)).toHaveTextContent('1,000.06');
    expect(screen.getByText('1,000.04')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '资金到位 #7' })).toHaveAttribute('href', '/funds/7');
    view.unmount();

    renderWith(<DrilldownPage />, { path: '/drilldown?target_id=1&year=2020' });
    expect(await screen.findByText('全市汇总数的明细仅办公室和市领导可查看；请选择本单位', {}, WAIT)).toBeInTheDocument();
  }, 30_000);

  it("shows each region of a figure reduced over regions and opens one region's records", async () => {
    const parts = [
      { region: 'jingjinji' as const, label_zh: '京津冀', count: 2, total: '2.00' },
      { region: 'yangtze_delta' as const, label_zh: '长三角', count: 2, total: '2.00' },
      { region: 'pearl_delta' as const, label_zh: '珠三角', count: 1, total: '1.00' },
    ];
    const { calls } = api((q) =>
      json(drillPage({ code: 'T10', metric: 'concentrated_events', record_type: 'event', unit_id: null,
                       count: q.get('region') ? 2 : 5, total: q.get('region') ? '2.00' : '1.00',
                       region: (q.get('region') as 'yangtze_delta' | null) ?? null, parts })));
    renderWith(<DrilldownPage />, { path: '/drilldown?target_id=1&year=2020' });
    const strip = await screen.findByTestId('drill-parts', {}, WAIT);
    expect(within(strip).getByText('长三角 2 · 2')).toBeInTheDocument();
    expect(screen.getByTestId('drill-total')).toHaveTextContent('1');
    await userEvent.click(within(strip).getByText('长三角 2 · 2'));
    await waitFor(() => expect(calls.some((c) => new URL(c.url).searchParams.get('region') === 'yangtze_delta')).toBe(true), WAIT);
    await waitFor(() => expect(screen.getByTestId('drill-total')).toHaveTextContent('2'), WAIT);
  }, 30_000);
});
