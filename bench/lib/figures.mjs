// The figures of issue 12, each measured `runs` times after one warm-up run that is dropped (the
// first run pays for compiling the code paths, as no later click does).
//
// A figure is { id, label, unit, app, baseline, target }: `app` and `baseline` are
// { median, p95, samples } or { missing: reason } (baseline null when it has no counterpart),
// `target` is null or { text, met(figure) }.

import { LIST_ROW, Missing, enabledButton, find, measure, memory, openPage, prepare, storedCharacters } from './pages.mjs';
import { summarize } from './stats.mjs';

const WARMUP = 1;
/** What the keystroke figure types into the filter, one character at a time. */
const TYPED = 'user12';

/** Runs `take(i)` for the warm-up and `runs` runs; `take` returns a number, a list of numbers
 *  or null (it timed out). Resolves to a summary, or { missing } with the reason. */
async function sample(runs, take) {
  const samples = [];
  let timedOut = 0;
  try {
    for (let i = 0; i < WARMUP + runs; i++) {
      const values = [await take(i)].flat();
      if (i < WARMUP) continue;
      timedOut += values.filter((v) => v == null).length;
      samples.push(...values.filter((v) => v != null));
    }
  } catch (error) {
    return { missing: reason(error) };
  }
  const summary = summarize(samples);
  if (!summary) return { missing: timedOut ? 'every run timed out' : 'no sample' };
  return timedOut ? { ...summary, note: `${timedOut} run(s) timed out` } : summary;
}

/** Why a figure could not be measured: a Missing's reason, or an unexpected error's first line
 *  (the bench goes on with the other figures). */
function reason(error) {
  if (error instanceof Missing) return error.message;
  return `error: ${String(error?.message ?? error).split('\n')[0]}`;
}

const atMost = (ms) => ({ text: `≤ ${ms} ms`, met: (f) => f.app.median <= ms });
const ratioAtMost = (ratio) => ({ text: `≤ ${ratio}× baseline`, met: (f) => f.app.median <= ratio * f.baseline.median });
const clickTarget = { text: '≤ 16 ms median, ≤ 33 ms p95', met: (f) => f.app.median <= 16 && f.app.p95 <= 33 };

function figure(id, label, unit, app, baseline = null, target = null) {
  return { id, label, unit, app, baseline, target };
}

/** Opens a page, hands it to `use`, and closes its context whatever happens. */
async function withPage(bench, base, path, options, use) {
  const opened = await openPage(bench.browser, base, path, options);
  try {
    return await use(opened);
  } finally {
    await opened.context.close();
  }
}

/** Cold starts, with the memory and storage figures taken from the same page loads. */
export async function coldStarts(bench) {
  const { runs, appUrl, baselineUrl, largeStorage } = bench;
  const stored = { demo: [], large: [] };
  const heap = { app: [], baseline: [] };
  const wasm = [];

  bench.log('cold start: demo');
  const demo = await sample(runs, () =>
    withPage(bench, appUrl, '/', {}, async ({ page, firstFrame }) => {
      stored.demo.push(await storedCharacters(page));
      return firstFrame;
    }),
  );
  bench.log('cold start: large workspace stored');
  const large = await sample(runs, () =>
    withPage(bench, appUrl, '/', { storage: largeStorage }, async ({ page, firstFrame }) => {
      stored.large.push(await storedCharacters(page));
      return firstFrame;
    }),
  );
  bench.log('cold start: Users list, console and baseline');
  const listApp = await sample(runs, () =>
    withPage(bench, appUrl, '/users', { storage: largeStorage, ready: LIST_ROW }, async ({ page, firstFrame }) => {
      const { jsHeap, wasmMemory } = await memory(page);
      heap.app.push(jsHeap);
      wasm.push(wasmMemory);
      return firstFrame;
    }),
  );
  const listBaseline = await sample(runs, () =>
    withPage(bench, baselineUrl, '/', { ready: LIST_ROW }, async ({ page, firstFrame }) => {
      heap.baseline.push((await memory(page)).jsHeap);
      return firstFrame;
    }),
  );

  const ofSamples = (values, why) => summarize(values.slice(WARMUP)) ?? { missing: why };
  return [
    // The issue's own measure: the console's start on the demo against the baseline page's.
    figure('cold_start_demo', 'Cold start, demo (Overview)', 'ms', demo, listBaseline, ratioAtMost(1.2)),
    figure('cold_start_large', 'Cold start, large workspace stored (Overview)', 'ms', large, null, atMost(300)),
    figure('cold_start_users', 'Cold start, Users list, large workspace stored', 'ms', listApp, listBaseline, ratioAtMost(1.2)),
    figure('js_heap', 'JS heap in use, Users list', 'bytes', ofSamples(heap.app, 'no sample'), ofSamples(heap.baseline, 'no sample')),
    figure('wasm_memory', 'wasm memory, Users list', 'bytes', ofSamples(wasm, 'the wasm memory was not found (no TrunkApplicationStarted event)')),
    figure('stored_demo', 'Characters stored, demo', 'chars', ofSamples(stored.demo, 'no sample')),
    figure('stored_large', 'Characters stored, large workspace', 'chars', ofSamples(stored.large, 'no sample')),
  ];
}

