// Entry that cannot go wrong quietly (issue 11): one save at a time, drafts deleted on purpose, edits kept over a
// re-login, and "keep my changes" after someone else's change — on the visit form, which uses the shared shell.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, problem, renderApp } from '../../../test/utils';
import { isNegative } from '../lib/forms';
import { emptyHistory, signInWith } from '../lib/testing';
import { edits, keepUnsaved, readUnsaved, unsavedKey } from '../lib/unsaved';
import { editor, enterpriseRoute, routes, visit } from '../visits/fixtures';
import dayjs from 'dayjs';

const list = {
  'GET /api/v1/visits': () => json({ data: [], next_cursor: null, total: 0 }),
  'POST /api/v1/visits': async (req: Request) => json({ ...visit(), ...(await req.json()) }, 201),
  'GET /api/v1/visits/12': () => json(visit()),
  'GET /api/v1/visits/12/history': emptyHistory,
};

describe('form helpers for entry', () => {
  it('knows a negative amount from zero and positives', () => {
    expect(['-5', '-0.01', ' -12.50', -3].map(isNegative)).toEqual([true, true, true, true]);
    expect(['0', '-0', '-0.00', '12.50', '', null, undefined].map(isNegative)).toEqual([false, false, false, false, false, false, false]);
  });

  it('keeps only the changed fields, dates coming back as dates', () => {
    const changed = edits({ a: 1, d: dayjs('2019-05-06'), s: 'x' }, { a: 1, d: dayjs('2019-05-07'), s: 'y' });
    expect(Object.keys(changed)).toEqual(['d', 's']);
    const key = unsavedKey(5, '/visits/new');
    keepUnsaved(key, changed);
    const back = readUnsaved(key)!;
    expect(dayjs.isDayjs(back.d) && (back.d as dayjs.Dayjs).format('YYYY-MM-DD')).toBe('2019-05-07');
    expect(back.s).toBe('y');
    keepUnsaved(key, {});
    expect(readUnsaved(key)).toBeNull();
  });
});

