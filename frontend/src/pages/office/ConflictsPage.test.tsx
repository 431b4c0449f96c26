import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { json, problem, renderWith } from '../../test/utils';
import ConflictsPage from './ConflictsPage';
import { bodyOf, signInWith } from './officeTestUtils';

vi.setConfig({ testTimeout: 30_000 });

const projects = {
  key: 'enterprise_multi_unit:1:1-2',
  kind: 'enterprise_multi_unit',
  detected_reason: '同一企业在 180 天内出现在两个单位的项目中',
  records: [
    { record_type: 'project', id: 1, unit_id: 2, unit_name: '东昌府区', name: '海尔智慧家电产业园', amount: '25000.00' },
    { record_type: 'project', id: 2, unit_id: 3, unit_name: '临清市', name: '海尔冷链物流基地', amount: '12000.00' },
  ],
};
const enterprises = {
  key: 'duplicate_enterprise:5-6',
  kind: 'duplicate_enterprise',
  detected_reason: '企业名称（或曾用名）相同',
  records: [
    { record_type: 'enterprise', id: 5, unit_id: null, unit_name: null, name: '鲁西化工集团股份有限公司' },
    { record_type: 'enterprise', id: 6, unit_id: null, unit_name: null, name: '鲁西化工有限公司' },
  ],
};
const enterprise = (id: number, name: string, uscc: string | null) => ({ id, name, uscc });
const project = (id: number, unit_id: number, total: string, stage: string, signed_on: string | null) => ({
  id, unit_id, landing_unit_id: unit_id, name: '海尔项目', total_investment: total, stage, signed_on, started_on: null,
  status: 'verified', created_at: '2026-11-20T02:00:00Z', created_by: `editor${id}`, version: 1,
});

describe('ConflictsPage', () => {
  it('shows both sides with links and amounts, and records a decision with its reason', async () => {
    const { calls } = signInWith({
      'GET /api/v1/conflicts': () => json({ data: [projects, enterprises] }),
      'GET /api/v1/projects/1': () => json(project(1, 2, '25000.00', 'signed', '2026-03-01')),
      'GET /api/v1/projects/2': () => json(project(2, 3, '12000.00', 'negotiating', null)),
      'POST /api/v1/conflicts/decisions': () => json({ ...projects, decision: 'keep_first' }, 201),
    });
    renderWith(<ConflictsPage />, { path: '/conflicts' });
    const table = await screen.findByTestId('conflicts-table');
    expect(await within(table).findByRole('link', { name: '海尔冷链物流基地' })).toHaveAttribute('href', '/projects/2');
    expect(within(table).getByText('东昌府区 · 25,000.00 万元')).toBeInTheDocument();

    const user = userEvent.setup();
    const row = within(table).getByText('海尔智慧家电产业园').closest('tr')!;
    await user.click(within(row).getByRole('button', { name: /^处\s*理$/ }));
    const dialog = await screen.findByRole('dialog');
    const pair = await within(dialog).findByTestId('conflict-pair');
    await waitFor(() => expect(pair).toHaveTextContent('25,000.00 万元'));
    expect(pair).toHaveTextContent('12,000.00 万元');
    expect(pair).toHaveTextContent('2026-03-01');
    expect(within(pair).getAllByText('签约').length).toBe(1);
    expect(within(pair).getByText('在谈')).toBeInTheDocument();
    expect(within(dialog).getAllByRole('radio').every((r) => !(r as HTMLInputElement).checked)).toBe(true);
    await user.click(within(dialog).getByLabelText('保留 A：B 由其填报单位更正或终止'));
    await user.type(within(dialog).getByLabelText('处理理由'), '临清市项目为重复申报');
    await user.click(within(dialog).getByRole('button', { name: /^处\s*理$/ }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.headers.get('Idempotency-Key')).toBeTruthy();
    expect(await bodyOf(post)).toEqual({ key: projects.key, decision: 'keep_first', reason: '临清市项目为重复申报' });
  });

  it('merges the enterprise not kept into the one kept, after saying what moves', async () => {
    const { calls } = signInWith({
      'GET /api/v1/conflicts': () => json({ data: [enterprises] }),
      'GET /api/v1/enterprises/5': () => json(enterprise(5, enterprises.records[0].name, '913700001234567890')),
      'GET /api/v1/enterprises/6': () => json(enterprise(6, enterprises.records[1].name, null)),
      'POST /api/v1/enterprises/6/merge': () => json(enterprise(5, enterprises.records[0].name, '913700001234567890')),
    });
    renderWith(<ConflictsPage />, { path: '/conflicts' });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: '合并企业' }));
    const dialog = await screen.findByRole('dialog');
    expect(await within(dialog).findByText(/信用代码 913700001234567890/)).toBeInTheDocument();
    expect(within(dialog).getByText('将「鲁西化工有限公司」合并到「鲁西化工集团股份有限公司」')).toBeInTheDocument();
    await user.type(within(dialog).getByLabelText('合并原因'), '同一法人，名称变更前后两次录入');
    await user.click(within(dialog).getByRole('button', { name: '确认合并' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(await bodyOf(calls.find((c) => c.method === 'POST')!)).toEqual({
      into_id: 5,
      reason: '同一法人，名称变更前后两次录入',
    });
  });

  it('shows the API detail when the decision is refused', async () => {
    signInWith({
      'GET /api/v1/conflicts': () => json({ data: [projects] }),
      'POST /api/v1/conflicts/decisions': () => problem(409, '该冲突已有处理决定'),
    });
    renderWith(<ConflictsPage />, { path: '/conflicts?decided=1' });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: /^处\s*理$/ }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText('处理理由'), 'x');
    await user.click(within(dialog).getByRole('button', { name: /^处\s*理$/ }));
    expect(await within(dialog).findByText('请选择处理决定')).toBeInTheDocument(); // nothing is chosen for the clerk
    await user.click(within(dialog).getByLabelText('不是冲突：两条记录都保留'));
    await user.click(within(dialog).getByRole('button', { name: /^处\s*理$/ }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('该冲突已有处理决定');
    expect(screen.getByRole('switch', { name: '显示已处理' })).toBeChecked();
  });
});
