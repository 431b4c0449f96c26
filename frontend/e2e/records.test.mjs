// The record pages end to end: a county editor enters a visit (adding the enterprise inline, the credit code
// checked as typed) and a project with credit shares and two months of funds in place, submits them; a record
// the office returns shows its reason and is fixed and resubmitted; another county's record is not found;
// a unit viewer sees no way to change anything.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { login } from './harness.mjs';
import { choose, confirmDialog, typeDate, useApp } from './support.mjs';

const app = useApp();
const { withPage } = app;
const token = (username) => app.token(username);
const api = (tok, method, path, body) => app.api(tok, method, path, body);

// GB 32100-2015 check character, to make valid (and deliberately invalid) credit codes for the test
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
function uscc(first17) {
  const sum = [...first17].reduce((acc, c, i) => acc + CHARSET.indexOf(c) * WEIGHTS[i], 0);
  const check = 31 - (sum % 31);
  return first17 + CHARSET[check === 31 ? 0 : check];
}
let serial = 0;
/** A fresh 17-character prefix (distinct codes per test run). */
const prefix = () => `9137150${String(Date.now() % 1e8).padStart(8, '0')}${String((serial += 1) % 100).padStart(2, '0')}`;

async function newEnterprise(tok, name) {
  return api(tok, 'POST', '/api/v1/enterprises', { name, uscc: uscc(prefix()), province: '山东', city: '济南' });
}

