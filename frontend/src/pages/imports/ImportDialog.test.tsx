import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { captureDownloads, EDITOR_PERMS, json, meFor, problem, renderApp } from '../../test/utils';
import { OFFICE_PERMS, signInWith } from '../records/lib/testing';
import VisitsPage from '../records/visits/VisitsPage';

vi.setConfig({ testTimeout: 60_000 });

const editor = meFor('unit_editor', [...EDITOR_PERMS, 'imports:read', 'imports:write'], '东昌府区');
const office = meFor('office', [...OFFICE_PERMS, 'imports:read', 'imports:write']);
const routes = [{ path: '/visits', element: <VisitsPage /> }];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const ERRORS = [
  { row: 3, column: '走访日期', message: '第 3 行「走访日期」：日期不能晚于今天' },
  { row: 5, column: '地区', message: '第 5 行「地区」：应为 京津冀 / 长三角 / 珠三角 / 其他地区' },
];
const job = (extra: Record<string, unknown> = {}) => ({
  id: 41, kind: 'visits', file_name: '走访.xlsx', status: 'checking', rows_total: 10, rows_checked: 0, rows_valid: 0,
  rows_invalid: 0, rows_written: 0, rows_unchanged: 0, errors: [], unknown_columns: [], all_or_nothing: null, unit_id: 2,
  created_by: 'dcf_editor', created_at: '2026-12-04T02:00:00Z', finished_at: null, has_marked_copy: false, message: null,
  ...extra,
});
const checked = job({
  status: 'checked', rows_checked: 10, rows_valid: 8, rows_invalid: 2, errors: ERRORS, unknown_columns: ['备注2'], has_marked_copy: true,
});

const xlsx = (name = '走访.xlsx') => new File(['PK\u0003\u0004'], name, { type: XLSX });
const uploadInput = () => within(screen.getByTestId('import-dialog')).getByTestId('import-upload').closest('.ant-upload')!
  .querySelector('input[type=file]') as HTMLInputElement;

async function openDialog() {
  await userEvent.setup().click(await screen.findByTestId('list-import'));
  return within(await screen.findByTestId('import-dialog', {}, { timeout: 10_000 })); // its code loads on the first click
}

