import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ME_KEY } from '../../auth/AuthProvider';
import { captureDownloads, json, problem, renderApp } from '../../test/utils';
import { bodyOf, signInWith } from './officeTestUtils';
import QuarterPage from './QuarterPage';
import QuartersPage from './QuartersPage';

vi.setConfig({ testTimeout: 30_000 });

const summary = (id: number, year: number, quarter: number) => ({
  id, target_set_id: 1, year, quarter, rule_version_id: 1, content_hash: 'ab'.repeat(32), frozen_by: 'office',
  frozen_at: '2026-11-25T02:00:00Z',
});

const figure = (extra: Record<string, unknown>) => ({
  target_id: 17, code: 'T14', metric: 'visits', title_zh: '各县每年走访100家', title_en: 'Each county: 100 visits',
  period: 'year', applies_to: 'unit_type', unit_id: 2, unit_name: '东昌府区', unit_type: 'county', value_kind: 'count',
  threshold: '100.00', actual: '2.00', unverified: '0.00', ratio: '0.0200', elapsed_ratio: '1.0000', status: 'missed',
  colour: 'red', rule_zh: '已报送的走访记录条数', rule_en: 'visits', adjustment_total: '0.00', adjusted_actual: '2.00',
  ...extra,
});

const snapshot = (adjustments: unknown[] = []) => ({
  ...summary(7, 2020, 4),
  hash_ok: true,
  as_of: '2020-12-31',
  rules: {},
  items: [
    figure({ target_id: 1, code: 'T01', title_zh: '全市每年走访1000家', applies_to: 'city', unit_id: null, unit_name: null, unit_type: null, threshold: '1000.00' }),
    figure({}),
  ],
  adjustments,
});

const pages = [
  { path: '/quarters', element: <QuartersPage /> },
  { path: '/quarters/:id', element: <QuarterPage /> },
];

describe('QuartersPage', () => {
  it('closes the latest open quarter of the plan period (2020 Q4, not today’s year) and opens its snapshot', async () => {
    const { calls } = signInWith({
      'GET /api/v1/quarters': () => json({ data: [summary(3, 2020, 3)] }),
      'POST /api/v1/quarters': () => json(snapshot(), 201),
      'GET /api/v1/quarters/7': () => json(snapshot()),
    });
    const { router } = renderApp(pages, { path: '/quarters' });
    const user = userEvent.setup();
    await screen.findByRole('link', { name: '2020年第3季度' });
    await user.click(screen.getByRole('button', { name: /季度关账/ }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('将冻结2020年第4季度截至 2020-12-31 的全部目标完成数字')).toBeInTheDocument();
    expect(within(dialog).getByRole('radio', { name: '第3季度' })).toBeDisabled(); // already closed
    await user.click(within(dialog).getByRole('button', { name: '确认关账' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/quarters/7'));
    const post = calls.find((c) => c.method === 'POST')!;
    expect(await bodyOf(post)).toEqual({ year: 2020, quarter: 4, target_set_id: 1 });
    expect(post.headers.get('Idempotency-Key')).toBeTruthy();
    expect(await screen.findByText('ab'.repeat(32))).toBeInTheDocument();
  });

  it('shows the API’s refusal beside the quarter field', async () => {
    signInWith({
      'GET /api/v1/quarters': () => json({ data: [] }),
      'POST /api/v1/quarters': () =>
        problem(422, '2020 年第 4 季度尚未结束', { errors: [{ field: 'quarter', message: '季度未结束' }] }),
    });
    renderApp(pages, { path: '/quarters' });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: /季度关账/ }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: '确认关账' }));
    expect(await within(dialog).findByText('季度未结束')).toBeInTheDocument();
  });

  it('hides closing from a leader, who still reads the snapshots', async () => {
    signInWith({ 'GET /api/v1/quarters': () => json({ data: [summary(7, 2020, 4)] }) }, 'leader');
    const { queryClient } = renderApp(pages, { path: '/quarters' });
    expect(await screen.findByRole('link', { name: '2020年第4季度' })).toBeInTheDocument();
    await waitFor(() => expect(queryClient.getQueryData(ME_KEY)).toBeDefined()); // the role is known
    expect(screen.queryByRole('button', { name: /季度关账/ })).not.toBeInTheDocument();
  });
});

