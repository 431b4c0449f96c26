// The whole cycle in the browser, in the order people do it: a county editor enters a visit and a project with
// funds in place and submits them; the office returns the visit with a reason; the editor fixes and resubmits it;
// the office verifies everything; the county's dashboard shows the new progress and opens the records behind it;
// the editor cannot open another county's record by its address; the office closes the quarter and downloads
// the dispatch report. Every step leaves a screenshot in test-artifacts/e2e/.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { artifacts, login } from './harness.mjs';
import { choose, confirmDialog, typeDate, useApp } from './support.mjs';

const ENTERPRISE = '苏州瑞丰新材料科技有限公司';
const REASON = '请补充走访成效：对方投资意向的规模和时间';
const state = {};

const app = useApp({
  async seed({ token, api }) {
    const dcf = await token('dcf_editor');
    state.enterprise = await api(dcf, 'POST', '/api/v1/enterprises', { name: ENTERPRISE, province: '江苏', city: '苏州' });
    const linqing = await token('linqing_editor');
    const other = await api(linqing, 'POST', '/api/v1/enterprises', { name: '临清华宇轴承有限公司' });
    state.otherVisit = await api(linqing, 'POST', '/api/v1/visits', {
      enterprise_id: other.id, visit_date: '2020-03-02', region: 'other', outcome: '临清市的走访',
    });
  },
});
const { withPage } = app;

async function signIn(page, username) {
  await login(page, username);
  await page.waitForURL('**/dashboard');
}

