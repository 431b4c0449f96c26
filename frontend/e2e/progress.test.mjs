// Progress views end to end: records entered and verified through the API show up on the unit's dashboard, the
// figure opens exactly those records, leaders read the city dashboard and its group views, unit staff may not.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { login } from './harness.mjs';
import { useApp } from './support.mjs';

const data = { verified: [], pending: [], unitId: null, groupId: null };

const app = useApp({ seed: seedRecords });
const { withPage } = app;
const tokenFor = (username) => app.token(username);
const call = (tok, method, path, body) => app.api(tok, method, path, body);

/** 东昌府区 visits four enterprises in 2020 (verified by the second office clerk) and reports a fifth (not verified);
 *  新材料团组 holds a promotion event (verified), which meets its T11 target. */
async function seedRecords() {
  const dcf = await tokenFor('dcf_editor');
  const grp = await tokenFor('grp01_editor');
  const office2 = await tokenFor('office2');
  data.unitId = (await call(dcf, 'GET', '/api/v1/auth/me')).unit.id;
  data.groupId = (await call(grp, 'GET', '/api/v1/auth/me')).unit.id;
  const enterprise = await call(dcf, 'POST', '/api/v1/enterprises', { name: '进度测试新材料股份有限公司', province: '江苏', city: '苏州' });
  for (const [day, verify] of [['2020-02-03', true], ['2020-04-15', true], ['2020-06-20', true], ['2020-09-09', true], ['2020-10-10', false]]) {
    const visit = await call(dcf, 'POST', '/api/v1/visits', {
      enterprise_id: enterprise.id, visit_date: day, region: 'yangtze_delta', place: '苏州', outcome: '洽谈新材料项目',
    });
    await call(dcf, 'POST', `/api/v1/visits/${visit.id}/transitions`, { action: 'submit' });
    if (verify) {
      await call(office2, 'POST', `/api/v1/visits/${visit.id}/transitions`, { action: 'verify' });
      data.verified.push(visit.id);
    } else {
      data.pending.push(visit.id);
    }
  }
  const event = await call(grp, 'POST', '/api/v1/events', {
    kind: 'promotion', title: '新材料产业专题推介会', event_date: '2020-05-18', region: 'other', place: '聊城',
  });
  await call(grp, 'POST', `/api/v1/events/${event.id}/transitions`, { action: 'submit' });
  await call(office2, 'POST', `/api/v1/events/${event.id}/transitions`, { action: 'verify' });
}

