import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockApi, renderWith } from '../../test/utils';
import AuditPage from './AuditPage';

const event = (id: number, extra: Record<string, unknown>) => ({
  id, at: '2026-11-25T02:00:00Z', actor_type: 'user', actor_id: 1, actor_name: 'office', unit_id: 2,
  request_id: null, client_addr: '10.0.0.8', entity: 'unit', entity_id: '2', hash: 'h', ...extra,
});

describe('AuditPage', () => {
  it('shows what changed, before → after, and pages with the cursor', async () => {
    const { calls } = mockApi({
      'GET /api/v1/units': () => json({ data: [{ id: 2, code: '371502', type: 'county', name_zh: '东昌府区', name_en: 'Dongchangfu', leader_name: '', active: true, cluster_ids: [] }], count: 1 }),
      'GET /api/v1/audit-events': (req) =>
        new URL(req.url).searchParams.get('cursor') === '9'
          ? json({ data: [event(8, { action: 'create', before: null, after: { id: 2, name_zh: '东昌府区', type: 'county' } })], next_cursor: null })
          : json({
              data: [event(9, { action: 'update', before: { leader_name: '', active: true, version: 1 }, after: { leader_name: '张三', active: false, version: 2 } })],
              next_cursor: '9',
            }),
    });
    renderWith(<AuditPage />, { path: '/audit?entity=unit' });
    const table = await screen.findByTestId('audit-table');
    expect(await within(table).findByText('张三')).toBeInTheDocument();
    expect(within(table).getByText('负责人')).toBeInTheDocument();
    expect(within(table).getByText('修改')).toBeInTheDocument();
    expect(within(table).getByText('单位 #2')).toBeInTheDocument();
    expect(new URL(calls.find((c) => c.url.includes('audit-events'))!.url).searchParams.get('entity')).toBe('unit');

    await userEvent.setup().click(screen.getByRole('button', { name: '加载更多' }));
    expect(await within(table).findByText('县（市、区）')).toBeInTheDocument(); // unit type in words
    expect(screen.getByText(/已全部加载/)).toBeInTheDocument();
  });

  it('names record fields and values as the record pages do, never the codes', async () => {
    mockApi({
      'GET /api/v1/units': () => json({ data: [{ id: 2, code: '371502', type: 'county', name_zh: '东昌府区', name_en: 'Dongchangfu', leader_name: '', active: true, cluster_ids: [] }], count: 1 }),
      'GET /api/v1/audit-events': () => json({
        data: [
          event(9, { entity: 'project', action: 'update', before: { landing_unit_id: null, status: 'submitted', advanced_class: null },
                     after: { landing_unit_id: 2, status: 'verified', advanced_class: 'new_energy_materials' } }),
          event(8, { entity: 'snapshot', action: 'create', before: null,
                     after: { figures: JSON.stringify({ items: Array.from({ length: 30 }, (_, n) => ({ code: `T${n}`, actual: '1.00' })) }) } }),
        ],
        next_cursor: null,
      }),
    });
    renderWith(<AuditPage />, { path: '/audit' });
    const table = await screen.findByTestId('audit-table');
    expect(await within(table).findByText('东昌府区')).toBeInTheDocument();
    const text = table.textContent ?? '';
    expect(text).toContain('落地单位');
    expect(text).toContain('已核实');
    for (const code of ['landing_unit_id', 'submitted', 'verified', 'new_energy_materials', '"items"']) {
      expect(text).not.toContain(code);
    }
  });

  it('shows the sign-in log on its own tab, failed ones on request', async () => {
    const { calls } = mockApi({
      'GET /api/v1/units': () => json({ data: [{ id: 2, code: '371502', type: 'county', name_zh: '东昌府区', name_en: 'Dongchangfu', leader_name: '', active: true, cluster_ids: [] }], count: 1 }),
      'GET /api/v1/auth/sign-ins': () => json({ data: [
        { id: 2, at: '2026-11-25T02:00:00Z', username: 'dcf_editor', user_id: 5, unit_id: 2, client_addr: '10.0.0.8', succeeded: false },
        { id: 1, at: '2026-11-25T01:00:00Z', username: 'dcf_editor', user_id: 5, unit_id: 2, client_addr: '10.0.0.8', succeeded: true },
      ], next_cursor: null }),
    });
    renderWith(<AuditPage />, { path: '/audit?tab=sign-ins' });
    const log = await screen.findByTestId('sign-in-log');
    expect(await within(log).findByText('失败')).toBeInTheDocument();
    expect(within(log).getByText('成功')).toBeInTheDocument();
    expect(within(log).getAllByText('东昌府区')).toHaveLength(2);
    expect(calls.some((c) => c.url.includes('/api/v1/audit-events'))).toBe(false);
    await userEvent.setup().click(within(log).getByText('仅失败'));
    await waitFor(() => expect(calls.some((c) => new URL(c.url).searchParams.get('succeeded') === 'false')).toBe(true));
  });

  it('filters by record, action, person and unit, from the URL', async () => {
    const { calls } = mockApi({
      'GET /api/v1/units': () => json({ data: [], count: 0 }),
      'GET /api/v1/users/names': () => json({ data: [{ username: 'office', display_name: '办公室 王科长' }] }),
      'GET /api/v1/audit-events': () => json({ data: [event(9, { entity: 'project', entity_id: '5', action: 'verify', before: { status: 'submitted' }, after: { status: 'verified' } })], next_cursor: null }),
    });
    renderWith(<AuditPage />, { path: '/audit?entity=project&record=5&action=verify&actor=office&unit=2' });
    const table = await screen.findByTestId('audit-table');
    expect(await within(table).findByText('核实')).toBeInTheDocument();
    const q = new URL(calls.find((c) => c.url.includes('/api/v1/audit-events'))!.url).searchParams;
    expect([q.get('entity'), q.get('entity_id'), q.get('action'), q.get('actor_name'), q.get('unit_id')])
      .toEqual(['project', '5', 'verify', 'office', '2']);
  });
});
