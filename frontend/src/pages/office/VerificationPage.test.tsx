import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { captureDownloads, json, problem, renderWith } from '../../test/utils';
import { bodyOf, signInWith } from './officeTestUtils';
import VerificationPage from './VerificationPage';

const item = (id: number, extra: Record<string, unknown> = {}) => ({
  record_type: 'visit', id, unit_id: 2, unit_name: '东昌府区', title: `走访 海尔集团公司（2020-05-0${id}）`,
  submitted_at: '2026-11-25T02:00:00Z', version: id + 1, created_by: 'dcf_editor', can_review: true, ...extra,
});
const counts = { visit: 3, event: 0, project: 0, funds_report: 0 };

vi.setConfig({ testTimeout: 30_000 });

/** Opens the queue, ticks the rows of 05-01 and 05-02 and confirms 核实选中（2）. */
async function verifyFirstTwo() {
  renderWith(<VerificationPage />, { path: '/verification' });
  const user = userEvent.setup();
  await user.click(await screen.findByRole('checkbox', { name: '选择 海尔集团公司（2020-05-01）' }));
  await user.click(screen.getByRole('checkbox', { name: '选择 海尔集团公司（2020-05-02）' }));
  await user.click(screen.getByRole('button', { name: /核实选中（2）/ }));
  await user.click(await screen.findByRole('button', { name: /^核\s*实$/ }));
  return user;
}

