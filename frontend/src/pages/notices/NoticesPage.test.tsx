import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockApi, renderApp } from '../../test/utils';
import NoticesPage from './NoticesPage';

const returned = {
  id: 5, kind: 'record_returned', title: '走访 海尔集团公司（2019-05-01） 被退回', body: '原因：企业名称有误',
  record_type: 'visit', record_id: 12, created_at: '2019-05-02T01:00:00Z', read_at: null,
};
const fundsDue = {
  id: 4, kind: 'funds_due', title: '2019 年 06 月到位资金月报尚未报送（1 个项目）', body: '', record_type: null,
  record_id: null, created_at: '2019-07-10T00:30:00Z', read_at: '2019-07-10T02:00:00Z',
};
const settings = {
  email: null, email_available: true, muted: { inbox: [], email: ['record_verified'] },
  kinds: ['record_returned', 'record_verified'],
};

describe('NoticesPage', () => {
  it('lists unread notices with a link to the record and marks one read', async () => {
    const { calls } = mockApi({
      'GET /api/v1/notices': (req) =>
        json({ data: new URL(req.url).searchParams.get('unread') === 'true' ? [returned] : [returned, fundsDue], next_cursor: null }),
      'POST /api/v1/notices/5/read': () => json({ ...returned, read_at: '2019-05-03T00:00:00Z' }),
    });
    renderApp([{ path: '*', element: <NoticesPage /> }], { path: '/notices' });
    const item = await screen.findByTestId('notice-5');
    expect(within(item).getByText('原因：企业名称有误')).toBeInTheDocument();
    expect(within(item).getByText('记录被退回')).toBeInTheDocument();
    expect(within(item).getByRole('link', { name: '查看' })).toHaveAttribute('href', '/visits/12');
    expect(screen.queryByTestId('notice-4')).not.toBeInTheDocument();

    await userEvent.setup().click(within(item).getByRole('button', { name: '标为已读' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST' && new URL(c.url).pathname === '/api/v1/notices/5/read')).toBe(true));

    await userEvent.setup().click(screen.getByText('全部'));
    const reminder = await screen.findByTestId('notice-4');
    expect(within(reminder).getByRole('link', { name: '查看' })).toHaveAttribute('href', '/funds');
  });

  it('saves the mutes and the e-mail address', async () => {
    const { calls } = mockApi({
      'GET /api/v1/notices': () => json({ data: [], next_cursor: null }),
      'GET /api/v1/notices/settings': () => json(settings),
      'PUT /api/v1/notices/settings': async (req) => json({ ...settings, ...((await req.json()) as object) }),
    });
    renderApp([{ path: '*', element: <NoticesPage /> }], { path: '/notices' });
    const user = userEvent.setup();
    await user.click(await screen.findByText('通知设置'));
    const inboxReturned = await screen.findByTestId('mute-inbox-record_returned');
    expect(inboxReturned).toBeChecked();
    expect(screen.getByTestId('mute-email-record_verified')).not.toBeChecked();
    await user.click(inboxReturned);
    await user.type(screen.getByTestId('notice-email'), 'dcf@example.cn');
    await user.click(screen.getByTestId('notice-settings-save'));
    await waitFor(() => expect(calls.some((c) => c.method === 'PUT')).toBe(true));
    const put = calls.find((c) => c.method === 'PUT')!;
    expect(await put.json()).toEqual({ email: 'dcf@example.cn', muted: { inbox: ['record_returned'], email: ['record_verified'] } });
  });
});
