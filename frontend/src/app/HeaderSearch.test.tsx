import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockApi, renderApp } from '../test/utils';
import { HeaderSearch } from './HeaderSearch';

describe('HeaderSearch', () => {
  it('searches every record list with the same text and opens the one chosen', async () => {
    const { calls } = mockApi({
      'GET /api/v1/enterprises': () => json({ data: [{ id: 7, name: '海尔集团公司', uscc: '91370200163562681G' }], next_cursor: null }),
      'GET /api/v1/projects': () => json({ data: [{ id: 3, name: '海尔智慧家电产业园' }], next_cursor: null }),
      'GET /api/v1/leads': () => json({ data: [], next_cursor: null }),
    });
    const { router } = renderApp([{ path: '*', element: <HeaderSearch /> }], { path: '/dashboard' });
    const user = userEvent.setup();
    await user.type(screen.getByTestId('header-search'), '海尔');
    expect(await screen.findByText('海尔集团公司（91370200163562681G）', {}, { timeout: 5000 })).toBeInTheDocument();
    for (const list of ['/api/v1/enterprises', '/api/v1/projects', '/api/v1/leads']) {
      const call = calls.find((c) => new URL(c.url).pathname === list)!;
      expect(new URL(call.url).searchParams.get('q')).toBe('海尔');
    }
    await user.click(screen.getByText('海尔智慧家电产业园'));
    await waitFor(() => expect(router.state.location.pathname).toBe('/projects/3'));
  });

  it('does not search on one character', async () => {
    const { calls } = mockApi({});
    renderApp([{ path: '*', element: <HeaderSearch /> }], { path: '/' });
    await userEvent.setup().type(screen.getByTestId('header-search'), '海');
    await new Promise((r) => setTimeout(r, 400));
    expect(calls).toHaveLength(0);
  });
});
