// The bench's output: a table for people, and JSON for comparing commits.

import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The download budget of issue 12: the gzip total of wasm, JS and CSS. */
export const GZIP_BUDGET = 250_000;

function thousands(n) {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function kilobytes(bytes) {
  return `${(bytes / 1000).toFixed(1)} KB`;
}

function format(value, unit) {
  if (value == null) return '';
  if (unit === 'ms') return `${value.toFixed(1)} ms`;
  if (unit === 'bytes') return bytes(value);
  return thousands(value);
}

function bytes(value) {
  if (value >= 1e6) return `${(value / 1e6).toFixed(1)} MB`;
  return kilobytes(value);
}

/** 'ok', 'MISSED' or '—' (no target, or nothing to compare). */
function targetStatus(figure) {
  const { target, app, baseline } = figure;
  if (!target || app.missing || (baseline && baseline.missing && target.text.includes('baseline'))) return '—';
  return target.met(figure) ? 'ok' : 'MISSED';
}

/** Console median / baseline median, or null when either is missing. */
function ratioOf(figure) {
  const { app, baseline } = figure;
  if (!baseline || app.missing || baseline.missing || !baseline.median) return null;
  return Math.round((app.median / baseline.median) * 100) / 100;
}

function ratio(figure) {
  const value = ratioOf(figure);
  return value == null ? '' : `${value.toFixed(2)}×`;
}

/** Markdown-style table rows, padded to line up in a terminal. */
function table(header, rows) {
  const widths = header.map((_, c) => Math.max(...[header, ...rows].map((row) => String(row[c]).length)));
  const line = (row) => `| ${row.map((cell, c) => String(cell).padEnd(widths[c])).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** The figures' table, each missing one numbered with its reason below the table. */
export function figuresTable(figures) {
  const notes = [];
  const side = (summary, unit) => {
    if (!summary) return ['', ''];
    if (summary.missing) {
      notes.push(summary.missing);
      return [`missing [${notes.length}]`, ''];
    }
    const p95 = summary.samples.length > 1 ? format(summary.p95, unit) : '';
    return [format(summary.median, unit), p95];
  };
  const rows = figures.map((f) => [f.label, ...side(f.app, f.unit), ...side(f.baseline, f.unit), ratio(f), f.target?.text ?? '', targetStatus(f)]);
  const header = ['Figure', 'Org Console median', 'p95', 'Baseline median', 'p95', 'Ratio', 'Target', 'Status'];
  const footnotes = notes.map((note, i) => `[${i + 1}] ${note}`);
  return [table(header, rows), ...(footnotes.length ? ['', ...footnotes] : [])].join('\n');
}

export function sizesTable(sizes) {
  if (!sizes) return 'Download size: not measured (no dist directory given).';
  const rows = ['wasm', 'JS', 'CSS', 'total'].filter((k) => sizes[k]).map((kind) => {
    const s = sizes[kind];
    return [kind, kilobytes(s.raw), kilobytes(s.gzip), kilobytes(s.brotli)];
  });
  const total = sizes.total?.gzip ?? 0;
  const verdict = total <= GZIP_BUDGET ? 'ok' : 'MISSED';
  const left = GZIP_BUDGET - total;
  const budget = `Budget: ${kilobytes(GZIP_BUDGET)} gzip; used ${kilobytes(total)}, ${left >= 0 ? `${kilobytes(left)} left` : `${kilobytes(-left)} over`}: ${verdict}`;
  return [table(['Download', 'raw', 'gzip -9', 'brotli'], rows), '', budget].join('\n');
}

/** The current commit's short SHA, read from .git (no git binary needed), or 'unknown'. */
export async function shortSha(root) {
  try {
    const head = (await readFile(join(root, '.git', 'HEAD'), 'utf8')).trim();
    if (!head.startsWith('ref: ')) return head.slice(0, 7);
    const ref = head.slice(5);
    const loose = await readFile(join(root, '.git', ref), 'utf8').catch(() => null);
    if (loose) return loose.trim().slice(0, 7);
    const packed = await readFile(join(root, '.git', 'packed-refs'), 'utf8');
    const line = packed.split('\n').find((l) => l.endsWith(` ${ref}`));
    return line ? line.slice(0, 7) : 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Writes the run as JSON to `<out>/<sha>.json` and `<out>/latest.json`; returns the paths. */
export async function writeJson(out, sha, run) {
  await mkdir(out, { recursive: true });
  const serializable = {
    ...run,
    figures: run.figures.map(({ target, ...figure }) => ({
      ...figure,
      ratio: ratioOf(figure),
      target: target?.text ?? null,
      status: targetStatus({ target, ...figure }),
    })),
    download: run.download && { ...run.download, gzip_budget: GZIP_BUDGET, within_budget: run.download.total.gzip <= GZIP_BUDGET },
  };
  const text = `${JSON.stringify(serializable, null, 2)}\n`;
  const paths = [join(out, `${sha}.json`), join(out, 'latest.json')];
  for (const path of paths) await writeFile(path, text);
  return paths;
}
