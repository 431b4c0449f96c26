import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ME_KEY } from '../../auth/AuthProvider';
import { json, problem, renderWith } from '../../test/utils';
import AssessmentPage from './AssessmentPage';
import { bodyOf, signInWith } from './officeTestUtils';

vi.setConfig({ testTimeout: 30_000 });

const result = {
  year: 2020,
  snapshot_id: 7,
  content_hash: 'cd'.repeat(32),
  config: { weights: { T05: '2' }, default_weight: '1', cap: '1.2', bonus_per_target_met: '5' },
  results: [
    {
      unit_id: 2, unit_name: '东昌府区', unit_type: 'county', base_score: '75.83', targets_met: 1, veto_reason: null,
      score: '75.83', rank: 1,
      working: [
        { code: 'T05', title_zh: '500强项目', actual: '1.00', threshold: '1.00', ratio: '1.0000', capped: '1.0000', weight: '2', met: true },
        { code: 'T06', title_zh: '先进制造项目', actual: '1.00', threshold: '3.00', ratio: '0.3333', capped: '0.3333', weight: '1', met: false },
        { code: 'T14', title_zh: '走访100家', actual: '50.00', threshold: '100.00', ratio: '0.5000', capped: '0.5000', weight: '1', met: false },
      ],
    },
    {
      unit_id: 3, unit_name: '临清市', unit_type: 'county', base_score: '10.00', targets_met: 0,
      veto_reason: '发生重大安全生产事故', score: '0.00', rank: 2, working: [],
    },
  ],
};

describe('AssessmentPage', () => {
  it('asks for the plan’s last year (2020), ranks units and shows each unit’s working', async () => {
    const { calls } = signInWith({ 'GET /api/v1/assessment/2020': () => json(result) });
    renderWith(<AssessmentPage />, { path: '/assessment' });
    const table = await screen.findByTestId('assessment-table');
    expect(await within(table).findByText('东昌府区')).toBeInTheDocument();
    expect(new URL(calls.find((c) => c.url.includes('/assessment/'))!.url).searchParams.get('unit_type')).toBe('territorial');
    expect(within(table).getByText('发生重大安全生产事故')).toBeInTheDocument();
    expect(screen.getByTestId('scheme-summary')).toHaveTextContent('单项完成率最高计 120.00%；每达标一项加 5 分。');
    expect(screen.getByTestId('scheme-summary')).toHaveTextContent('T05=2');
    await userEvent.setup().click(within(table).getAllByRole('button', { name: /展开行|Expand row/ })[0]);
    expect(await screen.findByTestId('score-working')).toHaveTextContent(
      '得分 = (2×1.0000 + 1×0.3333 + 1×0.5000) ÷ 4 × 100 + 5×1 = 75.83。',
    );
    expect(screen.getAllByText('33.33%')).toHaveLength(2); // ratio and scored ratio (under the cap)
  });

  it('shows what the API says when Q4 is not closed yet', async () => {
    signInWith({
      'GET /api/v1/assessment/2019': () =>
        problem(422, '2019 年第四季度尚未关账，无法计算年度考核', { type: '/problems/q4-not-closed' }),
    });
    renderWith(<AssessmentPage />, { path: '/assessment?year=2019' });
    const note = await screen.findByTestId('q4-not-closed');
    expect(note).toHaveTextContent('2019 年第四季度尚未关账，无法计算年度考核');
    expect(within(note).getByRole('link', { name: '前往季度调度关账' })).toHaveAttribute('href', '/quarters');
  });

  it('lets the office veto a unit with a reason; a leader gets no veto or scheme button', async () => {
    const { calls } = signInWith({
      'GET /api/v1/assessment/2020': () => json(result),
      'POST /api/v1/assessment/2020/vetoes': () => json({ id: 1 }, 201),
    });
    renderWith(<AssessmentPage />, { path: '/assessment' });
    const user = userEvent.setup();
    const row = (await screen.findByText('东昌府区')).closest('tr')!;
    expect(within(row).getByTestId('veto-state')).toHaveTextContent('未否决'); // the state, apart from the action
    await user.click(within(row).getByRole('button', { name: /设为否决/ }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText('否决原因'), '发生重大环境污染事件');
    await user.click(within(dialog).getByRole('button', { name: /设为否决/ }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    const post = calls.find((c) => c.method === 'POST')!;
    expect(await bodyOf(post)).toEqual({ unit_id: 2, reason: '发生重大环境污染事件' });
    expect(post.headers.get('Idempotency-Key')).toBeTruthy();
  });

  it('lets the office lift a veto with a reason', async () => {
    const { calls } = signInWith({
      'GET /api/v1/assessment/2020': () => json(result),
      'POST /api/v1/assessment/2020/vetoes/3/lift': () => json({ id: 1, lift_reason: '经复核撤销' }),
    });
    renderWith(<AssessmentPage />, { path: '/assessment' });
    const user = userEvent.setup();
    const row = (await screen.findByText('临清市')).closest('tr')!;
    await user.click(within(row).getByRole('button', { name: '撤销否决' }));
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent('原否决原因：发生重大安全生产事故');
    await user.type(within(dialog).getByLabelText('撤销原因'), '经复核撤销');
    await user.click(within(dialog).getByRole('button', { name: '撤销否决' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(await bodyOf(calls.find((c) => c.method === 'POST')!)).toEqual({ reason: '经复核撤销' });
  });

  it('shows a leader the ranking without the office’s actions', async () => {
    signInWith({ 'GET /api/v1/assessment/2020': () => json(result) }, 'leader');
    const { queryClient } = renderWith(<AssessmentPage />, { path: '/assessment' });
    expect(await screen.findByText('东昌府区')).toBeInTheDocument();
    await waitFor(() => expect(queryClient.getQueryData(ME_KEY)).toBeDefined());
    expect(screen.queryByRole('button', { name: /设为否决/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /计分方案/ })).not.toBeInTheDocument();
  });

  it('saves the scoring scheme: blank weights use the default and are not sent', async () => {
    const { calls } = signInWith({
      'GET /api/v1/assessment/2020': () => json(result),
      'PUT /api/v1/assessment/2020/scheme': () => json(result.config),
    });
    renderWith(<AssessmentPage />, { path: '/assessment' });
    const user = userEvent.setup();
    await screen.findByText('东昌府区');
    await user.click(screen.getByRole('button', { name: /计分方案/ }));
    const dialog = await screen.findByRole('dialog');
    const t14 = within(dialog).getByLabelText('T14 的权重');
    await user.type(t14, '1.5');
    const cap = within(dialog).getByLabelText('完成率上限（倍）');
    await user.clear(cap);
    await user.type(cap, '1.234');
    await user.click(within(dialog).getByRole('button', { name: /^保\s*存$/ }));
    expect(await within(dialog).findByText('0–99.99，最多两位小数')).toBeInTheDocument();
    await user.clear(cap);
    await user.type(cap, '1');
    await user.click(within(dialog).getByRole('button', { name: /^保\s*存$/ }));
    await waitFor(() => expect(calls.some((c) => c.method === 'PUT')).toBe(true));
    expect(await bodyOf(calls.find((c) => c.method === 'PUT')!)).toEqual({
      weights: { T05: '2', T14: '1.5' },
      default_weight: '1',
      cap: '1',
      bonus_per_target_met: '5',
    });
  });
});
