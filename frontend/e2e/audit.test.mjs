// The audit page as a clerk reads it, on the demo data: names and labels, never the machine's view — no field
// names or enum codes (snake_case), no login names where people are named, no 64-character hashes.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { login } from './harness.mjs';
import { useApp } from './support.mjs';

const app = useApp({ demoData: true });
const LOGINS = ['dcf_editor', 'dcf_viewer', 'linqing_editor', 'etdz_editor', 'grp01_editor', 'jxw_editor', 'chb_bj_editor', 'office2', 'office3'];

describe('操作日志', () => {
  test('the office reads the demo history in words: no codes, login names or hashes', async () => {
    await app.withPage(async ({ page, shot }) => {
      await login(page, 'office');
      await page.waitForURL('**/dashboard');
      await page.goto('/audit');
      const table = page.getByTestId('audit-table');
      await table.locator('tbody tr.ant-table-row').first().waitFor();
      await page.getByRole('button', { name: '加载更多' }).click();
      await page.waitForFunction(() => globalThis.document.querySelectorAll('[data-testid="audit-table"] tbody tr.ant-table-row').length > 100);
      const text = await table.innerText();
      // snake_case field names and enum codes, and the one-word codes of statuses and actions
      const codes = [...new Set(text.match(/\b(?:[a-z][a-z0-9]*(?:_[a-z0-9]+)+|draft|submitted|verified|returned|create|update|delete)\b/g) ?? [])];
      assert.deepEqual(codes, [], `codes on the audit page: ${codes.slice(0, 20).join(', ')}`);
      const logins = LOGINS.filter((name) => new RegExp(`\\b${name}\\b`).test(text));
      assert.deepEqual(logins, [], 'login names shown where display names belong');
      assert.equal(/\b[0-9a-f]{64}\b/.test(text), false, 'a hash shown to the clerk');
      await shot('audit-01-demo-history');
    });
  });
});
