//! The per-file import map: how a local name resolves to a canonical path such as
//! `chrono::NaiveDate`, without type information.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use syn::spanned::Spanned;
use syn::visit::Visit;

use super::values::Clock;
use crate::diagnostic::{Edit, Import};

/// A date crate whose API datelint knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Crate {
    Chrono,
    Time,
    Jiff,
    Rcgen,
}

impl Crate {
    const ALL: [Crate; 4] = [Crate::Chrono, Crate::Time, Crate::Jiff, Crate::Rcgen];

    pub(crate) fn name(self) -> &'static str {
        match self {
            Crate::Chrono => "chrono",
            Crate::Time => "time",
            Crate::Jiff => "jiff",
            Crate::Rcgen => "rcgen",
        }
    }

    fn bit(self) -> u8 {
        1 << self as u8
    }
}

/// Returns true if `name` is one of the date crates whose paths datelint knows.
fn is_crate(name: &str) -> bool {
    Crate::ALL.iter().any(|k| k.name() == name)
}

/// What the `use` items of one file bring into scope, and the struct types it declares.
///
/// Imports from every module of the file are merged into one map: a name that means a date
/// type in one inline module and something else in another is rare enough not to matter.
#[derive(Default, Debug)]
pub(crate) struct Imports {
    aliases: HashMap<String, Vec<String>>,
    globs: Vec<Vec<String>>,
    crates: u8,
    /// Each struct the file declares, and whether it has `month` and `day` fields.
    structs: HashMap<String, bool>,
}

impl Imports {
    pub(crate) fn of_file(file: &syn::File) -> Imports {
        let mut collector = UseCollector::default();
        collector.visit_file(file);
        collector.resolve_local_paths();
        let mut imports = collector.imports;
        // Every known path starts with its crate, so only a glob of a crate's module
        // (`chrono::prelude::*`) can name one; `use super::*` in a test module cannot.
        imports
            .globs
            .retain(|glob| glob.first().is_some_and(|root| is_crate(root)));
        for krate in Crate::ALL {
            let rooted = |path: &Vec<String>| path.first().is_some_and(|s| s == krate.name());
            let named_in_code = collector.path_roots.contains(krate.name())
                && !imports.aliases.contains_key(krate.name());
            if named_in_code
                || imports.aliases.values().any(rooted)
                || imports.globs.iter().any(rooted)
            {
                imports.crates |= krate.bit();
            }
        }
        imports
    }

    /// Whether the struct `name` holds a calendar date (`month` and `day` fields beside its
    /// `year`), if the file declares it.
    pub(crate) fn calendar_struct(&self, name: &str) -> Option<bool> {
        self.structs.get(name).copied()
    }

    /// Returns true if the file imports `krate` or names a path inside it.
    pub(crate) fn uses(&self, krate: Crate) -> bool {
        self.crates & krate.bit() != 0
    }

    /// Returns true if the file uses any of the date crates.
    pub(crate) fn uses_any(&self) -> bool {
        self.crates != 0
    }

    /// Resolves a path to its canonical form (`chrono::NaiveDate::from_ymd_opt`).
    ///
    /// Returns `None` for paths that start in the current crate (`crate::`, `self::`, `super::`)
    /// and for names that no import explains.
    pub(crate) fn resolve(&self, path: &syn::Path) -> Option<String> {
        let first = path.segments.first()?.ident.to_string();
        // Most paths are local names: tell them apart before building the whole path.
        if path.leading_colon.is_none()
            && self.globs.is_empty()
            && !self.aliases.contains_key(&first)
            && !is_crate(&first)
        {
            return None;
        }
        let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        if path.leading_colon.is_some() {
            return Some(canonical(&segments));
        }
        if let Some(target) = self.aliases.get(&first) {
            let mut full = target.clone();
            full.extend_from_slice(&segments[1..]);
            return Some(canonical(&full));
        }
        if is_crate(&first) {
            return Some(canonical(&segments));
        }
        self.globs.iter().find_map(|glob| {
            let mut full = glob.clone();
            full.extend_from_slice(&segments);
            let full = canonical(&full);
            super::apis::is_known_path_prefix(&full).then_some(full)
        })
    }
}

