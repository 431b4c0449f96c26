import { focusManager } from '@tanstack/react-query';
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockApi, renderApp } from '../../test/utils';
import { NoticeBell } from './NoticeBell';

describe('NoticeBell', () => {
  it('shows the unread count, asks again when the window regains focus, and opens the inbox', async () => {
    let unread = 3;
    const { calls } = mockApi({ 'GET /api/v1/notices/unread-count': () => json({ unread }) });
    const { router } = renderApp([{ path: '*', element: <NoticeBell /> }], { path: '/dashboard' });
    const bell = await screen.findByTestId('notice-bell');
    await waitFor(() => expect(bell).toHaveAccessibleName('通知（3 条未读）'));
    expect(bell).toHaveTextContent('3');

    unread = 0;
    act(() => {
      focusManager.setFocused(false);
      focusManager.setFocused(true);
    });
    await waitFor(() => expect(bell).toHaveAccessibleName('通知（0 条未读）'));
    expect(calls.filter((c) => new URL(c.url).pathname === '/api/v1/notices/unread-count')).toHaveLength(2);
    focusManager.setFocused(undefined);

    await userEvent.setup().click(bell);
    await waitFor(() => expect(router.state.location.pathname).toBe('/notices'));
  });
});
