// 项目协调 in the browser, in the order people do it: a county raises a land issue on its project from the project
// page; the office assigns it to a municipal department with a due date; the department finds it in its inbox and
// answers; the office escalates it to this quarter's leading-group meeting, finds it on the meeting list (and
// downloads the list as Excel and PDF), then closes it. Every step leaves a screenshot in test-artifacts/e2e/.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { artifacts } from './harness.mjs';
import { choose, seedCountyProject, signIn, useApp } from './support.mjs';

const PROJECT = '瑞丰高性能膜材料项目';
const DEPARTMENT = '市经济和信息化委员会';
const ISSUE = '二期用地 120 亩尚未完成土地征收，影响 2021 年开工';
const ASK = '请协调自然资源部门加快土地征收和出让';
const ANSWER = '已会同自然资源局现场办公，征收方案 3 月底前报市政府';
const state = {};

const app = useApp({
  seed: async (ctx) => {
    state.project = await seedCountyProject(ctx, PROJECT);
  },
});
const { withPage } = app;

/** The item's drawer at /coordination/:id. */
async function openItem(page) {
  await page.goto(`/coordination/${state.itemId}`);
  const drawer = page.getByTestId('coord-drawer');
  await drawer.getByText(ISSUE).waitFor();
  return drawer;
}

describe('项目协调：提出 → 交办 → 答复 → 提交季度会议 → 办结', () => {
  test('the county raises a land issue from its project page', async () => {
    await withPage(async ({ page, shot }) => {
      await signIn(page, 'dcf_editor');
      await page.goto(`/projects/${state.project.id}`);
      const card = page.getByTestId('project-coordination');
      await card.getByText('该项目没有未办结的协调事项').waitFor();
      await card.getByTestId('project-coord-raise').click();
      const dialog = page.getByRole('dialog', { name: '提出协调事项' });
      await choose(page, '问题类别', '土地', { search: false });
      await dialog.getByLabel('问题描述').fill(ISSUE);
      await dialog.getByLabel('需要协调解决的事项').fill(ASK);
      await shot('coordination-01-raise');
      await dialog.getByRole('button', { name: '提出协调事项' }).click();
      await page.getByText('协调事项已提出，招商办将交办责任单位').waitFor();
      const row = card.locator('[data-testid^="project-coord-"]').filter({ hasText: ISSUE });
      await row.getByText('已提出').waitFor();
      state.itemId = Number((await row.getAttribute('data-testid')).split('-').pop());
      await card.scrollIntoViewIfNeeded();
      await shot('coordination-02-raised-on-project');
    });
  });

  test('the office assigns it to a municipal department with a due date', async () => {
    await withPage(async ({ page, shot }) => {
      await signIn(page, 'office');
      await page.goto('/coordination');
      const row = page.getByTestId(`coord-row-${state.itemId}`);
      await row.getByText(PROJECT).waitFor();
      await row.getByText('已提出').waitFor();
      await shot('coordination-03-office-list');
      await row.getByText(ISSUE).click();
      await page.waitForURL(`**/coordination/${state.itemId}`);
      const drawer = page.getByTestId('coord-drawer');
      await drawer.getByTestId('coord-assign').click();
      const dialog = page.getByRole('dialog', { name: '交办责任单位' });
      await choose(page, '责任单位', DEPARTMENT);
      assert.match(await dialog.getByLabel('答复期限').inputValue(), /^\d{4}-\d{2}-\d{2}$/);
      await shot('coordination-04-assign');
      await dialog.getByRole('button', { name: /^交\s*办$/ }).click();
      await page.getByText(`已交办 ${DEPARTMENT}`).waitFor();
      await drawer.getByText('已交办', { exact: true }).waitFor();
      await drawer.getByText(DEPARTMENT).waitFor();
      await shot('coordination-05-assigned');
    });
  });

  test('the department finds it in its inbox and answers', async () => {
    await withPage(async ({ page, shot }) => {
      await signIn(page, 'jxw_editor');
      await page.getByTestId('notice-bell').click();
      await page.waitForURL('**/notices');
      const notice = page.locator('[data-testid^="notice-"]').filter({ hasText: '协调事项交办' });
      await notice.getByText(PROJECT).waitFor();
      await shot('coordination-06-department-inbox');
      await notice.getByRole('link', { name: '查看' }).click();
      await page.waitForURL(`**/coordination/${state.itemId}`);
      const drawer = page.getByTestId('coord-drawer');
      await drawer.getByText(ISSUE).waitFor();
      assert.equal(await drawer.getByTestId('coord-assign').count(), 0, 'only the office assigns');
      await drawer.getByTestId('coord-reply').click();
      const dialog = page.getByRole('dialog', { name: '答复办理情况' });
      await dialog.getByLabel('办理情况').fill(ANSWER);
      await shot('coordination-07-reply');
      await dialog.getByRole('button', { name: /^答\s*复$/ }).click();
      await page.getByText('已答复', { exact: true }).first().waitFor();
      await drawer.getByTestId('coord-replies').getByText(ANSWER).waitFor();
      await drawer.getByText('已答复', { exact: true }).waitFor();
      await shot('coordination-08-answered');
    });
  });

  test('the office escalates it, finds it on the quarterly meeting list, downloads the list and closes it', async () => {
    await withPage(async ({ page, shot }) => {
      await signIn(page, 'office');
      let drawer = await openItem(page);
      await drawer.getByTestId('coord-replies').getByText(ANSWER).waitFor();
      await drawer.getByTestId('coord-escalate').click();
      const escalate = page.getByRole('dialog', { name: '提交领导小组季度会议研究' });
      await escalate.getByLabel('提交理由').fill('征收涉及跨部门协调，需领导小组研究');
      await escalate.getByRole('button', { name: '提交季度会议' }).click();
      await page.getByText(/^已提交 .+ 会议$/).waitFor();
      await drawer.getByText('已提交季度会议', { exact: true }).waitFor();

      await page.goto('/meeting-list');
      const table = page.getByTestId('meeting-table');
      const item = table.getByTestId(`meeting-item-${state.itemId}`);
      await item.getByText(ISSUE).waitFor();
      await item.getByText(DEPARTMENT, { exact: false }).waitFor();
      await table.getByText(PROJECT).waitFor();
      await shot('coordination-09-meeting-list');
      for (const [button, magic, ext] of [['下载清单（Excel）', 'PK', 'xlsx'], ['下载清单（PDF）', '%PDF', 'pdf']]) {
        const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
        assert.match(download.suggestedFilename(), new RegExp(`\\.${ext}$`));
        const saved = join(artifacts, `coordination-${download.suggestedFilename()}`);
        await download.saveAs(saved);
        assert.equal(readFileSync(saved).subarray(0, magic.length).toString('latin1'), magic);
      }

      drawer = await openItem(page);
      await drawer.getByTestId('coord-close').click();
      const close = page.getByRole('dialog', { name: '办结协调事项' });
      await close.getByLabel('办结说明').fill('土地征收方案已批复，问题解决');
      await close.getByRole('button', { name: /^办\s*结$/ }).click();
      await page.getByText('协调事项已办结').waitFor();
      await drawer.getByText('已办结', { exact: true }).waitFor();
      assert.equal(await drawer.getByTestId('coord-close').count(), 0, 'a closed item has no more steps');
      await shot('coordination-10-closed');
    });
  });
});