/** Keystroke, sort and next page in the Users list, on one page load of `base` + `path`. */
async function listSide(bench, base, path, storage) {
  const { runs } = bench;
  const opened = await openPage(bench.browser, base, path, { storage, ready: LIST_ROW }).catch((error) => ({ missing: reason(error) }));
  if (opened.missing) return { keystroke: opened, sort: opened, next: opened };
  const { page, context } = opened;
  try {
    const filter = () => find(page.getByRole('searchbox', { name: 'Filter' }), 'Filter field');
    const keystroke = await sample(runs, async () => {
      const field = await filter();
      await prepare(page, field, { kind: 'fill', value: '' });
      const times = [];
      for (const char of TYPED) times.push((await measure(page, field, { kind: 'type', char })).frame);
      // The figures after this one start from the whole list.
      await prepare(page, field, { kind: 'fill', value: '' });
      return times;
    });
    const sort = await sample(runs, async () => {
      // The header's name ends in the stylesheet's arrow (" ↕"): matched by its start.
      const button = await find(page.locator('thead').getByRole('button', { name: /^Email\b/ }), 'sort button "Email"');
      return (await measure(page, button, { kind: 'click' })).frame;
    });
    const next = await sample(runs, async () => {
      const field = await filter();
      // Back to page 1 whenever the last page is reached: the filter's input event resets it.
      const button = await find(page.getByRole('button', { name: 'Next page', exact: true }), 'button "Next page"');
      if (await button.isDisabled()) await prepare(page, field, { kind: 'fill', value: '' });
      return (await measure(page, button, { kind: 'click' })).frame;
    });
    return { keystroke, sort, next };
  } finally {
    await context.close();
  }
}

export async function listFigures(bench) {
  bench.log('Users list: keystroke, sort, next page (console)');
  const app = await listSide(bench, bench.appUrl, '/users', bench.largeStorage);
  bench.log('Users list: keystroke, sort, next page (baseline)');
  const baseline = await listSide(bench, bench.baselineUrl, '/', null);
  return [
    figure('filter_keystroke', `Users list filter keystroke → next frame ("${TYPED}")`, 'ms', app.keystroke, baseline.keystroke, ratioAtMost(1.1)),
    figure('sort', 'Users list sort by a column → next frame', 'ms', app.sort, baseline.sort),
    figure('next_page', 'Users list next page → next frame', 'ms', app.next, baseline.next),
  ];
}

/** Clicking a user's name in the list → the first frame showing their page's heading. */
export async function openUserFigure(bench) {
  bench.log("Users list: open a user's page");
  const app = await sample(bench.runs, (i) =>
    withPage(bench, bench.appUrl, '/users', { storage: bench.largeStorage, ready: LIST_ROW }, async ({ page }) => {
      const link = await find(page.locator('main table tbody tr').nth(i).getByRole('link'), 'user link in the list');
      const name = (await link.textContent()).trim();
      const { frame } = await measure(page, link, { kind: 'click' }, { until: { selector: 'main h1', text: name } });
      return frame;
    }),
  );
  return [figure('open_user', "Open a user's page → first frame showing it", 'ms', app)];
}

/**
 * The commands: each gets a page (`path`), is readied untimed (`ready`), and resolves to the
 * element a person clicks (or changes) and what they do to it. Every run starts from the same
 * stored workspace, so each one makes the same change.
 */
