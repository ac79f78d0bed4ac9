#!/usr/bin/env node
// `node bench/compare.mjs BEFORE.json AFTER.json`: two runs of `make bench` side by side, each
// figure's Org Console median before and after and the change, and the download's gzip total.
// Only runs from the same machine compare meaningfully.

import { readFile } from 'node:fs/promises';

function usage() {
  console.error('usage: node bench/compare.mjs BEFORE.json AFTER.json (from target/bench/)');
  process.exit(2);
}

function median(figure) {
  return figure?.app && !figure.app.missing ? figure.app.median : null;
}

function change(before, after) {
  if (before == null || after == null || before === 0) return '';
  const percent = ((after - before) / before) * 100;
  return `${percent >= 0 ? '+' : ''}${percent.toFixed(0)}%`;
}

function cell(value, unit) {
  if (value == null) return 'missing';
  return unit === 'ms' ? `${value.toFixed(1)} ms` : String(Math.round(value));
}

async function main() {
  const [beforePath, afterPath] = process.argv.slice(2);
  if (!beforePath || !afterPath) usage();
  const [before, after] = await Promise.all([beforePath, afterPath].map(async (p) => JSON.parse(await readFile(p, 'utf8'))));
  const earlier = new Map(before.figures.map((f) => [f.id, f]));
  const rows = [['Figure', before.commit, after.commit, 'Change']];
  for (const figure of after.figures) {
    const [b, a] = [median(earlier.get(figure.id)), median(figure)];
    rows.push([figure.label, cell(b, figure.unit), cell(a, figure.unit), change(b, a)]);
  }
  const gzip = (run) => run.download?.total?.gzip ?? null;
  rows.push(['Download, gzip total (bytes)', cell(gzip(before)), cell(gzip(after)), change(gzip(before), gzip(after))]);
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)));
  const line = (row) => `| ${row.map((x, c) => String(x).padEnd(widths[c])).join(' | ')} |`;
  console.log([line(rows[0]), line(widths.map((w) => '-'.repeat(w))), ...rows.slice(1).map(line)].join('\n'));
}

main().catch((error) => {
  console.error(`compare: ${error.message}`);
  process.exit(1);
});
