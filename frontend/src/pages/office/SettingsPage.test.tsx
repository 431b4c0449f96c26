import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { json, renderWith } from '../../test/utils';
import { bodyOf, signInWith, TARGET_SET } from './officeTestUtils';
import SettingsPage from './SettingsPage';

vi.setConfig({ testTimeout: 30_000 });

const RULES = {
  yi_inclusive: true, china500_lists: [], territorial_attribution: 'landing', credit_weighting: 'weighted',
  landed_stage: 'started', funds_target_scope: 'city_total', events_each_region: true,
  city_visits_include_territorial: true, rag_amber_ratio: '0.8',
};
const DESCRIPTIONS = {
  landed_stage: '“落地/引进”指项目达到的阶段 / the stage at which a project has \'landed\'',
  events_each_region: '目标10要求京津冀、长三角、珠三角各至少1次（否则任一地区即可）/ target 10 needs every region (else any)',
};
const version = (id: number, rules: Record<string, unknown>, reason: string) => ({
  id, rules, reason, created_by: 'office', created_at: '2026-11-25T02:00:00Z', descriptions: DESCRIPTIONS,
});

describe('SettingsPage — counting rules', () => {
  it('shows each rule with its description in the current language and the right control', async () => {
    signInWith({
      'GET /api/v1/rules': () => json(version(1, RULES, '关账时的默认规则')),
      'GET /api/v1/rules/versions': () => json({ data: [version(1, RULES, '关账时的默认规则')] }),
      'GET /api/v1/quarters': () => json({ data: [] }),
    });
    renderWith(<SettingsPage />, { path: '/settings?tab=rules' });
    expect(await screen.findByText('目标10要求京津冀、长三角、珠三角各至少1次（否则任一地区即可）')).toBeInTheDocument();
    expect(screen.getByText('“落地/引进”指项目达到的阶段')).toBeInTheDocument();
    expect(screen.getByRole('switch', { name: '过亿元含 1 亿元整' })).toBeChecked();
    expect(screen.getByRole('radio', { name: '开工' })).toBeChecked();
    expect(screen.getByRole('spinbutton', { name: '黄灯阈值（占时间进度的比例）' })).toHaveValue('0.80'); // shown with the step's two places
    expect(screen.getByRole('button', { name: '保存为新版本' })).toBeDisabled(); // nothing changed yet
  });

  it('saves a change with its reason as a new version, and lists it with the diff', async () => {
    let saved = false;
    const changed = { ...RULES, landed_stage: 'signed' };
    const { calls } = signInWith({
      'GET /api/v1/rules': () => json(saved ? version(2, changed, '签约即视为落地') : version(1, RULES, '默认')),
      'GET /api/v1/rules/versions': () =>
        json({ data: saved ? [version(2, changed, '签约即视为落地'), version(1, RULES, '默认')] : [version(1, RULES, '默认')] }),
      'GET /api/v1/quarters': () => json({ data: [{ id: 7, year: 2020, quarter: 4, rule_version_id: 1, target_set_id: 1, content_hash: 'x', frozen_by: 'office', frozen_at: '2026-11-25T02:00:00Z' }] }),
      'POST /api/v1/rules': () => {
        saved = true;
        return json(version(2, changed, '签约即视为落地'), 201);
      },
    });
    renderWith(<SettingsPage />, { path: '/settings?tab=rules' });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('radio', { name: '签约' }));
    expect(screen.getByText('将修改：“落地”的项目阶段')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '保存为新版本' }));
    expect(await screen.findByText('请填写原因')).toBeInTheDocument();
    await user.type(screen.getByLabelText('修改原因'), '签约即视为落地');
    await user.click(screen.getByRole('button', { name: '保存为新版本' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.headers.get('Idempotency-Key')).toBeTruthy();
    expect(await bodyOf(post)).toEqual({ rules: changed, reason: '签约即视为落地' });
    const versions = screen.getByTestId('rule-versions');
    const newest = (await within(versions).findByText('第 2 版')).closest('tr')!;
    expect(newest).toHaveTextContent('“落地”的项目阶段：开工 → 签约');
    expect(within(versions).getByText('2020年第4季度')).toBeInTheDocument(); // the snapshot keeps version 1
  });
});

describe('SettingsPage — targets', () => {
  it('adjusts one unit’s threshold by adding a unit target with the same code', async () => {
    const { calls } = signInWith({
      'POST /api/v1/target-sets/1/targets': () => json({ ...TARGET_SET.targets[1], id: 99, applies_to: 'unit', unit_id: 3 }, 201),
    });
    renderWith(<SettingsPage />, { path: '/settings' });
    const table = await screen.findByTestId('targets-table');
    const row = (await within(table).findByText('目标T14')).closest('tr')!;
    expect(await within(row).findByText('走访企业数')).toBeInTheDocument(); // the metric named by the API's registry
    const user = userEvent.setup();
    await user.click(within(row).getByRole('button', { name: '调整单位目标' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByLabelText('单位'));
    await user.click(await screen.findByTitle('临清市'));
    await user.type(within(dialog).getByLabelText('该单位的目标值'), '80');
    await user.type(within(dialog).getByLabelText('备注（调整理由）'), '经领导小组同意');
    await user.click(within(dialog).getByRole('button', { name: /^保\s*存$/ }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(await bodyOf(calls.find((c) => c.method === 'POST')!)).toEqual({
      code: 'T14', metric: 'visits', applies_to: 'unit', unit_id: 3, threshold: '80', period: 'year',
      title_zh: '目标T14', title_en: 'Target T14', note: '经领导小组同意',
    });
  });

  it('sets which units of its type a target binds', async () => {
    const { calls } = signInWith({
      'PATCH /api/v1/targets/17': () => json({ ...TARGET_SET.targets[1], exempt_unit_ids: [3] }),
    });
    renderWith(<SettingsPage />, { path: '/settings' });
    const table = await screen.findByTestId('targets-table');
    const row = (await within(table).findByText('目标T14')).closest('tr')!;
    const user = userEvent.setup();
    await user.click(within(row).getByRole('button', { name: '适用单位' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByLabelText('不适用的单位'));
    await user.click(await screen.findByTitle('临清市'));
    await user.click(within(dialog).getByRole('button', { name: /^保\s*存$/ }));
    await waitFor(() => expect(calls.some((c) => c.method === 'PATCH')).toBe(true));
    expect(await bodyOf(calls.find((c) => c.method === 'PATCH')!)).toEqual({ exempt_unit_ids: [3] });
  });
});
