// E2E harness: a fresh SQLite database, migrated and seeded, the backend serving the built SPA on a free
// port, and Debian's Chromium driven by playwright-core. Never downloads a browser.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const repo = resolve(here, '..', '..');
// ZS_E2E_DIST / ZS_E2E_ARTIFACTS let a second build and run live side by side (e.g. while developing).
const dist = process.env.ZS_E2E_DIST ? resolve(process.env.ZS_E2E_DIST) : resolve(here, '..', 'dist');
export const artifacts = process.env.ZS_E2E_ARTIFACTS
  ? resolve(process.env.ZS_E2E_ARTIFACTS)
  : resolve(repo, 'test-artifacts', 'e2e');
const venvBin = join(repo, '.venv', 'bin');
const CHROMIUM = process.env.ZS_CHROMIUM ?? '/usr/bin/chromium';

function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

async function waitForHealth(url, proc, log, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`backend exited (${proc.exitCode}):\n${log.join('')}`);
    try {
      const r = await fetch(`${url}/api/v1/health`);
      if (r.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`backend did not answer within ${timeoutMs} ms:\n${log.join('')}`);
}

/** A fresh backend; `worker: true` also runs the background jobs' worker (huey, on a queue of its own). */
export async function startBackend({ demoData = false, worker = false } = {}) {
  if (!existsSync(join(dist, 'index.html'))) throw new Error('frontend/dist is missing: run `npm run build` first');
  if (!existsSync(join(venvBin, 'uvicorn'))) throw new Error('backend venv missing: run scripts/setup.sh first');
  const dir = mkdtempSync(join(tmpdir(), 'zs-e2e-'));
  const env = {
    ...process.env, ZS_DATABASE_URL: `sqlite:///${join(dir, 'e2e.db')}`, ZS_FRONTEND_DIST: dist,
    ...(worker ? { ZS_JOBS_URL: `sqlite:///${join(dir, 'jobs.db')}` } : {}),
  };
  const quiet = { cwd: repo, env, stdio: ['ignore', 'pipe', 'pipe'] };
  execFileSync(join(venvBin, 'alembic'), ['upgrade', 'head'], quiet);
  execFileSync(join(venvBin, 'zhaoshang'), ['seed', '--demo-users', ...(demoData ? ['--demo-data'] : [])], quiet); // any ZS_ENVIRONMENT
  const port = await freePort();
  const log = [];
  const proc = spawn(
    join(venvBin, 'uvicorn'),
    ['app.asgi:app', '--app-dir', 'backend', '--host', '127.0.0.1', '--port', String(port), '--log-level', 'warning'],
    { ...quiet, detached: false },
  );
  proc.stdout.on('data', (d) => log.push(String(d)));
  proc.stderr.on('data', (d) => log.push(String(d)));
  // polls its queue at least every 0.3 s (a job waits no longer than that)
  const consumer = worker ? spawn(join(venvBin, 'huey_consumer'), ['app.worker.huey', '-w', '1', '-d', '0.1', '-m', '0.3'], quiet) : null;
  consumer?.stdout.on('data', (d) => log.push(String(d)));
  consumer?.stderr.on('data', (d) => log.push(String(d)));
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url, proc, log);
  return {
    url,
    log,
    async stop() {
      if (consumer && consumer.exitCode === null) consumer.kill('SIGTERM');
      if (proc.exitCode === null) {
        proc.kill('SIGTERM');
        await new Promise((r) => {
          const t = setTimeout(() => {
            proc.kill('SIGKILL');
            r();
          }, 5000);
          proc.once('exit', () => {
            clearTimeout(t);
            r();
          });
        });
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser() {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} missing: run scripts/frontend.sh install`);
  mkdirSync(artifacts, { recursive: true }); // emptied once per run by e2e/clean.mjs
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A 1366×768 page that records console errors, page errors and requests to any other host.
 * `allow(fn)` lets a test accept a console error it provokes on purpose (e.g. the 401 of a wrong password).
 */
export async function newPage(browser, baseURL, viewport = { width: 1366, height: 768 }) {
  const context = await browser.newContext({ baseURL, viewport, locale: 'zh-CN' });
  const page = await context.newPage();
  const problems = [];
  const allowed = [];
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = `${msg.text()} @ ${msg.location()?.url ?? ''}`;
    if (!allowed.some((fn) => fn(text))) problems.push(`console: ${text}`);
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('request', (req) => {
    const u = new URL(req.url());
    // chrome: and chrome-extension: are the browser's own PDF viewer (an attachment's preview), not the network
    if (!['127.0.0.1', 'localhost'].includes(u.hostname) && !['data:', 'blob:', 'chrome:', 'chrome-extension:'].includes(u.protocol)) {
      problems.push(`external request: ${req.url()}`);
    }
  });
  return {
    page,
    context,
    problems,
    allow: (fn) => allowed.push(fn),
    shot: (name) => page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: false }),
  };
}

export async function login(page, username, password = 'zhaoshang-demo') {
  await page.goto('/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByLabel('密码').press('Enter');
}

export async function menuTexts(page) {
  const menu = page.getByTestId('side-menu');
  await menu.waitFor();
  return (await menu.locator('.ant-menu-item').allInnerTexts()).map((s) => s.trim());
}