/// The zone a path names, if it is a time zone whose offset changes: chrono's `Local`
/// (`Clock::Local`) or a chrono-tz zone or `Tz` (`Clock::Zone`).
pub(crate) fn zone_of_path(imports: &Imports, path: &syn::Path) -> Option<Clock> {
    if path
        .segments
        .first()
        .is_some_and(|s| s.ident == "chrono_tz")
    {
        return Some(Clock::Zone);
    }
    let resolved = imports.resolve(path)?;
    match resolved.as_str() {
        "chrono::Local" => Some(Clock::Local),
        _ if resolved.starts_with("chrono_tz::") => Some(Clock::Zone),
        _ => None,
    }
}

/// Chrono and time re-export their types from several modules (`chrono::naive::NaiveDate`,
/// `chrono::prelude::NaiveDate`); the canonical path keeps the crate and starts again at the
/// first type name. jiff's and rcgen's free functions keep their module path.
fn canonical(segments: &[String]) -> String {
    let Some(krate) = segments.first() else {
        return String::new();
    };
    if (krate == "chrono" || krate == "time")
        && let Some(type_at) = segments
            .iter()
            .position(|s| s.starts_with(|c: char| c.is_ascii_uppercase()))
    {
        return std::iter::once(krate.as_str())
            .chain(segments[type_at..].iter().map(String::as_str))
            .collect::<Vec<_>>()
            .join("::");
    }
    segments.join("::")
}

/// The names one module binds with its own items, and where a new `use` item goes: what a
/// suggestion needs to name `chrono::Months` there without clashing with another `Months`.
#[derive(Debug, Default)]
pub(crate) struct ModuleScope {
    /// Imported names with their canonical paths; names of items defined here map to `None`.
    names: HashMap<String, Option<String>>,
    /// The paths whose every name a glob import brings in (`use chrono::*` gives `chrono`).
    globs: Vec<Vec<String>>,
    /// For each crate, the private `use` item of its root names that a new name joins.
    joinable: HashMap<String, RootUse>,
    /// Where a new `use` item is inserted, and the whole text to insert with `{}` for the item.
    insert_at: usize,
    template: String,
}

/// A private `use` item of names at a crate's root (`use chrono::NaiveDate;`,
/// `use chrono::{Datelike, naive::NaiveDate};`): a name of that crate joins it rather than
/// getting an item of its own, as a person would write it.
#[derive(Debug)]
struct RootUse {
    /// Each name's sort key (its first identifier) and byte range, in the order written.
    names: Vec<(String, Range<usize>)>,
    list: List,
}

#[derive(Debug)]
enum List {
    /// One name without braces, as written (`NaiveDate as Day`).
    Single(String),
    Braced(Braces),
}

/// How a braced list of names goes on.
#[derive(Debug)]
struct Braces {
    /// The end of a comma after the last name (`{Datelike, NaiveDate,}`), if there is one.
    trailing_comma: Option<usize>,
    /// What goes between a comma and the next name: a space, or a line break and the
    /// indentation of a list written one name a line.
    separator: String,
}

