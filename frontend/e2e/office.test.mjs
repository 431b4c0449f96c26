// The office's pages end to end: a county's records reach the verification queue, one is returned and the rest
// verified; conflicts; closing 2020 Q4 and downloading its dispatch report; an adjustment that the proposer may
// not approve; the assessment; a counting rule changed with a reason; a leader sees quarters but may not close.
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { artifacts, login } from './harness.mjs';
import { useApp } from './support.mjs';

const app = useApp({ seed: seedRecords });
const { withPage } = app;
const token = (username) => app.token(username);
const post = (tok, path, body) => app.api(tok, 'POST', path, body);

// ---- records set up through the API, as a county (东昌府区) and another county (临清市) would enter them ----

async function seedRecords() {
  const dcf = await token('dcf_editor');
  const dcfUnit = (await app.api(dcf, 'GET', '/api/v1/auth/me')).unit.id;
  const haier = await post(dcf, '/api/v1/enterprises', { name: '海尔集团公司', is_fortune500: true });
  for (const day of ['05-06', '05-08', '05-12']) {
    const visit = await post(dcf, '/api/v1/visits', {
      enterprise_id: haier.id, visit_date: `2020-${day}`, region: 'yangtze_delta', place: '青岛',
      leader_level: 'county_leader', leader_name: '张县长', outcome: '对方有意在东昌府区布局智能家电项目',
    });
    await post(dcf, `/api/v1/visits/${visit.id}/transitions`, { action: 'submit' });
  }
  const project = await post(dcf, '/api/v1/projects', {
    name: '海尔智慧家电产业园', enterprise_ids: [haier.id], total_investment: '25000.00', stage: 'signed',
    signed_on: '2020-06-01', landing_unit_id: dcfUnit, // a county's own project: its landing unit, to submit
  });
  await post(dcf, `/api/v1/projects/${project.id}/transitions`, { action: 'submit' });
  // the same company entered twice (suffixes differ), confirmed as "not a duplicate" by the county
  await post(dcf, '/api/v1/enterprises', { name: '聊城鲁化新材料股份有限公司' });
  await post(dcf, '/api/v1/enterprises', { name: '聊城鲁化新材料有限公司', confirm_not_duplicate: true });
  // another county claims a project with the same enterprise within 180 days
  const lq = await token('linqing_editor');
  await post(lq, '/api/v1/projects', {
    name: '海尔冷链物流基地', enterprise_ids: [haier.id], total_investment: '12000.00', stage: 'signed',
    signed_on: '2020-08-15',
  });
}

