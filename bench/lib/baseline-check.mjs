// The ratios mean something only while the baseline draws what the console draws: this compares
// the two lists' DOM after the same steps, and says where they first differ.

import { LIST_ROW, Missing, find, openPage, prepare } from './pages.mjs';

/** The list's markup, without the comment nodes Leptos leaves as markers. */
function listMarkup(page) {
  return page.evaluate(() => document.querySelector('section[role="tabpanel"]')?.innerHTML.replace(/<!---->/g, '') ?? null);
}

const STEPS = [
  ['the first page', async () => {}],
  ['filtering by "user1"', async (page) => prepare(page, await find(page.getByRole('searchbox', { name: 'Filter' }), 'Filter field'), { kind: 'fill', value: 'user1' })],
  ['sorting by Email', async (page) => prepare(page, await find(page.locator('thead').getByRole('button', { name: /^Email\b/ }), 'sort button "Email"'), { kind: 'click' })],
  ['sorting by Email again (descending)', async (page) => prepare(page, await find(page.locator('thead').getByRole('button', { name: /^Email\b/ }), 'sort button "Email"'), { kind: 'click' })],
  ['Next page', async (page) => prepare(page, await find(page.getByRole('button', { name: 'Next page', exact: true }), 'button "Next page"'), { kind: 'click' })],
];

/** { matches, detail }: whether both lists' markup is the same after every step. */
export async function checkBaseline(bench) {
  bench.log('checking that the baseline draws the same list');
  let app;
  let baseline;
  try {
    app = await openPage(bench.browser, bench.appUrl, '/users', { storage: bench.largeStorage, ready: LIST_ROW });
    baseline = await openPage(bench.browser, bench.baselineUrl, '/', { ready: LIST_ROW });
    for (const [name, step] of STEPS) {
      await step(app.page);
      await step(baseline.page);
      if ((await listMarkup(app.page)) !== (await listMarkup(baseline.page))) {
        return { matches: false, detail: `the lists differ after ${name}: bring bench/baseline in step with src/components/list.rs` };
      }
    }
    return { matches: true, detail: `same markup after ${STEPS.map(([name]) => name).join(', ')}` };
  } catch (error) {
    const why = error instanceof Missing ? error.message : String(error?.message ?? error).split('\n')[0];
    return { matches: false, detail: `could not compare: ${why}` };
  } finally {
    await app?.context.close();
    await baseline?.context.close();
  }
}
