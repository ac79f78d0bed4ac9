#!/usr/bin/env node
// `make bench`'s browser half (issue 12): drives headless Chromium (Debian's, through
// playwright-core) over the release build and the plain HTML/JS baseline, prints the figures
// as a table and writes them as JSON for comparison between commits. A missed target is marked,
// never an error; a control the build lacks makes its figure "missing", with the reason.
//
//   node bench/run.mjs [--dist DIR | --app-url URL] [--baseline-url URL] [--data DIR]
//                      [--runs N] [--out DIR] [--only cold,list,user,commands,compaction,size]
//
// --dist: the release build to serve (default target/bench/dist); --app-url: one already
// served instead. --data: what org-bench-data wrote (default target/bench/data). The baseline
// is served from bench/baseline, the data directory and style/ unless --baseline-url is given.
// See bench/README.md for what each figure means.

import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { checkBaseline } from './lib/baseline-check.mjs';
import { coldStarts, commandFigures, compactionFigure, listFigures, openUserFigure } from './lib/figures.mjs';
import { figuresTable, shortSha, sizesTable, writeJson } from './lib/report.mjs';
import { serveStatic } from './lib/server.mjs';
import { downloadSizes } from './lib/sizes.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const GROUPS = ['cold', 'list', 'user', 'commands', 'compaction', 'size'];

function options() {
  const { values } = parseArgs({
    options: {
      dist: { type: 'string' },
      'app-url': { type: 'string' },
      'baseline-url': { type: 'string' },
      data: { type: 'string', default: join(ROOT, 'target/bench/data') },
      runs: { type: 'string', default: '5' },
      out: { type: 'string', default: join(ROOT, 'target/bench') },
      only: { type: 'string', default: GROUPS.join(',') },
      chromium: { type: 'string', default: '/usr/bin/chromium' },
    },
  });
  const only = new Set(values.only.split(','));
  const unknown = [...only].filter((g) => !GROUPS.includes(g));
  if (unknown.length) throw new Error(`--only: unknown group(s) ${unknown.join(', ')}; known: ${GROUPS.join(', ')}`);
  const runs = Number.parseInt(values.runs, 10);
  if (!(runs >= 1)) throw new Error('--runs must be a positive number');
  const dist = values.dist ?? (values['app-url'] ? null : join(ROOT, 'target/bench/dist'));
  return { ...values, dist, runs, only };
}

/** playwright-core from .tools/, where `bash scripts/setup.sh bench` installs it. */
function loadPlaywright() {
  const require = createRequire(join(ROOT, '.tools/package.json'));
  try {
    return require('playwright-core');
  } catch {
    throw new Error('playwright-core is not installed in .tools/: run `bash scripts/setup.sh bench` (make bench does)');
  }
}

/** The large workspace as the console stores it, and what the commands act on. */
async function readData(dir) {
  const snapshot = await readFile(join(dir, 'snapshot.txt'), 'utf8').catch(() => {
    throw new Error(`no ${join(dir, 'snapshot.txt')}: run org-bench-data ${dir} first (make bench does)`);
  });
  const targets = JSON.parse(await readFile(join(dir, 'targets.json'), 'utf8'));
  // The layout of src/persistence.rs: a head naming slot a at revision 0, no journal.
  const largeStorage = {
    'org-console.head': JSON.stringify({ slot: 'a', rev: 0, previous: null, undos: 0 }),
    'org-console.snapshot.a': snapshot.trimEnd(),
  };
  return { largeStorage, targets };
}

/** Serves what is not served already; returns the URLs and a function stopping the servers. */
async function serve(opts) {
  const servers = [];
  let appUrl = opts['app-url'];
  if (!appUrl) {
    const app = await serveStatic([opts.dist], { fallback: '/index.html' });
    servers.push(app);
    appUrl = app.url;
  }
  let baselineUrl = opts['baseline-url'];
  if (!baselineUrl) {
    // index.html and baseline.js, then users.json from the data, then the console's main.css.
    const baseline = await serveStatic([join(ROOT, 'bench/baseline'), opts.data, join(ROOT, 'style')]);
    servers.push(baseline);
    baselineUrl = baseline.url;
  }
  const stop = () => Promise.all(servers.map((s) => s.close()));
  return { appUrl: withSlash(appUrl), baselineUrl: withSlash(baselineUrl), stop };
}

function withSlash(url) {
  return url.endsWith('/') ? url : `${url}/`;
}

async function measureAll(bench, only) {
  const figures = [];
  let baseline = null;
  if (only.has('cold')) figures.push(...(await coldStarts(bench)));
  if (only.has('list')) {
    baseline = await checkBaseline(bench);
    figures.push(...(await listFigures(bench)));
  }
  if (only.has('user')) figures.push(...(await openUserFigure(bench)));
  if (only.has('commands')) figures.push(...(await commandFigures(bench)));
  if (only.has('compaction')) figures.push(...(await compactionFigure(bench)));
  return { figures, baseline };
}

async function main() {
  const opts = options();
  const log = (message) => process.stderr.write(`bench: ${message}\n`);
  if (opts.runs < 5) log(`only ${opts.runs} run(s) per figure: issue 12 asks for at least 5`);
  const { chromium } = loadPlaywright();
  const { largeStorage, targets } = await readData(opts.data);
  const { appUrl, baselineUrl, stop } = await serve(opts);
  log(`console at ${appUrl}, baseline at ${baselineUrl}, ${opts.runs} runs per figure`);

  const browser = await chromium.launch({ executablePath: opts.chromium, args: ['--no-sandbox', '--disable-gpu'] });
  const browserName = `Chromium ${browser.version()}`;
  let figures;
  let baseline;
  try {
    const bench = { browser, appUrl, baselineUrl, largeStorage, targets, runs: opts.runs, log };
    ({ figures, baseline } = await measureAll(bench, opts.only));
  } finally {
    await browser.close();
    await stop();
  }
  const download = opts.only.has('size') && opts.dist ? await downloadSizes(opts.dist) : null;

  const sha = await shortSha(ROOT);
  const run = {
    commit: sha,
    date: new Date().toISOString(),
    build: opts.dist ?? appUrl,
    browser: browserName,
    runs: opts.runs,
    workspace: { users: 10_000, audit_events: 10_000, list_rows: targets.users, organization: targets.organization.name },
    baseline_check: baseline,
    figures,
    download,
  };
  console.log(`Org Console bench, commit ${sha}, ${run.browser}, ${opts.runs} runs per figure`);
  console.log(`Users list: ${targets.users} managed users of ${targets.organization.name}, in a workspace of 10,000 users and 10,000 audit events\n`);
  console.log(figuresTable(figures));
  if (baseline) console.log(`\nBaseline: ${baseline.matches ? 'draws the same list as the console' : 'DIFFERS from the console'} (${baseline.detail})`);
  console.log('');
  console.log(sizesTable(download));
  const paths = await writeJson(opts.out, sha, run);
  console.log(`\nJSON: ${paths.join(', ')}`);
}

main().catch((error) => {
  console.error(`bench: ${error.message}`);
  process.exit(1);
});
