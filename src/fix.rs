//! `--fix`: applies machine-applicable suggestions, as `cargo clippy --fix` does.
//!
//! A file is fixed in memory first (lint, apply the edits that do not overlap, lint again,
//! up to [`MAX_ROUNDS`]), and the result must parse; only then is it written, to a temporary
//! file in the same folder that is renamed over the original. A file with uncommitted changes,
//! or outside version control, is refused unless the user allows it: `--fix` must never be
//! the only copy of someone's work.

use std::fs;
use std::io::{self, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::diagnostic::Edit;
use crate::engine::{FileError, Report, Settings, lint_text};
use crate::semantics::summaries::Imported;
use crate::walk;

/// Fixing can reveal another fixable finding (a fixed call inside another); cargo fix also
/// stops after a few rounds.
const MAX_ROUNDS: usize = 4;

/// What the user allows `--fix` to touch.
#[derive(Clone, Copy, Debug, Default)]
pub struct Policy {
    /// Fix files with uncommitted changes (`--allow-dirty`).
    pub allow_dirty: bool,
    /// Fix files that no version control knows (`--allow-no-vcs`).
    pub allow_no_vcs: bool,
}

/// What `--fix` did.
#[derive(Debug, Default)]
pub struct Summary {
    /// Files written, with the number of fixes applied to each.
    pub fixed: Vec<(PathBuf, usize)>,
    /// Files with fixes that were left as they were, and why.
    pub refused: Vec<FileError>,
}

impl Summary {
    /// Names the files as datelint shows them, relative to `base`.
    pub fn show_paths_from(&mut self, base: &Path) {
        for (path, _) in &mut self.fixed {
            *path = crate::source::shown_path(path, base);
        }
        for error in &mut self.refused {
            error.path = crate::source::shown_path(&error.path, base);
        }
    }
}

/// Applies the groups of edits that do not overlap an earlier group; a group is applied
/// whole or not at all. Identical insertions (the same `use` item) are made once. Returns the
/// new text and the number of groups applied.
pub fn apply(text: &str, groups: &[Vec<Edit>]) -> (String, usize) {
    let mut accepted: Vec<&Edit> = Vec::new();
    let mut applied = 0;
    for group in groups {
        let fresh: Vec<&Edit> = group.iter().filter(|e| !accepted.contains(e)).collect();
        let fits = group.iter().all(|e| {
            e.span.start <= e.span.end
                && text.is_char_boundary(e.span.start)
                && text.is_char_boundary(e.span.end)
        });
        let clear = fresh.iter().all(|e| {
            !accepted.iter().any(|a| overlaps(&a.span, &e.span))
                && !fresh
                    .iter()
                    .any(|o| !std::ptr::eq(*o, *e) && overlaps(&o.span, &e.span))
        });
        if fits && clear {
            accepted.extend(fresh);
            applied += 1;
        }
    }
    accepted.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for edit in accepted {
        out.push_str(&text[at..edit.span.start]);
        out.push_str(&edit.text);
        at = edit.span.end;
    }
    out.push_str(&text[at..]);
    (out, applied)
}

/// Two edits overlap if they share a byte, or insert at the same place (whose order would
/// be a guess).
fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    if a.is_empty() || b.is_empty() {
        a.start == b.start
            || (a.start > b.start && a.start < b.end)
            || (b.start > a.start && b.start < a.end)
    } else {
        a.start < b.end && b.start < a.end
    }
}

/// Fixes source text as if it were the file at `path`: returns the fixed text and the number
/// of fixes, or why it cannot be fixed. The text is unchanged when nothing is fixable.
pub fn fix_source(path: &Path, text: &str, settings: &Settings) -> Result<(String, usize), String> {
    fix_text(path, text, settings, &Imported::default())
}