impl ModuleScope {
    /// The scope of a module (or the file) whose direct items are `items`.
    pub(crate) fn of(items: &[syn::Item], source: &str) -> ModuleScope {
        let mut collector = UseCollector::default();
        let mut names = HashMap::new();
        for item in items {
            let defined = match item {
                syn::Item::Use(u) => {
                    collector.add_tree(&mut Vec::new(), &u.tree);
                    None
                }
                syn::Item::Const(i) => Some(&i.ident),
                syn::Item::Enum(i) => Some(&i.ident),
                syn::Item::Fn(i) => Some(&i.sig.ident),
                syn::Item::Mod(i) => Some(&i.ident),
                syn::Item::Static(i) => Some(&i.ident),
                syn::Item::Struct(i) => Some(&i.ident),
                syn::Item::Trait(i) => Some(&i.ident),
                syn::Item::Type(i) => Some(&i.ident),
                syn::Item::Union(i) => Some(&i.ident),
                _ => None,
            };
            if let Some(ident) = defined {
                names.insert(ident.to_string(), None);
            }
        }
        for (alias, path) in collector.imports.aliases {
            names.insert(alias, Some(canonical(&path)));
        }
        let mut joinable: HashMap<String, RootUse> = HashMap::new();
        for item in items {
            if let syn::Item::Use(item) = item
                && let Some((krate, root_use)) = RootUse::of(item, source)
            {
                // The first braced list of the crate, else its first single name.
                let braced = |u: &RootUse| matches!(u.list, List::Braced(_));
                let better = braced(&root_use) && joinable.get(&krate).is_none_or(|u| !braced(u));
                if better || !joinable.contains_key(&krate) {
                    joinable.insert(krate, root_use);
                }
            }
        }
        let newline = if source.contains("\r\n") {
            "\r\n"
        } else {
            "\n"
        };
        let line_start = |at: usize| source[..at].rfind('\n').map_or(0, |i| i + 1);
        let last_use = items.iter().rev().find(|i| matches!(i, syn::Item::Use(_)));
        let (insert_at, template) = match (last_use, items.first()) {
            // On the line after the last `use` item, with its indentation, if only a comment
            // follows the item on its line (a lone `\r` or `\x0b` is whitespace to Rust, not
            // a line break); otherwise right after the item.
            (Some(item), _) => {
                let span = item.span().byte_range();
                let indent = indentation(source, line_start(span.start), span.start);
                let rest = &source[span.end..];
                let line_end = rest.find('\n');
                let after = rest[..line_end.unwrap_or(rest.len())].trim();
                match line_end {
                    Some(i) if after.is_empty() || after.starts_with("//") => {
                        (span.end + i + 1, format!("{indent}use {{}};{newline}"))
                    }
                    _ => (span.end, format!("{newline}{indent}use {{}};")),
                }
            }
            // Before the first item, in a paragraph of its own.
            (None, Some(item)) => {
                let start = item.span().byte_range().start;
                let from = line_start(start);
                match source[from..start].trim().is_empty() {
                    true => (
                        from,
                        format!("{}use {{}};{newline}{newline}", &source[from..start]),
                    ),
                    false => (start, "use {}; ".to_string()),
                }
            }
            (None, None) => (0, String::new()),
        };
        ModuleScope {
            names,
            globs: collector.imports.globs,
            joinable,
            insert_at,
            template,
        }
    }

    /// How to name `path` (`chrono::Months`) here: by its last segment, with the edit that
    /// imports it unless it is in scope already; in full where that name means something
    /// else. A trait (`jiff::ToSpan`) is imported as `_` where its name is taken. The name
    /// joins a private `use` item of the crate's root names if the module has one, so that
    /// rustc sees no second item for the same crate; otherwise it gets an item of its own.
    pub(crate) fn import(&self, path: &str, is_trait: bool) -> (String, Option<Import>) {
        let segments: Vec<String> = path.split("::").map(str::to_string).collect();
        let Some((name, module)) = segments.split_last() else {
            return (path.to_string(), None);
        };
        let wanted = canonical(&segments);
        // `suffix` is what follows the name in the import: nothing, or ` as _`.
        let import = |suffix: &str| {
            let joined = match module {
                [krate] => self.joinable.get(krate),
                _ => None,
            };
            let item = format!("{path}{suffix}");
            let edit = match joined {
                Some(root_use) => root_use.join(name, &format!("{name}{suffix}")),
                None if self.template.is_empty() => return None,
                None => Edit {
                    span: self.insert_at..self.insert_at,
                    text: self.template.replacen("{}", &item, 1),
                },
            };
            Some(Import { item, edit })
        };
        match self.names.get(name) {
            Some(Some(bound)) if *bound == wanted => (name.clone(), None),
            Some(_) if is_trait => (name.clone(), import(" as _")),
            Some(_) => (path.to_string(), None),
            None if self.globs.iter().any(|glob| glob == module) => (name.clone(), None),
            None if self.template.is_empty() => (path.to_string(), None),
            None => (name.clone(), import("")),
        }
    }
}