describe('一个完整的工作循环：填报 → 退回 → 修改 → 核实 → 看板 → 关账', () => {
  test('the county editor enters a visit and a project with funds in place, and submits them', async () => {
    await withPage(async ({ page, shot }) => {
      await signIn(page, 'dcf_editor');
      await page.goto('/visits/new');
      await page.getByTestId('visit-form').waitFor();
      await choose(page, '企业', '瑞丰新材料');
      await typeDate(page, '走访日期', '2020-03-16');
      await choose(page, '地区', '长三角', { search: false });
      await page.getByRole('textbox', { name: '走访成效' }).fill('有意向');
      await page.getByTestId('form-save').click();
      await page.waitForURL(/\/visits\/\d+$/);
      state.visitId = Number(page.url().split('/').pop());
      await page.getByTestId('action-submit').click();
      await confirmDialog(page);
      await page.locator('.zs-page-head [data-status="submitted"]').waitFor();
      await shot('workflow-01-visit-submitted');

      await page.goto('/projects/new');
      await page.getByTestId('project-form').waitFor();
      await page.getByLabel('项目名称').fill('瑞丰高性能膜材料项目');
      await choose(page, '企业', '瑞丰新材料');
      await page.keyboard.press('Escape');
      await page.getByLabel('总投资（万元）').fill('20000');
      await choose(page, '落地单位', '东昌府区');
      await choose(page, '项目阶段', '签约', { search: false });
      await typeDate(page, '签约日期', '2020-04-01');
      await shot('workflow-02-project-form');
      await page.getByTestId('form-save').click();
      await page.waitForURL(/\/projects\/\d+$/);
      await page.getByTestId('action-submit').click();
      await confirmDialog(page);
      await page.locator('.zs-page-head [data-status="submitted"]').waitFor();

      await page.getByTestId('funds-add').click();
      const quick = page.getByTestId('funds-quick-add');
      assert.equal(await quick.getByLabel('报送月份').inputValue(), '2020-04');
      await quick.getByLabel('本月到位资金（万元）').fill('5000');
      await page.getByTestId('funds-quick-save').click();
      const row = page.getByTestId('project-funds-table').locator('tr', { hasText: '2020-04' });
      await row.getByTestId('action-submit').click();
      await confirmDialog(page);
      await row.locator('[data-status="submitted"]').waitFor();
      await page.getByTestId('project-funds').getByTestId('funds-remaining').getByText('15,000.00').waitFor();
      await shot('workflow-03-project-and-funds-submitted');
    });
  });

  test('the office returns the visit with a reason', async () => {
    await withPage(async ({ page, shot }) => {
      await signIn(page, 'office');
      await page.goto('/verification');
      const table = page.getByTestId('queue-table');
      await table.getByText(`${ENTERPRISE}（2020-03-16）`).waitFor();
      assert.equal(await table.locator('tbody tr.ant-table-row').count(), 3); // the visit, the project, its funds
      await page.getByRole('checkbox', { name: `选择 ${ENTERPRISE}（2020-03-16）` }).check();
      await page.getByRole('button', { name: /退回选中（1）/ }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('退回原因（填报单位可见）').fill(REASON);
      await shot('workflow-04-office-returns');
      await dialog.getByRole('button', { name: /^退\s*回$/ }).click();
      await page.getByText('已退回 1 条记录').waitFor();
      await table.getByText(`${ENTERPRISE}（2020-03-16）`).waitFor({ state: 'detached' });
    });
  });

  test('the editor sees the reason, fixes the visit and resubmits it', async () => {
    await withPage(async ({ page, shot }) => {
      await signIn(page, 'dcf_editor');
      await page.goto('/visits');
      await page.getByTestId('returned-banner').getByText('1 条被退回，请修改后重新报送').waitFor();
      await page.goto(`/visits/${state.visitId}`);
      await page.getByTestId('returned-alert').getByText(`退回原因：${REASON}`).waitFor();
      await shot('workflow-05-returned-with-reason');
      await page.getByTestId('action-edit').click();
      await page.getByRole('textbox', { name: '走访成效' }).fill('对方计划 2020 年内投资 2 亿元建设膜材料产线');
      await page.getByTestId('form-save').click();
      await page.getByTestId('visit-form').waitFor({ state: 'detached' });
      await page.getByTestId('action-submit').click();
      await confirmDialog(page);
      await page.locator('.zs-page-head [data-status="submitted"]').waitFor();
      assert.equal(await page.getByTestId('returned-alert').count(), 0);
      await page.getByTestId('record-history').getByText(REASON).first().waitFor(); // the return stays in history
      await shot('workflow-06-resubmitted');
    });
  });

  test('the office verifies everything in the queue', async () => {
    await withPage(async ({ page, shot }) => {
      await signIn(page, 'office');
      await page.goto('/verification');
      const table = page.getByTestId('queue-table');
      await table.getByText(`${ENTERPRISE}（2020-03-16）`).waitFor(); // back after the fix
      await table.locator('thead .ant-checkbox-input').check();
      await page.getByRole('button', { name: /核实选中（3）/ }).click();
      await page.locator('.ant-popconfirm').getByRole('button', { name: /^核\s*实$/ }).click();
      await page.getByText('已核实 3 条记录').waitFor();
      await table.getByText('没有待核实的记录').waitFor();
      await shot('workflow-07-verified');
    });
  });

  test("the county's dashboard shows the new progress and opens the records behind it", async () => {
    await withPage(async ({ page, shot }) => {
      await signIn(page, 'dcf_editor');
      await page.goto('/dashboard?year=2020');
      const visits = page.getByTestId('figure-T14');
      assert.equal((await visits.getByTestId('figure-actual').innerText()).trim(), '1');
      const funds = page.getByTestId('figure-T03U'); // the county's part of the city's T03
      assert.equal((await funds.getByTestId('figure-actual').innerText()).trim(), '5,000.00');
      await shot('workflow-08-dashboard-progress');
      await visits.getByTestId('figure-actual').click();
      await page.waitForURL('**/drilldown?**');
      assert.equal((await page.getByTestId('drill-count').innerText()).trim(), '1');
      await page.getByTestId('drill-table').getByRole('link', { name: `走访 #${state.visitId}` }).waitFor();
      await page.getByTestId('drill-table').getByText(ENTERPRISE).waitFor();
      await shot('workflow-09-drilldown');
    });
  });

  test("the editor cannot open another county's record by its address", async () => {
    await withPage(async ({ page, shot, allow }) => {
      allow((text) => /status of 404/.test(text) && text.includes(`/api/v1/visits/${state.otherVisit.id}`));
      await signIn(page, 'dcf_editor');
      await page.goto(`/visits/${state.otherVisit.id}`);
      await page.getByTestId('record-not-found').getByText('记录不存在或无权查看').waitFor();
      assert.equal(await page.getByText('临清市的走访').count(), 0);
      await shot('workflow-10-other-county-not-found');
    });
  });

  test('the office closes the quarter and downloads the dispatch report', async () => {
    await withPage(async ({ page, shot }) => {
      await signIn(page, 'office');
      await page.goto('/quarters');
      await page.getByRole('button', { name: '季度关账' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByTestId('close-warning').getByText(/将冻结2020年第4季度/).waitFor();
      await dialog.getByRole('button', { name: '确认关账' }).click();
      await page.waitForURL(/\/quarters\/\d+$/);
      await page.getByText('内容与哈希一致').waitFor();
      await shot('workflow-11-quarter-closed');
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: '下载调度通报（Excel）' }).click(),
      ]);
      assert.match(download.suggestedFilename(), /\.xlsx$/);
      const saved = join(artifacts, `workflow-${download.suggestedFilename()}`);
      await download.saveAs(saved);
      assert.equal(readFileSync(saved).subarray(0, 2).toString('latin1'), 'PK'); // an .xlsx is a zip
    });
  });
});