/// Fixes `text` as linted with the summaries of the functions it calls in other files.
fn fix_text(
    path: &Path,
    text: &str,
    settings: &Settings,
    imported: &Imported,
) -> Result<(String, usize), String> {
    let mut current = text.to_string();
    let mut total = 0;
    for _ in 0..MAX_ROUNDS {
        let findings = lint_text(path, &current, settings, imported.clone(), &[])?.findings;
        let groups: Vec<Vec<Edit>> = findings
            .iter()
            .map(|f| f.diagnostic.fix())
            .filter(|edits| !edits.is_empty())
            .collect();
        let (next, applied) = apply(&current, &groups);
        if applied == 0 {
            break;
        }
        if let Err(error) = crate::parse::parse_file(&next) {
            return Err(format!(
                "the fixes would not parse ({}); the file was left as it was, please report it",
                error.message
            ));
        }
        current = next;
        total += applied;
    }
    if total > 0 {
        current = without_unused_datelike(text, current);
    }
    Ok((current, total))
}

/// chrono's `Datelike` methods. A file that calls none of them and names the trait nowhere
/// but in its `use` items does not need it in scope: rustc would warn of an unused import.
const DATELIKE_METHODS: &[&str] = &[
    "year",
    "year_ce",
    "quarter",
    "month",
    "month0",
    "day",
    "day0",
    "ordinal",
    "ordinal0",
    "weekday",
    "iso_week",
    "with_year",
    "with_month",
    "with_month0",
    "with_day",
    "with_day0",
    "with_ordinal",
    "with_ordinal0",
    "num_days_from_ce",
    "num_days_in_month",
    "years_since",
];

/// `fixed` without the imports of chrono's `Datelike` that the fixes left unused
/// (`d.with_year(d.year() + 1)` was the only use): the trait's name is taken out of its
/// `use` item, or the item removed when it held nothing else. Each module (the file, each
/// inline `mod`) is judged on its own, as rustc does: kept where the module did not need the
/// trait before the fixes either, or may still need it.
fn without_unused_datelike(original: &str, fixed: String) -> String {
    let (Ok(before), Ok(after)) = (
        crate::parse::parse_file(original),
        crate::parse::parse_file(&fixed),
    ) else {
        return fixed;
    };
    let (mut needed_before, mut needed_after) = (Vec::new(), Vec::new());
    needs_datelike(&before.items, &mut needed_before);
    needs_datelike(&after.items, &mut needed_after);
    let mut cuts: Vec<(Range<usize>, String)> = Vec::new();
    // Fixes add or remove no module, so the two lists pair up in order.
    if needed_before.len() == needed_after.len() {
        for ((_, was), (items, is)) in needed_before.iter().zip(&needed_after) {
            if !*was || *is {
                continue;
            }
            for item in *items {
                if let syn::Item::Use(item) = item {
                    datelike_cuts(&fixed, item, &mut cuts);
                }
            }
        }
    }
    proc_macro2::extra::invalidate_current_thread_spans();
    let mut result = fixed.clone();
    cuts.sort_by_key(|(cut, _)| std::cmp::Reverse(cut.start));
    for (cut, replacement) in cuts {
        result.replace_range(cut, &replacement);
    }
    // Never worse than before: a text that no longer parses keeps its import.
    match crate::parse::parse_file(&result) {
        Ok(_) => result,
        Err(_) => fixed,
    }
}

/// Each module of `items` (the file first, then its inline modules in order) with whether
/// it needs `Datelike` in scope: its own code may use the trait, or an inline module that
/// imports from it (`use super::*`) needs it.
fn needs_datelike<'a>(items: &'a [syn::Item], modules: &mut Vec<(&'a [syn::Item], bool)>) -> bool {
    let at = modules.len();
    modules.push((items, false));
    let mut own = proc_macro2::TokenStream::new();
    let mut needed = false;
    for item in items {
        match item {
            syn::Item::Mod(syn::ItemMod {
                content: Some((_, inner)),
                ..
            }) => {
                let from_here = inner.iter().any(|item| {
                    matches!(item, syn::Item::Use(u)
                        if matches!(&u.tree, syn::UseTree::Path(p) if p.ident == "super"))
                });
                needed |= needs_datelike(inner, modules) && from_here;
            }
            _ => own.extend(quote::ToTokens::to_token_stream(item)),
        }
    }
    needed |= uses_datelike(own);
    modules[at].1 = needed;
    needed
}

