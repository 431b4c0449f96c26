// Writes the backend's OpenAPI document to the path given (default: openapi.json), using the repo's venv.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');
const python = resolve(repo, '.venv', 'bin', 'python');
const out = resolve(process.cwd(), process.argv[2] ?? 'openapi.json');

if (!existsSync(python)) {
  console.error(`缺少后端虚拟环境 ${python}：请先运行 scripts/setup.sh`);
  process.exit(1);
}
execFileSync(python, ['scripts/export_openapi.py', out], { cwd: repo, stdio: ['ignore', 'ignore', 'inherit'] });