impl RootUse {
    /// The crate and the names of `item` if it is a private `use` of names at a crate's
    /// root without attributes (a `cfg` would make a joined name disappear with it; a
    /// `pub use` would export it).
    fn of(item: &syn::ItemUse, source: &str) -> Option<(String, RootUse)> {
        if !item.attrs.is_empty() || !matches!(item.vis, syn::Visibility::Inherited) {
            return None;
        }
        let syn::UseTree::Path(root) = &item.tree else {
            return None;
        };
        let range = |tree: &syn::UseTree| tree.span().byte_range();
        let root_use = match &*root.tree {
            syn::UseTree::Group(group) => {
                let names: Vec<(String, Range<usize>)> = group
                    .items
                    .iter()
                    .map(|tree| (sort_key(tree), range(tree)))
                    .collect();
                let open = group.brace_token.span.open().byte_range().end;
                let gap_end = names.get(1).or(names.first())?.1.start;
                let gap_start = match group.items.pairs().next()?.punct() {
                    Some(comma) if names.len() > 1 => comma.span.byte_range().end,
                    _ => open,
                };
                let trailing_comma = group
                    .items
                    .pairs()
                    .next_back()
                    .and_then(|pair| pair.punct().map(|comma| comma.span.byte_range().end));
                RootUse {
                    names,
                    list: List::Braced(Braces {
                        trailing_comma,
                        separator: separator(source.get(gap_start..gap_end)?),
                    }),
                }
            }
            tree @ (syn::UseTree::Name(_) | syn::UseTree::Rename(_)) => RootUse {
                names: vec![(sort_key(tree), range(tree))],
                list: List::Single(source.get(range(tree))?.to_string()),
            },
            _ => return None,
        };
        Some((root.ident.to_string(), root_use))
    }

    /// The edit that adds `entry` (`Months`, `ToSpan as _`), named `name`, to the item: at its
    /// place in rustfmt's order if the names are in that order, else at the end.
    fn join(&self, name: &str, entry: &str) -> Edit {
        let braces = match &self.list {
            List::Braced(braces) => braces,
            // A single name: braces around it and the new one, in the 2024 order.
            List::Single(written) => {
                let (key, span) = (&self.names[0].0, self.names[0].1.clone());
                let text = match Style::Version.compare(name, key).is_lt() {
                    true => format!("{{{entry}, {written}}}"),
                    false => format!("{{{written}, {entry}}}"),
                };
                return Edit { span, text };
            }
        };
        let keys: Vec<&str> = self.names.iter().map(|(key, _)| key.as_str()).collect();
        let at = [Style::Version, Style::Lowercase]
            .into_iter()
            .find(|style| keys.is_sorted_by(|a, b| style.compare(a, b).is_le()))
            .map_or(keys.len(), |style| {
                keys.partition_point(|key| style.compare(key, name).is_le())
            });
        let separator = &braces.separator;
        let (insert_at, text) = match (self.names.get(at), braces.trailing_comma) {
            (Some((_, next)), _) => (next.start, format!("{entry},{separator}")),
            (None, Some(comma)) => (comma, format!("{separator}{entry},")),
            (None, None) => {
                let last = self.names.last().map_or(0, |(_, span)| span.end);
                (last, format!(",{separator}{entry}"))
            }
        };
        Edit {
            span: insert_at..insert_at,
            text,
        }
    }
}

/// The orders rustfmt keeps the names of a `use` list in: `self` first, then, in the 2024
/// style edition, by character (`Months` before `civil`, `_` before letters; digits are
/// not compared as numbers here, so a list that relies on it counts as unsorted), or,
/// before it, lowercase names first.
#[derive(Clone, Copy)]
enum Style {
    Version,
    Lowercase,
}

