//! The one list of the console: a real table with a filter, a result count, sortable headers,
//! pages of 50 rows, an empty state and "Export CSV" of the rows as filtered and sorted. The
//! filter, the sort and the page live in the URL's query, so a reload or a shared link shows the
//! same rows. Filtering and sorting are memos over the rows; only the shown page is drawn.

use super::download::download;
use crate::url_query::{query_value, replace_query};
use leptos::prelude::*;

/// Rows drawn at once: a page of 10,000 rows costs seconds to paint, 50 cost milliseconds.
pub const PAGE_SIZE: usize = 50;

/// One column: its header, the text of a cell (what the filter searches, the sort orders and
/// the CSV holds), and how a cell is shown when not as that text. A column of actions has no
/// text: it is not sorted, searched or exported.
pub struct Column<T> {
    pub header: &'static str,
    pub text: Option<fn(&T) -> String>,
    pub view: Option<fn(&T) -> AnyView>,
}

impl<T> Column<T> {
    pub fn text(header: &'static str, text: fn(&T) -> String) -> Self {
        Self { header, text: Some(text), view: None }
    }

    pub fn shown(header: &'static str, text: fn(&T) -> String, view: fn(&T) -> AnyView) -> Self {
        Self { header, text: Some(text), view: Some(view) }
    }

    pub fn actions(header: &'static str, view: fn(&T) -> AnyView) -> Self {
        Self { header, text: None, view: Some(view) }
    }

    fn cell_text(&self, row: &T) -> Option<String> {
        self.text.map(|text| text(row))
    }
}

/// What a list is called: "Managed users" names the table and its CSV file; the nouns count.
#[derive(Clone, Copy)]
pub struct Naming {
    pub label: &'static str,
    pub one: &'static str,
    pub many: &'static str,
    /// What the empty state says to do.
    pub empty: &'static str,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Direction {
    Ascending,
    Descending,
}

