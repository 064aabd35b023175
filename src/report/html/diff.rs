//! A unified diff (`similar`'s format) parsed into rows and drawn side by side, with the changed
//! part of each changed line marked.

use std::fmt::Write as _;

use super::page::{escape, plural};

/// One row of a side-by-side diff.
enum Row<'a> {
    /// A hunk header.
    Hunk(&'a str),
    /// A line on either side (`None`: nothing on that side); `changed` marks removed/added.
    Line {
        left: Option<(usize, &'a str)>,
        right: Option<(usize, &'a str)>,
        changed: bool,
    },
}

/// Parses `@@ -a,b +c,d @@` into the first line numbers of each side.
fn hunk_starts(header: &str) -> (usize, usize) {
    let mut parts = header.split_whitespace().skip(1);
    let mut start = |prefix: char| {
        parts
            .next()
            .and_then(|p| p.strip_prefix(prefix))
            .and_then(|p| p.split(',').next())
            .and_then(|n| n.parse().ok())
            .unwrap_or(1)
    };
    let old = start('-');
    let new = start('+');
    (old, new)
}

/// Pairs pending removed and added lines into rows, row by row.
fn flush_changes<'a>(
    rows: &mut Vec<Row<'a>>,
    dels: &mut Vec<(usize, &'a str)>,
    adds: &mut Vec<(usize, &'a str)>,
) {
    let n = dels.len().max(adds.len());
    let mut d = dels.drain(..);
    let mut a = adds.drain(..);
    for _ in 0..n {
        rows.push(Row::Line {
            left: d.next(),
            right: a.next(),
            changed: true,
        });
    }
}

/// Parses a unified diff into titles and side-by-side rows.
fn parse_unified(diff: &str) -> (String, String, Vec<Row<'_>>) {
    let mut old_title = String::from("before");
    let mut new_title = String::from("after");
    let mut rows = Vec::new();
    let (mut ln_old, mut ln_new) = (1usize, 1usize);
    let mut dels: Vec<(usize, &str)> = Vec::new();
    let mut adds: Vec<(usize, &str)> = Vec::new();
    let mut in_hunk = false;
    for line in diff.lines() {
        if !in_hunk && let Some(t) = line.strip_prefix("--- ") {
            t.clone_into(&mut old_title);
        } else if !in_hunk && let Some(t) = line.strip_prefix("+++ ") {
            t.clone_into(&mut new_title);
        } else if line.starts_with("@@") {
            flush_changes(&mut rows, &mut dels, &mut adds);
            in_hunk = true;
            (ln_old, ln_new) = hunk_starts(line);
            rows.push(Row::Hunk(line));
        } else if let Some(t) = line.strip_prefix('-') {
            dels.push((ln_old, t));
            ln_old += 1;
        } else if let Some(t) = line.strip_prefix('+') {
            adds.push((ln_new, t));
            ln_new += 1;
        } else if line.starts_with('\\') {
            // "\ No newline at end of file"
        } else {
            flush_changes(&mut rows, &mut dels, &mut adds);
            let t = line.strip_prefix(' ').unwrap_or(line);
            rows.push(Row::Line {
                left: Some((ln_old, t)),
                right: Some((ln_new, t)),
                changed: false,
            });
            ln_old += 1;
            ln_new += 1;
        }
    }
    flush_changes(&mut rows, &mut dels, &mut adds);
    (old_title, new_title, rows)
}

/// Highlights what changed between a removed and an added line (word level, `similar`).
fn inline_changes(old: &str, new: &str) -> (String, String) {
    let diff = similar::TextDiff::from_words(old, new);
    let (mut left, mut right) = (String::new(), String::new());
    for change in diff.iter_all_changes() {
        let text = escape(change.value());
        match change.tag() {
            similar::ChangeTag::Equal => {
                left.push_str(&text);
                right.push_str(&text);
            }
            similar::ChangeTag::Delete => {
                let _ = write!(left, "<del>{text}</del>");
            }
            similar::ChangeTag::Insert => {
                let _ = write!(right, "<ins>{text}</ins>");
            }
        }
    }
    (left, right)
}

pub(super) fn side_by_side(page: &mut String, diff: &str) {
    let (old_title, new_title, rows) = parse_unified(diff);
    let changed = rows
        .iter()
        .filter(|r| matches!(r, Row::Line { changed: true, .. }))
        .count();
    let _ = write!(
        page,
        "<details class=\"diff\">\n<summary>Side-by-side diff: <code>{}</code> → <code>{}</code> ({})</summary>\n\
         <div class=\"sbs-wrap\"><table class=\"sbs\">\n<caption class=\"sr\">Removed lines are on the left, added lines on the right; changed words are marked</caption>\n\
         <colgroup><col class=\"ln\"><col class=\"code\"><col class=\"ln\"><col class=\"code\"></colgroup>\n\
         <thead><tr><th scope=\"col\" colspan=\"2\">{}</th><th scope=\"col\" colspan=\"2\">{}</th></tr></thead>\n<tbody>\n",
        escape(&old_title),
        escape(&new_title),
        plural(changed, "changed line"),
        escape(&old_title),
        escape(&new_title)
    );
    for row in &rows {
        match row {
            Row::Hunk(h) => {
                let _ = writeln!(
                    page,
                    "<tr class=\"hunk\"><td colspan=\"4\">{}</td></tr>",
                    escape(h)
                );
            }
            Row::Line {
                left,
                right,
                changed,
            } => {
                let (l, r) = match (left, right, changed) {
                    (Some((_, a)), Some((_, b)), true) => inline_changes(a, b),
                    _ => (
                        left.map(|(_, t)| escape(t)).unwrap_or_default(),
                        right.map(|(_, t)| escape(t)).unwrap_or_default(),
                    ),
                };
                let cell = |side: &Option<(usize, &str)>, html: &str, kind: &str| match side {
                    Some((n, _)) => format!(
                        "<td class=\"ln\">{n}</td><td class=\"code{}\">{}{html}</td>",
                        if *changed { kind } else { "" },
                        if *changed {
                            if kind == " del" {
                                "<span class=\"sr\">removed: </span>"
                            } else {
                                "<span class=\"sr\">added: </span>"
                            }
                        } else {
                            ""
                        }
                    ),
                    None => "<td class=\"ln\"></td><td class=\"code empty\"></td>".to_owned(),
                };
                let _ = writeln!(
                    page,
                    "<tr{}>{}{}</tr>",
                    if *changed { " class=\"changed\"" } else { "" },
                    cell(left, &l, " del"),
                    cell(right, &r, " add")
                );
            }
        }
    }
    page.push_str("</tbody>\n</table></div>\n</details>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn side_by_side_pairs_removed_and_added_lines() {
        let (old, new, rows) =
            parse_unified("--- a\n+++ b\n@@ -10,3 +10,4 @@\n x\n-y\n+y2\n+z\n w\n");
        assert_eq!((old.as_str(), new.as_str()), ("a", "b"));
        let lines: Vec<(Option<usize>, Option<usize>, bool)> = rows
            .iter()
            .filter_map(|r| match r {
                Row::Line {
                    left,
                    right,
                    changed,
                } => Some((left.map(|l| l.0), right.map(|r| r.0), *changed)),
                Row::Hunk(_) => None,
            })
            .collect();
        assert_eq!(
            lines,
            vec![
                (Some(10), Some(10), false),
                (Some(11), Some(11), true),
                (None, Some(12), true),
                (Some(12), Some(13), false),
            ]
        );
    }
}
