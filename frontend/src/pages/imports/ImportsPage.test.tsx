import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { menuPages } from '../../app/pages';
import { ADMIN_PERMS, captureDownloads, EDITOR_PERMS, json, meFor, renderApp } from '../../test/utils';
import { OFFICE_PERMS, signInWith } from '../records/lib/testing';
import ImportsPage from './ImportsPage';

vi.setConfig({ testTimeout: 30_000 });

const office = meFor('office', [...OFFICE_PERMS, 'imports:read', 'imports:write']);
const row = (extra: Record<string, unknown>) => ({
  id: 1, kind: 'visits', file_name: '走访.xlsx', status: 'done', rows_total: 10, rows_checked: 10, rows_valid: 8, rows_invalid: 2,
  rows_written: 7, rows_unchanged: 1, errors: [], unknown_columns: [], all_or_nothing: false, unit_id: 2, created_by: 'dcf_editor',
  created_at: '2026-12-04T02:00:00Z', finished_at: '2026-12-04T02:00:05Z', has_marked_copy: true, message: null, ...extra,
});

describe('ImportsPage', () => {
  it('lists who imported what, when, rows written and refused, filters by kind and fetches a marked copy', async () => {
    const { calls } = signInWith(office, {
      'GET /api/v1/users/names': () => json({ data: [{ username: 'dcf_editor', display_name: '东昌府区 录入员' }] }),
      'GET /api/v1/imports': (req) => json({
        data: new URL(req.url).searchParams.get('kind') === 'projects'
          ? [row({ id: 2, kind: 'projects', file_name: '项目.xlsx', status: 'checked', has_marked_copy: false, unit_id: 3 })]
          : [row({})],
        next_cursor: null,
      }),
      'GET /api/v1/imports/1/marked.xlsx': () => new Response('PK'),
    });
    renderApp([{ path: '/imports', element: <ImportsPage /> }], { path: '/imports' });
    const table = await screen.findByTestId('imports-table');
    const first = (await within(table).findByText('走访.xlsx')).closest('tr') as HTMLElement;
    expect(within(first).getByText('东昌府区 录入员')).toBeInTheDocument();
    expect(within(first).getByText('东昌府区')).toBeInTheDocument();
    expect(first).toHaveTextContent('7'); // written
    expect(first).toHaveTextContent('2'); // refused: the two bad rows

    const downloads = captureDownloads();
    await userEvent.setup().click(within(first).getByRole('button', { name: '走访.xlsx' }));
    await waitFor(() => expect(downloads.saved).toEqual(['走访（已标注）.xlsx']));
    downloads.restore();

    await userEvent.setup().click(screen.getByRole('combobox', { name: '记录类型' }));
    await userEvent.setup().click(await screen.findByTitle('项目'));
    expect(await within(table).findByText('项目.xlsx')).toBeInTheDocument();
    const second = within(table).getByText('项目.xlsx').closest('tr') as HTMLElement;
    expect(within(second).getByText('临清市')).toBeInTheDocument();
    expect(within(second).getAllByText('—')).toHaveLength(2); // nothing written yet
    expect(calls.some((c) => new URL(c.url).searchParams.get('kind') === 'projects')).toBe(true);
  });

  it('is in the office\'s menu (and the admin\'s and leaders\'), and under 填报 for a unit', () => {
    const imports = (perms: string[]) => menuPages(perms).find((p) => p.path === '/imports');
    expect(imports([...OFFICE_PERMS, 'imports:read'])?.group).toBe('office');
    expect(imports([...ADMIN_PERMS, 'imports:read'])?.group).toBe('office');
    expect(imports([...EDITOR_PERMS, 'imports:read'])?.group).toBe('records');
    expect(imports(EDITOR_PERMS)).toBeUndefined();
  });
});