impl Style {
    fn compare(self, a: &str, b: &str) -> std::cmp::Ordering {
        let rank = |key: &str| match (key, self) {
            ("self", _) => 0,
            (_, Style::Version) => 1,
            (_, Style::Lowercase) if key.starts_with(|c: char| c.is_ascii_lowercase()) => 1,
            (_, Style::Lowercase) => 2,
        };
        let chars = |key: &str| {
            key.chars()
                .map(|c| if c == '_' { ' ' } else { c })
                .collect::<Vec<_>>()
        };
        rank(a).cmp(&rank(b)).then_with(|| chars(a).cmp(&chars(b)))
    }
}

/// What a `use` list is sorted by: a name's first identifier (`naive` for
/// `naive::NaiveDate`, `NaiveDate` for `NaiveDate as Day`), `*` for a glob.
fn sort_key(tree: &syn::UseTree) -> String {
    match tree {
        syn::UseTree::Path(path) => path.ident.to_string(),
        syn::UseTree::Name(name) => name.ident.to_string(),
        syn::UseTree::Rename(rename) => rename.ident.to_string(),
        syn::UseTree::Glob(_) => "*".to_string(),
        syn::UseTree::Group(_) => "{".to_string(),
    }
}

/// The separator a new name takes after a comma, copied from the `gap` before a name of the
/// list: a line break (`\r\n` kept) with the indentation of the name's line, or a space.
fn separator(gap: &str) -> String {
    match gap.rfind('\n') {
        Some(at) => {
            let newline = if gap[..at].ends_with('\r') {
                "\r\n"
            } else {
                "\n"
            };
            let indent = &gap[at + 1..];
            format!(
                "{newline}{}",
                &indent[..indent.len() - indent.trim_start().len()]
            )
        }
        None => " ".to_string(),
    }
}

/// The whitespace between a line's start and an item on it.
fn indentation(source: &str, line_start: usize, at: usize) -> &str {
    let prefix = &source[line_start..at];
    &prefix[..prefix.len() - prefix.trim_start().len()]
}

#[derive(Default)]
struct UseCollector {
    imports: Imports,
    /// What `pub use` items of the file's modules bring into scope: another module of the
    /// file may import the name through a local path (`use self::dates::Day;`).
    reexports: HashMap<String, Vec<String>>,
    /// Whether the `use` item being read is public.
    public: bool,
    /// The first segment of every multi-segment path in the code (`chrono` in
    /// `chrono::Utc::now()`): a crate can be used without a `use` item.
    path_roots: HashSet<String>,
}

impl UseCollector {
    /// Rewrites imports through local paths into the date crate's own: `self::chrono::*`
    /// after `extern crate chrono`, `c::NaiveDate` after `use chrono as c`, and a name a
    /// module of the file re-exports (`use self::dates::Day`).
    fn resolve_local_paths(&mut self) {
        let aliases = self.imports.aliases.clone();
        let resolve = |path: &mut Vec<String>| {
            let local = path
                .iter()
                .take_while(|s| matches!(s.as_str(), "self" | "crate" | "super"))
                .count();
            let Some(first) = path.get(local).cloned() else {
                return;
            };
            if is_crate(&first) {
                path.drain(..local);
            } else if let Some(target) = aliases
                .get(&first)
                .filter(|t| t.first().is_some_and(|root| is_crate(root)) && t.len() == 1)
            {
                // A renamed crate: `use chrono as c;` then `use c::NaiveDate;`.
                path.splice(..=local, target.iter().cloned());
            } else if local > 0 || path.len() > 1 {
                let reexported = path
                    .last()
                    .and_then(|name| self.reexports.get(name))
                    .filter(|t| t.first().is_some_and(|root| is_crate(root)));
                if let Some(target) = reexported {
                    *path = target.clone();
                }
            }
        };
        for target in self.imports.aliases.values_mut() {
            resolve(target);
        }
        for glob in &mut self.imports.globs {
            resolve(glob);
        }
    }