describe('ImportDialog', () => {
  it('walks the three steps: template, upload with progress and errors, commit with progress and result', async () => {
    // GET /api/v1/imports/41 answers each of `polls` in turn, then the last one again
    let polls: unknown[] = [];
    let imported = false;
    const downloads = captureDownloads();
    const { calls } = signInWith(editor, {
      'GET /api/v1/visits': () => json({ data: [], next_cursor: null, total: imported ? 8 : 0 }),
      'GET /api/v1/imports/templates/visits': () => new Response('PK', {
        headers: { 'Content-Type': XLSX, 'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent('走访导入模板.xlsx')}` },
      }),
      'POST /api/v1/imports': () => {
        polls = [job({ rows_checked: 6 }), checked];
        return json(job({ rows_checked: 3 }), 202);
      },
      'GET /api/v1/imports/41': () => json(polls.length > 1 ? polls.shift() : polls[0]),
      'GET /api/v1/imports/41/marked.xlsx': () => new Response('PK', { headers: { 'Content-Type': XLSX } }),
      'POST /api/v1/imports/41/commit': () => {
        imported = true;
        polls = [job({ ...checked, status: 'writing', rows_written: 4 }), { ...checked, status: 'done', rows_written: 8, all_or_nothing: false }];
        return json({ ...checked, status: 'writing', all_or_nothing: false }, 202);
      },
    });
    renderApp(routes, { path: '/visits' });
    const user = userEvent.setup({ applyAccept: false });
    const dialog = await openDialog();
    expect(dialog.getByText('导入走访记录')).toBeInTheDocument();

    // 1 the template
    await user.click(dialog.getByTestId('import-template'));
    await waitFor(() => expect(downloads.saved).toEqual(['走访导入模板.xlsx']));
    downloads.restore();
    await user.click(dialog.getByTestId('import-next'));

    // 2 a file that is not .xlsx is refused before any upload
    await user.upload(uploadInput(), new File(['a,b'], '走访.csv', { type: 'text/csv' }));
    expect(await screen.findByText('只能上传 .xlsx 格式的 Excel 文件')).toBeInTheDocument();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    expect(dialog.getByTestId('import-next')).toBeDisabled();

    await user.upload(uploadInput(), xlsx());
    expect(await dialog.findByText(/正在检查：[36] \/ 10 行/)).toBeInTheDocument();
    expect(await dialog.findByTestId('import-check', {}, { timeout: 5000 })).toBeInTheDocument();
    const post = calls.find((c) => c.method === 'POST' && c.url.endsWith('/api/v1/imports'))!;
    const form = await post.clone().formData();
    expect(form.get('kind')).toBe('visits');
    expect(form.get('file')).toMatchObject({ size: 9, type: XLSX }); // (jsdom's File loses its name in Node's FormData)
    expect(form.get('unit_id')).toBeNull(); // a unit imports as itself
    expect(post.headers.get('Idempotency-Key')).toBeTruthy();
    expect(dialog.getByTestId('import-valid')).toHaveTextContent('8');
    expect(dialog.getByTestId('import-invalid')).toHaveTextContent('2');
    expect(dialog.getByTestId('import-unknown-columns')).toHaveTextContent('备注2');
    const errors = within(dialog.getByTestId('import-errors'));
    expect(errors.getByText('第 3 行「走访日期」：日期不能晚于今天')).toBeInTheDocument();
    expect(errors.getByText('地区')).toBeInTheDocument();
    const marked = captureDownloads();
    await user.click(dialog.getByTestId('import-marked'));
    await waitFor(() => expect(marked.saved).toEqual(['走访（已标注）.xlsx']));
    marked.restore();

    // 3 all or nothing warns that nothing would be written; off: the valid rows
    await user.click(dialog.getByTestId('import-next'));
    expect(dialog.getByTestId('import-summary')).toHaveTextContent('将导入 8 行，跳过 2 行有错误的数据。');
    await user.click(dialog.getByTestId('import-all-or-nothing'));
    expect(dialog.getByText('文件中有 2 行错误，打开“全部正确才导入”时不会写入任何数据。')).toBeInTheDocument();
    await user.click(dialog.getByTestId('import-all-or-nothing'));
    await user.click(dialog.getByTestId('import-commit'));
    const commit = calls.find((c) => c.url.endsWith('/api/v1/imports/41/commit'))!;
    expect(await commit.clone().json()).toEqual({ all_or_nothing: false });
    expect(commit.headers.get('Idempotency-Key')).toBeTruthy();
    expect(await dialog.findByTestId('import-result', {}, { timeout: 5000 })).toBeInTheDocument();
    expect(dialog.getByTestId('import-written')).toHaveTextContent('8');
    expect(dialog.getByTestId('import-unchanged')).toHaveTextContent('0');
    expect(dialog.getByTestId('import-refused')).toHaveTextContent('2');
    // the list behind the dialog is fetched again
    await waitFor(() => expect(screen.getByTestId('list-total')).toHaveTextContent(/ 8 条/));
    await user.click(dialog.getByTestId('import-close'));
    await waitFor(() => expect(screen.queryByTestId('import-dialog')).not.toBeInTheDocument());
  });

  it('lets the office import on a unit\'s behalf', async () => {
    const { calls } = signInWith(office, {
      'GET /api/v1/visits': () => json({ data: [], next_cursor: null, total: 0 }),
      'POST /api/v1/imports': () => json(checked, 202),
      'GET /api/v1/imports/41': () => json(checked),
    });
    renderApp(routes, { path: '/visits' });
    const user = userEvent.setup();
    const dialog = await openDialog();
    await user.click(dialog.getByTestId('import-next'));
    await user.click(dialog.getByRole('combobox', { name: '代单位导入' }));
    await user.click(await screen.findByTitle('临清市'));
    await user.upload(uploadInput(), xlsx());
    expect(await dialog.findByTestId('import-check')).toBeInTheDocument();
    const post = calls.find((c) => c.method === 'POST')!;
    expect((await post.clone().formData()).get('unit_id')).toBe('3');
  });

  it('shows why a file was refused or a job failed, and takes another file', async () => {
    let refused = true;
    signInWith(editor, {
      'GET /api/v1/visits': () => json({ data: [], next_cursor: null, total: 0 }),
      'POST /api/v1/imports': () => {
        if (refused) {
          refused = false;
          return problem(413, '文件超过 5 MB，请拆分后再导入');
        }
        return json(job(), 202);
      },
      'GET /api/v1/imports/41': () => json(job({ status: 'failed', message: '工作表没有表头行' })),
    });
    renderApp(routes, { path: '/visits' });
    const user = userEvent.setup();
    const dialog = await openDialog();
    await user.click(dialog.getByTestId('import-next'));
    await user.upload(uploadInput(), xlsx());
    expect(await screen.findByText('文件超过 5 MB，请拆分后再导入')).toBeInTheDocument();
    await user.upload(uploadInput(), xlsx());
    expect(await dialog.findByTestId('import-failed', {}, { timeout: 5000 })).toHaveTextContent('工作表没有表头行');
    expect(dialog.getByTestId('import-next')).toBeDisabled();
  });

  it('is not offered to a unit viewer', async () => {
    signInWith(meFor('unit_viewer', ['records:read', 'imports:read', 'session:read', 'units:read'], '东昌府区'), {
      'GET /api/v1/visits': () => json({ data: [], next_cursor: null, total: 0 }),
    });
    renderApp(routes, { path: '/visits' });
    expect(await screen.findByTestId('visits-table')).toBeInTheDocument();
    expect(screen.queryByTestId('list-import')).not.toBeInTheDocument();
  });
});
