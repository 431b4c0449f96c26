// Staff on trips record visits on phones (390×844): the menu is a drawer, closed until asked for, and the visit
// form, the visit list and the dashboard fit the width — nothing scrolls sideways.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { login } from './harness.mjs';
import { useApp } from './support.mjs';

const app = useApp();
const PHONE = { width: 390, height: 844 };

/** The page's own width against the screen's: more means the user scrolls sideways. */
async function assertNoSidewaysScroll(page, where) {
  const { scroll, width } = await page.evaluate(() => ({
    scroll: globalThis.document.documentElement.scrollWidth, width: globalThis.innerWidth,
  }));
  assert.ok(scroll <= width, `${where}: the page is ${scroll} px wide on a ${width} px screen`);
}

describe('手机：走访填报', () => {
  test('a county editor opens the menu as a drawer and reaches the visit list and form without sideways scrolling', async () => {
    const tok = await app.token('dcf_editor');
    const ent = await app.api(tok, 'POST', '/api/v1/enterprises', { name: `手机走访测试企业${Date.now() % 1e6}有限公司` });
    await app.api(tok, 'POST', '/api/v1/visits', { enterprise_id: ent.id, visit_date: '2020-05-06', region: 'other' });
    await app.withPage(async ({ page, shot }) => {
      await login(page, 'dcf_editor');
      await page.waitForURL('**/dashboard');
      assert.equal(await page.getByTestId('side-menu').isVisible(), false, 'the menu starts closed');
      await page.waitForLoadState('networkidle');
      await assertNoSidewaysScroll(page, 'dashboard');
      await shot('phone-01-dashboard');

      await page.getByTestId('menu-toggle').click();
      await page.getByTestId('side-menu').getByText('走访记录').click();
      await page.getByTestId('visits-table').locator('.zs-card').first().waitFor(); // a card per visit, not a table
      assert.equal(await page.getByTestId('side-menu').isVisible(), false, 'the drawer closes on navigating');
      await page.waitForLoadState('networkidle');
      await assertNoSidewaysScroll(page, 'visit list');
      await shot('phone-02-visits');

      await page.getByTestId('list-new').click();
      await page.getByTestId('visit-form').waitFor();
      await assertNoSidewaysScroll(page, 'visit form');
      await shot('phone-03-visit-form');
    }, { viewport: PHONE });
  });
});
