import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, meFor, problem, renderApp } from '../../../test/utils';
import { emptyHistory, signInWith, VIEWER_PERMS } from '../lib/testing';
import { editor, enterpriseRoute, routes, visit } from './fixtures';

const viewer = meFor('unit_viewer', VIEWER_PERMS, '东昌府区');

async function chooseOption(label: string, option: string) {
  const user = userEvent.setup();
  await user.click(screen.getByRole('combobox', { name: label }));
  await user.click(await screen.findByTitle(option));
}

function typeDate(label: string, value: string) {
  const box = screen.getByLabelText(label);
  fireEvent.mouseDown(box);
  fireEvent.change(box, { target: { value } });
  fireEvent.blur(box);
}

describe('VisitPage', () => {
  it('creates a visit: the body has the exact fields, dates as YYYY-MM-DD, and an Idempotency-Key', { timeout: 40_000 }, async () => {
    const { calls } = signInWith(editor, {
      ...enterpriseRoute,
      'POST /api/v1/visits': async (req) => json({ ...visit(), ...(await req.json()) }, 201),
      'GET /api/v1/visits/12': () => json(visit()),
      'GET /api/v1/visits/12/history': emptyHistory,
    });
    const { router } = renderApp(routes, { path: '/visits/new?enterprise_id=7' });
    expect(await screen.findByTitle('潍柴动力股份有限公司（913700007456765902）')).toBeInTheDocument();
    typeDate('走访日期', '2019-05-06');
    await chooseOption('地区', '长三角');
    await userEvent.setup().type(screen.getByRole('textbox', { name: /走访成效/ }), '对方有意投资');
    await userEvent.setup().click(screen.getByTestId('form-save'));

    await waitFor(() => expect(router.state.location.pathname).toBe('/visits/12'));
    const post = calls.find((c) => c.method === 'POST' && c.url.endsWith('/api/v1/visits'))!;
    expect(await post.clone().json()).toEqual({
      enterprise_id: 7, visit_date: '2019-05-06', region: 'yangtze_delta', place: '', leader_level: 'staff', leader_name: '',
      participants: '', outcome: '对方有意投资', next_step: '', lead_id: null,
    });
    expect(post.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{20,}$/);
  });

  it('puts the API field errors beside the field, and keeps the key for a retry of the same body', { timeout: 40_000 }, async () => {
    let attempts = 0;
    const { calls } = signInWith(editor, {
      ...enterpriseRoute,
      'POST /api/v1/visits': () => {
        attempts += 1;
        return problem(422, 'visit_date: 日期不能晚于今天', { errors: [{ field: 'body.visit_date', message: '日期不能晚于今天' }] });
      },
    });
    renderApp(routes, { path: '/visits/new?enterprise_id=7' });
    await screen.findByTitle('潍柴动力股份有限公司（913700007456765902）');
    typeDate('走访日期', '2019-05-06');
    await chooseOption('地区', '京津冀');
    await userEvent.setup().click(screen.getByTestId('form-save'));
    const dateItem = screen.getByLabelText('走访日期').closest('.ant-form-item') as HTMLElement;
    expect(await within(dateItem).findByText('日期不能晚于今天')).toBeInTheDocument();
    expect(screen.getByTestId('form-error')).toHaveTextContent('日期不能晚于今天');

    await userEvent.setup().click(screen.getByTestId('form-save'));
    await waitFor(() => expect(attempts).toBe(2));
    const keys = calls.filter((c) => c.method === 'POST').map((c) => c.headers.get('Idempotency-Key'));
    expect(keys[0]).toBeTruthy();
    expect(keys[1]).toBe(keys[0]); // same body, same key: the API would replay rather than create twice
  });

  it('shows a returned record with the reason, and edit and submit to its unit', async () => {
    signInWith(editor, {
      'GET /api/v1/visits/12': () => json(visit({ status: 'returned', return_reason: '请补充走访成效' })),
      'GET /api/v1/visits/12/history': emptyHistory,
    });
    renderApp(routes, { path: '/visits/12' });
    const alert = await screen.findByTestId('returned-alert');
    expect(alert).toHaveTextContent('退回原因：请补充走访成效');
    expect(screen.getByTestId('action-edit')).toBeInTheDocument();
    expect(screen.getByTestId('action-submit')).toBeInTheDocument();
    expect(screen.queryByTestId('action-verify')).not.toBeInTheDocument();
  });

  it('gives a unit viewer no edit or workflow buttons, even with ?edit=1', async () => {
    signInWith(viewer, {
      'GET /api/v1/visits/12': () => json(visit()),
      'GET /api/v1/visits/12/history': emptyHistory,
    });
    renderApp(routes, { path: '/visits/12?edit=1' });
    expect(await screen.findByText('张县长')).toBeInTheDocument();
    for (const a of ['edit', 'submit', 'withdraw', 'verify', 'return']) expect(screen.queryByTestId(`action-${a}`)).not.toBeInTheDocument();
    expect(screen.queryByTestId('visit-form')).not.toBeInTheDocument();
  });

  it('answers 404 (another unit or missing) with 记录不存在或无权查看', async () => {
    signInWith(editor, { 'GET /api/v1/visits/99': () => problem(404, '记录不存在或无权查看') });
    renderApp(routes, { path: '/visits/99' });
    expect(await screen.findByText('记录不存在或无权查看')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '返回列表' })).toHaveAttribute('href', '/visits');
  });

  it('PATCHes only what changed with If-Match, and offers a reload on 412', async () => {
    const { calls } = signInWith(editor, {
      ...enterpriseRoute,
      'GET /api/v1/visits/12': () => json(visit()),
      'GET /api/v1/visits/12/history': emptyHistory,
      'PATCH /api/v1/visits/12': () => problem(412, '该记录已被他人修改，请刷新后重试'),
    });
    renderApp(routes, { path: '/visits/12?edit=1' });
    const place = await screen.findByRole('textbox', { name: /地点/ });
    await userEvent.setup().clear(place);
    await userEvent.setup().type(place, '济南');
    await userEvent.setup().click(screen.getByTestId('form-save'));
    expect(await screen.findByTestId('stale-alert')).toHaveTextContent('该记录已被他人修改');
    const patch = calls.find((c) => c.method === 'PATCH')!;
    expect(patch.headers.get('If-Match')).toBe('"3"');
    expect(await patch.clone().json()).toEqual({ place: '济南' });
  });
});