describe('填报：走访、项目、到位资金', () => {
  test('dcf_editor creates a visit, adding the enterprise inline with the credit code checked, and submits it', async () => {
    await withPage(async ({ page, shot }) => {
      await login(page, 'dcf_editor');
      await page.waitForURL('**/dashboard');
      await page.getByTestId('side-menu').getByText('走访记录').click();
      await page.getByTestId('visits-table').waitFor();
      await page.getByTestId('list-new').click();
      await page.waitForURL('**/visits/new');
      await page.getByTestId('visit-form').waitFor();
      await shot('records-01-visit-new');

      // the enterprise is not in the library yet: add it without leaving the form
      await page.getByTestId('enterprise-new-inline').click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText('新建企业').first().waitFor();
      const first17 = prefix();
      const good = uscc(first17);
      const wrong = first17 + (good[17] === '0' ? '1' : '0');
      const name = `聊城鲁西新材料科技${first17.slice(-4)}有限公司`;
      await dialog.getByLabel('名称').fill(name);
      await dialog.getByLabel('统一社会信用代码').fill(first17.slice(0, 10));
      await dialog.getByText('已输入 10 位，共 18 位').waitFor();
      await dialog.getByLabel('统一社会信用代码').fill(wrong.toLowerCase()); // typed in lower case: upper-cased as typed
      await dialog.getByTestId('uscc-bad-check').waitFor();
      assert.match(await dialog.getByTestId('uscc-bad-check').innerText(), new RegExp(`第 18 位应为“${good[17]}”`));
      await dialog.getByLabel('校验不符的说明').waitFor(); // the API accepts a failing code only with a reason
      await shot('records-02-uscc-bad-check');
      await dialog.getByLabel('统一社会信用代码').fill(good);
      await dialog.getByTestId('uscc-ok').waitFor();
      assert.equal(await dialog.getByLabel('校验不符的说明').count(), 0);
      await dialog.getByLabel('中国500强').check();
      await shot('records-03-uscc-ok');
      await dialog.getByTestId('enterprise-save').click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByTestId('visit-form').getByText(`${name}（${good}）`).waitFor();

      await typeDate(page, '走访日期', '2019-05-06');
      await choose(page, '地区', '长三角', { search: false });
      await page.getByLabel('地点').fill('上海');
      await choose(page, '带队领导级别', '县级领导', { search: false });
      await page.getByRole('textbox', { name: '带队领导' }).fill('张县长');
      await page.getByRole('textbox', { name: '走访成效' }).fill('对方有意在东昌府区布局新材料生产基地');
      await page.getByRole('textbox', { name: '下一步工作' }).fill('6 月邀请来聊考察');
      await shot('records-04-visit-filled');
      await page.getByTestId('form-save').click();
      await page.waitForURL(/\/visits\/\d+$/);
      await page.locator('.zs-page-head [data-status="draft"]').waitFor();
      await page.getByTestId('record-history').getByText('新建').first().waitFor();

      await page.getByTestId('action-submit').click();
      await confirmDialog(page);
      await page.locator('.zs-page-head [data-status="submitted"]').waitFor();
      await page.getByTestId('action-withdraw').waitFor(); // submitted: no editing, but it can be withdrawn
      assert.equal(await page.getByTestId('action-edit').count(), 0);
      await page.getByTestId('record-history').getByText('报送').first().waitFor();
      await shot('records-05-visit-submitted');

      await page.getByRole('link', { name: '走访记录' }).first().click();
      const row = page.getByTestId('visits-table').locator('tr', { hasText: name });
      await row.locator('[data-status="submitted"]').waitFor();
      await page.getByTestId('list-total').getByText('共 1 条').waitFor();

      // the server's Excel workbook for the same filters
      await page.getByTestId('status-filter').click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '已报送' }).click();
      await page.waitForURL((u) => u.searchParams.get('status') === 'submitted');
      const [download, request] = await Promise.all([
        page.waitForEvent('download'),
        page.waitForRequest((r) => r.url().includes('/api/v1/visits/export.xlsx')),
        page.getByRole('button', { name: '导出 Excel' }).click(),
      ]);
      assert.equal(new URL(request.url()).searchParams.get('status'), 'submitted');
      assert.match(download.suggestedFilename(), /\.xlsx$/);
      assert.match(download.url(), /^blob:/);
    });
  });

  test('dcf_editor creates a project (credits to 100 %, lands in 东昌府区, signed), reports two months of funds and submits them', async () => {
    const dcf = await token('dcf_editor');
    const ent = await newEnterprise(dcf, `中材高新材料${prefix().slice(-4)}股份有限公司`);
    await withPage(async ({ page, shot, allow }) => {
      // the over-total report below is refused by the API on purpose
      allow((text) => /status of 422/.test(text) && text.includes('/api/v1/funds-reports'));
      await login(page, 'dcf_editor');
      await page.waitForURL('**/dashboard');
      await page.goto('/projects');
      await page.getByTestId('list-new').click();
      await page.getByTestId('project-form').waitFor();

      await page.getByLabel('项目名称').fill('高性能复合材料产业园');
      await choose(page, '企业', ent.name.slice(0, 6));
      await page.keyboard.press('Escape');
      await page.getByLabel('总投资（万元）').fill('50000');
      await choose(page, '落地单位', '东昌府区');
      await choose(page, '产业集群', '新材料');
      await choose(page, '“四新”类别', '新产业', { search: false });
      await choose(page, '项目阶段', '签约', { search: false });
      await typeDate(page, '签约日期', '2019-06-10');

      // credit shares: the running sum, exactly 100 %
      const sum = page.getByTestId('credits-sum');
      assert.match(await sum.innerText(), /本单位 100%/);
      await page.getByTestId('credits-add').click(); // first row: the entering unit, 100 %
      await page.getByTestId('credit-editor').getByText('东昌府区').waitFor();
      await page.getByLabel('份额（%） 1').fill('60');
      await sum.getByText('还差 40.00%').waitFor();
      await page.getByTestId('credits-add').click(); // the next row starts with what is missing
      assert.equal(await page.getByLabel('份额（%） 2').inputValue(), '40.00');
      await choose(page, '贡献单位 2', '新材料产业招商团组');
      await sum.getByText('合计正好 100%').waitFor();
      assert.match(await sum.innerText(), /合计 100\.00%/);
      await shot('records-06-project-form');

      await page.getByTestId('form-save').click();
      await page.waitForURL(/\/projects\/\d+$/);
      const timeline = page.getByTestId('stage-timeline');
      await timeline.getByText('2019-06-10').first().waitFor();
      const credits = page.getByTestId('project-credits');
      await credits.getByText('60.00%').waitFor();
      await credits.getByText('新材料产业招商团组').waitFor();
      await page.getByTestId('action-submit').click();
      await confirmDialog(page);
      await page.locator('.zs-page-head [data-status="submitted"]').waitFor();
      await shot('records-07-project-page');

      // funds in place, month by month, with the running total against the 50,000 万元 investment
      const funds = page.getByTestId('project-funds');
      await page.getByTestId('funds-add').click();
      const quick = page.getByTestId('funds-quick-add');
      assert.equal(await quick.getByLabel('报送月份').inputValue(), '2019-06'); // the month of signing
      await quick.getByLabel('本月到位资金（万元）').fill('12000.50');
      await quick.getByTestId('funds-after').getByText('12,000.50').waitFor();
      await page.getByTestId('funds-quick-save').click();
      await funds.getByRole('cell', { name: '2019-06', exact: true }).waitFor();
      await page.getByTestId('funds-add').getByText(/2019-07/).waitFor(); // the list refreshed: the next month

      await page.getByTestId('funds-add').click();
      assert.equal(await quick.getByLabel('报送月份').inputValue(), '2019-07'); // the next month
      await quick.getByLabel('本月到位资金（万元）').fill('8000');
      await quick.getByTestId('funds-after').getByText('20,000.50').waitFor();
      await shot('records-08-funds-second-month');
      await page.getByTestId('funds-quick-save').click();
      const table = page.getByTestId('project-funds-table');
      await table.getByText('20,000.50').waitFor(); // cumulative of the second month, exact
      await funds.getByTestId('funds-remaining').getByText('29,999.50').waitFor();

      // more than the investment: warned while typing, refused by the API beside the amount
      await page.getByTestId('funds-add').click();
      await quick.getByLabel('本月到位资金（万元）').fill('40000');
      await quick.getByTestId('funds-over').getByText(/将超过总投资 10,000\.50 万元/).waitFor();
      await page.getByTestId('funds-quick-save').click();
      await quick.getByText('累计超过总投资').waitFor();
      await quick.getByRole('alert').getByText(/超过项目总投资/).waitFor();
      await shot('records-09-funds-over-total');
      await quick.getByRole('button', { name: /取\s*消/ }).click();

      for (const month of ['2019-06', '2019-07']) {
        const row = table.locator('tr', { hasText: month });
        await row.getByTestId('action-submit').click();
        await confirmDialog(page);
        await row.locator('[data-status="submitted"]').waitFor();
      }
      await shot('records-10-funds-submitted');

      await page.goto('/funds');
      await page.getByTestId('funds-table').getByText('高性能复合材料产业园').first().waitFor();
      assert.equal(await page.getByTestId('funds-table').locator('[data-status="submitted"]').count(), 2);
    });
  });

  test('a record the office returned shows its reason; the editor fixes it and resubmits', async () => {
    const dcf = await token('dcf_editor');
    const ent = await newEnterprise(dcf, `山东鲁信科技${prefix().slice(-4)}有限公司`);
    const visit = await api(dcf, 'POST', '/api/v1/visits', { enterprise_id: ent.id, visit_date: '2019-08-12', region: 'jingjinji', place: '北京' });
    await api(dcf, 'POST', `/api/v1/visits/${visit.id}/transitions`, { action: 'submit' });
    const office = await token('office');
    const reason = '请补充走访成效：对方的投资意向和规模';
    await api(office, 'POST', `/api/v1/visits/${visit.id}/transitions`, { action: 'return', reason });

    await withPage(async ({ page, shot }) => {
      await login(page, 'dcf_editor');
      await page.waitForURL('**/dashboard');
      await page.goto('/visits');
      const banner = page.getByTestId('returned-banner');
      await banner.getByText('1 条被退回，请修改后重新报送').waitFor();
      await page.getByTestId('visits-table').locator('.zs-rec-row-returned').first().waitFor();
      await shot('records-11-returned-banner');
      await banner.getByRole('button', { name: '只看被退回的' }).click();
      await page.waitForURL((u) => u.searchParams.get('status') === 'returned');
      await page.getByTestId('visits-table').getByRole('link', { name: '2019-08-12' }).click();

      const alert = page.getByTestId('returned-alert');
      await alert.getByText(`退回原因：${reason}`).waitFor();
      await page.getByTestId('record-history').getByText(reason).first().waitFor();
      await shot('records-12-returned-reason');

      await page.getByTestId('action-edit').click();
      await page.getByRole('textbox', { name: '走访成效' }).fill('对方计划投资 3 亿元建设研发中心');
      await page.getByTestId('form-save').click();
      await page.getByTestId('visit-form').waitFor({ state: 'detached' });
      await page.locator('.zs-rec-multiline', { hasText: '对方计划投资 3 亿元建设研发中心' }).waitFor();
      await page.getByTestId('action-submit').click();
      await confirmDialog(page);
      await page.locator('.zs-page-head [data-status="submitted"]').waitFor();
      assert.equal(await page.getByTestId('returned-alert').count(), 0);
      await page.getByTestId('record-history').getByText('对方计划投资 3 亿元建设研发中心').first().waitFor();
      await shot('records-13-resubmitted');

      await page.goto('/visits');
      await page.getByTestId('visits-table').waitFor();
      await page.getByTestId('list-total').waitFor();
      assert.equal(await page.getByTestId('returned-banner').count(), 0);
    });
  });

  test("a county editor opening another county's visit by its address sees 记录不存在或无权查看", async () => {
    const linqing = await token('linqing_editor');
    const ent = await newEnterprise(linqing, `临清轴承${prefix().slice(-4)}有限公司`);
    const visit = await api(linqing, 'POST', '/api/v1/visits', { enterprise_id: ent.id, visit_date: '2019-03-01', region: 'other' });
    await withPage(async ({ page, shot, allow }) => {
      allow((text) => /status of 404/.test(text) && text.includes(`/api/v1/visits/${visit.id}`));
      await login(page, 'dcf_editor');
      await page.waitForURL('**/dashboard');
      await page.goto(`/visits/${visit.id}`);
      const result = page.getByTestId('record-not-found');
      await result.getByText('记录不存在或无权查看').waitFor();
      assert.equal(await page.getByText(ent.name).count(), 0);
      await shot('records-14-other-county-not-found');
      await result.getByRole('link', { name: '返回列表' }).click();
      await page.waitForURL('**/visits');
      await page.getByTestId('visits-table').waitFor();
    });
  });

  test('a unit viewer reads records but sees no way to change them', async () => {
    const dcf = await token('dcf_editor');
    const ent = await newEnterprise(dcf, `聊城东昌食品${prefix().slice(-4)}有限公司`);
    const visit = await api(dcf, 'POST', '/api/v1/visits', { enterprise_id: ent.id, visit_date: '2020-04-20', region: 'pearl_delta', outcome: '已签订合作意向' });
    await withPage(async ({ page, shot }) => {
      await login(page, 'dcf_viewer');
      await page.waitForURL('**/dashboard');
      await page.goto('/visits');
      await page.getByTestId('visits-table').getByText(ent.name).waitFor();
      assert.equal(await page.getByTestId('list-new').count(), 0);
      assert.equal(await page.getByTestId('returned-banner').count(), 0);
      await page.getByTestId('visits-table').getByRole('link', { name: '2020-04-20' }).click();
      await page.waitForURL(`**/visits/${visit.id}`);
      await page.locator('.zs-rec-multiline', { hasText: '已签订合作意向' }).waitFor(); // not its history's copy
      await page.getByTestId('process-card').waitFor();
      for (const action of ['edit', 'submit', 'withdraw', 'verify', 'return']) {
        assert.equal(await page.getByTestId(`action-${action}`).count(), 0, action);
      }
      await shot('records-15-viewer-read-only');
      await page.goto(`/visits/${visit.id}?edit=1`); // the address alone does not open the form
      await page.locator('.zs-rec-multiline', { hasText: '已签订合作意向' }).waitFor(); // not its history's copy
      assert.equal(await page.getByTestId('visit-form').count(), 0);
      await page.goto('/visits/new');
      await page.getByText('无权访问').waitFor();
      await page.goto('/enterprises');
      await page.getByTestId('enterprises-table').getByText(ent.name).waitFor();
      assert.equal(await page.getByTestId('list-new').count(), 0);
    });
  });

  test('the second office clerk verifies a submitted project from its page; the unit sees it verified', async () => {
    const dcf = await token('dcf_editor');
    const ent = await newEnterprise(dcf, `山东高速新能源${prefix().slice(-4)}有限公司`);
    const project = await api(dcf, 'POST', '/api/v1/projects', {
      name: '分布式光伏电站', enterprise_ids: [ent.id], total_investment: '18000', stage: 'started', signed_on: '2018-09-01',
      started_on: '2018-11-15', landing_unit_id: 2,
    });
    await api(dcf, 'POST', `/api/v1/projects/${project.id}/transitions`, { action: 'submit' });
    await withPage(async ({ page, shot }) => {
      await login(page, 'office2');
      await page.waitForURL('**/dashboard');
      await page.goto('/projects?stage=started');
      const row = page.getByTestId('projects-table').locator('tr', { hasText: '分布式光伏电站' });
      await row.getByText('东昌府区').first().waitFor(); // the office sees every unit, with its name
      await row.getByRole('link', { name: '分布式光伏电站' }).click();
      await page.getByTestId('stage-timeline').getByText('2018-11-15').waitFor();
      await page.getByTestId('action-verify').click();
      await confirmDialog(page);
      await page.locator('.zs-page-head [data-status="verified"]').waitFor();
      await page.getByTestId('process-card').getByText('办公室 李干事').waitFor(); // office2's display name
      await page.getByTestId('action-reopen').waitFor();
      await shot('records-16-office-verified');
    });
  });
});