/// Whether `tokens` may use `Datelike`: a call of one of its methods, or its name anywhere
/// but after `use`.
fn uses_datelike(tokens: proc_macro2::TokenStream) -> bool {
    fn visit(tokens: proc_macro2::TokenStream, in_use: bool) -> bool {
        let mut previous_dot = false;
        let mut in_use = in_use;
        for token in tokens {
            match token {
                proc_macro2::TokenTree::Ident(ident) => {
                    let name = ident.to_string();
                    if (previous_dot && DATELIKE_METHODS.contains(&name.as_str()))
                        || (name == "Datelike" && !in_use)
                    {
                        return true;
                    }
                    in_use |= name == "use";
                    previous_dot = false;
                }
                proc_macro2::TokenTree::Group(group) => {
                    if visit(group.stream(), in_use) {
                        return true;
                    }
                    previous_dot = false;
                }
                proc_macro2::TokenTree::Punct(punct) => {
                    previous_dot = punct.as_char() == '.';
                    in_use &= punct.as_char() != ';';
                }
                proc_macro2::TokenTree::Literal(_) => previous_dot = false,
            }
        }
        false
    }
    visit(tokens, false)
}

/// The byte ranges to replace in `text`, and with what, to take `Datelike` out of the `use`
/// item `item` (`chrono::Datelike`, `chrono::prelude::Datelike`, or one name of a group; a
/// group left with one name loses its braces, as rustfmt writes it).
fn datelike_cuts(text: &str, item: &syn::ItemUse, cuts: &mut Vec<(Range<usize>, String)>) {
    let mut tree = &item.tree;
    let mut path = Vec::new();
    while let syn::UseTree::Path(segment) = tree {
        path.push(segment.ident.to_string());
        tree = &segment.tree;
    }
    if !matches!(path.as_slice(), [c] | [c, _] if c == "chrono")
        || path.get(1).is_some_and(|p| p != "prelude")
    {
        return;
    }
    let is_datelike =
        |tree: &syn::UseTree| matches!(tree, syn::UseTree::Name(name) if name.ident == "Datelike");
    match tree {
        tree if is_datelike(tree) => {
            // The whole item, with its line when it stands alone on it.
            let span = syn::spanned::Spanned::span(item).byte_range();
            let line_start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
            let line_end = text[span.end..]
                .find('\n')
                .map_or(text.len(), |i| span.end + i + 1);
            let alone = text[line_start..span.start].trim().is_empty()
                && text[span.end..line_end].trim().is_empty();
            cuts.push((
                if alone { line_start..line_end } else { span },
                String::new(),
            ));
        }
        syn::UseTree::Group(group) => {
            let pairs: Vec<_> = group.items.pairs().collect();
            let Some(at) = pairs.iter().position(|pair| is_datelike(pair.value())) else {
                return;
            };
            let span_of = |tree: &syn::UseTree| syn::spanned::Spanned::span(tree).byte_range();
            if pairs.len() == 2 {
                let other = span_of(pairs[1 - at].value());
                let whole =
                    syn::spanned::Spanned::span(&group.brace_token.span.join()).byte_range();
                cuts.push((whole, text[other].to_string()));
                return;
            }
            if pairs.len() < 2 {
                return;
            }
            let name = span_of(pairs[at].value());
            let cut = match pairs[at].punct() {
                // `Datelike, ` up to the next name.
                Some(comma) => {
                    let after = comma.span.byte_range().end;
                    let spaces = text[after..].len() - text[after..].trim_start().len();
                    name.start..after + spaces
                }
                // The last name: from the comma before it.
                None => match pairs[at - 1].punct() {
                    Some(comma) => comma.span.byte_range().start..name.end,
                    None => return,
                },
            };
            cuts.push((cut, String::new()));
        }
        _ => {}
    }
}

