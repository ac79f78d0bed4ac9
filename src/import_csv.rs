//! Reading an Import Users file: CSV whose first line names the columns, one of them `email`
//! and optionally `name` (or `first name` and `last name`). A line that cannot be read is
//! reported with its number and the problem, and the other lines still count; only a file
//! that is not CSV at all, or has no email column, is refused whole. Whether a row may be
//! imported is not decided here: the rules crate judges the rows read.

use org_rules::command::ImportedUser;

/// What "Download template" gives: the header and one example row.
pub const TEMPLATE: &str = "email,name\njane.doe@corporate.com,Jane Doe\n";

/// One line of the file after the header: the user it lists, or why it cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    /// The line number in the file, the header being line 1.
    pub number: u64,
    pub content: Result<ImportedUser, String>,
}

/// Where the columns the import uses are.
struct Columns {
    email: usize,
    name: Name,
}

enum Name {
    None,
    Full(usize),
    Parts { first: Option<usize>, last: Option<usize> },
}

/// Reads `text` as an Import Users file: every line after the header, or why the whole file
/// cannot be read.
pub fn read(text: &str) -> Result<Vec<Line>, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(
            "The file is empty. Its first line names the columns, such as email,name.".into()
        );
    }
    if text.contains('\0') {
        return Err("This is not a CSV file: it holds binary data. Save the list as CSV (comma-separated values) and choose that file.".into());
    }
    let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(text.as_bytes());
    let headers =
        reader.headers().map_err(|error| format!("The first line cannot be read: {error}."))?;
    let columns = columns(headers)?;
    let width = headers.len();
    // The reader counts no blank lines, and places a record after blank lines at the first of
    // them; the line is where its first field starts in the text.
    let starts: Vec<usize> =
        std::iter::once(0).chain(text.match_indices('\n').map(|(at, _)| at + 1)).collect();
    let line_at = |position: Option<&csv::Position>| {
        let from = position.map_or(0, |p| p.byte() as usize);
        let rest = text.get(from..).unwrap_or_default();
        let first_field = from + rest.len() - rest.trim_start_matches(['\r', '\n']).len();
        starts.partition_point(|start| *start <= first_field) as u64
    };
    let lines = reader
        .records()
        .map(|record| match record {
            Ok(record) => {
                Line { number: line_at(record.position()), content: user(&record, &columns) }
            }
            Err(error) => {
                Line { number: line_at(error.position()), content: Err(problem(&error, width)) }
            }
        })
        .collect();
    Ok(lines)
}

/// Finds the email and name columns in the header, whatever their case and spacing.
fn columns(headers: &csv::StringRecord) -> Result<Columns, String> {
    let find =
        |names: &[&str]| headers.iter().position(|h| names.contains(&simplified(h).as_str()));
    let email = find(&["email", "emailaddress", "mail"]).ok_or_else(|| {
        let found = headers.iter().map(str::trim).collect::<Vec<_>>().join(", ");
        format!(
            "The file has no email column. Its first line must name the columns, such as email,name; this one reads: {found}."
        )
    })?;
    let name = match find(&["name", "fullname", "displayname", "friendlyname"]) {
        Some(full) => Name::Full(full),
        None => {
            let first = find(&["firstname", "givenname"]);
            let last = find(&["lastname", "familyname", "surname"]);
            if first.is_none() && last.is_none() { Name::None } else { Name::Parts { first, last } }
        }
    };
    Ok(Columns { email, name })
}

/// A header as compared: lower case, without spaces, dashes or underscores ("E-mail Address").
fn simplified(header: &str) -> String {
    header.chars().filter(|c| !matches!(c, ' ' | '-' | '_')).flat_map(char::to_lowercase).collect()
}

fn user(record: &csv::StringRecord, columns: &Columns) -> Result<ImportedUser, String> {
    let cell = |index: Option<usize>| index.and_then(|i| record.get(i)).unwrap_or("").trim();
    let email = cell(Some(columns.email));
    if email.is_empty() {
        return Err("the email cell is empty".into());
    }
    let name = match columns.name {
        Name::None => String::new(),
        Name::Full(index) => cell(Some(index)).to_owned(),
        Name::Parts { first, last } => format!("{} {}", cell(first), cell(last)).trim().to_owned(),
    };
    Ok(ImportedUser { email: email.to_owned(), name })
}

/// What is wrong with a line the CSV reader refused, in a person's words.
fn problem(error: &csv::Error, width: usize) -> String {
    match error.kind() {
        csv::ErrorKind::UnequalLengths { len, .. } => {
            format!("it has {len} fields where the first line names {width} columns")
        }
        _ => error.to_string(),
    }
}
