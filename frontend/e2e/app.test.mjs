import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { login, menuTexts } from './harness.mjs';
import { useApp } from './support.mjs';

const app = useApp();
const { withPage } = app;

describe('招商引资管理平台 SPA', () => {
  test('login page is Chinese and shows the API detail for a wrong password', async () => {
    await withPage(async ({ page, shot, allow }) => {
      allow((text) => /status of 400/.test(text) && text.includes('/api/v1/auth/token'));
      await page.goto('/');
      await page.waitForURL('**/login');
      assert.equal(await page.title(), '招商引资管理平台');
      await page.getByRole('heading', { name: '招商引资管理平台' }).waitFor();
      await shot('01-login');
      await login(page, 'dcf_editor', 'wrong-password');
      const alert = page.getByRole('alert');
      await alert.waitFor();
      assert.match(await alert.innerText(), /用户名或密码错误/);
      await shot('02-login-failed');
    });
  });

  test('repeated wrong passwords lock the account with the API message', async () => {
    await withPage(async ({ page, allow }) => {
      allow((text) => /status of (400|429)/.test(text) && text.includes('/api/v1/auth/token'));
      await page.goto('/login');
      const alert = page.getByRole('alert');
      for (let i = 0; i < 6; i += 1) {
        await page.getByLabel('用户名').fill('linqing_editor');
        await page.getByLabel('密码').fill(`wrong-${i}`);
        const answered = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/token'));
        await page.getByLabel('密码').press('Enter');
        await answered;
      }
      await alert.getByText(/登录失败次数过多/).waitFor();
    });
  });

  test('a unit editor sees the record menus and no office or administration menus', async () => {
    await withPage(async ({ page, shot }) => {
      await login(page, 'dcf_editor');
      await page.waitForURL('**/dashboard');
      await page.getByText('东昌府区 录入员，您好').waitFor();
      const items = await menuTexts(page);
      assert.deepEqual(items, ['我的看板', '项目协调', '招商线索', '走访记录', '招商活动', '项目', '到位资金', '企业库', '导入记录', '单位']);
      await shot('03-dashboard-dcf-editor');

      await page.getByTestId('side-menu').getByText('单位').click();
      await page.getByTestId('units-table').getByRole('link', { name: '东昌府区' }).click();
      await page.waitForURL((u) => u.searchParams.get('unit') === '2');
      const drawer = page.locator('.ant-drawer');
      await drawer.getByText('本单位账号').waitFor();
      await drawer.getByText('dcf_viewer').waitFor();
      await shot('04-unit-drawer-dcf-editor');
      await page.keyboard.press('Escape');
      await page.waitForURL((u) => !u.searchParams.has('unit'));
      // another unit: its particulars, but no accounts list (the API would refuse it)
      await page.getByTestId('units-table').getByRole('link', { name: '临清市' }).click();
      await drawer.getByText('371581').waitFor();
      assert.equal(await drawer.getByText('本单位账号').count(), 0);
      await page.keyboard.press('Escape');

      await page.goto('/audit');
      await page.getByText('无权访问').waitFor();
    });
  });

  test('an administrator sees administration, units filter by URL, the audit log shows changes', async () => {
    await withPage(async ({ page, shot }) => {
      await login(page, 'admin');
      await page.waitForURL('**/dashboard');
      const items = await menuTexts(page);
      assert.deepEqual(items, [
        '我的看板', '全市看板', '项目协调', '招商线索', '走访记录', '招商活动', '项目', '到位资金', '企业库', '导入记录', '季度调度',
        '季度调度会议清单', '年度考核',
        '单位', '用户管理', '接口客户端', '操作日志',
      ]);
      await page.getByTestId('figure-T01').waitFor(); // the city's figures, not loading placeholders
      await shot('05-dashboard-admin');

      await page.getByTestId('side-menu').getByText('单位').click();
      await page.waitForURL('**/units');
      await page.getByTestId('units-table').getByText('东昌府区').waitFor();
      await page.getByTestId('unit-type-filter').click();
      await page.locator('.ant-select-item-option').filter({ hasText: '商会' }).click();
      await page.waitForURL((u) => u.searchParams.get('type') === 'chamber');
      await page.getByTestId('units-table').getByText('北京聊城商会').waitFor();
      await page.getByTestId('units-table').getByText('东昌府区').waitFor({ state: 'detached' });
      await page.getByRole('searchbox').fill('上海');
      await page.waitForURL((u) => u.searchParams.get('q') === '上海' && u.searchParams.get('type') === 'chamber');
      await page.getByTestId('units-table').getByText('北京聊城商会').waitFor({ state: 'detached' });
      await shot('06-units-filtered');

      await page.reload(); // filters survive a reload, and so does the session
      await page.getByTestId('units-table').getByText('上海聊城商会').waitFor();
      assert.equal(await page.getByRole('searchbox').inputValue(), '上海');

      await page.getByTestId('side-menu').getByText('操作日志').click();
      await page.waitForURL('**/audit');
      const table = page.getByTestId('audit-table');
      await table.locator('tbody tr.ant-table-row').first().waitFor();
      assert.equal(await table.getByText('最近登录').count(), 0); // a sign-in is not a change of any record
      await shot('07-audit');
      await page.getByRole('tab', { name: '登录日志' }).click();
      await page.getByTestId('sign-in-log').getByText('admin').first().waitFor(); // the admin's own sign-in
      await shot('07b-sign-in-log');
    });
  });

  test('a stale access token is refreshed silently after a 401', async () => {
    await withPage(async ({ page, allow }) => {
      allow((text) => /status of 401/.test(text) && text.includes('/api/v1/auth/me'));
      await login(page, 'office');
      await page.waitForURL('**/dashboard');
      await page.evaluate(() => {
        const s = JSON.parse(sessionStorage.getItem('zs.session'));
        sessionStorage.setItem('zs.session', JSON.stringify({ ...s, access: 'garbage' }));
      });
      await page.reload();
      await page.getByText('招商办').first().waitFor();
      const items = await menuTexts(page);
      assert.ok(items.includes('操作日志'));
      assert.ok(!items.includes('用户管理'));
      const access = await page.evaluate(() => JSON.parse(sessionStorage.getItem('zs.session')).access);
      assert.notEqual(access, 'garbage');
    });
  });

  test('a link opened in a new tab keeps the session; logout ends it', async () => {
    await withPage(async ({ page, context, shot }) => {
      await login(page, 'leader');
      await page.waitForURL('**/dashboard');
      const tab = await context.newPage();
      await tab.goto('/units?type=county');
      await tab.getByTestId('units-table').getByText('东昌府区').waitFor();
      await tab.close();

      await page.getByTestId('user-menu').click();
      await page.getByText('退出登录').click();
      await page.waitForURL('**/login');
      await page.getByText('您已退出登录。').waitFor();
      await page.goto('/units');
      await page.waitForURL('**/login?next=%2Funits');
      await shot('08-logged-out');
    });
  });

  test('English can be chosen', async () => {
    await withPage(async ({ page, shot }) => {
      await login(page, 'dcf_viewer');
      await page.waitForURL('**/dashboard');
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByText('My dashboard').first().waitFor();
      await page.getByTestId('side-menu').getByText('Units').click();
      await page.getByTestId('units-table').getByText('Dongchangfu District').first().waitFor();
      await shot('09-units-english');
    });
  });
});
