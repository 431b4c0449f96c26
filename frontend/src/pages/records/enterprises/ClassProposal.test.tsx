import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { EnterprisePublic } from '../../../api';
import { startSession } from '../../../auth/session';
import { EDITOR_PERMS, json, meFor, mockApi, renderWith } from '../../../test/utils';
import { ClassProposal } from './ClassProposal';

const WAIT = { timeout: 5000 };
const OFFICE_PERMS = [...EDITOR_PERMS, 'records:verify', 'enterprises:merge', 'progress:city_read'];
const ent = (over: Partial<EnterprisePublic> = {}): EnterprisePublic => ({
  id: 7, name: '五百强集团', former_names: [], uscc: null, uscc_override_reason: null, country: '中国', province: '',
  city: '', industry: '', is_fortune500: true, is_china500: false, china500_list: null, china500_year: null,
  is_central_soe: false, is_champion: false, is_unicorn: false, is_industry_leader: false, is_listed: false,
  is_internet_plus: false, is_association: false, merged_into_id: null, merge_reason: null,
  proposed_classes: { is_fortune500: false }, classes_proposed_by: 'linqing_editor', classes_proposed_by_unit_id: 3,
  classes_proposed_at: '2026-12-04T01:00:00Z', version: 4, created_at: '2026-12-01T00:00:00Z',
  updated_at: '2026-12-04T01:00:00Z', ...over,
});

function signIn(role: string, perms: string[], extra: Record<string, () => Response> = {}) {
  startSession({ access: 'a', refresh: 'r', expiresAt: Date.now() + 900_000, lifetime: 900_000 });
  return mockApi({
    'GET /api/v1/auth/me': () => json(meFor(role, perms, role === 'office' ? null : '东昌府区')),
    'GET /api/v1/units': () => json({ data: [{ id: 3, code: '371581', type: 'county', name_zh: '临清市', name_en: 'Linqing', leader_name: '', active: true, cluster_ids: [] }], count: 1 }),
    ...extra,
  });
}

describe('ClassProposal', () => {
  it('shows a unit its pending change and who proposed it, without the office actions', async () => {
    signIn('unit_editor', EDITOR_PERMS);
    renderWith(<ClassProposal e={ent()} />);
    const box = await screen.findByTestId('class-proposal', {}, WAIT);
    expect(within(box).getByText(/待办公室核实/)).toBeInTheDocument();
    expect(within(box).getByText('否')).toBeInTheDocument();
    expect(await within(box).findByText(/由 临清市 linqing_editor/, {}, WAIT)).toBeInTheDocument();
    expect(within(box).queryByRole('button', { name: '核实变更' })).toBeNull();
  });

  it('lets the office verify it with the version read', async () => {
    const { calls } = signIn('office', OFFICE_PERMS, {
      'POST /api/v1/enterprises/7/classes/verify': () => json(ent({ is_fortune500: false, proposed_classes: null, version: 5 })),
    });
    renderWith(<ClassProposal e={ent()} />);
    const box = await screen.findByTestId('class-proposal', {}, WAIT);
    await userEvent.click(await within(box).findByRole('button', { name: '核实变更' }, WAIT));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true), WAIT);
    expect(calls.find((c) => c.method === 'POST')!.headers.get('If-Match')).toBe('"4"');
  });

  it('shows nothing without a proposal', async () => {
    signIn('office', OFFICE_PERMS);
    const { container } = renderWith(<ClassProposal e={ent({ proposed_classes: null })} />);
    await waitFor(() => expect(container.querySelector('[data-testid="class-proposal"]')).toBeNull());
  });
});