function commands(targets) {
  const { account, new_owner: newOwner } = targets;
  return [
    {
      id: 'invite',
      label: 'Invite a user',
      path: '/users',
      async ready(page, i) {
        const email = await find(page.getByLabel('Email', { exact: true }), 'Email field of Invite user');
        await prepare(page, email, { kind: 'fill', value: `bench${i}@${targets.invite_domain}` });
        return { element: await enabledButton(page.locator('form.add-form'), 'Invite user'), action: { kind: 'click' } };
      },
    },
    {
      id: 'change_role',
      label: 'Change a role',
      path: `/users/${targets.role_change_user.sid}`,
      async ready(page) {
        const select = await find(page.getByLabel('New role', { exact: true }), 'New role choice');
        // The user is Standard in the stored workspace every run starts from.
        await prepare(page, select, { kind: 'select', value: 'administrator' });
        return { element: await enabledButton(page, 'Change role'), action: { kind: 'click' } };
      },
    },
    {
      id: 'transfer',
      label: 'Transfer an account',
      path: `/accounts/${account.sid}`,
      async ready(page) {
        const field = await find(page.getByLabel('New owner', { exact: true }), 'New owner field');
        await prepare(page, field, { kind: 'fill', value: newOwner.email });
        const form = page.getByRole('form', { name: 'Transfer ownership' });
        await prepare(page, await enabledButton(form, 'Transfer ownership'), { kind: 'click' });
        // The click that transfers is the confirmation's.
        const dialog = page.getByRole('alertdialog');
        return { element: await enabledButton(dialog, 'Transfer ownership'), action: { kind: 'click' } };
      },
    },
    {
      id: 'create_subaccount',
      label: 'Create a subaccount',
      path: `/accounts/${account.sid}`,
      async ready(page, i) {
        const name = await find(page.getByLabel('Subaccount name', { exact: true }), 'Subaccount name field');
        await prepare(page, name, { kind: 'fill', value: `Bench subaccount ${i}` });
        return { element: await enabledButton(page, 'Create subaccount'), action: { kind: 'click' } };
      },
    },
    {
      id: 'advance_clock',
      label: 'Advance the clock a day',
      path: '/data',
      async ready(page) {
        return { element: await enabledButton(page, 'Advance 1 day'), action: { kind: 'click' } };
      },
      // Builds before the Data page had the clock kept it on the Users page's Pending tab.
      fallback: {
        path: '/users?tab=pending',
        async ready(page) {
          return { element: await enabledButton(page, 'Advance the clock 1 day'), action: { kind: 'click' } };
        },
      },
    },
    {
      id: 'undo',
      label: 'Undo the last change',
      path: '/data',
      async ready(page) {
        // A person reads what the change did before taking it back: the page has been idle.
        await idleTwice(page);
        await prepare(page, await enabledButton(page, 'Advance 1 day'), { kind: 'click' });
        await idleTwice(page);
        return { element: await enabledButton(page, 'Undo'), action: { kind: 'click' } };
      },
    },
    {
      id: 'merge_preview',
      label: 'Merge preview',
      path: '/merge',
      saves: false,
      async ready(page) {
        const select = await find(page.getByLabel('Candidate Organization', { exact: true }), 'Candidate Organization choice');
        await prepare(page, select, { kind: 'select', value: '' });
        return {
          element: select,
          action: { kind: 'select', value: targets.merge_candidate.sid },
          until: { selector: '#merge-preview-heading' },
        };
      },
    },
  ];
}

/** One command's runs: each on a fresh page load with the large workspace stored, so every run
 *  starts from the same workspace and an empty journal. */
async function commandSamples(bench, command) {
  const frames = [];
  const saves = [];
  const once = (step) => async (i) =>
    withPage(bench, bench.appUrl, step.path, { storage: bench.largeStorage }, async ({ page }) => {
      const { element, action, until = null } = await step.ready(page, i);
      const result = await measure(page, element, action, { until, expectSave: command.saves !== false });
      if (result.refused) throw new Missing(`the command was refused: ${result.refused}`);
      if (i === WARMUP) bench.log(`  ${command.label}: ${result.toast ?? 'no toast'}`);
      if (i >= WARMUP) saves.push(result.saved);
      return result.frame;
    });
  let frame = await sample(bench.runs, once(command));
  if (frame.missing && command.fallback) {
    const first = frame.missing;
    saves.length = 0;
    frame = await sample(bench.runs, once({ ...command.fallback }));
    if (frame.missing) frame = { missing: `${first}; and ${frame.missing}` };
  }
  let saved;
  if (command.saves === false) saved = { missing: 'n/a: a preview changes nothing, so nothing is saved' };
  else if (frame.missing) saved = { missing: frame.missing };
  else saved = summarize(saves) ?? { missing: 'nothing was saved within 3 s of the click' };
  return { frame, saved };
}