/// A list of `rows`, the first column being each row's header cell.
#[component]
pub fn ListView<T>(
    naming: Naming,
    #[prop(into)] rows: Signal<Vec<T>>,
    columns: Vec<Column<T>>,
    /// A row's identity, stable across changes.
    key: fn(&T) -> String,
) -> impl IntoView
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    let columns = StoredValue::new(columns);
    let filter = RwSignal::new(query_value("q").unwrap_or_default());
    let sort = RwSignal::new(query_value("sort").and_then(|s| s.parse::<usize>().ok()));
    let direction = RwSignal::new(match query_value("dir").as_deref() {
        Some("desc") => Direction::Descending,
        _ => Direction::Ascending,
    });
    let page =
        RwSignal::new(query_value("page").and_then(|p| p.parse::<usize>().ok()).unwrap_or(1));
    Effect::new(move |_| {
        let descending = direction.get() == Direction::Descending;
        replace_query(&[
            ("q", Some(filter.get()).filter(|q| !q.is_empty())),
            ("sort", sort.get().map(|column| column.to_string())),
            ("dir", descending.then(|| "desc".to_owned())),
            ("page", Some(page.get()).filter(|p| *p > 1).map(|p| p.to_string())),
        ]);
    });

    // The positions in `rows` of the rows shown, in order: a keystroke copies no row.
    let shown = Memo::new(move |_| {
        let needle = filter.get().trim().to_lowercase();
        let (sort, direction) = (sort.get(), direction.get());
        rows.with(|rows| {
            columns.with_value(|columns| {
                let mut shown: Vec<usize> =
                    (0..rows.len()).filter(|&at| matches(columns, &rows[at], &needle)).collect();
                if let Some(text) = sort.and_then(|index| columns.get(index)?.text) {
                    shown.sort_by_cached_key(|&at| text(&rows[at]).to_lowercase());
                    if direction == Direction::Descending {
                        shown.reverse();
                    }
                }
                shown
            })
        })
    });
    let pages = Memo::new(move |_| shown.with(Vec::len).div_ceil(PAGE_SIZE).max(1));
    let current = Memo::new(move |_| page.get().clamp(1, pages.get()));
    let page_rows = Memo::new(move |_| {
        let start = (current.get() - 1) * PAGE_SIZE;
        shown.with(|shown| {
            rows.with(|rows| rows_at(rows, shown.iter().copied().skip(start).take(PAGE_SIZE)))
        })
    });

    let count = move || {
        let (shown, all) = (shown.with(Vec::len), rows.with(Vec::len));
        let noun = if all == 1 { naming.one } else { naming.many };
        if shown == all {
            format!("{} {noun}", thousands(all))
        } else {
            format!("{} of {} {noun}", thousands(shown), thousands(all))
        }
    };
    let export_problem = RwSignal::new(None::<String>);
    let export = move |_| {
        let text = shown.with(|shown| {
            rows.with(|rows| {
                let shown_rows = shown.iter().filter_map(|&at| rows.get(at));
                columns.with_value(|columns| to_csv(columns, shown_rows))
            })
        });
        let file = format!("{}.csv", naming.label.to_lowercase().replace(' ', "-"));
        export_problem.set(download(&file, "text/csv", &text).err());
    };
    let filter_id = format!("filter-{}", naming.label.to_lowercase().replace(' ', "-"));

    let headers = columns.with_value(|columns| {
        columns
            .iter()
            .enumerate()
            .map(|(index, column)| {
                let aria_sort = move || match (sort.get() == Some(index), direction.get()) {
                    (false, _) => "none",
                    (true, Direction::Ascending) => "ascending",
                    (true, Direction::Descending) => "descending",
                };
                let toggle = move |_| {
                    if sort.get_untracked() == Some(index) {
                        direction.update(|d| {
                            *d = match d {
                                Direction::Ascending => Direction::Descending,
                                Direction::Descending => Direction::Ascending,
                            }
                        });
                    } else {
                        sort.set(Some(index));
                        direction.set(Direction::Ascending);
                    }
                    page.set(1);
                };
                match column.text {
                    Some(_) => view! {
                        <th scope="col" aria-sort=aria_sort>
                            <button type="button" class="sort" on:click=toggle>{column.header}</button>
                        </th>
                    }
                    .into_any(),
                    None => view! { <th scope="col">{column.header}</th> }.into_any(),
                }
            })
            .collect_view()
    });

    view! {
        <div class="filter-bar">
            <label for=filter_id.clone()>"Filter"</label>
            <input
                id=filter_id
                type="search"
                prop:value=filter
                on:input:target=move |ev| {
                    filter.set(ev.target().value());
                    page.set(1);
                }
            />
            <span class="result-count" aria-live="polite">{count}</span>
            <button type="button" class="button button-small" on:click=export>"Export CSV"</button>
        </div>
        {move || export_problem.get().map(|why| view! { <p class="alert alert-error" role="alert">{why}</p> })}
        <table class="table" aria-label=naming.label>
            <thead>
                <tr>{headers}</tr>
            </thead>
            <tbody>
                <For
                    each=move || page_rows.get()
                    key=move |row| key(row)
                    children=move |row| {
                        let cells = columns.with_value(|columns| {
                            columns
                                .iter()
                                .enumerate()
                                .map(|(index, column)| {
                                    let content = match column.view {
                                        Some(view) => view(&row),
                                        None => column.cell_text(&row).into_any(),
                                    };
                                    if index == 0 {
                                        view! { <th scope="row">{content}</th> }.into_any()
                                    } else {
                                        view! { <td>{content}</td> }.into_any()
                                    }
                                })
                                .collect_view()
                        });
                        view! { <tr>{cells}</tr> }
                    }
                />
            </tbody>
        </table>
        <Show when=move || shown.with(Vec::is_empty)>
            <div class="empty-state">
                {move || {
                    if rows.with(Vec::is_empty) {
                        view! { <p>{naming.empty}</p> }.into_any()
                    } else {
                        view! { <p>"Nothing matches this filter. Clear it to see every " {naming.one} "."</p> }.into_any()
                    }
                }}
            </div>
        </Show>
        <Show when=move || { pages.get() > 1 }>
            <nav class="pagination" aria-label=format!("{} pages", naming.label)>
                <button type="button" class="button button-small" prop:disabled=move || current.get() == 1 on:click=move |_| page.set(current.get_untracked() - 1)>
                    "Previous page"
                </button>
                <span aria-live="polite">{move || format!("Page {} of {}", current.get(), pages.get())}</span>
                <button type="button" class="button button-small" prop:disabled=move || current.get() == pages.get() on:click=move |_| page.set(current.get_untracked() + 1)>
                    "Next page"
                </button>
            </nav>
        </Show>
    }
}

/// Whether the text of one of `row`'s columns holds `needle`, which is lower-case.
fn matches<T>(columns: &[Column<T>], row: &T, needle: &str) -> bool {
    needle.is_empty()
        || columns
            .iter()
            .filter_map(|c| c.cell_text(row))
            .any(|text| text.to_lowercase().contains(needle))
}

/// The rows at `positions`, in their order.
fn rows_at<T: Clone>(rows: &[T], positions: impl Iterator<Item = usize>) -> Vec<T> {
    positions.filter_map(|position| rows.get(position).cloned()).collect()
}

/// The rows as CSV, one column per column of the list, headers first.
fn to_csv<'a, T: 'a>(columns: &[Column<T>], rows: impl Iterator<Item = &'a T>) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let exported: Vec<_> = columns.iter().filter(|c| c.text.is_some()).collect();
    // Writing to memory cannot fail; a row that could not be written would only be left out.
    let _ = writer.write_record(exported.iter().map(|c| c.header));
    for row in rows {
        let _ = writer.write_record(exported.iter().filter_map(|c| c.cell_text(row)));
    }
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// 10000 as "10,000".
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}
