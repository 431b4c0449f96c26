// Import from Excel end to end (issue 15): a county editor downloads the visits template from the list page,
// fills it with openpyxl (dates written three ways, one row with a date that does not exist), uploads it and sees
// the error per cell and a marked copy, fixes the file, uploads it again, imports and finds the visits in the list;
// a second import of the same file writes nothing new; the import history lists both.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { login, repo } from './harness.mjs';
import { useApp } from './support.mjs';

const app = useApp({ worker: true }); // the dry run and the write are background jobs
const { withPage } = app;
const python = join(repo, '.venv', 'bin', 'python');
const work = mkdtempSync(join(tmpdir(), 'zs-e2e-import-'));

// Writes `rows` (header → value, headers without the required mark "*") below the template's example row.
const FILL = `
import json, sys
from openpyxl import load_workbook
src, out, rows = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
book = load_workbook(src)
sheet = book.worksheets[0]
headers = {str(c.value).rstrip('*'): c.column for c in sheet[1] if c.value}
for r, row in enumerate(rows, start=3):
    for name, value in row.items():
        if name not in headers:
            sys.exit(f'no column {name!r} in {sorted(headers)}')
        sheet.cell(row=r, column=headers[name], value=value)
book.save(out)
`;
// Prints the fill colour and comment of each commented cell of the first sheet, as JSON.
const MARKS = `
import json, sys
from openpyxl import load_workbook
sheet = load_workbook(sys.argv[1]).worksheets[0]
print(json.dumps([{'cell': c.coordinate, 'fill': c.fill.fgColor.rgb, 'comment': c.comment.text}
                  for row in sheet.iter_rows(min_row=2) for c in row if c.comment]))
`;
const py = (script, ...args) => execFileSync(python, ['-c', script, ...args], { encoding: 'utf8' });

const ENTERPRISE = '聊城导入测试新材料有限公司';
const visit = (external, date, outcome) => ({
  外部编号: external, 企业: ENTERPRISE, 走访日期: date, 地区: '长三角', 地点: '上海', 带队领导级别: '县级领导', 带队领导: '张县长', 成果: outcome,
});

async function upload(page, path) {
  const dialog = page.getByTestId('import-dialog');
  await dialog.locator('input[type=file]').setInputFiles(path);
  await dialog.getByTestId('import-check').waitFor({ timeout: 30_000 });
  return dialog;
}

describe('导入：走访记录', () => {
  test('dcf_editor imports visits from the template: errors per cell, fixed, imported, found in the list; twice is a no-op', async () => {
    const dcf = await app.token('dcf_editor');
    await app.api(dcf, 'POST', '/api/v1/enterprises', { name: ENTERPRISE });
    await withPage(async ({ page, shot }) => {
      await login(page, 'dcf_editor');
      await page.waitForURL('**/dashboard');
      await page.goto('/visits');
      await page.getByTestId('visits-table').waitFor();
      await page.getByTestId('list-import').click();
      const dialog = page.getByTestId('import-dialog');
      await dialog.getByText('导入走访记录').waitFor();

      // 1 the template, from the server
      const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByTestId('import-template').click()]);
      assert.match(download.suggestedFilename(), /导入模板\.xlsx$/);
      const template = join(work, 'template.xlsx');
      await download.saveAs(template);
      await shot('import-01-template');

      // 2 filled with one row whose date does not exist (sheet row 4)
      const rows = [
        visit('E2E-ZF-1', '2019-05-06', '达成初步投资意向'),
        visit('E2E-ZF-2', '2019.13.45', '对方将来聊考察'),
        visit('E2E-ZF-3', '2019年5月12日', '签订框架协议'),
      ];
      const bad = join(work, '走访导入.xlsx');
      py(FILL, template, bad, JSON.stringify(rows));
      await dialog.getByTestId('import-next').click();
      await upload(page, bad);
      await dialog.getByTestId('import-valid').getByText('2').waitFor();
      await dialog.getByTestId('import-invalid').getByText('1').waitFor();
      const error = dialog.getByTestId('import-errors').locator('tr', { hasText: '走访日期' });
      assert.match(await error.innerText(), /4[\s\S]*走访日期[\s\S]*第 4 行「走访日期」/);
      assert.ok(await dialog.getByTestId('import-next').isEnabled()); // the two good rows could be imported already
      await shot('import-02-errors');

      // the marked copy: the bad cell is red and carries the message
      const [markedDownload] = await Promise.all([page.waitForEvent('download'), dialog.getByTestId('import-marked').click()]);
      const marked = join(work, 'marked.xlsx');
      await markedDownload.saveAs(marked);
      const marks = JSON.parse(py(MARKS, marked));
      assert.equal(marks.length, 1, JSON.stringify(marks));
      assert.match(marks[0].comment, /日期/);
      assert.match(marks[0].fill, /FFC7CE$/i); // light red

      // 3 fixed and uploaded again: every row passes
      rows[1] = visit('E2E-ZF-2', '2019/5/8', '对方将来聊考察');
      const fixed = join(work, '走访导入（已改）.xlsx');
      py(FILL, template, fixed, JSON.stringify(rows));
      await upload(page, fixed);
      await dialog.getByTestId('import-no-errors').waitFor();
      await dialog.getByTestId('import-valid').getByText('3').waitFor();
      await shot('import-03-fixed');

      // 4 all or nothing, imported
      await dialog.getByTestId('import-next').click();
      await dialog.getByTestId('import-all-or-nothing').click();
      await dialog.getByTestId('import-commit').click();
      await dialog.getByTestId('import-result').waitFor({ timeout: 30_000 });
      assert.equal(await dialog.getByTestId('import-written').locator('.ant-statistic-content-value').innerText(), '3');
      assert.equal(await dialog.getByTestId('import-refused').locator('.ant-statistic-content-value').innerText(), '0');
      await shot('import-04-result');
      await dialog.getByTestId('import-close').click();
      await dialog.waitFor({ state: 'detached' });

      // 5 the visits are in the list (it was refreshed behind the dialog)
      const table = page.getByTestId('visits-table');
      await page.getByTestId('list-total').getByText('共 3 条').waitFor();
      for (const day of ['2019-05-06', '2019-05-08', '2019-05-12']) {
        await table.locator('tr', { hasText: day }).filter({ hasText: ENTERPRISE }).waitFor();
      }
      await shot('import-05-list');

      // 6 the same file again: checked, nothing new written
      await page.getByTestId('list-import').click();
      await dialog.getByTestId('import-next').click();
      await upload(page, fixed);
      await dialog.getByTestId('import-next').click();
      await dialog.getByTestId('import-commit').click();
      await dialog.getByTestId('import-result').waitFor({ timeout: 30_000 });
      assert.equal(await dialog.getByTestId('import-written').locator('.ant-statistic-content-value').innerText(), '0');
      assert.equal(await dialog.getByTestId('import-unchanged').locator('.ant-statistic-content-value').innerText(), '3');
      await dialog.getByTestId('import-close').click();
      await page.getByTestId('list-total').getByText('共 3 条').waitFor();

      // 7 the history, under 填报 for a unit
      await page.getByTestId('side-menu').getByText('导入记录').click();
      const history = page.getByTestId('imports-table');
      await history.locator('tr', { hasText: '走访导入（已改）.xlsx' }).first().waitFor();
      assert.equal(await history.locator('tr', { hasText: '走访导入' }).count(), 3); // the first file only checked, two imports
      await shot('import-06-history');
    });
  });
});
