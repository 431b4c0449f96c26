import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { captureDownloads, EDITOR_PERMS, json, meFor, renderApp, type Handler } from '../../test/utils';
import { noticeLink } from '../notices/noticeQueries';
import { OFFICE_PERMS, signInWith, UNITS } from '../records/lib/testing';
import CoordinationPage from './CoordinationPage';
import MeetingListPage from './MeetingListPage';
import { ProjectCoordination } from './ProjectCoordination';

vi.setConfig({ testTimeout: 40_000 });

const JXW = { id: 40, code: 'DEPT-JXW', type: 'department', name_zh: '市经济和信息化委员会', name_en: 'EIT Commission', leader_name: '', active: true, cluster_ids: [] };
const units = () => json({ data: [...UNITS, JXW], count: UNITS.length + 1 });
const office = meFor('office', [...OFFICE_PERMS, 'coordination:read', 'coordination:raise', 'coordination:answer', 'coordination:manage', 'coordination:meeting']);
const county = meFor('unit_editor', [...EDITOR_PERMS, 'coordination:read', 'coordination:raise', 'coordination:answer'], '东昌府区');
const department = {
  ...meFor('unit_editor', [...EDITOR_PERMS, 'coordination:read', 'coordination:raise', 'coordination:answer']),
  unit: { id: 40, code: 'DEPT-JXW', type: 'department', name_zh: JXW.name_zh, name_en: JXW.name_en },
};

const item = (extra: Record<string, unknown> = {}) => ({
  id: 7, project_id: 3, project_name: '瑞丰高性能膜材料项目', raised_by_unit_id: 2, raised_by_unit_name: '东昌府区',
  category: 'land', description: '二期用地尚未征收', ask: '请协调加快土地征收', status: 'raised', assignee_unit_id: null,
  assignee_unit_name: null, due_date: null, overdue: false, days_open: 3, escalated_year: null, escalated_quarter: null,
  replies: [], created_at: '2026-11-20T02:00:00Z', closed_at: null, version: 1, ...extra,
});
const assigned = item({ status: 'assigned', assignee_unit_id: 40, assignee_unit_name: JXW.name_zh, due_date: '2026-12-01', version: 2 });
const reply = { id: 1, unit_id: 40, unit_name: JXW.name_zh, author: 'jxw_editor', text: '已会同自然资源局现场办公', progress: 'in_progress', created_at: '2026-11-22T02:00:00Z' };

const routes = [
  { path: '/coordination', element: <CoordinationPage /> },
  { path: '/coordination/:id', element: <CoordinationPage /> },
];
const listOf = (...rows: unknown[]) => () => json({ data: rows, next_cursor: null });
const posted = (calls: Request[], path: string) => calls.find((c) => c.method === 'POST' && new URL(c.url).pathname === path);
const queries = (calls: Request[]) =>
  calls.filter((c) => new URL(c.url).pathname === '/api/v1/coordination-items').map((c) => Object.fromEntries(new URL(c.url).searchParams));

/** A step's dialog, opened over the item's drawer. */
const findDialog = async (title: string) => (await screen.findByText(title, { selector: '.ant-modal-title' })).closest('.ant-modal') as HTMLElement;

function signIn(me: ReturnType<typeof meFor>, extra: Record<string, Handler>) {
  return signInWith(me, { 'GET /api/v1/units': units, ...extra });
}