export async function commandFigures(bench) {
  const figures = [];
  for (const command of commands(bench.targets)) {
    bench.log(`command: ${command.label}`);
    const { frame, saved } = await commandSamples(bench, command);
    figures.push(figure(`${command.id}_frame`, `${command.label}: click → next frame`, 'ms', frame, null, clickTarget));
    figures.push(figure(`${command.id}_saved`, `${command.label}: click → durably saved`, 'ms', saved));
  }
  return figures;
}

/**
 * The save that folds the journal into a new snapshot, which the console runs once in every
 * 100 changes and whenever the page is hidden: how long it blocks the page. Each run makes one
 * change, then tells the page it was hidden and times the synchronous handling of that event.
 */
export async function compactionFigure(bench) {
  bench.log('compaction: the full save when the page is hidden');
  const app = await sample(bench.runs, () =>
    withPage(bench, bench.appUrl, '/data', { storage: bench.largeStorage }, async ({ page }) => {
      const clock = await enabledButton(page, 'Advance 1 day');
      const result = await measure(page, clock, { kind: 'click' }, { expectSave: true });
      if (result.refused) throw new Missing(`advancing the clock was refused: ${result.refused}`);
      const blocked = await page.evaluate(() => {
        Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
        const head = localStorage.getItem('org-console.head');
        const start = performance.now();
        document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
        const blocked = performance.now() - start;
        return localStorage.getItem('org-console.head') === head ? null : blocked;
      });
      if (blocked == null) throw new Missing('hiding the page compacted nothing (the head did not change)');
      return blocked;
    }),
  );
  // The journal as 99 clicks of the clock leave it (the entry's shape is src/persistence.rs's),
  // so that the next click is the one past the bound.
  const clockEntry = (rev) => JSON.stringify({ rev, actor: 'world', command: { type: 'advance_clock', hours: 24 } });
  const journaled = { ...bench.largeStorage };
  for (let rev = 1; rev < JOURNAL_BOUND; rev++) journaled[`org-console.log.${rev}`] = clockEntry(rev);
  const idle = await sample(bench.runs, () =>
    withPage(bench, bench.appUrl, '/data', { storage: journaled }, async ({ page }) => {
      const clock = await enabledButton(page, 'Advance 1 day');
      const head = await page.evaluate(() => localStorage.getItem('org-console.head'));
      // From the click until the compaction is stored, the longest the page was held up at
      // once: the longest task (the browser reports those over 50 ms), or else the longest
      // time between two frames.
      await page.evaluate(() => {
        window.__held = { tasks: [0], frames: [] };
        window.__held.observer = new PerformanceObserver((list) => {
          for (const task of list.getEntries()) window.__held.tasks.push(task.duration);
        });
        window.__held.observer.observe({ type: 'longtask' });
        const frame = (t) => {
          window.__held.frames.push(t);
          window.__held.probe = requestAnimationFrame(frame);
        };
        window.__held.probe = requestAnimationFrame(frame);
      });
      await clock.click();
      await page.waitForFunction((before) => localStorage.getItem('org-console.head') !== before, head, { timeout: 30_000 });
      // And what the page does after, while it is still idle.
      await idleTwice(page);
      return page.evaluate(() => {
        const { tasks, frames, probe, observer } = window.__held;
        cancelAnimationFrame(probe);
        tasks.push(...observer.takeRecords().map((task) => task.duration));
        const gaps = frames.slice(1).map((t, i) => t - frames[i]);
        return Math.max(...tasks, ...gaps);
      });
    }),
  );
  return [
    figure('compaction', 'Compaction (every 100 changes; page hidden): page blocked', 'ms', app),
    figure('compaction_idle', 'Compaction after the 100th change, page idle: page held up at once', 'ms', idle, null, atMost(50)),
  ];
}

/** Resolves once the page has been idle twice: what the console leaves for idle moments is done. */
function idleTwice(page) {
  return page.evaluate(() => new Promise((resolve) => requestIdleCallback(() => requestIdleCallback(resolve))));
}

/** As src/persistence.rs: the entries journaled before a compaction folds them. */
const JOURNAL_BOUND = 100;

