// Entry that cannot go wrong quietly (issue 11): a county's new project lands in the county; negative money is
// refused beside the field (not turned into 0.00); Enter in a date field does not save; a double Enter creates
// one record; a draft is deleted on purpose; a form filled before a remote logout is still there after logging in.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { login } from './harness.mjs';
import { choose, typeDate, useApp } from './support.mjs';

const app = useApp();
const { withPage } = app;
const token = (username) => app.token(username);
const api = (tok, method, path, body) => app.api(tok, method, path, body);
const suffix = () => String(Date.now() % 1e6);

describe('填报不出错：负数、回车、重复提交、删除草稿、登录过期', () => {
  test('dcf_editor: negative money, Enter in a date, a double Enter and deleting the draft', async () => {
    const dcf = await token('dcf_editor');
    const ent = await api(dcf, 'POST', '/api/v1/enterprises', { name: `聊城回车测试材料${suffix()}有限公司` });
    const name = `双击回车项目${suffix()}`;
    await withPage(async ({ page, shot }) => {
      await login(page, 'dcf_editor');
      await page.waitForURL('**/dashboard');
      await page.goto('/projects/new');
      const form = page.getByTestId('project-form');
      await form.waitFor();
      // a county's own project lands in the county unless the user says otherwise
      await form.locator('.ant-form-item').filter({ hasText: '落地单位' }).getByText('东昌府区').waitFor();

      await page.getByLabel('项目名称').fill(name);
      await choose(page, '企业', ent.name.slice(0, 8));
      await page.keyboard.press('Escape');
      const total = page.getByLabel('总投资（万元）');
      await total.fill('-5');
      await page.locator('.zs-page-head h1').click();
      const totalItem = form.locator('.ant-form-item').filter({ has: total });
      await totalItem.getByText('总投资（万元）不能为负数').waitFor();
      assert.match(await total.inputValue(), /^-5/); // refused, not silently 0.00
      await shot('entry-01-negative-money');
      await total.fill('20000');
      await page.locator('.zs-page-head h1').click();
      await totalItem.getByText('不能为负数').waitFor({ state: 'detached' });

      await choose(page, '项目阶段', '签约', { search: false });
      const signed = page.getByLabel('签约日期');
      await signed.fill('2020-04-01');
      await signed.press('Enter'); // picks the date; does not save the form
      await page.waitForTimeout(800);
      assert.match(page.url(), /\/projects\/new$/);
      await shot('entry-02-enter-in-date');

      const nameBox = page.getByLabel('项目名称');
      await nameBox.press('Enter');
      await nameBox.press('Enter'); // the second Enter while the first save runs
      await page.waitForURL(/\/projects\/\d+$/);
      await page.waitForTimeout(500);
      const listed = await api(dcf, 'GET', `/api/v1/projects?q=${encodeURIComponent(name)}&with_total=true`);
      assert.equal(listed.total, 1, 'a double Enter creates one record');
      const id = listed.data[0].id;
      assert.equal(listed.data[0].signed_on, '2020-04-01');

      await page.getByTestId('action-delete').click();
      await page.locator('.ant-modal-confirm').getByText('从未报送的草稿').waitFor();
      await shot('entry-03-delete-draft');
      await page.locator('.ant-modal-confirm').getByRole('button', { name: /删除草稿/ }).click();
      await page.waitForURL(/\/projects$/);
      const gone = await fetch(`${app.backend.url}/api/v1/projects/${id}`, { headers: { Authorization: `Bearer ${dcf}` } });
      assert.equal(gone.status, 404);
    });
  });

  test('a visit form filled before a remote logout is still there after logging in again', async () => {
    await withPage(async ({ page, shot, allow }) => {
      allow((text) => /status of 401/.test(text) || (/status of 400/.test(text) && text.includes('/api/v1/auth/token'))); // the save after the remote logout is refused, and so is the revoked refresh (RFC 6749 invalid_grant)
      await login(page, 'linqing_editor');
      await page.waitForURL('**/dashboard');
      const lq = await token('linqing_editor');
      const ent = await api(lq, 'POST', '/api/v1/enterprises', { name: `临清轴承测试${suffix()}有限公司` });
      await page.goto(`/visits/new?enterprise_id=${ent.id}`);
      await page.getByTestId('visit-form').locator(`[title*="${ent.name}"]`).first().waitFor();
      await typeDate(page, '走访日期', '2020-05-06');
      await choose(page, '地区', '长三角', { search: false });
      await page.getByRole('textbox', { name: '走访成效' }).fill('对方有意在临清布局轴承项目');
      // "logout" elsewhere ends every session of the user
      const other = await token('linqing_editor');
      await api(other, 'POST', '/api/v1/auth/logout', {});
      await page.getByTestId('form-save').click();
      await page.waitForURL(/\/login/);
      await page.getByText('登录已过期').first().waitFor();
      await page.getByLabel('用户名').fill('linqing_editor'); // on this login page: it leads back to the form
      await page.getByLabel('密码').fill('zhaoshang-demo');
      await page.getByLabel('密码').press('Enter');
      await page.waitForURL(/\/visits\/new/);
      await page.getByTestId('restored-alert').waitFor();
      assert.equal(await page.getByRole('textbox', { name: '走访成效' }).inputValue(), '对方有意在临清布局轴承项目');
      assert.equal(await page.getByLabel('走访日期').inputValue(), '2020-05-06');
      await page.getByTestId('form-save').click(); // and saving it now works, once
      await page.waitForURL(/\/visits\/\d+$/);
      await shot('entry-04-restored-after-login');
    });
  });

  test('a visit dated after today is refused beside the date, and nothing is saved', async () => {
    await withPage(async ({ page, shot }) => {
      await login(page, 'dcf_editor');
      await page.waitForURL('**/dashboard');
      await page.goto('/visits/new');
      await page.getByTestId('visit-form').waitFor();
      await typeDate(page, '走访日期', '2030-01-05');
      await page.getByTestId('form-save').click();
      const item = page.getByTestId('visit-form').locator('.ant-form-item').filter({ has: page.getByLabel('走访日期') });
      await item.getByText('日期不能晚于今天').waitFor();
      await page.waitForTimeout(500);
      assert.match(page.url(), /\/visits\/new$/);
      await shot('entry-05-future-date');
    });
  });

  test('a signed project submitted without its landing unit opens with the field marked', async () => {
    const grp = await token('grp01_editor');
    const ent = await api(grp, 'POST', '/api/v1/enterprises', { name: `落地测试新材料${suffix()}有限公司` });
    const project = await api(grp, 'POST', '/api/v1/projects', {
      name: `无落地单位项目${suffix()}`, enterprise_ids: [ent.id], total_investment: '20000', stage: 'signed',
      negotiating_on: '2020-03-01', signed_on: '2020-04-01',
    });
    await withPage(async ({ page, shot, allow }) => {
      allow((text) => /status of 422/.test(text)); // the refused submit, as it should be
      await login(page, 'grp01_editor');
      await page.waitForURL('**/dashboard');
      await page.goto(`/projects/${project.id}`);
      await page.getByTestId('action-submit').click();
      await page.locator('.ant-modal-confirm').getByRole('button', { name: /报送核实|确\s*定/ }).last().click();
      await page.waitForURL((u) => u.searchParams.get('edit') === '1' && (u.searchParams.get('missing') ?? '').includes('landing_unit_id'));
      const item = page.getByTestId('project-form').locator('.ant-form-item').filter({ hasText: '落地单位' });
      await item.getByText('报送前需填写').waitFor();
      await shot('entry-06-submit-needs-landing-unit');
      const still = await api(grp, 'GET', `/api/v1/projects/${project.id}`);
      assert.equal(still.status, 'draft');
    });
  });
});
