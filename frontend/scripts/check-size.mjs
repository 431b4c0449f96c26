// Sums the gzip size of the JavaScript that dist/index.html loads up front (entry + modulepreloads)
// and fails above the budget. Lazy route chunks are listed but not counted.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = Number(process.env.ZS_JS_BUDGET_KB ?? 400);
const dist = resolve(process.argv[2] ?? 'dist');
const html = readFileSync(join(dist, 'index.html'), 'utf8');

const refs = new Set();
for (const m of html.matchAll(/<script[^>]+src="([^"]+\.js)"/g)) refs.add(m[1]);
for (const m of html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g)) refs.add(m[1]);
for (const m of html.matchAll(/<link[^>]+href="([^"]+\.js)"[^>]+rel="modulepreload"/g)) refs.add(m[1]);
if (/(src|href)="(https?:)?\/\//.test(html)) {
  console.error('index.html loads something from another host; the intranet build must be self-contained');
  process.exit(1);
}

const gz = (file) => gzipSync(readFileSync(join(dist, file.replace(/^\//, '')))).length;
let initial = 0;
for (const ref of refs) initial += gz(ref);

const all = readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.js'));
const lazy = all.filter((f) => ![...refs].some((r) => r.endsWith(f))).reduce((n, f) => n + gz(`assets/${f}`), 0);
const css = readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.css')).reduce((n, f) => n + gz(`assets/${f}`), 0);

const kb = (n) => (n / 1024).toFixed(1);
console.log(
  `initial JS: ${kb(initial)} KB gzip in ${refs.size} file(s) (budget ${BUDGET_KB} KB); ` +
    `lazy JS: ${kb(lazy)} KB in ${all.length - refs.size} chunk(s); CSS: ${kb(css)} KB`,
);
if (refs.size === 0) {
  console.error('no script found in index.html');
  process.exit(1);
}
if (initial > BUDGET_KB * 1024) {
  console.error(`initial JS ${kb(initial)} KB gzip is over the ${BUDGET_KB} KB budget`);
  process.exit(1);
}