/// Fixes the files of `report` that have machine-applicable findings, on disk.
pub fn fix_files(report: &Report, settings: &Settings, policy: Policy) -> Summary {
    let mut summary = Summary::default();
    for file in &report.files {
        if file.findings.iter().all(|f| f.diagnostic.fix().is_empty()) {
            continue;
        }
        let path = &file.source.path;
        let outcome = allowed(path, policy)
            .and_then(|()| settings.for_file(path))
            .and_then(|settings| fix_text(path, &file.source.text, &settings, &file.imported))
            .and_then(|(text, count)| {
                write_if_unchanged(path, &file.source.text, &text).map(|()| count)
            });
        match outcome {
            Ok(0) => {}
            Ok(count) => summary.fixed.push((path.clone(), count)),
            Err(reason) => summary.refused.push(FileError::new(path, reason)),
        }
    }
    summary
}

/// Checks that version control holds what `--fix` would change.
fn allowed(path: &Path, policy: Policy) -> Result<(), String> {
    if policy.allow_dirty && policy.allow_no_vcs {
        return Ok(());
    }
    match git_status(path) {
        Some(status) if status.is_empty() => Ok(()),
        Some(status) if status.starts_with("!!") && !policy.allow_no_vcs => Err(
            "not fixed: git ignores this file, so it is not under version control (pass \
             --allow-no-vcs to fix it anyway)"
                .into(),
        ),
        Some(status) if status.starts_with("!!") => Ok(()),
        Some(_) if policy.allow_dirty => Ok(()),
        Some(_) => Err(
            "not fixed: the file has uncommitted changes (commit or stash them, or pass \
             --allow-dirty)"
                .into(),
        ),
        None if policy.allow_no_vcs => Ok(()),
        None => Err(
            "not fixed: the file is not under version control (pass --allow-no-vcs to fix it \
             anyway)"
                .into(),
        ),
    }
}

/// The file's line of `git status --porcelain` (empty when it is committed as it is), or
/// `None` outside a git work tree or without git.
fn git_status(path: &Path) -> Option<String> {
    let real = fs::canonicalize(path).ok()?;
    let (folder, name) = (real.parent()?, real.file_name()?);
    let output = Command::new("git")
        .arg("-C")
        .arg(folder)
        .args(["status", "--porcelain=v1", "--ignored=matching", "--"])
        .arg(name)
        .output()
        .ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).into_owned())
}

/// Writes `fixed` over `path` if the file still holds `original`: through a temporary file
/// in the same folder, renamed over the original once complete, so that the file is either
/// the old or the new text even if datelint is killed mid-way.
fn write_if_unchanged(path: &Path, original: &str, fixed: &str) -> Result<(), String> {
    if fixed == original {
        return Ok(());
    }
    let reason = |e: io::Error| format!("not fixed: {}", walk::reason(&e));
    // Replace the file a symbolic link points at, not the link.
    let target = fs::canonicalize(path).map_err(reason)?;
    if fs::read(&target).map_err(reason)? != original.as_bytes() {
        return Err("not fixed: the file changed while datelint was reading it".into());
    }
    let folder = target.parent().unwrap_or(Path::new("."));
    let name = target.file_name().unwrap_or_default().to_string_lossy();
    let temporary = folder.join(format!(".{name}.datelint-fix-{}", std::process::id()));
    let written =
        write_new(&target, &temporary, fixed).and_then(|()| fs::rename(&temporary, &target));
    if let Err(error) = written {
        let _ = fs::remove_file(&temporary);
        return Err(reason(error));
    }
    Ok(())
}