describe('进度看板与明细', () => {
  test("a county's dashboard shows its verified visits; the figure opens exactly those visits", async () => {
    await withPage(async ({ page, shot }) => {
      await login(page, 'dcf_editor');
      await page.waitForURL('**/dashboard');
      await page.getByText('东昌府区 录入员，您好').waitFor();
      const t14 = page.getByTestId('figure-T14');
      await t14.waitFor();
      // the 2018–2020 plan read today: the dashboard opens on its last year
      assert.match(await page.getByTestId('year-select').innerText(), /2020/);
      assert.match(await t14.innerText(), /走访对接知名目标企业100家以上/);
      assert.equal((await t14.getByTestId('figure-actual').innerText()).trim(), '4');
      assert.match(await t14.innerText(), /\/ 100/);
      assert.match(await t14.getByTestId('figure-pending').innerText(), /另有 1 已报送待核实/);
      assert.match(await t14.innerText(), /统计口径：已核实的走访记录条数/);
      assert.equal(await t14.getByRole('progressbar').getAttribute('data-colour'), 'red'); // 4 of 100 for a finished year
      await page.getByTestId('due-T14').getByText('距目标还差 96').waitFor();
      await shot('p01-dashboard-dcf-editor');

      await t14.getByTestId('figure-actual').click();
      await page.waitForURL((u) => u.pathname === '/drilldown' && u.searchParams.get('unit_id') === String(data.unitId)
        && u.searchParams.get('year') === '2020');
      await page.getByTestId('drill-count').getByText('4').waitFor();
      assert.equal((await page.getByTestId('drill-total').innerText()).trim(), '4');
      const links = page.getByTestId('drill-table').getByRole('link');
      await links.first().waitFor();
      const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      assert.deepEqual(hrefs, data.verified.map((id) => `/visits/${id}`));
      await page.getByTestId('drill-head').getByText('已核实的走访记录条数（已报送待核实的另列），按走访日期计').waitFor();
      await shot('p02-drilldown-verified');

      await page.getByText('全部已报送（含待核实）').click();
      await page.waitForURL((u) => u.searchParams.get('verified_only') === 'false');
      await page.getByTestId('drill-count').getByText('5').waitFor();
      await page.getByText('其中已核实 4 条，合计 4；待核实 1 条，合计 1。').waitFor();
      await page.getByTestId('drill-table').getByRole('link', { name: `走访 #${data.pending[0]}` }).waitFor();
      await shot('p03-drilldown-all-reported');

      await page.goto('/city');
      await page.getByText('无权访问').waitFor();
      await shot('p04-city-forbidden-for-unit-staff');
    });
  });

  test('a leader reads the city dashboard: matrix, ranking, trend, funnel, and the industry groups by URL', async () => {
    await withPage(async ({ page, shot }) => {
      await login(page, 'leader');
      await page.waitForURL('**/dashboard');
      await page.getByTestId('figure-T01').waitFor();
      await shot('p05-dashboard-leader');

      await page.goto('/city');
      const matrix = page.getByTestId('target-matrix');
      const cell = matrix.getByTestId(`cell-${data.unitId}-T14`);
      await cell.waitFor();
      assert.match(await cell.innerText(), /4 \/ 100/);
      assert.match(await cell.innerText(), /未完成/); // the status in words, not only the colour
      const td = cell.locator('xpath=ancestor::td[1]');
      assert.equal(await td.getAttribute('data-colour'), 'red');
      assert.notEqual(await td.evaluate((el) => el.ownerDocument.defaultView.getComputedStyle(el).backgroundColor), 'rgba(0, 0, 0, 0)');
      await page.getByTestId('ranking-table').getByText('东昌府区').first().waitFor();
      await page.getByTestId('trend-chart').locator('canvas').first().waitFor();
      await page.getByTestId('funnel-chart').locator('canvas').first().waitFor();
      await shot('p06-city-territorial');
      // the map of the eight counties, drawn from the bundled boundaries (no tiles, nothing off-host)
      await page.getByTestId('county-map').locator('canvas').first().waitFor();
      await page.getByTestId('county-map').scrollIntoViewIfNeeded();
      await shot('p06b-city-map');

      await page.getByRole('tab', { name: '产业招商团组' }).click();
      await page.waitForURL((u) => u.searchParams.get('type') === 'industry_group');
      const met = page.getByTestId(`cell-${data.groupId}-T11`);
      await met.waitFor();
      assert.match(await met.innerText(), /1 \/ 1/);
      assert.equal(await met.locator('xpath=ancestor::td[1]').getAttribute('data-colour'), 'green');
      await matrix.getByTestId('matrix-rank').first().waitFor(); // the groups' ranking, in the matrix
      await page.getByTestId('trend-chart').locator('canvas').first().waitFor();
      await shot('p07-city-industry-groups');

      await page.reload(); // the group dashboard survives a reload (and so a bookmark)
      await page.getByTestId(`cell-${data.groupId}-T11`).waitFor();
      assert.equal(await page.getByRole('tab', { name: '产业招商团组' }).getAttribute('aria-selected'), 'true');

      await met.click();
      await page.waitForURL((u) => u.pathname === '/drilldown' && u.searchParams.get('unit_id') === String(data.groupId));
      await page.getByTestId('drill-count').getByText('1').waitFor();
      await page.getByTestId('drill-table').getByRole('link', { name: /活动 #\d+/ }).waitFor();
      await shot('p08-drilldown-group-event');
    });
  });
});
