// What the bench installs in every page before the page's own scripts run (Playwright's
// addInitScript). Timing happens in the page, with performance.now(), so the round trips of the
// DevTools protocol never count in a figure.
//
// installProbe is serialized into the page: it must not use anything from this module.

/**
 * options.origin: the origin the probe is for (other documents, such as about:blank, are left
 *   alone);
 * options.ready: { selector, text? } that marks the page as shown, for the first-frame time.
 */
export function installProbe(options) {
  if (location.origin !== options.origin) return;

  const SAVE_KEYS = /^org-console\.(log\.\d+|head|snapshot\.[ab])$/;
  const bench = {
    /** When the first frame showing `options.ready` was painted, from navigation start. */
    firstFrame: null,
    /** Every write of the stored workspace: { key, t } with t just after setItem returned. */
    saves: [],
    /** The wasm instance's exports, from trunk's loader (its TrunkApplicationStarted event). */
    wasm: null,
  };
  window.__bench = bench;

  // setItem returns once the browser holds the text: for the page, the change is saved then.
  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (key, value) {
    const result = setItem.call(this, key, value);
    if (SAVE_KEYS.test(String(key))) bench.saves.push({ key: String(key), t: performance.now() });
    return result;
  };

  addEventListener('TrunkApplicationStarted', (event) => {
    bench.wasm = event.detail?.wasm ?? null;
  });

  const shows = (condition) => {
    const node = document.querySelector(condition.selector);
    return node !== null && (condition.text == null || node.textContent.trim() === condition.text);
  };

  /**
   * Calls `then(t)` with the time just after the first frame painted (a setTimeout(0) queued
   * inside a requestAnimationFrame callback runs after that frame's paint) whose DOM shows
   * `condition` (any frame when null), or with null after `timeout` ms.
   */
  const afterFrameShowing = (condition, start, timeout, then) => {
    requestAnimationFrame(() => {
      const shown = condition === null || shows(condition);
      setTimeout(() => {
        const now = performance.now();
        if (shown) then(now);
        else if (now - start > timeout) then(null);
        else afterFrameShowing(condition, start, timeout, then);
      }, 0);
    });
  };

  // The first frame that shows the page: polled from the very first frame on.
  afterFrameShowing(options.ready, 0, 120_000, (t) => {
    bench.firstFrame = t;
  });

  /** What a person does to `target`: a click, typing one more character, choosing an option. */
  const act = (target, action) => {
    switch (action.kind) {
      case 'click':
        target.click();
        break;
      case 'type': {
        const init = { key: action.char, bubbles: true, cancelable: true };
        target.dispatchEvent(new KeyboardEvent('keydown', init));
        target.value += action.char;
        target.dispatchEvent(new InputEvent('input', { data: action.char, inputType: 'insertText', bubbles: true }));
        target.dispatchEvent(new KeyboardEvent('keyup', init));
        break;
      }
      case 'fill':
        target.value = action.value;
        target.dispatchEvent(new Event('input', { bubbles: true }));
        break;
      case 'select':
        target.value = action.value;
        target.dispatchEvent(new Event('change', { bubbles: true }));
        break;
      default:
        throw new Error(`unknown action ${action.kind}`);
    }
  };

  /** Resolves once the workspace is written after `since` (index into saves), or null. */
  const savedAfter = (since, start, timeout) =>
    new Promise((resolve) => {
      const poll = () => {
        const save = bench.saves[since];
        if (save) resolve(save.t - start);
        else if (performance.now() - start > timeout) resolve(null);
        else setTimeout(poll, 5);
      };
      poll();
    });

  /**
   * Does `action` to `target` and resolves to { frame, saved, refused, toast }: ms from just
   * before the event to after the next frame (showing `until`, when given), and to the
   * workspace's save (when `expectSave`), each null when it did not happen within the time
   * allowed; the text of a refusal the action raised, and the toast shown after it.
   */
  bench.measure = async (target, action, { until = null, expectSave = false, timeout = 10_000 } = {}) => {
    const refusals = () => document.querySelectorAll('[role="alert"][data-rule]');
    const refusedBefore = refusals().length;
    const since = bench.saves.length;
    const start = performance.now();
    act(target, action);
    const painted = await new Promise((resolve) => afterFrameShowing(until, start, timeout, resolve));
    const saved = expectSave ? await savedAfter(since, start, 3_000) : null;
    // What the click did, to tell a command applied from one refused (also journaled).
    const all = refusals();
    const refused = all.length > refusedBefore ? all[all.length - 1].textContent.trim() : null;
    const toast = document.querySelector('.toast-text')?.textContent.trim() ?? null;
    return { frame: painted === null ? null : painted - start, saved, refused, toast };
  };

  /** Does `action` without timing it, and waits for two frames so the page is settled. */
  bench.prepare = async (target, action) => {
    act(target, action);
    for (let i = 0; i < 2; i++) await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  };
}
