import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockApi, renderWith } from '../../test/utils';
import UnitsPage from './UnitsPage';

const unit = (id: number, code: string, type: string, name_zh: string, name_en: string) => ({
  id, code, type, name_zh, name_en, leader_name: '', active: true, cluster_ids: id === 2 ? [1] : [],
});
const ALL = [
  unit(2, '371502', 'county', '东昌府区', 'Dongchangfu District'),
  unit(29, 'CHB-BJ', 'chamber', '北京聊城商会', 'Liaocheng Chamber of Commerce in Beijing'),
];

function api() {
  return mockApi({
    'GET /api/v1/units': (req) => {
      const q = new URL(req.url).searchParams;
      const rows = ALL.filter((u) => (!q.get('type') || u.type === q.get('type')) && (!q.get('q') || u.name_zh.includes(q.get('q')!)));
      return json({ data: rows, count: rows.length });
    },
    'GET /api/v1/clusters': () => json({ data: [{ id: 1, code: 'new_materials', name_zh: '新材料', name_en: 'New materials' }] }),
  });
}

describe('UnitsPage', () => {
  it('reads its filters from the URL and sends them to the API', async () => {
    const { calls } = api();
    renderWith(<UnitsPage />, { path: '/units?type=chamber&q=北京' });
    const table = await screen.findByTestId('units-table');
    expect(await within(table).findByText('北京聊城商会')).toBeInTheDocument();
    expect(within(table).queryByText('东昌府区')).not.toBeInTheDocument();
    const sent = calls.filter((c) => c.url.includes('/api/v1/units')).map((c) => new URL(c.url).searchParams);
    expect(sent).toHaveLength(1);
    expect(sent[0].get('type')).toBe('chamber');
    expect(sent[0].get('q')).toBe('北京');
    expect(screen.getByRole('searchbox')).toHaveValue('北京');
  });

  it('puts the search into the URL after typing', async () => {
    api();
    const { router } = renderWith(<UnitsPage />, { path: '/units' });
    expect(await screen.findByText('新材料')).toBeInTheDocument(); // cluster names, not ids
    await userEvent.setup().type(screen.getByRole('searchbox'), '东昌{Enter}');
    await waitFor(() => expect(router.state.location.search).toBe(`?q=${encodeURIComponent('东昌')}`));
    await waitFor(() => expect(screen.queryByText('北京聊城商会')).not.toBeInTheDocument());
  });
});