describe('QuarterPage', () => {
  it('downloads the dispatch report as a PDF beside the workbook, named as the server says', async () => {
    const { calls } = signInWith({
      'GET /api/v1/quarters/7': () => json(snapshot()),
      'GET /api/v1/quarters/7/report.pdf': () =>
        new Response('%PDF-1.4', {
          headers: { 'Content-Type': 'application/pdf', 'Content-Disposition': 'attachment; filename="dispatch-2020Q4.pdf"' },
        }),
    });
    const downloads = captureDownloads();
    renderApp(pages, { path: '/quarters/7' });
    expect(await screen.findByRole('button', { name: /下载调度通报（Excel）/ })).toBeInTheDocument();
    await userEvent.setup().click(screen.getByRole('button', { name: /下载 PDF/ }));
    await waitFor(() => expect(downloads.saved).toEqual(['dispatch-2020Q4.pdf']));
    expect(calls.filter((c) => c.url.includes('/report.')).map((c) => new URL(c.url).pathname)).toEqual([
      '/api/v1/quarters/7/report.pdf',
    ]);
    downloads.restore();
  });

  it('proposes an adjustment from the corrected figure: the delta sent is exact', async () => {
    const { calls } = signInWith({
      'GET /api/v1/quarters/7': () => json(snapshot()),
      'POST /api/v1/quarters/7/adjustments': () => json({}, 201),
    });
    renderApp(pages, { path: '/quarters/7' });
    const user = userEvent.setup();
    expect(await screen.findByText('内容与哈希一致')).toBeInTheDocument();
    await user.click(screen.getByTestId('propose-adjustment'));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByLabelText('调整的数字'));
    await user.click(await screen.findByTitle('T14 · 东昌府区（2）'));
    await user.type(within(dialog).getByLabelText('更正后的数字'), '5.1');
    expect(within(dialog).getByText('当前 2，将登记调整 +3.10')).toBeInTheDocument();
    await user.type(within(dialog).getByLabelText('调整原因'), '漏报三次走访');
    await user.click(within(dialog).getByRole('button', { name: '登记调整' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    const body = await bodyOf(calls.find((c) => c.method === 'POST')!);
    expect(body).toMatchObject({ target_id: 17, unit_id: 2, delta: '3.10', reason: '漏报三次走访' });
    expect(body.effective_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('does not offer the proposer to approve their own adjustment, and shows a refusal from the API', async () => {
    const adj = (id: number, by: string) => ({
      id, snapshot_id: 7, target_id: 17, unit_id: 2, delta: '3.00', reason: `理由${id}`, effective_on: '2026-11-25T00:00:00Z',
      proposed_by: by, proposed_at: '2026-11-25T02:00:00Z', status: 'proposed', decided_by: null, decided_at: null,
    });
    signInWith(
      {
        'GET /api/v1/quarters/7': () => json(snapshot([adj(1, 'office'), adj(2, 'office2')])),
        'POST /api/v1/quarters/7/adjustments/2/decision': () =>
          problem(403, '调整需由登记人以外的办公室人员审批', { type: '/problems/segregation-of-duties' }),
      },
      'office',
      'office',
    );
    renderApp(pages, { path: '/quarters/7' });
    const ledger = await screen.findByTestId('adjustments-ledger');
    const own = within(ledger).getByText('理由1').closest('.zs-ledger-item') as HTMLElement;
    expect(within(own).getByText('这是您本人登记的调整，须由另一位办公室人员审批。')).toBeInTheDocument();
    expect(within(own).getByRole('button', { name: /^批\s*准$/ })).toBeDisabled();
    const other = within(ledger).getByText('理由2').closest('.zs-ledger-item') as HTMLElement;
    const user = userEvent.setup();
    await user.click(within(other).getByRole('button', { name: /^批\s*准$/ }));
    await user.click(within(document.querySelector('.ant-popconfirm') as HTMLElement).getByRole('button', { name: /^批\s*准$/ }));
    expect(await within(other).findByRole('alert')).toHaveTextContent('调整需由登记人以外的办公室人员审批');
  });

  it('warns when the stored figures no longer match the hash', async () => {
    signInWith({ 'GET /api/v1/quarters/7': () => json({ ...snapshot(), hash_ok: false }) }, 'leader');
    const { queryClient } = renderApp(pages, { path: '/quarters/7' });
    expect(await screen.findByText('快照内容与关账时的哈希不一致')).toBeInTheDocument();
    await waitFor(() => expect(queryClient.getQueryData(ME_KEY)).toBeDefined());
    expect(screen.queryByRole('button', { name: /登记调整/ })).not.toBeInTheDocument(); // leaders read only
  });
});