    fn add_tree(&mut self, prefix: &mut Vec<String>, tree: &syn::UseTree) {
        match tree {
            syn::UseTree::Path(path) => {
                prefix.push(path.ident.to_string());
                self.add_tree(prefix, &path.tree);
                prefix.pop();
            }
            syn::UseTree::Name(name) => self.add_alias(prefix, &name.ident, &name.ident),
            syn::UseTree::Rename(rename) => self.add_alias(prefix, &rename.ident, &rename.rename),
            syn::UseTree::Glob(_) => self.imports.globs.push(prefix.clone()),
            syn::UseTree::Group(group) => {
                for item in &group.items {
                    self.add_tree(prefix, item);
                }
            }
        }
    }

    fn add_alias(&mut self, prefix: &[String], ident: &syn::Ident, alias: &syn::Ident) {
        let mut full = prefix.to_vec();
        if ident != "self" {
            full.push(ident.to_string());
        }
        let alias = if alias == "self" {
            match full.last() {
                Some(last) => last.clone(),
                None => return,
            }
        } else {
            alias.to_string()
        };
        if alias == "_" {
            return;
        }
        if self.public {
            self.reexports.insert(alias.clone(), full.clone());
        }
        // Inline modules share one map: a path into the crate's own modules does not
        // replace a name that already means a date crate's item.
        let local = full
            .first()
            .is_none_or(|root| !Crate::ALL.iter().any(|k| k.name() == root));
        let taken = self.imports.aliases.get(&alias).is_some_and(|old| {
            old.first()
                .is_some_and(|root| Crate::ALL.iter().any(|k| k.name() == root))
        });
        if !(local && taken) {
            self.imports.aliases.insert(alias, full);
        }
    }
}