/// Creates `temporary` with `text` and the permissions (and, on Unix, the owner) of
/// `original`, flushed to disk.
fn write_new(original: &Path, temporary: &Path, text: &str) -> io::Result<()> {
    let metadata = fs::metadata(original)?;
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(temporary)?;
    file.write_all(text.as_bytes())?;
    file.set_permissions(metadata.permissions())?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // Only root may give a file away; for anyone else the owner is already theirs.
        let _ = std::os::unix::fs::fchown(&file, Some(metadata.uid()), Some(metadata.gid()));
    }
    file.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(span: Range<usize>, text: &str) -> Edit {
        Edit {
            span,
            text: text.to_string(),
        }
    }

    #[test]
    fn overlapping_groups_are_left_for_the_next_round() {
        let groups = vec![
            vec![edit(0..3, "abc"), edit(10..10, "use x;\n")],
            vec![edit(2..5, "no")],
            vec![edit(6..7, "Z"), edit(10..10, "use x;\n")],
            vec![edit(10..10, "use y;\n")],
        ];
        let (text, applied) = apply("0123456789tail", &groups);
        assert_eq!(applied, 2);
        assert_eq!(text, "abc345Z789use x;\ntail");
    }

    #[test]
    fn edits_outside_the_text_are_refused() {
        let (text, applied) = apply("é", &[vec![edit(1..2, "x")], vec![edit(0..9, "y")]]);
        assert_eq!((text.as_str(), applied), ("é", 0));
    }

    #[test]
    fn an_import_the_fixes_left_unused_is_removed_and_no_other() {
        let original =
            "use chrono::{Datelike, NaiveDate, NaiveTime};\nfn f(d: NaiveDate) { d.year(); }\n";
        let fixed = "use chrono::{Datelike, NaiveDate, NaiveTime};\nfn f(d: NaiveDate) { d; }\n";
        assert_eq!(
            without_unused_datelike(original, fixed.to_string()),
            "use chrono::{NaiveDate, NaiveTime};\nfn f(d: NaiveDate) { d; }\n"
        );
        let alone = "use chrono::NaiveDate;\n    use chrono::Datelike;\nfn f() {}\n";
        assert_eq!(
            without_unused_datelike(original, alone.to_string()),
            "use chrono::NaiveDate;\nfn f() {}\n"
        );
        let last = "use chrono::{\n    NaiveDate,\n    NaiveTime,\n    Datelike\n};\nfn f() {}\n";
        assert_eq!(
            without_unused_datelike(original, last.to_string()),
            "use chrono::{\n    NaiveDate,\n    NaiveTime\n};\nfn f() {}\n"
        );
        // A group left with one name loses its braces.
        let pair = "use chrono::{NaiveDate, Datelike};\nfn f() {}\n";
        assert_eq!(
            without_unused_datelike(original, pair.to_string()),
            "use chrono::NaiveDate;\nfn f() {}\n"
        );
        // Still used: in a macro, as a bound, or never used before the fix.
        for kept in [
            "use chrono::{Datelike, NaiveDate};\nfn f(d: NaiveDate) { println!(\"{}\", d.month()); }\n",
            "use chrono::Datelike;\nfn f<T: Datelike>(d: T) {}\n",
        ] {
            assert_eq!(without_unused_datelike(original, kept.to_string()), kept);
        }
        let never = "use chrono::{Datelike, NaiveDate};\nfn f() {}\n";
        assert_eq!(without_unused_datelike(never, never.to_string()), never);
    }

    #[test]
    fn each_module_loses_only_the_import_the_fixes_left_unused_in_it() {
        let original = "use chrono::Datelike;\nfn f(d: chrono::NaiveDate) { d.year(); }\n\
                        mod m {\n    use chrono::Datelike;\n    fn g(d: chrono::NaiveDate) { d.day(); }\n}\n";
        let fixed = "use chrono::Datelike;\nfn f(d: chrono::NaiveDate) { d.year(); }\n\
                     mod m {\n    use chrono::Datelike;\n    fn g(d: chrono::NaiveDate) { d; }\n}\n";
        assert_eq!(
            without_unused_datelike(original, fixed.to_string()),
            "use chrono::Datelike;\nfn f(d: chrono::NaiveDate) { d.year(); }\n\
             mod m {\n    fn g(d: chrono::NaiveDate) { d; }\n}\n"
        );
        // The tests module imports everything of its parent, `Datelike` with it.
        let through_super = "use chrono::Datelike;\nfn f(d: chrono::NaiveDate) { d; }\n\
                             mod tests {\n    use super::*;\n    fn t(d: chrono::NaiveDate) { d.day(); }\n}\n";
        assert_eq!(
            without_unused_datelike(original, through_super.to_string()),
            through_super
        );
    }
}