describe('招商办：核实、冲突、季度调度、考核、目标与规则', () => {
  test('the office returns one record with a reason and verifies the others in bulk', async () => {
    await withPage(async ({ page, shot }) => {
      await login(page, 'office');
      await page.waitForURL('**/dashboard');
      await page.getByTestId('side-menu').getByText('核实队列').click();
      await page.waitForURL('**/verification');
      const table = page.getByTestId('queue-table');
      await table.getByText('海尔集团公司（2020-05-06）').waitFor();
      await table.getByText('海尔智慧家电产业园（25000.00 万元）').waitFor();
      assert.equal(await table.locator('tbody tr.ant-table-row').count(), 4);
      assert.match(await page.getByTestId('queue-counts').innerText(), /走访 3 · 活动 0 · 项目 1 · 到位资金 0/);
      await shot('office-01-queue');
      const [queueFile] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: /导出 Excel/ }).click(),
      ]);
      assert.match(queueFile.suggestedFilename(), /\.xlsx$/);

      // the record itself, without leaving the queue
      await table.getByText('海尔集团公司（2020-05-08）').click();
      const drawer = page.locator('.ant-drawer-content');
      await drawer.getByText('对方有意在东昌府区布局智能家电项目').waitFor();
      await drawer.getByText('长三角').waitFor();
      await shot('office-02-preview');
      await page.keyboard.press('Escape');
      await drawer.waitFor({ state: 'detached' });

      // return the 05-08 visit with a reason
      await page.getByRole('checkbox', { name: '选择 海尔集团公司（2020-05-08）' }).check();
      await page.getByRole('button', { name: /退回选中（1）/ }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('退回原因（填报单位可见）').fill('请补充走访成果和参加人员');
      await shot('office-03-return-reason');
      const returned = page.waitForResponse((r) => r.url().endsWith('/api/v1/verification/bulk') && r.status() === 200);
      await dialog.getByRole('button', { name: /^退\s*回$/ }).click();
      await returned;
      await page.getByText('已退回 1 条记录').waitFor();
      await table.getByText('海尔集团公司（2020-05-08）').waitFor({ state: 'detached' });

      // verify the rest at once
      await table.locator('thead .ant-checkbox-input').check();
      await page.getByRole('button', { name: /核实选中（3）/ }).click();
      await page.locator('.ant-popconfirm').getByRole('button', { name: /^核\s*实$/ }).click();
      await page.getByText('已核实 3 条记录').waitFor();
      await table.getByText('没有待核实的记录').waitFor();
      await shot('office-04-queue-done');

      // the county sees the reason
      const dcf = await token('dcf_editor');
      const visits = await (await fetch(`${app.backend.url}/api/v1/visits?status=returned`, { headers: { Authorization: `Bearer ${dcf}` } })).json();
      assert.equal(visits.data[0].return_reason, '请补充走访成果和参加人员');
    });
  });

  test('conflicts show both sides; one is decided with a reason and the merge says what moves', async () => {
    await withPage(async ({ page, shot }) => {
      await login(page, 'office');
      await page.waitForURL('**/dashboard');
      await page.goto('/conflicts');
      const table = page.getByTestId('conflicts-table');
      await table.getByText('疑似重复企业').waitFor();
      await table.getByText('多个单位申报同一企业').waitFor();
      await table.getByRole('link', { name: '海尔冷链物流基地' }).waitFor();
      await shot('office-05-conflicts');

      const dupRow = table.locator('tr', { hasText: '疑似重复企业' });
      await dupRow.getByRole('button', { name: '合并企业' }).click();
      const merge = page.getByRole('dialog');
      await merge.getByTestId('merge-summary').getByText('将「聊城鲁化新材料有限公司」合并到「聊城鲁化新材料股份有限公司」').waitFor();
      await shot('office-06-merge-confirm');
      await merge.getByRole('button', { name: /^取\s*消$/ }).click();

      const multiRow = table.locator('tr', { hasText: '多个单位申报同一企业' });
      await multiRow.getByRole('button', { name: /^处\s*理$/ }).click();
      const decide = page.getByRole('dialog');
      // both projects side by side: unit, amount, stage and dates, and no decision chosen for the clerk
      const pair = decide.getByTestId('conflict-pair');
      await pair.getByText('25,000.00 万元').waitFor();
      await pair.getByText('12,000.00 万元').waitFor();
      await pair.getByText('2020-08-15').waitFor();
      assert.equal(await decide.getByRole('radio', { checked: true }).count(), 0);
      await shot('office-06b-conflict-pair');
      await decide.getByLabel('不是冲突：两条记录都保留').check();
      await decide.getByLabel('处理理由').fill('两个项目分属不同业务，经两县核实');
      await decide.getByRole('button', { name: /^处\s*理$/ }).click();
      await page.getByText('已记录处理决定').waitFor();
      await table.getByText('多个单位申报同一企业').waitFor({ state: 'detached' });
      await page.getByRole('switch', { name: '显示已处理' }).click();
      await page.waitForURL((u) => u.searchParams.get('decided') === '1');
      await table.getByText('两个项目分属不同业务，经两县核实').waitFor();
      await shot('office-07-conflicts-decided');
    });
  });

  test('closing 2020 Q4 freezes the figures; the report downloads as .xlsx; the snapshot shows its hash', async () => {
    await withPage(async ({ page, shot }) => {
      await login(page, 'office');
      await page.waitForURL('**/dashboard');
      await page.getByTestId('side-menu').getByText('季度调度', { exact: true }).click();
      await page.waitForURL('**/quarters');
      await page.getByText('尚无已关账的季度').waitFor();
      await page.getByRole('button', { name: '季度关账' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByTestId('close-warning').getByText('将冻结2020年第4季度截至 2020-12-31 的全部目标完成数字').waitFor();
      await shot('office-08-close-quarter');
      await dialog.getByRole('button', { name: '确认关账' }).click();
      await page.waitForURL(/\/quarters\/\d+$/);
      const hash = page.getByTestId('snapshot-hash');
      await hash.waitFor();
      assert.match((await hash.innerText()).trim(), /^[0-9a-f]{64}$/);
      await page.getByText('内容与哈希一致').waitFor();
      const figures = page.getByTestId('snapshot-figures');
      await figures.getByText('各县(市、区)、市属开发区每年走访对接知名目标企业100家以上').waitFor();
      await shot('office-09-snapshot');

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: '下载调度通报（Excel）' }).click(),
      ]);
      assert.match(download.suggestedFilename(), /\.xlsx$/);
      const saved = join(artifacts, `office-${download.suggestedFilename()}`);
      await download.saveAs(saved);
      assert.ok(statSync(saved).size > 0);
      assert.equal(readFileSync(saved).subarray(0, 2).toString('latin1'), 'PK'); // an .xlsx is a zip

      await page.getByRole('button', { name: '打印版通报' }).click();
      const frame = page.frameLocator('[data-testid="report-frame"]');
      await frame.getByText('聊城市招商引资工作调度通报').waitFor();
      await shot('office-10-printable');
      await page.getByRole('dialog').getByRole('button', { name: /^关\s*闭$/ }).click();

      // an adjustment proposed by this clerk: the ledger says another clerk must approve it
      await figures.locator('tr.ant-table-row', { hasText: 'T14' }).first().locator('.ant-table-row-expand-icon').click();
      await figures.locator('.ant-table-expanded-row tr.ant-table-row', { hasText: '东昌府区' })
        .getByRole('button', { name: '登记调整' }).click();
      const adjust = page.getByRole('dialog');
      await adjust.getByLabel('更正后的数字').fill('5');
      await adjust.getByText('当前 2，将登记调整 +3.00').waitFor();
      await adjust.getByLabel('调整原因').fill('漏报三次走访，已补录');
      await shot('office-11a-propose-adjustment');
      await adjust.getByRole('button', { name: '登记调整' }).click();
      const ledger = page.getByTestId('adjustments-ledger');
      await ledger.getByText('漏报三次走访，已补录').waitFor();
      await ledger.getByText('这是您本人登记的调整，须由另一位办公室人员审批。').waitFor();
      assert.ok(await ledger.getByRole('button', { name: /^批\s*准$/ }).isDisabled());
      await shot('office-11-adjustment-own');
    });
  });

  test('a second clerk approves the adjustment; the assessment ranks units from Q4', async () => {
    await withPage(async ({ page, shot }) => {
      await login(page, 'office2');
      await page.waitForURL('**/dashboard');
      await page.goto('/quarters');
      await page.getByTestId('quarters-table').getByRole('link', { name: '2020年第4季度' }).click();
      const ledger = page.getByTestId('adjustments-ledger');
      await ledger.getByRole('button', { name: /^批\s*准$/ }).click();
      await page.locator('.ant-popconfirm').getByRole('button', { name: /^批\s*准$/ }).click();
      await ledger.getByText('已批准').waitFor();
      const figures = page.getByTestId('snapshot-figures');
      await figures.locator('tr.ant-table-row', { hasText: 'T14' }).first().locator('.ant-table-row-expand-icon').click();
      await figures.locator('.ant-table-expanded-row tr.ant-table-row', { hasText: '东昌府区' }).getByText('调整后 5').waitFor();
      await shot('office-12-adjustment-approved');

      await page.goto('/assessment');
      const table = page.getByTestId('assessment-table');
      await table.getByText('东昌府区').waitFor();
      assert.equal(await page.getByTestId('assessment-year').innerText(), '2020年');
      await table.locator('tr', { hasText: '东昌府区' }).locator('.ant-table-row-expand-icon').click();
      await page.getByTestId('score-working').first().waitFor();
      await shot('office-13-assessment');
      await page.getByRole('button', { name: /计分方案/ }).click();
      const scheme = page.getByRole('dialog');
      await scheme.getByLabel('T14 的权重').waitFor();
      await shot('office-13a-scheme');
      await scheme.getByRole('button', { name: /^取\s*消$/ }).click();
    });
  });

  test('settings: a counting rule changed with a reason becomes a new version with its diff', async () => {
    await withPage(async ({ page, shot }) => {
      await login(page, 'office');
      await page.waitForURL('**/dashboard');
      await page.goto('/settings');
      const targets = page.getByTestId('targets-table');
      await targets.getByText('T14').waitFor();
      await shot('office-14-targets');

      // one county's threshold adjusted, with its history
      await targets.locator('tr', { hasText: '各县(市、区)、市属开发区每年走访对接知名目标企业100家以上' })
        .getByRole('button', { name: '调整单位目标' }).click();
      const adjust = page.getByRole('dialog');
      await adjust.getByLabel('单位', { exact: true }).click();
      await page.locator('.ant-select-item-option').filter({ hasText: '临清市' }).click();
      await adjust.getByLabel('该单位的目标值').fill('80');
      await adjust.getByLabel('备注（调整理由）').fill('经领导小组同意，临清市按 80 家考核');
      await shot('office-14a-adjust-unit-target');
      await adjust.getByRole('button', { name: /^保\s*存$/ }).click();
      await page.getByText('已保存单位目标').waitFor();
      const own = targets.locator('tr', { hasText: '单个单位：临清市' });
      await own.getByRole('cell', { name: '80', exact: true }).waitFor();
      await own.getByRole('button', { name: /历史/ }).click();
      const drawer = page.locator('.ant-drawer-content');
      await drawer.getByText('经领导小组同意，临清市按 80 家考核').first().waitFor();
      await shot('office-14b-target-history');
      await page.keyboard.press('Escape');

      await page.getByRole('tab', { name: '计分规则' }).click();
      await page.waitForURL((u) => u.searchParams.get('tab') === 'rules');
      await page.getByText('“落地”的项目阶段').waitFor();
      await page.getByLabel('签约', { exact: true }).check();
      await page.getByLabel('修改原因').fill('领导小组第3次会议：签约即视为落地');
      await shot('office-15-rules-edit');
      await page.getByRole('button', { name: '保存为新版本' }).click();
      await page.getByText(/已保存为第 \d+ 版规则/).waitFor();
      const versions = page.getByTestId('rule-versions');
      const newest = versions.locator('tbody tr').first();
      await newest.getByText('领导小组第3次会议：签约即视为落地').waitFor();
      await newest.getByText('现行').waitFor();
      assert.match(await newest.innerText(), /“落地”的项目阶段：开工\s*→\s*签约/);
      await versions.getByText('2020年第4季度').waitFor(); // the snapshot keeps the version it used
      await shot('office-16-rules-versions');
    });
  });

  test('a leader reads the quarters but sees no close button', async () => {
    await withPage(async ({ page, shot }) => {
      await login(page, 'leader');
      await page.waitForURL('**/dashboard');
      await page.getByTestId('side-menu').getByText('季度调度', { exact: true }).click();
      await page.getByTestId('quarters-table').getByRole('link', { name: '2020年第4季度' }).waitFor();
      assert.equal(await page.getByRole('button', { name: '季度关账' }).count(), 0);
      await shot('office-17-quarters-leader');
      await page.getByTestId('quarters-table').getByRole('link', { name: '2020年第4季度' }).click();
      await page.getByTestId('snapshot-hash').waitFor();
      assert.equal(await page.getByRole('button', { name: '登记调整' }).count(), 0);

      // the same page in English
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { name: '2020 Q4 snapshot' }).waitFor();
      await page.getByText('Content matches its hash').waitFor();
      await shot('office-18-snapshot-english');
      await page.goto('/assessment');
      await page.getByTestId('assessment-table').getByText('Dongchangfu District').waitFor();
      await shot('office-19-assessment-english');
    });
  });
});
