// Evidence and notices in the browser: the office requires a signed project's contract; a county editor's submit
// is refused until the contract (a real PDF) is attached, then goes through; the office opens the queue, previews
// the PDF beside the record and verifies it; the county's bell shows the notice and the inbox leads to the record.
// Every step leaves a screenshot in test-artifacts/e2e/.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { confirmDialog, seedCountyProject, signIn, useApp } from './support.mjs';

const PROJECT = '瑞丰高性能膜材料项目';
const FILE = '瑞丰项目签约合同.pdf';
const LICENCE = '瑞丰营业执照.pdf';
const state = {};

/** A small, valid one-page PDF (header, catalog, page, content stream, xref with exact offsets). */
export function tinyPdf(text) {
  const stream = `BT /F1 24 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets = objects.map((o, i) => {
    const at = body.length;
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
    return at;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

const app = useApp({
  async seed(ctx) {
    const office = await ctx.token('office');
    await ctx.api(office, 'PUT', '/api/v1/attachments/rules', {
      rules: { project_contract: true }, reason: '签约项目须附签约合同',
    });
    state.project = await seedCountyProject(ctx, PROJECT);
  },
});
const { withPage } = app;

describe('证据材料与站内通知：上传合同 → 报送 → 预览核实 → 收到通知', () => {
  test('the county cannot submit without the contract, attaches the PDF and submits', async () => {
    await withPage(async ({ page, shot, allow }) => {
      allow((text) => /status of 422/.test(text) && text.includes(`/api/v1/projects/${state.project.id}/transitions`));
      await signIn(page, 'dcf_editor');
      await page.goto(`/projects/${state.project.id}`);
      const panel = page.getByTestId('attachments-panel');
      await panel.getByText('按办公室的要求，报送前还需上传：合同').waitFor();
      await page.getByTestId('action-submit').click();
      await confirmDialog(page);
      await page.getByText('报送前请上传附件：合同').waitFor();
      assert.equal(await page.getByTestId('project-form').count(), 0, 'missing evidence does not open the form');
      await page.locator('.zs-page-head [data-status="draft"]').waitFor();
      await shot('evidence-01-contract-required');

      await panel.locator('input[type=file]').setInputFiles({ name: FILE, mimeType: 'application/pdf', buffer: tinyPdf('Signed contract') });
      await panel.getByText(FILE).waitFor();
      await panel.getByText('按办公室的要求').waitFor({ state: 'detached' });
      await shot('evidence-02-contract-attached');

      await page.getByTestId('action-submit').click();
      await confirmDialog(page);
      await page.locator('.zs-page-head [data-status="submitted"]').waitFor();
      assert.equal(await panel.locator('input[type=file]').count(), 0, 'the files lock with the submitted record');
      await shot('evidence-03-submitted');
    });
  });

  test('the office previews the contract beside the record in the queue and verifies it', async () => {
    await withPage(async ({ page, shot }) => {
      await signIn(page, 'office');
      await page.goto('/verification');
      await page.getByTestId('queue-table').getByRole('link', { name: new RegExp(PROJECT) }).click();
      const drawer = page.locator('.ant-drawer-content');
      const panel = drawer.getByTestId('attachments-panel');
      await panel.getByText(FILE).waitFor();
      await panel.getByText('合同', { exact: true }).waitFor();
      await panel.scrollIntoViewIfNeeded();
      await shot('evidence-04-queue-drawer-with-file');

      await panel.getByRole('button', { name: '预览' }).click();
      const preview = page.getByRole('dialog', { name: FILE });
      const frame = preview.locator(`iframe[title="${FILE}"]`);
      await frame.waitFor();
      assert.match(await frame.getAttribute('src'), /^blob:/, 'the PDF is shown from a local blob, not a link with credentials');
      await page.waitForTimeout(4000); // let Chromium's PDF viewer paint the page for the screenshot
      await shot('evidence-05-pdf-preview');
      await preview.getByRole('button', { name: 'Close' }).click();
      await preview.waitFor({ state: 'detached' });

      await drawer.getByRole('button', { name: '核实此记录' }).click();
      await page.getByText('已核实 1 条记录').waitFor();
      await page.getByTestId('queue-table').getByText('没有待核实的记录').waitFor();
      await shot('evidence-06-verified');
    });
  });

  test('the county sees the notice under the bell and opens the record from its inbox', async () => {
    await withPage(async ({ page, shot }) => {
      await signIn(page, 'dcf_editor');
      const bell = page.getByTestId('notice-bell');
      await page.getByRole('link', { name: '通知（1 条未读）' }).waitFor();
      await shot('evidence-07-bell-unread');
      await bell.click();
      await page.waitForURL('**/notices');
      const item = page.locator('[data-testid^="notice-"]').filter({ hasText: '记录已核实' });
      await item.getByText(PROJECT).waitFor();
      await shot('evidence-08-inbox');
      await item.getByRole('link', { name: '查看' }).click();
      await page.waitForURL(`**/projects/${state.project.id}`);
      await page.locator('.zs-page-head [data-status="verified"]').waitFor();
      await page.getByTestId('attachments-panel').getByText(FILE).waitFor();
      await shot('evidence-09-record-verified');
    });
  });

  test('the enterprise page, on the same record frame, takes the business licence and shows who names the enterprise', async () => {
    const dcf = await app.token('dcf_editor');
    const { data: [enterprise] } = await app.api(dcf, 'GET', `/api/v1/enterprises?q=${encodeURIComponent('苏州瑞丰')}`);
    await withPage(async ({ page, shot }) => {
      await signIn(page, 'dcf_editor');
      await page.goto(`/enterprises/${enterprise.id}`);
      await page.locator('.zs-page-head h1').getByText(enterprise.name).waitFor();
      const card = page.getByTestId('process-card');
      await card.getByText('版本').waitFor();
      assert.equal(await card.getByText('录入单位').count(), 0, 'the shared library has no owner unit');
      await page.getByRole('link', { name: PROJECT }).waitFor(); // its project, among the linked records

      const panel = page.getByTestId('attachments-panel');
      await panel.locator('input[type=file]').setInputFiles({ name: LICENCE, mimeType: 'application/pdf', buffer: tinyPdf('Business licence') });
      await panel.getByRole('row', { name: new RegExp(LICENCE) }).getByText('其他', { exact: true }).waitFor(); // an enterprise's first category
      await panel.scrollIntoViewIfNeeded();
      await shot('evidence-10-enterprise-licence');
    });
    await withPage(async ({ page }) => {
      await signIn(page, 'office');
      await page.goto(`/enterprises/${enterprise.id}`);
      await page.getByTestId('attachments-panel').getByText(LICENCE).waitFor();
    });
  });
});
