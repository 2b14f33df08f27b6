//! Where in a JSON text an error happened, as a path like `schedule.events[3].date`.
//!
//! serde_json reports a line and column; users and the city office need the field. This
//! small scanner walks the text up to that point keeping a stack of object keys and array
//! indices. (A tracking deserializer would do the same at ~100 KB of WebAssembly.)

enum Frame {
    Object {
        key: Option<String>,
        after_colon: bool,
    },
    Array {
        index: usize,
    },
}

/// Byte offset of 1-based `line` and `column` (serde_json counts columns in bytes).
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let mut offset = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            return (offset + column).min(text.len());
        }
        offset += l.len();
    }
    text.len()
}

/// The path of the value being read at `line`/`column` of `text` (empty at the top level).
pub fn path_at(text: &str, line: usize, column: usize) -> String {
    let end = offset_of(text, line, column);
    let bytes = text.as_bytes();
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < end {
        match bytes[i] {
            b'{' => stack.push(Frame::Object {
                key: None,
                after_colon: false,
            }),
            b'[' => stack.push(Frame::Array { index: 0 }),
            b'}' | b']' => {
                stack.pop();
            }
            b':' => {
                if let Some(Frame::Object { after_colon, .. }) = stack.last_mut() {
                    *after_colon = true;
                }
            }
            b',' => match stack.last_mut() {
                Some(Frame::Array { index }) => *index += 1,
                Some(Frame::Object { key, after_colon }) => {
                    *key = None;
                    *after_colon = false;
                }
                None => {}
            },
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    if bytes[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
                if let Some(Frame::Object {
                    key,
                    after_colon: false,
                }) = stack.last_mut()
                {
                    *key = Some(text.get(start..i.min(text.len())).unwrap_or("").to_string());
                }
            }
            _ => {}
        }
        i += 1;
    }
    let mut path = String::new();
    for frame in &stack {
        match frame {
            Frame::Object { key: Some(k), .. } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(k);
            }
            Frame::Object { key: None, .. } => {}
            Frame::Array { index } => path.push_str(&format!("[{index}]")),
        }
    }
    path
}

/// serde_json's message without its " at line L column C" suffix.
pub fn bare_message(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.rfind(" at line ") {
        Some(pos) => s[..pos].to_string(),
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)] // fields exist to be type-checked by serde
    struct Doc {
        a: Inner,
        list: Vec<Item>,
    }
    #[derive(Debug, Deserialize)]
    #[allow(dead_code)] // fields exist to be type-checked by serde
    struct Inner {
        ja: String,
    }
    #[derive(Debug, Deserialize)]
    #[allow(dead_code)] // fields exist to be type-checked by serde
    struct Item {
        date: String,
    }

    fn path_of(text: &str) -> String {
        match serde_json::from_str::<Doc>(text) {
            Ok(_) => "ok".into(),
            Err(e) => path_at(text, e.line(), e.column()),
        }
    }

    #[test]
    fn finds_the_path_of_a_type_error() {
        assert_eq!(path_of(r#"{"a":{"ja":5},"list":[]}"#), "a.ja");
        assert_eq!(
            path_of("{\"a\": {\"ja\": \"x\"},\n \"list\": [{\"date\": \"d\"}, {\"date\": 7}]}"),
            "list[1].date"
        );
        assert_eq!(
            path_of(r#"{"a":{"ja":"a,b:\"c"},"list":[{"date":"x"},{"date":[1]}]}"#),
            "list[1].date"
        );
    }

    #[test]
    fn never_panics_on_odd_positions() {
        assert_eq!(path_at("", 5, 5), "");
        assert_eq!(path_at("{\"a\":[1,2", 1, 99), "a[1]");
        assert_eq!(path_at("\"unterminated", 1, 3), "");
    }
}
