// Fails when openapi.json or the generated client in src/api/ is stale: re-exports the backend's OpenAPI
// and regenerates the client into a temp dir, then compares both with what is committed.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const tmp = mkdtempSync(join(tmpdir(), 'zs-api-'));
const fix = 'run `npm run export:api && npm run gen:api` in frontend/ and commit the result';

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

function run(cmd, args, env = {}, cwd = root) {
  try {
    execFileSync(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: 'pipe' });
  } catch (err) {
    process.stderr.write(String(err.stdout ?? '') + String(err.stderr ?? ''));
    throw err;
  }
}

let stale = [];
try {
  const spec = join(tmp, 'openapi.json');
  run(process.execPath, ['scripts/export-openapi.mjs', spec]);
  if (readFileSync(spec, 'utf8') !== readFileSync(join(root, 'openapi.json'), 'utf8')) stale.push('openapi.json');

  // Generated from the same relative name as `npm run gen:api` (the name shows in the output).
  const out = join(tmp, 'api');
  const generator = join(root, 'node_modules', '@hey-api', 'openapi-ts', 'bin', 'run.js');
  run(process.execPath, [generator, '-f', join(root, 'openapi-ts.config.ts')], { ZS_OPENAPI_INPUT: 'openapi.json', ZS_API_OUTPUT: out }, tmp);
  const committed = join(root, 'src', 'api');
  const fresh = new Set(files(out).map((f) => relative(out, f)));
  const have = new Set(files(committed).map((f) => relative(committed, f)));
  for (const f of new Set([...fresh, ...have])) {
    if (!fresh.has(f) || !have.has(f) || readFileSync(join(out, f), 'utf8') !== readFileSync(join(committed, f), 'utf8')) {
      stale.push(`src/api/${f}`);
    }
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

if (stale.length) {
  console.error(`API client is stale (${stale.join(', ')}): ${fix}`);
  process.exit(1);
}
console.log('API client matches the backend');