describe('CoordinationPage', () => {
  it('lists the items with overdue rows in red and days open, and sends the status and overdue filters', async () => {
    const late = item({ ...assigned, id: 8, overdue: true, days_open: 40, description: '电力增容迟迟未批' });
    const { calls } = signIn(office, { 'GET /api/v1/coordination-items': listOf(late, item()) });
    renderApp(routes, { path: '/coordination' });
    const row = await screen.findByTestId('coord-row-8');
    expect(row).toHaveClass('zs-coord-overdue');
    expect(within(row).getByText('逾期')).toBeInTheDocument();
    expect(within(row).getByText('40 天')).toBeInTheDocument();
    expect(within(row).getByText(JXW.name_zh)).toBeInTheDocument();
    expect(screen.getByTestId('coord-row-7')).not.toHaveClass('zs-coord-overdue');
    expect(within(screen.getByTestId('coord-row-7')).getByText('已提出')).toBeInTheDocument();

    const user = userEvent.setup();
    await user.click(screen.getByRole('combobox', { name: '状态' }));
    await user.click(await screen.findByTitle('已交办'));
    await waitFor(() => expect(queries(calls).some((q) => q.status === 'assigned')).toBe(true));
    await user.click(screen.getByText('只看逾期'));
    await waitFor(() => expect(queries(calls).some((q) => q.status === 'assigned' && q.overdue === 'true')).toBe(true));
  });

  it('opens an item at its address: the replies as a timeline and the office assigns it to a unit with a due date', async () => {
    const { calls } = signIn(office, {
      'GET /api/v1/coordination-items': listOf(item()),
      'GET /api/v1/coordination-items/7': () => json(item({ replies: [reply] })),
      'POST /api/v1/coordination-items/7/assign': () => json(assigned),
    });
    renderApp(routes, { path: '/coordination/7' });
    const drawer = await screen.findByTestId('coord-drawer');
    expect(await within(drawer).findByText('已会同自然资源局现场办公')).toBeInTheDocument();
    expect(within(drawer).getByTestId('coord-escalate')).toBeInTheDocument();
    expect(within(drawer).getByTestId('coord-close')).toBeInTheDocument();
    expect(within(drawer).queryByTestId('coord-reply')).not.toBeInTheDocument(); // the office does not answer

    const user = userEvent.setup();
    await user.click(within(drawer).getByTestId('coord-assign'));
    const dialog = await findDialog('交办责任单位');
    await user.click(within(dialog).getByRole('combobox', { name: '责任单位' }));
    await user.click(await screen.findByTitle(JXW.name_zh));
    await user.click(within(dialog).getByRole('button', { name: /交\s*办/ }));
    await waitFor(() => expect(posted(calls, '/api/v1/coordination-items/7/assign')).toBeTruthy());
    const post = posted(calls, '/api/v1/coordination-items/7/assign')!;
    const body = (await post.json()) as { assignee_unit_id: number; due_date: string };
    expect(body.assignee_unit_id).toBe(40);
    expect(body.due_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(post.headers.get('Idempotency-Key')).toBeTruthy();
    expect(await screen.findByText(`已交办 ${JXW.name_zh}`)).toBeInTheDocument();
  });

  it('lets the responsible unit answer, with its progress, and shows no office steps', async () => {
    let current: Record<string, unknown> = assigned;
    const { calls } = signIn(department, {
      'GET /api/v1/coordination-items': listOf(assigned),
      'GET /api/v1/coordination-items/7': () => json(current),
      'POST /api/v1/coordination-items/7/replies': () => {
        current = { ...assigned, status: 'answered', replies: [reply] };
        return json(current);
      },
    });
    renderApp(routes, { path: '/coordination/7' });
    const drawer = await screen.findByTestId('coord-drawer');
    const user = userEvent.setup();
    await user.click(await within(drawer).findByTestId('coord-reply'));
    expect(within(drawer).queryByTestId('coord-assign')).not.toBeInTheDocument();
    expect(within(drawer).queryByTestId('coord-close')).not.toBeInTheDocument();
    const dialog = await findDialog('答复办理情况');
    await user.type(within(dialog).getByLabelText('办理情况'), '已会同自然资源局现场办公');
    await user.click(within(dialog).getByLabelText('已办结（待确认）'));
    await user.click(within(dialog).getByRole('button', { name: /答\s*复/ }));
    await waitFor(() => expect(posted(calls, '/api/v1/coordination-items/7/replies')).toBeTruthy());
    expect(await posted(calls, '/api/v1/coordination-items/7/replies')!.json()).toEqual({ text: '已会同自然资源局现场办公', progress: 'done' });
    expect(await within(drawer).findByText('已答复')).toBeInTheDocument();
  });

  it('refuses a step with the API\'s words and keeps the dialog open', async () => {
    signIn(office, {
      'GET /api/v1/coordination-items': listOf(assigned),
      'GET /api/v1/coordination-items/7': () => json(assigned),
      'POST /api/v1/coordination-items/7/close': () =>
        json({ type: '/problems/conflict', title: 'x', status: 409, detail: '该协调事项已被他人修改，请刷新后重试' }, 409, 'application/problem+json'),
    });
    renderApp(routes, { path: '/coordination/7' });
    const user = userEvent.setup();
    await user.click(await screen.findByTestId('coord-close'));
    const dialog = await findDialog('办结协调事项');
    await user.type(within(dialog).getByLabelText('办结说明'), '已解决');
    await user.click(within(dialog).getByRole('button', { name: /办\s*结/ }));
    expect(await within(dialog).findByText('该协调事项已被他人修改，请刷新后重试')).toBeInTheDocument();
  });
});

describe('ProjectCoordination', () => {
  it('shows the project\'s open items only and raises a new one on the project', async () => {
    const closed = item({ id: 9, status: 'closed', description: '已办结的旧事项' });
    const late = { ...assigned, overdue: true };
    const { calls } = signIn(county, {
      'GET /api/v1/coordination-items': listOf(late, closed),
      'POST /api/v1/coordination-items': () => json(item({ id: 10, category: 'utilities', description: '电力增容' }), 201),
    });
    renderApp([{ path: '*', element: <ProjectCoordination projectId={3} /> }], { path: '/projects/3' });
    const row = await screen.findByTestId('project-coord-7');
    expect(within(row).getByText('逾期')).toBeInTheDocument();
    expect(within(row).getByText(`${JXW.name_zh} · 2026-12-01 · 3 天`, { exact: false })).toBeInTheDocument();
    expect(screen.queryByText('已办结的旧事项')).not.toBeInTheDocument();
    expect(queries(calls)[0]).toMatchObject({ project_id: '3' });

    const user = userEvent.setup();
    await user.click(screen.getByTestId('project-coord-raise'));
    const dialog = await screen.findByRole('dialog', { name: '提出协调事项' });
    await user.click(within(dialog).getByRole('combobox', { name: '问题类别' }));
    await user.click(await screen.findByTitle('水电气'));
    await user.type(within(dialog).getByLabelText('问题描述'), '电力增容');
    await user.type(within(dialog).getByLabelText('需要协调解决的事项'), '请供电公司加快办理');
    await user.click(within(dialog).getByRole('button', { name: '提出协调事项' }));
    await waitFor(() => expect(posted(calls, '/api/v1/coordination-items')).toBeTruthy());
    const post = posted(calls, '/api/v1/coordination-items')!;
    expect(await post.json()).toEqual({ project_id: 3, category: 'utilities', description: '电力增容', ask: '请供电公司加快办理' });
    expect(post.headers.get('Idempotency-Key')).toBeTruthy();
    expect(await screen.findByText('协调事项已提出，招商办将交办责任单位')).toBeInTheDocument();
  });
});

describe('MeetingListPage', () => {
  it('shows the major projects with their open items for the chosen quarter and downloads the list', async () => {
    const listing = {
      year: 2026, quarter: 4, as_of: '2026-12-04', min_investment: '10000.00', stages: ['negotiating', 'signed', 'started'],
      projects: [{
        project_id: 3, project_name: '瑞丰高性能膜材料项目', stage: 'signed', total_investment: '20000.00', landing_unit_name: '东昌府区',
        items: [{
          id: 7, category: 'land', description: '二期用地尚未征收', ask: '请协调加快土地征收', status: 'escalated',
          raised_by_unit_name: '东昌府区', assignee_unit_name: JXW.name_zh, due_date: '2026-12-01', overdue: true, days_open: 14, escalated: true,
        }],
      }],
    };
    const { calls } = signIn(office, {
      'GET /api/v1/coordination/meeting-list': () => json(listing),
      'GET /api/v1/coordination/meeting-list.xlsx': () =>
        new Response('PK', { headers: { 'Content-Disposition': 'attachment; filename="meeting-list-2026Q4.xlsx"' } }),
    });
    const downloads = captureDownloads();
    try {
      renderApp([{ path: '*', element: <MeetingListPage /> }], { path: '/meeting-list?year=2026&quarter=4' });
      const entry = await screen.findByTestId('meeting-item-7');
      expect(within(entry).getByText('提交本次会议研究')).toBeInTheDocument();
      expect(within(entry).getByText('逾期')).toBeInTheDocument();
      expect(within(entry).getByText(`东昌府区 → ${JXW.name_zh} · 2026-12-01 · 14 天`)).toBeInTheDocument();
      expect(screen.getByText('20,000.00')).toBeInTheDocument();
      await userEvent.setup().click(screen.getByRole('button', { name: '下载清单（Excel）' }));
      await waitFor(() => expect(downloads.saved).toEqual(['meeting-list-2026Q4.xlsx']));
      const asked = calls.filter((c) => new URL(c.url).pathname.startsWith('/api/v1/coordination/meeting-list'));
      expect(asked.every((c) => new URL(c.url).search === '?year=2026&quarter=4')).toBe(true);
    } finally {
      downloads.restore();
    }
  });
});

describe('coordination notices', () => {
  it('lead to the item\'s drawer', () => {
    const notice = {
      id: 1, kind: 'coordination_assigned' as const, title: '', body: '', record_type: 'coordination_item', record_id: 7,
      created_at: '2026-12-04T00:00:00Z', read_at: null,
    };
    expect(noticeLink(notice)).toBe('/coordination/7');
  });
});
