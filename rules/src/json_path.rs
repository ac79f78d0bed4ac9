//! Where in a JSON text a position falls, as a path such as `workspace.users[3].email`.
//!
//! serde_json says where reading failed only as a line and column. Tracking the path while
//! deserializing (serde_path_to_error) doubles the deserializing code in the download and slows
//! every read; finding it afterwards, in the text, costs nothing until something is wrong.

use serde_json::Value;

/// The path of the innermost key or value of `text` that spans the position serde_json reports
/// as `line` and `column`, below `root`. serde_json counts lines from 1 and reports the column
/// of the last byte it read, from 1: on that line, the byte offset just past it.
///
/// `text` is meant to be well-formed JSON that failed to deserialize; on any other the scanner
/// still ends, with a path that may be partial.
pub fn path_at(text: &str, line: usize, column: usize, root: &str) -> String {
    let mut scanner = Scanner { text, at: offset(text, line, column), pos: 0, path: Vec::new() };
    let path = scanner.value().unwrap_or_default();
    path.iter().fold(root.to_owned(), |text, segment| match segment {
        Segment::Index(index) => format!("{text}[{index}]"),
        Segment::Key(key) => key_path(text, key),
    })
}

/// `path` followed by `key`, quoted when it is not a plain name, as in
/// `workspace.dns["_twilio.owlcorp.com"]`.
pub fn key_path(path: String, key: &str) -> String {
    let plain = !key.is_empty() && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    match (plain, path.is_empty()) {
        (true, true) => key.to_owned(),
        (true, false) => format!("{path}.{key}"),
        (false, _) => format!("{path}[{}]", Value::from(key)),
    }
}

fn offset(text: &str, line: usize, column: usize) -> usize {
    let line_start = text
        .match_indices('\n')
        .nth(line.saturating_sub(2))
        .filter(|_| line > 1)
        .map_or(0, |(newline, _)| newline + 1);
    (line_start + column).min(text.len())
}

/// serde_json's own nesting limit.
const MAX_DEPTH: usize = 128;

#[derive(Clone)]
enum Segment {
    Key(String),
    Index(usize),
}

struct Scanner<'a> {
    text: &'a str,
    at: usize,
    pos: usize,
    path: Vec<Segment>,
}

impl Scanner<'_> {
    /// Reads one value; returns the path found once a key or value spanning `at` ends.
    fn value(&mut self) -> Option<Vec<Segment>> {
        // serde_json stops there too, so deeper nesting is never what it reports on.
        if self.path.len() > MAX_DEPTH {
            return Some(self.path.clone());
        }
        self.skip_space();
        let start = self.pos;
        let found = match self.peek()? {
            b'{' => self.object(),
            b'[' => self.array(),
            b'"' => {
                self.string();
                None
            }
            _ => {
                self.scalar();
                None
            }
        };
        found.or_else(|| self.spans(start).then(|| self.path.clone()))
    }

    fn object(&mut self) -> Option<Vec<Segment>> {
        self.pos += 1;
        loop {
            self.skip_space();
            match self.peek()? {
                b'}' => break,
                b',' => self.pos += 1,
                _ => {
                    let key_start = self.pos;
                    self.string();
                    let key = serde_json::from_str(self.text.get(key_start..self.pos)?).ok()?;
                    self.path.push(Segment::Key(key));
                    if self.spans(key_start) {
                        return Some(self.path.clone());
                    }
                    self.skip_space();
                    self.pos += 1; // the colon
                    if let Some(found) = self.value() {
                        return Some(found);
                    }
                    self.path.pop();
                }
            }
        }
        self.pos += 1;
        None
    }

    fn array(&mut self) -> Option<Vec<Segment>> {
        self.pos += 1;
        let mut index = 0;
        loop {
            self.skip_space();
            match self.peek()? {
                // A stray `}` ends the array too, so that a malformed text cannot hold the
                // scanner in place.
                b']' | b'}' => break,
                b',' => {
                    self.pos += 1;
                    index += 1;
                }
                _ => {
                    self.path.push(Segment::Index(index));
                    if let Some(found) = self.value() {
                        return Some(found);
                    }
                    self.path.pop();
                }
            }
        }
        self.pos += 1;
        None
    }

    fn string(&mut self) {
        let bytes = self.text.as_bytes();
        self.pos += 1;
        while let Some(&byte) = bytes.get(self.pos) {
            self.pos += if byte == b'\\' { 2 } else { 1 };
            if byte == b'"' {
                break;
            }
        }
        // A text cut short after a backslash must not leave the scanner past its end.
        self.pos = self.pos.min(bytes.len());
    }

    fn scalar(&mut self) {
        let bytes = self.text.as_bytes();
        // At least one byte, whatever it is: a malformed text must not hold the scanner in place.
        self.pos += 1;
        while bytes
            .get(self.pos)
            .is_some_and(|b| !matches!(b, b',' | b'}' | b']') && !b.is_ascii_whitespace())
        {
            self.pos += 1;
        }
    }

    /// Whether what was read from `start` up to here spans the position sought; serde_json
    /// reports a value's problem just after reading it.
    fn spans(&self, start: usize) -> bool {
        (start..=self.pos).contains(&self.at)
    }

    fn skip_space(&mut self) {
        let bytes = self.text.as_bytes();
        while bytes.get(self.pos).is_some_and(u8::is_ascii_whitespace) {
            self.pos += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::path_at;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Entry {
        #[serde(rename = "count")]
        _count: u32,
    }

    /// The path serde_json's error on `text`, read as a map of lists of entries, points to.
    fn failing_path(text: &str) -> String {
        let error = serde_json::from_str::<std::collections::BTreeMap<String, Vec<Entry>>>(text)
            .expect_err("the text is wrong somewhere");
        path_at(text, error.line(), error.column(), "top")
    }

    #[test]
    fn a_wrong_value_is_found_by_its_key_and_index_across_lines() {
        let text = "{\n  \"a b\": [\n    {\"count\": 1},\n    {\"count\": \"two\"}\n  ]\n}";
        assert_eq!(failing_path(text), "top[\"a b\"][1].count");
    }

    #[test]
    fn an_unknown_key_and_a_missing_one_are_found() {
        assert_eq!(failing_path(r#"{"x":[{"count":1,"extra":2}]}"#), "top.x[0].extra");
        assert_eq!(failing_path(r#"{"x":[{"count":1},{}]}"#), "top.x[1]");
    }

    #[test]
    fn a_malformed_text_ends_the_scan_at_every_position() {
        let texts =
            [r#"{"users":[{"a":1},{"b":2}},"x":1}"#, r#"{"na\"#, r#"{"a":[1,}"#, "]]]", r"\"];
        for text in texts {
            for column in 0..=text.len() + 2 {
                path_at(text, 1, column, "top");
            }
        }
    }

    #[test]
    fn an_escaped_key_reads_as_its_text() {
        assert_eq!(failing_path(r#"{"q\"\u0041":[{"count":-1}]}"#), "top[\"q\\\"A\"][0].count");
    }
}
