//! The per-file import map: how a local name resolves to a canonical path such as
//! `chrono::NaiveDate`, without type information.

use std::collections::{HashMap, HashSet};

use syn::spanned::Spanned;
use syn::visit::Visit;

use super::values::Clock;
use crate::diagnostic::Edit;

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

/// What the `use` items of one file bring into scope.
///
/// Imports from every module of the file are merged into one map: a name that means a date
/// type in one inline module and something else in another is rare enough not to matter.
#[derive(Default, Debug)]
pub(crate) struct Imports {
    aliases: HashMap<String, Vec<String>>,
    globs: Vec<Vec<String>>,
    crates: u8,
}

impl Imports {
    pub(crate) fn of_file(file: &syn::File) -> Imports {
        let mut collector = UseCollector::default();
        collector.visit_file(file);
        collector.resolve_local_paths();
        let mut imports = collector.imports;
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

    /// Returns true if the file imports `krate` or names a path inside it.
    pub(crate) fn uses(&self, krate: Crate) -> bool {
        self.crates & krate.bit() != 0
    }

    /// Resolves a path to its canonical form (`chrono::NaiveDate::from_ymd_opt`).
    ///
    /// Returns `None` for paths that start in the current crate (`crate::`, `self::`, `super::`)
    /// and for names that no import explains.
    pub(crate) fn resolve(&self, path: &syn::Path) -> Option<String> {
        let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        let first = segments.first()?;
        if path.leading_colon.is_some() {
            return Some(canonical(&segments));
        }
        if let Some(target) = self.aliases.get(first) {
            let mut full = target.clone();
            full.extend_from_slice(&segments[1..]);
            return Some(canonical(&full));
        }
        if Crate::ALL.iter().any(|k| k.name() == first) {
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
    /// Where a new `use` item is inserted, and the whole text to insert with `{}` for the item.
    insert_at: usize,
    template: String,
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
            insert_at,
            template,
        }
    }

    /// How to name `path` (`chrono::Months`) here: by its last segment, with the `use` item
    /// to insert unless it is imported already; in full where that name means something
    /// else. A trait (`jiff::ToSpan`) is imported as `_` where its name is taken.
    pub(crate) fn import(&self, path: &str, is_trait: bool) -> (String, Option<Edit>) {
        let name = path.rsplit("::").next().unwrap_or(path);
        let segments: Vec<String> = path.split("::").map(str::to_string).collect();
        let wanted = canonical(&segments);
        let insert = |item: String| {
            (!self.template.is_empty()).then(|| Edit {
                span: self.insert_at..self.insert_at,
                text: self.template.replacen("{}", &item, 1),
            })
        };
        match self.names.get(name) {
            Some(Some(bound)) if *bound == wanted => (name.to_string(), None),
            Some(_) if is_trait => (name.to_string(), insert(format!("{path} as _"))),
            Some(_) => (path.to_string(), None),
            None if self.template.is_empty() => (path.to_string(), None),
            None => (name.to_string(), insert(path.to_string())),
        }
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
        let is_crate = |name: &str| Crate::ALL.iter().any(|k| k.name() == name);
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
