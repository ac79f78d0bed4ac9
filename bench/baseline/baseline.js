// The bench's baseline: the console's Users list (src/pages/users.rs on src/components/list.rs)
// written in plain JS, to tell what the framework and wasm cost over the least a browser needs.
// Same data (users.json from org-bench-data), same DOM, same page size, same filter, sort and
// paging semantics, keyed row updates; no framework, no wasm. Keep it in step with list.rs.

const PAGE_SIZE = 50;
const COLUMNS = [
  { header: 'Name', key: 'name' },
  { header: 'Email', key: 'email' },
  { header: 'Organization role', key: 'role' },
  { header: 'Accounts', key: 'accounts' },
  { header: 'Status', key: 'status' },
  { header: 'Provisioned by SCIM', key: 'provisioning' },
];
const NAMING = {
  label: 'Managed users',
  one: 'user',
  many: 'users',
  empty: 'No managed users yet. Invite people with an address in a verified domain.',
};

/** `tag` with attributes and children; a string child becomes a text node. */
function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

/** 10000 as "10,000", as `thousands` in list.rs. */
function thousands(n) {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** The list's state, read from the URL's query as the console does, so a reload keeps it. */
function stateFromQuery() {
  const params = new URLSearchParams(location.search);
  const sort = Number.parseInt(params.get('sort') ?? '', 10);
  const page = Number.parseInt(params.get('page') ?? '', 10);
  return {
    filter: params.get('q') ?? '',
    sort: Number.isNaN(sort) ? null : sort,
    descending: params.get('dir') === 'desc',
    page: Number.isNaN(page) ? 1 : page,
  };
}

/** Writes the state into the URL's query without a navigation, as `replace_query` does. */
function writeQuery(state) {
  const params = new URLSearchParams(location.search);
  const set = (key, value) => (value == null ? params.delete(key) : params.set(key, value));
  set('q', state.filter === '' ? null : state.filter);
  set('sort', state.sort == null ? null : String(state.sort));
  set('dir', state.descending ? 'desc' : null);
  set('page', state.page > 1 ? String(state.page) : null);
  const query = params.toString();
  if (location.search.replace(/^\?/, '') !== query) {
    history.replaceState(null, '', query === '' ? location.pathname : `${location.pathname}?${query}`);
  }
}

/** The rows the filter keeps, sorted: the `shown` memo of list.rs. */
function filterAndSort(rows, state) {
  const needle = state.filter.trim().toLowerCase();
  const matches = (row) =>
    needle === '' || COLUMNS.some((column) => row[column.key].toLowerCase().includes(needle));
  const shown = rows.filter(matches);
  const column = COLUMNS[state.sort];
  if (column) {
    // sort_by_cached_key: each key lowered once, a stable sort, then reversed for descending.
    const keyed = shown.map((row) => [row[column.key].toLowerCase(), row]);
    keyed.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const sorted = keyed.map(([, row]) => row);
    return state.descending ? sorted.reverse() : sorted;
  }
  return shown;
}

/** The "Provisioned by SCIM" cell: a SCIM badge and the externalId, each when there is one. */
function provisioningCell(row) {
  const cell = el('td');
  if (row.by_scim) cell.append(el('span', { class: 'badge badge-info' }, 'SCIM'));
  if (row.external_id != null) {
    cell.append(' ', el('span', { class: 'external-id' }, 'externalId ', el('code', {}, row.external_id)));
  }
  return cell;
}

/** One row as the console draws it: the name, linked, as the row's header cell. */
function rowElement(row) {
  const cells = COLUMNS.map((column, index) => {
    if (index === 0) {
      return el('th', { scope: 'row' }, el('a', { href: `/users/${row.sid}` }, row.name));
    }
    if (column.key === 'provisioning') return provisioningCell(row);
    return el('td', {}, row[column.key]);
  });
  return el('tr', {}, ...cells);
}

/** Makes `tbody` hold one row element per row of `pageRows`, in order, reusing the element of
 *  every row whose key (its SID) was already drawn, as Leptos's keyed <For> does. */
function reconcile(tbody, drawn, pageRows) {
  const wanted = new Map();
  pageRows.forEach((row, index) => {
    const tr = drawn.get(row.sid) ?? rowElement(row);
    wanted.set(row.sid, tr);
    const at = tbody.children[index];
    if (at !== tr) tbody.insertBefore(tr, at ?? null);
  });
  for (const [sid, tr] of drawn) if (!wanted.has(sid)) tr.remove();
  return wanted;
}

function header(organization) {
  return el(
    'header',
    { class: 'page-header' },
    el(
      'nav',
      { 'aria-label': 'Breadcrumb' },
      el(
        'ol',
        { class: 'breadcrumb' },
        el('li', {}, el('a', { href: '/' }, organization)),
        el('li', { 'aria-current': 'page' }, 'Users'),
      ),
    ),
    el('div', { class: 'page-title' }, el('h1', {}, 'Users')),
  );
}

/** The list and everything that updates it: the ListView component of list.rs. */
function listView(rows) {
  const state = stateFromQuery();
  const filterId = `filter-${NAMING.label.toLowerCase().replaceAll(' ', '-')}`;
  const input = el('input', { id: filterId, type: 'search' });
  input.value = state.filter;
  const count = el('span', { class: 'result-count', 'aria-live': 'polite' });
  const exportButton = el('button', { class: 'button button-small', type: 'button' }, 'Export CSV');
  const filterBar = el('div', { class: 'filter-bar' }, el('label', { for: filterId }, 'Filter'), input, count, exportButton);

  const headers = COLUMNS.map((column, index) => {
    const button = el('button', { class: 'sort', type: 'button' }, column.header);
    button.addEventListener('click', () => {
      if (state.sort === index) {
        state.descending = !state.descending;
      } else {
        state.sort = index;
        state.descending = false;
      }
      state.page = 1;
      update();
    });
    return el('th', { scope: 'col', 'aria-sort': 'none' }, button);
  });
  const tbody = el('tbody');
  const table = el('table', { class: 'table', 'aria-label': NAMING.label }, el('thead', {}, el('tr', {}, ...headers)), tbody);

  const empty = el('div', { class: 'empty-state' }, el('p'));
  const previous = el('button', { class: 'button button-small', type: 'button' }, 'Previous page');
  const pageText = el('span', { 'aria-live': 'polite' });
  const next = el('button', { class: 'button button-small', type: 'button' }, 'Next page');
  const pagination = el('nav', { class: 'pagination', 'aria-label': `${NAMING.label} pages` }, previous, pageText, next);
  const panel = el('section', { role: 'tabpanel' }, filterBar, table);

  input.addEventListener('input', () => {
    state.filter = input.value;
    state.page = 1;
    update();
  });
  previous.addEventListener('click', () => {
    state.page = current - 1;
    update();
  });
  next.addEventListener('click', () => {
    state.page = current + 1;
    update();
  });

  // The memos of list.rs: `shown` is computed again only when the filter or the sort changes.
  let shownFor = null;
  let shown = [];
  let current = 1;
  let drawn = new Map();

  function update() {
    const key = JSON.stringify([state.filter, state.sort, state.descending]);
    if (key !== shownFor) {
      shown = filterAndSort(rows, state);
      shownFor = key;
    }
    const pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
    current = Math.min(Math.max(state.page, 1), pages);
    const start = (current - 1) * PAGE_SIZE;
    drawn = reconcile(tbody, drawn, shown.slice(start, start + PAGE_SIZE));

    const noun = rows.length === 1 ? NAMING.one : NAMING.many;
    count.textContent =
      shown.length === rows.length
        ? `${thousands(rows.length)} ${noun}`
        : `${thousands(shown.length)} of ${thousands(rows.length)} ${noun}`;
    headers.forEach((th, index) => {
      const sort = state.sort !== index ? 'none' : state.descending ? 'descending' : 'ascending';
      if (th.getAttribute('aria-sort') !== sort) th.setAttribute('aria-sort', sort);
    });
    showEmptyState(shown.length === 0);
    showPagination(pages, current);
    writeQuery(state);
  }

  function showEmptyState(isEmpty) {
    empty.firstChild.textContent =
      rows.length === 0 ? NAMING.empty : `Nothing matches this filter. Clear it to see every ${NAMING.one}.`;
    if (isEmpty && !empty.parentNode) table.after(empty);
    if (!isEmpty) empty.remove();
  }

  function showPagination(pages, page) {
    if (pages <= 1) {
      pagination.remove();
      return;
    }
    previous.disabled = page === 1;
    next.disabled = page === pages;
    pageText.textContent = `Page ${page} of ${pages}`;
    if (!pagination.parentNode) panel.append(pagination);
  }

  update();
  return panel;
}

async function main() {
  const response = await fetch('users.json');
  const { organization, rows } = await response.json();
  const main = el('main', { class: 'main', id: 'main', tabindex: '-1' }, header(organization), listView(rows));
  // The console's shell: a sidebar column (empty here) and the main column, for the same layout.
  document.body.append(el('div', { class: 'shell' }, el('aside', { class: 'sidebar' }), main));
}

main();
