// The app's Content-Security-Policy in a real browser: the SPA's page and the offline API docs (Swagger UI,
// ReDoc) render under it with no violation — a blocked script or style is a console error, which fails the page.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { newPage } from './harness.mjs';
import { useApp } from './support.mjs';

const REDOCLY_LOGO = 'https://cdn.redoc.ly/redoc/logo-mini.svg';

const app = useApp();
const { withPage } = app;

describe('Content-Security-Policy', () => {
  test('the SPA page is served with the strict policy and renders under it', async () => {
    await withPage(async ({ page }) => {
      const answer = await page.goto('/login');
      const csp = answer.headers()['content-security-policy'];
      assert.match(csp, /script-src 'self';/);
      assert.match(csp, /frame-ancestors 'none'/);
      assert.equal(answer.headers()['x-frame-options'], 'DENY');
      await page.getByRole('heading', { name: '招商引资管理平台' }).waitFor();
    });
  });

  test('Swagger UI renders the operations with its start-up script served, not inline', async () => {
    await withPage(async ({ page }) => {
      const answer = await page.goto('/docs');
      assert.match(answer.headers()['content-security-policy'], /script-src 'self';/);
      await page.locator('.opblock-summary-path', { hasText: '/api/v1/ready' }).first().waitFor();
    });
  });

  test('ReDoc renders the document; the policy keeps its off-site logo out', async () => {
    // ReDoc's "API docs by Redocly" footer always asks for an image on its CDN: the browser tries and the
    // policy blocks it — the one problem this page may report, and only that.
    const { page, context, problems } = await newPage(app.browser, app.backend.url);
    try {
      await page.goto('/redoc');
      await page.getByText('/api/v1/ready').first().waitFor({ state: 'attached' });
      await page.locator('h1', { hasText: '招商引资管理平台' }).first().waitFor();
      const others = problems.filter(
        (p) =>
          p !== `external request: ${REDOCLY_LOGO}` &&
          !(p.startsWith(`console: Loading the image '${REDOCLY_LOGO}' violates`) && p.includes('img-src')),
      );
      assert.deepEqual(others, []);
    } finally {
      await context.close();
    }
  });
});
