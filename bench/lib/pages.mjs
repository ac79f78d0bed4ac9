// Opening pages for the bench and acting on them: each page in a fresh browser context (its own
// storage and cache), with the probe installed, and controls found by their roles and labels as
// a person finds them.

import { installProbe } from './probe.mjs';

/** A control or page the build lacks: the figure is reported missing with this reason. */
export class Missing extends Error {}

/** The app's start, as the Org Console shows it first: the page heading. */
export const HEADING = { selector: 'main h1' };
/** A list shown: its first row, drawn in the same pass as the heading. */
export const LIST_ROW = { selector: 'main table tbody tr' };

/**
 * Opens `path` of `baseUrl` in a fresh context, with `storage` in localStorage before the app
 * starts (null: empty storage) and the first frame showing `ready` timed. Resolves to
 * { context, page, firstFrame } once that frame is painted.
 */
export async function openPage(browser, baseUrl, path, { storage = null, ready = HEADING } = {}) {
  const origin = new URL(baseUrl).origin;
  // Stored by Playwright as the context opens (from a stand-in page of the origin, the app
  // unloaded), as a returning person's browser holds it: writing 1.7 million characters is no
  // part of the start that is timed.
  const context = await contextHolding(browser, origin, storage);
  await context.addInitScript(installProbe, { origin, ready });
  const page = await context.newPage();
  try {
    await page.goto(new URL(path.replace(/^\//, ''), baseUrl).href, { waitUntil: 'commit' });
    await page.waitForFunction(() => window.__bench?.firstFrame != null, null, { timeout: 30_000 });
  } catch (error) {
    await context.close();
    throw new Missing(`${path} never showed ${ready.selector}${ready.text ? ` "${ready.text}"` : ''} (${firstLine(error)})`);
  }
  const firstFrame = await page.evaluate(() => window.__bench.firstFrame);
  return { context, page, firstFrame };
}

/**
 * A fresh context whose localStorage holds `storage`, checked from a blank page of the origin:
 * Playwright writes it from a stand-in page, and a page opened at once has found the head
 * without its 1.7-million-character snapshot (once in 40 starts), which the console rightly
 * reports as a snapshot gone missing, showing the demo instead. Such a context is opened anew.
 */
async function contextHolding(browser, origin, storage) {
  const localStorage = Object.entries(storage ?? {}).map(([name, value]) => ({ name, value }));
  const storageState = { cookies: [], origins: storage ? [{ origin, localStorage }] : [] };
  const lengths = Object.fromEntries(localStorage.map(({ name, value }) => [name, value.length]));
  for (let attempt = 1; ; attempt++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, storageState });
    if (!storage || (await holds(context, origin, lengths))) return context;
    await context.close();
    if (attempt === 3) throw new Error(`the browser did not store the workspace in ${attempt} fresh contexts`);
  }
}

/** Whether the context's storage for `origin` has each key at its length, within 5 s. */
async function holds(context, origin, lengths) {
  const page = await context.newPage();
  try {
    // A blank page of the origin, so that the console neither starts nor writes anything.
    await page.route('**/*', (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html>' }));
    await page.goto(`${origin}/`);
    const check = (expected) =>
      Object.entries(expected).every(([key, length]) => localStorage.getItem(key)?.length === length);
    await page.waitForFunction(check, lengths, { timeout: 5_000 });
    return true;
  } catch (error) {
    if (error?.name === 'TimeoutError') return false;
    throw error;
  } finally {
    await page.close();
  }
}

function firstLine(error) {
  return String(error?.message ?? error).split('\n')[0];
}

/** The element `locator` finds, or Missing naming `what`. */
export async function find(locator, what) {
  try {
    return await locator.first().elementHandle({ timeout: 5_000 });
  } catch {
    throw new Missing(`no ${what} on ${locator.page().url()}`);
  }
}

/** An enabled button named `name` (exact), or Missing saying why it is absent or disabled. */
export async function enabledButton(scope, name) {
  const button = await find(scope.getByRole('button', { name, exact: true }), `button "${name}"`);
  if (await button.isDisabled()) {
    const reason = await button.evaluate((b) => {
      const id = b.getAttribute('aria-describedby');
      return (id && document.getElementById(id)?.textContent.trim()) || 'no reason shown';
    });
    throw new Missing(`button "${name}" is disabled: ${reason}`);
  }
  return button;
}

/** Times `action` on `element` in the page: { frame, saved, refused, toast } (see probe.mjs). */
export function measure(page, element, action, options = {}) {
  return page.evaluate(([el, act, opts]) => window.__bench.measure(el, act, opts), [element, action, options]);
}

/** Does `action` on `element` untimed and lets two frames pass. */
export function prepare(page, element, action) {
  return page.evaluate(([el, act]) => window.__bench.prepare(el, act), [element, action]);
}

/** Everything the page's origin holds in localStorage, in characters (keys and values). */
export function storedCharacters(page) {
  return page.evaluate(() => {
    let total = 0;
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      total += key.length + (localStorage.getItem(key)?.length ?? 0);
    }
    return total;
  });
}

/**
 * { jsHeap, wasmMemory } in bytes after a garbage collection: the JS heap in use (DevTools'
 * Performance.getMetrics) and the wasm linear memory (trunk's loader hands its exports to the
 * TrunkApplicationStarted event; null when the page has no wasm).
 */
export async function memory(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  await cdp.detach();
  const jsHeap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? null;
  const wasmMemory = await page.evaluate(() => window.__bench.wasm?.memory?.buffer?.byteLength ?? null);
  return { jsHeap, wasmMemory };
}