describe('VerificationPage', () => {
  it('groups the waiting records by unit and sorts newest first, both in the URL', async () => {
    const { calls } = signInWith({
      'GET /api/v1/verification/queue': () => json({ data: [item(1)], counts: { visit: 1 }, next_cursor: null }),
      'GET /api/v1/users/names': () => json({ data: [{ username: 'dcf_editor', display_name: '东昌府区 录入员' }] }),
      'GET /api/v1/verification/queue/by-unit': () => json({ data: [
        { unit_id: 3, unit_name: '临清市', counts: { event: 240 }, total: 240 },
        { unit_id: 2, unit_name: '东昌府区', counts: { visit: 1 }, total: 1 },
      ] }),
    });
    renderWith(<VerificationPage />, { path: '/verification' });
    const strip = await screen.findByTestId('queue-by-unit');
    expect(await screen.findByText('东昌府区 录入员')).toBeInTheDocument(); // the display name, not dcf_editor
    // no English left by antd for screen readers in the Chinese UI
    expect(screen.getByRole('checkbox', { name: '全选本页' })).toBeInTheDocument();
    expect(screen.queryByLabelText('Select all')).not.toBeInTheDocument();
    const user = userEvent.setup();
    await user.click(within(strip).getByText('东昌府区 1'));
    await waitFor(() => expect(calls.some((c) => new URL(c.url).searchParams.get('unit_id') === '2')).toBe(true));
    await user.click(within(screen.getByTestId('queue-order')).getByText('最新报送在前'));
    await waitFor(() => expect(calls.some((c) => c.url.includes('/verification/queue?')
      && new URL(c.url).searchParams.get('order') === 'newest')).toBe(true));
  });

  it('sends the URL filters to the queue, submitted_to exclusive at the end of the chosen day', async () => {
    const { calls } = signInWith({
      'GET /api/v1/verification/queue': () => json({ data: [item(1)], counts: { visit: 1 }, next_cursor: null }),
    });
    renderWith(<VerificationPage />, { path: '/verification?type=visit&unit=2&from=2026-11-01&to=2026-11-24' });
    expect(await screen.findByText('海尔集团公司（2020-05-01）')).toBeInTheDocument();
    const q = new URL(calls.find((c) => c.url.includes('/verification/queue'))!.url).searchParams;
    expect(q.get('record_type')).toBe('visit');
    expect(q.get('unit_id')).toBe('2');
    expect(new Date(q.get('submitted_from')!).getTime()).toBe(new Date(2026, 10, 1).getTime());
    expect(new Date(q.get('submitted_to')!).getTime()).toBe(new Date(2026, 10, 25).getTime());
  });

  it('bulk-verifies the selected rows with their versions and an Idempotency-Key; they leave the queue', async () => {
    let verified = false;
    const { calls } = signInWith({
      'GET /api/v1/verification/queue': () =>
        json(verified ? { data: [item(3)], counts: { ...counts, visit: 1 }, next_cursor: null } : { data: [item(1), item(2), item(3)], counts, next_cursor: null }),
      'POST /api/v1/verification/bulk': () => {
        verified = true;
        return json({ action: 'verify', data: [] });
      },
    });
    await verifyFirstTwo();
    await waitFor(() => expect(screen.queryByText('海尔集团公司（2020-05-01）')).not.toBeInTheDocument());
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await bodyOf(post)).toEqual({
      action: 'verify',
      reason: null,
      items: [
        { record_type: 'visit', id: 1, version: 2 },
        { record_type: 'visit', id: 2, version: 3 },
      ],
    });
    expect(screen.getByText('海尔集团公司（2020-05-03）')).toBeInTheDocument();
    expect(await screen.findByText('已核实 2 条记录')).toBeInTheDocument();
  });

  it('shows which items the all-or-nothing batch refused and why, and keeps every row', async () => {
    signInWith({
      'GET /api/v1/verification/queue': () => json({ data: [item(1), item(2)], counts, next_cursor: null }),
      'POST /api/v1/verification/bulk': () =>
        problem(409, '1 条记录不能核实，本次未做任何修改', {
          errors: [{ field: 'items.1', message: '记录已被修改（版本 3 → 5），请刷新后再审', record_type: 'visit', id: 2 }],
        }),
    });
    const user = await verifyFirstTwo();
    const alert = await screen.findByText('1 条记录未能处理，本次未做任何修改');
    expect(alert).toBeInTheDocument();
    const table = screen.getByTestId('queue-table');
    const row = within(table).getByText('海尔集团公司（2020-05-02）').closest('tr')!;
    expect(row).toHaveClass('zs-row-failed');
    expect(within(row).getByText('记录已被修改（版本 3 → 5），请刷新后再审')).toBeInTheDocument();
    expect(within(table).getByText('海尔集团公司（2020-05-01）')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '取消勾选这些记录' }));
    expect(screen.getByRole('button', { name: /核实选中（1）/ })).toBeInTheDocument();
  });

  it('does not let the office select records its own user entered, and says why', async () => {
    signInWith({
      'GET /api/v1/verification/queue': () =>
        json({ data: [item(1), item(2, { created_by: 'office', unit_name: '招商办', can_review: false })], counts, next_cursor: null }),
    });
    renderWith(<VerificationPage />, { path: '/verification' });
    expect(await screen.findByText(/列表中有 1 条记录由您本人或本单位录入/)).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: '选择 海尔集团公司（2020-05-02）' })).toBeDisabled();
    expect(screen.getByRole('checkbox', { name: '选择 海尔集团公司（2020-05-01）' })).toBeEnabled();
  });

  it('returns with a required reason, and pages with the cursor', async () => {
    const { calls } = signInWith({
      'GET /api/v1/verification/queue': (req) =>
        new URL(req.url).searchParams.get('cursor') === 'c1'
          ? json({ data: [item(3)], counts, next_cursor: null })
          : json({ data: [item(1), item(2)], counts, next_cursor: 'c1' }),
      'POST /api/v1/verification/bulk': () => json({ action: 'return', data: [] }),
    });
    renderWith(<VerificationPage />, { path: '/verification' });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: '加载更多' }));
    await user.click(await screen.findByRole('checkbox', { name: '选择 海尔集团公司（2020-05-03）' }));
    await user.click(screen.getByRole('button', { name: /退回选中（1）/ }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: /^退\s*回$/ }));
    expect(await within(dialog).findByText('请填写原因')).toBeInTheDocument();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    await user.type(within(dialog).getByLabelText('退回原因（填报单位可见）'), '缺少走访成果');
    await user.click(within(dialog).getByRole('button', { name: /^退\s*回$/ }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(await bodyOf(calls.find((c) => c.method === 'POST')!)).toEqual({
      action: 'return',
      reason: '缺少走访成果',
      items: [{ record_type: 'visit', id: 3, version: 4 }],
    });
  });

  it('exports the queue to Excel through the server with the same filters, under the server’s filename', async () => {
    const { calls } = signInWith({
      'GET /api/v1/verification/queue': () => json({ data: [item(1)], counts: { visit: 1 }, next_cursor: null }),
      'GET /api/v1/verification/queue/export.xlsx': () =>
        new Response('PK', {
          headers: {
            'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
            'Content-Disposition': `attachment; filename="queue.xlsx"; filename*=UTF-8''%E6%A0%B8%E5%AE%9E%E9%98%9F%E5%88%97.xlsx`,
          },
        }),
    });
    const downloads = captureDownloads();
    renderWith(<VerificationPage />, { path: '/verification?type=visit&unit=2' });
    await screen.findByText('海尔集团公司（2020-05-01）');
    await userEvent.setup().click(screen.getByRole('button', { name: /导出 Excel/ }));
    await waitFor(() => expect(downloads.saved).toEqual(['核实队列.xlsx']));
    const q = new URL(calls.find((c) => c.url.includes('export.xlsx'))!.url).searchParams;
    expect(q.get('record_type')).toBe('visit');
    expect(q.get('unit_id')).toBe('2');
    expect(q.get('cursor')).toBeNull();
    downloads.restore();
  });
});