impl<'ast> Visit<'ast> for UseCollector {
    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        self.public = !matches!(item.vis, syn::Visibility::Inherited);
        self.add_tree(&mut Vec::new(), &item.tree);
        self.public = false;
    }

    fn visit_path(&mut self, path: &'ast syn::Path) {
        if path.segments.len() > 1
            && let Some(first) = path.segments.first()
        {
            self.path_roots.insert(first.ident.to_string());
        }
        syn::visit::visit_path(self, path);
    }

    fn visit_item_struct(&mut self, item: &'ast syn::ItemStruct) {
        let has = |name: &str| {
            item.fields
                .iter()
                .any(|f| f.ident.as_ref().is_some_and(|i| i == name))
        };
        let calendar = has("month") && has("day");
        self.imports
            .structs
            .insert(item.ident.to_string(), calendar);
        syn::visit::visit_item_struct(self, item);
    }

    fn visit_item_extern_crate(&mut self, item: &'ast syn::ItemExternCrate) {
        if let Some((_, rename)) = &item.rename {
            self.imports
                .aliases
                .insert(rename.to_string(), vec![item.ident.to_string()]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve(source: &str, path: &str) -> Option<String> {
        let file = syn::parse_file(source).expect("test source parses");
        let path: syn::Path = syn::parse_str(path).expect("test path parses");
        Imports::of_file(&file).resolve(&path)
    }

    /// The text after importing `path` in the module of `source`'s last inline module, or of
    /// the file when it has none, and the name the suggestion uses.
    fn imported(source: &str, path: &str, is_trait: bool) -> (String, String) {
        let file = syn::parse_file(source).expect("test source parses");
        let items = file
            .items
            .iter()
            .rev()
            .find_map(|item| match item {
                syn::Item::Mod(m) => m.content.as_ref().map(|(_, items)| items.as_slice()),
                _ => None,
            })
            .unwrap_or(&file.items);
        let (name, edit) = ModuleScope::of(items, source).import(path, is_trait);
        let mut text = source.to_string();
        if let Some(import) = edit {
            text.replace_range(import.edit.span, &import.edit.text);
        }
        (name, text)
    }

    fn check(source: &str, path: &str, expected: &str) {
        assert_eq!(
            imported(source, path, false).1,
            expected,
            "importing {path}"
        );
    }

    #[test]
    fn a_name_joins_the_crates_use_item_in_rustfmts_order() {
        let months = "chrono::Months";
        check(
            "use chrono::{Datelike, NaiveDate};\nfn f() {}\n",
            months,
            "use chrono::{Datelike, Months, NaiveDate};\nfn f() {}\n",
        );
        check(
            "use chrono::NaiveDate;\n",
            months,
            "use chrono::{Months, NaiveDate};\n",
        );
        check(
            "use chrono::Datelike as _;\n",
            months,
            "use chrono::{Datelike as _, Months};\n",
        );
        // A list out of order takes the name at its end.
        check(
            "use chrono::{NaiveDate, Datelike};\n",
            months,
            "use chrono::{NaiveDate, Datelike, Months};\n",
        );
        // Lowercase names first, as rustfmt wrote it before the 2024 style edition.
        check(
            "use jiff::{civil, Span};\n",
            "jiff::ToSpan",
            "use jiff::{civil, Span, ToSpan};\n",
        );
        // A nested list is one name of the outer one.
        check(
            "use ::chrono::{Datelike, naive::{NaiveDate, NaiveTime}};\n",
            months,
            "use ::chrono::{Datelike, Months, naive::{NaiveDate, NaiveTime}};\n",
        );
        // The first list of the crate, not a single name before it.
        check(
            "use chrono::Utc;\nuse chrono::{Datelike, NaiveDate};\n",
            "chrono::Days",
            "use chrono::Utc;\nuse chrono::{Datelike, Days, NaiveDate};\n",
        );
    }

    #[test]
    fn a_list_written_a_name_a_line_keeps_its_layout() {
        let months = "chrono::Months";
        check(
            "use chrono::{\n    Datelike,\n    NaiveDate,\n};\n",
            months,
            "use chrono::{\n    Datelike,\n    Months,\n    NaiveDate,\n};\n",
        );
        check(
            "use chrono::{\r\n    Datelike,\r\n    Days,\r\n};\r\n",
            months,
            "use chrono::{\r\n    Datelike,\r\n    Days,\r\n    Months,\r\n};\r\n",
        );
        check(
            "use chrono::{\n    Datelike, // the trait\n    Days\n};\n",
            months,
            "use chrono::{\n    Datelike, // the trait\n    Days,\n    Months\n};\n",
        );
        check(
            "use chrono::{Datelike, Days,};\n",
            months,
            "use chrono::{Datelike, Days, Months,};\n",
        );
    }

    #[test]
    fn a_name_gets_an_item_of_its_own_where_joining_would_change_meaning() {
        let months = "chrono::Months";
        // A `pub use` would export it; a `cfg` would take it away with the item.
        check(
            "pub use chrono::NaiveDate;\n",
            months,
            "pub use chrono::NaiveDate;\nuse chrono::Months;\n",
        );
        check(
            "#[cfg(test)]\nuse chrono::NaiveDate;\n",
            months,
            "#[cfg(test)]\nuse chrono::NaiveDate;\nuse chrono::Months;\n",
        );
        // `Months` is not in chrono's prelude.
        check(
            "use chrono::prelude::*;\n",
            months,
            "use chrono::prelude::*;\nuse chrono::Months;\n",
        );
        check(
            "use chrono as c;\nuse c::NaiveDate;\n",
            months,
            "use chrono as c;\nuse c::NaiveDate;\nuse chrono::Months;\n",
        );
    }

    #[test]
    fn a_name_in_scope_needs_no_import() {
        for source in ["use chrono::*;\n", "use chrono::{Months, NaiveDate};\n"] {
            assert_eq!(
                imported(source, "chrono::Months", false),
                ("Months".to_string(), source.to_string())
            );
        }
        let taken = "use chrono::NaiveDate;\nstruct Months;\n";
        assert_eq!(
            imported(taken, "chrono::Months", false),
            ("chrono::Months".to_string(), taken.to_string())
        );
    }

    #[test]
    fn a_module_joins_its_own_use_item_and_a_taken_trait_name_joins_as_underscore() {
        check(
            "use chrono::NaiveDate;\nmod m {\n    use chrono::Datelike;\n}\n",
            "chrono::Months",
            "use chrono::NaiveDate;\nmod m {\n    use chrono::{Datelike, Months};\n}\n",
        );
        assert_eq!(
            imported("use jiff::civil;\nstruct ToSpan;\n", "jiff::ToSpan", true),
            (
                "ToSpan".to_string(),
                "use jiff::{ToSpan as _, civil};\nstruct ToSpan;\n".to_string()
            )
        );
    }

    #[test]
    fn renamed_grouped_and_nested_imports_resolve() {
        let source = "use chrono::{naive::NaiveDate as Day, Utc}; mod m { use jiff::civil; }";
        assert_eq!(
            resolve(source, "Day::from_ymd_opt").as_deref(),
            Some("chrono::NaiveDate::from_ymd_opt")
        );
        assert_eq!(
            resolve(source, "civil::date").as_deref(),
            Some("jiff::civil::date")
        );
    }

    #[test]
    fn glob_imports_resolve_known_names_only() {
        let source = "use chrono::prelude::*;";
        assert_eq!(
            resolve(source, "NaiveDate::from_ymd").as_deref(),
            Some("chrono::NaiveDate::from_ymd")
        );
        assert_eq!(resolve(source, "Album::new"), None);
    }

    #[test]
    fn local_paths_do_not_resolve_to_date_crates() {
        assert_eq!(
            resolve("use crate::naive::NaiveDate;", "NaiveDate::from_ymd_opt").as_deref(),
            Some("crate::naive::NaiveDate::from_ymd_opt")
        );
        assert_eq!(resolve("", "NaiveDate::from_ymd_opt"), None);
    }

    #[test]
    fn std_time_is_not_the_time_crate() {
        let uses_time = |source: &str| {
            let file = syn::parse_file(source).expect("test source parses");
            Imports::of_file(&file).uses(Crate::Time)
        };
        assert!(!uses_time("use std::time::Duration;"));
        assert!(!uses_time(
            "use std::time; fn f() { time::Duration::ZERO; }"
        ));
        assert!(!uses_time("/// Works like `time::Date`.\nfn f() {}"));
        assert!(uses_time("fn f() { let d = time::Date::MIN; }"));
    }

    #[test]
    fn imports_resolve_in_every_form() {
        let ymd = Some("chrono::NaiveDate::from_ymd_opt");
        let extern_self = "extern crate chrono; use self::chrono::*;";
        assert_eq!(
            resolve(extern_self, "NaiveDate::from_ymd_opt").as_deref(),
            ymd
        );
        let rooted = "use ::chrono::NaiveDate;";
        assert_eq!(resolve(rooted, "NaiveDate::from_ymd_opt").as_deref(), ymd);
        let renamed = "use chrono as c;";
        assert_eq!(
            resolve(renamed, "c::NaiveDate::from_ymd_opt").as_deref(),
            ymd
        );
        let extern_renamed = "extern crate chrono as c; use c::NaiveDate;";
        assert_eq!(
            resolve(extern_renamed, "NaiveDate::from_ymd_opt").as_deref(),
            ymd
        );
        let reexported = "mod dates { pub use chrono::NaiveDate as Day; }\n\
                          use self::dates::Day;";
        assert_eq!(resolve(reexported, "Day::from_ymd_opt").as_deref(), ymd);
        let crate_path =
            "use crate::prelude::Day; mod prelude { pub use chrono::NaiveDate as Day; }";
        assert_eq!(resolve(crate_path, "Day::from_ymd_opt").as_deref(), ymd);
    }
}