describe('record form shell', () => {
  it('saves once while a save runs, however often Enter is pressed', { timeout: 40_000 }, async () => {
    let release: () => void = () => undefined;
    const { calls } = signInWith(editor, {
      ...enterpriseRoute,
      'GET /api/v1/visits/12': () => json(visit()),
      'GET /api/v1/visits/12/history': emptyHistory,
      'PATCH /api/v1/visits/12': async (req) => {
        await new Promise<void>((r) => { release = r; });
        return json(visit({ ...(await req.json()), version: 4 }));
      },
    });
    renderApp(routes, { path: '/visits/12?edit=1' });
    const place = await screen.findByRole('textbox', { name: /地点/ });
    await userEvent.setup().clear(place);
    await userEvent.setup().type(place, '济南{Enter}{Enter}');
    await waitFor(() => expect(screen.getByTestId('form-save')).toBeDisabled(), { timeout: 10_000 });
    fireEvent.submit(screen.getByTestId('visit-form'));
    await new Promise((r) => setTimeout(r, 50));
    release();
    await waitFor(() => expect(screen.queryByTestId('visit-form')).not.toBeInTheDocument(), { timeout: 10_000 });
    expect(calls.filter((c) => c.method === 'PATCH')).toHaveLength(1);
  });

  it('Enter in a date field does not save the form', { timeout: 40_000 }, async () => {
    const { calls } = signInWith(editor, { ...enterpriseRoute, ...list });
    renderApp(routes, { path: '/visits/new?enterprise_id=7' });
    await screen.findByTitle('潍柴动力股份有限公司（913700007456765902）');
    const user = userEvent.setup();
    await user.click(screen.getByRole('combobox', { name: '地区' }));
    await user.click(await screen.findByTitle('长三角'));
    await user.type(screen.getByRole('textbox', { name: /走访成效/ }), '对方有意投资');
    await user.type(screen.getByLabelText('走访日期'), '2019-05-06{Enter}'); // the form is complete now
    await new Promise((r) => setTimeout(r, 300));
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
    await user.click(screen.getByTestId('form-save')); // saving is the button's (or Enter in a text field)
    await waitFor(() => expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1), { timeout: 10_000 });
  });

  it('deletes a never-submitted draft after asking, and offers no delete once submitted', { timeout: 40_000 }, async () => {
    const { calls } = signInWith(editor, {
      ...list,
      'GET /api/v1/visits/12': () => json(visit()),
      'GET /api/v1/visits/12/history': emptyHistory,
      'DELETE /api/v1/visits/12': () => new Response(null, { status: 204 }),
    });
    const { router } = renderApp(routes, { path: '/visits/12' });
    await userEvent.setup().click(await screen.findByTestId('action-delete'));
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent('从未报送的草稿');
    await userEvent.setup().click(within(dialog).getByRole('button', { name: /删除草稿/ }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/visits'), { timeout: 10_000 });
    expect(calls.filter((c) => c.method === 'DELETE')).toHaveLength(1);
  });

  it('shows no delete for a draft that was submitted before (withdrawn)', async () => {
    signInWith(editor, {
      'GET /api/v1/visits/12': () => json(visit({ submitted_at: '2026-11-25T03:00:00Z' })),
      'GET /api/v1/visits/12/history': emptyHistory,
    });
    renderApp(routes, { path: '/visits/12' });
    expect(await screen.findByTestId('action-submit')).toBeInTheDocument();
    expect(screen.queryByTestId('action-delete')).not.toBeInTheDocument();
  });

  it('restores edits kept before the session ended, over the record as it is now', { timeout: 40_000 }, async () => {
    keepUnsaved(unsavedKey(5, '/visits/12'), { place: '济南' });
    const { calls } = signInWith(editor, {
      ...enterpriseRoute,
      'GET /api/v1/visits/12': () => json(visit({ outcome: '他人改过' })),
      'GET /api/v1/visits/12/history': emptyHistory,
      'PATCH /api/v1/visits/12': async (req) => json(visit({ ...(await req.json()), version: 4 })),
    });
    renderApp(routes, { path: '/visits/12?edit=1' });
    expect(await screen.findByTestId('restored-alert')).toHaveTextContent('已恢复');
    expect(await screen.findByRole('textbox', { name: /地点/ })).toHaveValue('济南');
    await userEvent.setup().click(screen.getByTestId('form-save'));
    await waitFor(() => expect(calls.some((c) => c.method === 'PATCH')).toBe(true), { timeout: 10_000 });
    expect(await calls.find((c) => c.method === 'PATCH')!.clone().json()).toEqual({ place: '济南' });
    await waitFor(() => expect(readUnsaved(unsavedKey(5, '/visits/12'))).toBeNull(), { timeout: 10_000 });
  });

  it('on 412 shows the alert beside 保存 and keeps my changes over the newer version', { timeout: 40_000 }, async () => {
    let version = 3;
    const { calls } = signInWith(editor, {
      ...enterpriseRoute,
      'GET /api/v1/visits/12': () => json(visit({ version, ...(version === 4 ? { outcome: '他人改过' } : {}) })),
      'GET /api/v1/visits/12/history': emptyHistory,
      'PATCH /api/v1/visits/12': async (req) => {
        if (req.headers.get('If-Match') === '"3"') {
          version = 4;
          return problem(412, '该记录已被他人修改，请刷新后重试');
        }
        return json(visit({ ...(await req.json()), outcome: '他人改过', version: 5 }));
      },
    });
    renderApp(routes, { path: '/visits/12?edit=1' });
    const place = await screen.findByRole('textbox', { name: /地点/ });
    await userEvent.setup().clear(place);
    await userEvent.setup().type(place, '济南');
    await userEvent.setup().click(screen.getByTestId('form-save'));
    const alert = await screen.findByTestId('stale-alert');
    expect(alert.nextElementSibling).toContainElement(screen.getByTestId('form-save')); // right above the button
    await userEvent.setup().click(screen.getByTestId('stale-keep'));
    await waitFor(() => expect(screen.queryByTestId('stale-alert')).not.toBeInTheDocument());
    expect(screen.getByRole('textbox', { name: /地点/ })).toHaveValue('济南');
    expect(screen.getByRole('textbox', { name: /走访成效/ })).toHaveValue('他人改过');
    await userEvent.setup().click(screen.getByTestId('form-save'));
    await waitFor(() => expect(calls.filter((c) => c.method === 'PATCH')).toHaveLength(2), { timeout: 10_000 });
    const second = calls.filter((c) => c.method === 'PATCH')[1];
    expect(second.headers.get('If-Match')).toBe('"4"');
    expect(await second.clone().json()).toEqual({ place: '济南' });
  });

  it('refuses a date after today beside the field and warns outside the plan period', { timeout: 40_000 }, async () => {
    signInWith(editor, {
      ...enterpriseRoute,
      ...list,
      'GET /api/v1/target-sets': () => json({ data: [{ id: 1, code: 'P2018', name: '行动方案', active: true, start_date: '2018-01-01', end_date: '2020-12-31', targets: [] }] }),
    });
    renderApp(routes, { path: '/visits/new?enterprise_id=7' });
    await screen.findByTitle('潍柴动力股份有限公司（913700007456765902）');
    const date = screen.getByLabelText('走访日期');
    const item = date.closest('.ant-form-item') as HTMLElement;
    const user = userEvent.setup();
    await user.type(date, `${dayjs().add(1, 'year').format('YYYY')}-01-05`);
    await user.click(screen.getByTestId('form-save'));
    expect(await within(item).findByText('日期不能晚于今天')).toBeInTheDocument();
    await user.clear(date);
    await user.type(date, '2015-03-02');
    await user.click(screen.getByTestId('form-save'));
    expect(await within(item).findByText('该日期不在规划期（2018-01-01 至 2020-12-31）内，不计入目标')).toBeInTheDocument();
  });
});
