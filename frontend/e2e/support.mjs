// What every browser test file shares: its own backend and browser, pages that fail on any console error or
// off-host request, the API for setting up what other people did, and helpers for antd's controls.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before } from 'node:test';
import { launchBrowser, login, newPage, startBackend } from './harness.mjs';

export const DEMO_PASSWORD = 'zhaoshang-demo';

/**
 * Starts a fresh backend and browser for the file (`seed(app)` runs once they are up) and returns
 * `{ backend, browser, withPage, token, api }`; `backend` and `browser` are set when the tests run.
 */
export function useApp({ seed, demoData = false, worker = false } = {}) {
  const app = {};
  before(async () => {
    app.backend = await startBackend({ demoData, worker });
    app.browser = await launchBrowser();
    if (seed) await seed(app);
  });
  after(async () => {
    await app.browser?.close();
    await app.backend?.stop();
  });

  /** Runs fn on a fresh page (1366×768 unless a `viewport` is given) and fails on any console error, page error or
   * off-host request. */
  app.withPage = async (fn, { viewport } = {}) => {
    const p = await newPage(app.browser, app.backend.url, viewport);
    try {
      await fn(p);
      assert.deepEqual(p.problems, [], 'the browser reported problems');
    } finally {
      await p.context.close();
    }
  };

  /** An access token for a demo user, through the API's own password grant. */
  app.token = async (username) => {
    const r = await fetch(`${app.backend.url}/api/v1/auth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'password', username, password: DEMO_PASSWORD }),
    });
    assert.equal(r.status, 200, `login of ${username}`);
    return (await r.json()).access_token;
  };

  /** One API call as `tok`; POSTs carry an Idempotency-Key; anything but success fails the test. */
  app.api = async (tok, method, path, body) => {
    const headers = { Authorization: `Bearer ${tok}` };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method === 'POST') headers['Idempotency-Key'] = randomUUID();
    const r = await fetch(`${app.backend.url}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    assert.ok(r.ok, `${method} ${path}: ${r.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };

  return app;
}

/** Opens an antd Select by its label and picks the option with `text` (typing it first to search). */
export async function choose(page, label, text, { search = true } = {}) {
  await page.getByRole('combobox', { name: label }).click({ force: true });
  if (search) await page.keyboard.type(text);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first().click();
}

/** Types a date into an antd DatePicker and leaves the box (Enter would submit the whole form). */
export async function typeDate(page, label, value) {
  const box = page.getByLabel(label);
  await box.fill(value);
  await page.locator('.zs-page-head h1').click();
  assert.equal(await box.inputValue(), value);
}

/** Confirms the open antd confirmation dialog (确定). */
export async function confirmDialog(page) {
  await page.locator('.ant-modal-confirm').getByRole('button', { name: /确\s*定/ }).click();
}

/** Signs in through the login page and waits for the dashboard. */
export async function signIn(page, username) {
  await login(page, username);
  await page.waitForURL('**/dashboard');
}

/** As dcf_editor (东昌府区): an enterprise and a draft project of 2 亿元 signed on 2020-04-01 landing in the county. */
export async function seedCountyProject({ token, api }, name) {
  const dcf = await token('dcf_editor');
  const { unit } = await api(dcf, 'GET', '/api/v1/auth/me');
  const enterprise = await api(dcf, 'POST', '/api/v1/enterprises', { name: '苏州瑞丰新材料科技有限公司' });
  return api(dcf, 'POST', '/api/v1/projects', {
    name, enterprise_ids: [enterprise.id], total_investment: '20000', stage: 'signed', signed_on: '2020-04-01',
    landing_unit_id: unit.id,
  });
}