describe('VisitsPage', () => {
  it('sends the URL filters to the API, asks for the total, and shows the unit its returned records', async () => {
    const { calls } = signInWith(editor, {
      'GET /api/v1/visits': (req) => {
        const q = new URL(req.url).searchParams;
        if (q.get('status') === 'returned') return json({ data: [], next_cursor: null, total: 2 });
        return json({ data: [visit()], next_cursor: 'c1', total: 51 });
      },
    });
    renderApp(routes, { path: '/visits?region=yangtze_delta&date_from=2019-01-01&date_to=2019-12-31&q=潍柴' });
    const table = await screen.findByTestId('visits-table');
    expect(await within(table).findByText('潍柴动力股份有限公司')).toBeInTheDocument();
    expect(await screen.findByTestId('returned-banner')).toHaveTextContent('2 条被退回，请修改后重新报送');
    expect(screen.getByTestId('list-total')).toHaveTextContent('已显示 1 / 51 条');
    expect(screen.getByRole('button', { name: '加载更多' })).toBeInTheDocument();
    const list = calls.map((c) => new URL(c.url)).find((u) => u.pathname === '/api/v1/visits' && u.searchParams.get('region'))!;
    expect(Object.fromEntries(list.searchParams)).toMatchObject({
      region: 'yangtze_delta', date_from: '2019-01-01', date_to: '2019-12-31', q: '潍柴', with_total: 'true', limit: '50', sort: '-visit_date',
    });
    const banner = calls.map((c) => new URL(c.url)).find((u) => u.searchParams.get('status') === 'returned')!;
    expect(banner.searchParams.get('unit_id')).toBe('2');
    expect(screen.getByTestId('list-new')).toHaveAttribute('href', '/visits/new');
  });

  it('offers a viewer neither 新建 nor the returned banner', async () => {
    signInWith(viewer, { 'GET /api/v1/visits': () => json({ data: [visit()], next_cursor: null, total: 1 }) });
    renderApp(routes, { path: '/visits' });
    expect(await screen.findByText('潍柴动力股份有限公司')).toBeInTheDocument();
    expect(screen.queryByTestId('list-new')).not.toBeInTheDocument();
    expect(screen.queryByTestId('returned-banner')).not.toBeInTheDocument();
  });
});
