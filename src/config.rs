//! Configuration: `datelint.toml`, or `[workspace.metadata.datelint]` and
//! `[package.metadata.datelint]` in `Cargo.toml` (never `[lints.datelint]`, which cargo passes
//! to rustc). Three keys: `lints`, a table of lint or group names to `allow`, `warn`, `deny`
//! or `forbid`; `exclude`, a list of globs of paths not to lint; and `certificates`, whose
//! `warn-within-days` sets how near an expiry `certificate_expires_soon` reports.
//!
//! Each file takes the nearest configuration above it, as ruff does: going up from the
//! file's folder, the first folder that has a `datelint.toml`, or a `Cargo.toml` with a
//! `[package.metadata.datelint]` or `[workspace.metadata.datelint]` table. Configurations do
//! not merge; two of them in one folder (a `datelint.toml` beside a configured `Cargo.toml`,
//! or a package and a workspace table in one `Cargo.toml`) is an error, not a silent winner.
//! `--config FILE` applies one file to every file.
//!
//! ```toml
//! exclude = ["tests/data/**", "src/generated_*.rs"]
//!
//! [lints]
//! year_as_365_days = "allow"
//! pedantic = "warn"
//!
//! [certificates]
//! warn-within-days = 30
//! ```

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};

use crate::lint::Level;
use crate::rules::LINTS;

/// Levels and exclusions read from a configuration file.
#[derive(Clone, Debug, Default)]
pub struct Config {
    /// Lint or group names and their levels, in file order.
    pub levels: Vec<(Level, String)>,
    /// Globs of paths not to lint, relative to `root`, as written.
    pub exclude: Vec<String>,
    /// `exclude` compiled once, each glob also matching what is below a folder it names.
    excluded: GlobSet,
    /// The folder the configuration belongs to.
    pub root: PathBuf,
    /// `[certificates] warn-within-days`: how near an expiry is reported (default 90).
    pub certificate_warn_days: Option<u32>,
    /// Where it was read from (`billing/Cargo.toml [package.metadata.datelint]`); empty for
    /// the defaults.
    pub source: String,
}

/// Reads the configuration for `start` (a folder): `explicit` if given, else the nearest
/// one above it (see the module documentation). Returns the defaults when there is none; an
/// error names the file and the problem.
pub fn load(explicit: Option<&Path>, start: &Path) -> Result<Config, String> {
    if let Some(path) = explicit {
        let manifest = path.file_name().is_some_and(|n| n == "Cargo.toml");
        return Ok(read(path, manifest)?.unwrap_or_else(|| Config {
            root: path.parent().map_or_else(PathBuf::new, Path::to_path_buf),
            source: path.display().to_string(),
            ..Config::default()
        }));
    }
    for dir in start.ancestors() {
        if let Some(config) = at_level(dir)? {
            return Ok(config);
        }
    }
    Ok(Config {
        root: start.to_path_buf(),
        ..Config::default()
    })
}

/// The configuration of one folder, if it has one: its `datelint.toml`, or its
/// `Cargo.toml`'s package or workspace table; more than one of them is an error.
fn at_level(dir: &Path) -> Result<Option<Config>, String> {
    let own = dir.join("datelint.toml");
    let own = if own.is_file() {
        read(&own, false)?
    } else {
        None
    };
    let manifest = dir.join("Cargo.toml");
    let metadata = if manifest.is_file() {
        read(&manifest, true)?
    } else {
        None
    };
    match (own, metadata) {
        (Some(own), Some(metadata)) => Err(format!(
            "{}: datelint is configured twice in one folder, here and in {}: keep one",
            own.source, metadata.source
        )),
        (own, metadata) => Ok(own.or(metadata)),
    }
}

/// What one folder configures: a configuration, none, or why it cannot be read.
type FolderConfig = Result<Option<Arc<Config>>, String>;

/// Finds each file's configuration, reading each folder once however many files it holds.
#[derive(Debug, Default)]
pub struct Discovery {
    /// What each folder configures itself.
    folders: Mutex<HashMap<PathBuf, FolderConfig>>,
    /// The nearest configuration of each folder that holds a linted file, so that its other
    /// files do not walk up again.
    nearest: Mutex<HashMap<PathBuf, FolderConfig>>,
}

impl Discovery {
    /// The nearest configuration above `file`, or None where there is none.
    pub fn nearest(&self, file: &Path) -> Result<Option<Arc<Config>>, String> {
        let file = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
        let Some(folder) = file.parent() else {
            return Ok(None);
        };
        let lock = || self.nearest.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(known) = lock().get(folder) {
            return known.clone();
        }
        let mut found = Ok(None);
        for dir in folder.ancestors() {
            found = self.at(dir);
            if !matches!(found, Ok(None)) {
                break;
            }
        }
        lock().insert(folder.to_path_buf(), found.clone());
        found
    }

    fn at(&self, dir: &Path) -> FolderConfig {
        let mut folders = self.folders.lock().unwrap_or_else(|e| e.into_inner());
        folders
            .entry(dir.to_path_buf())
            .or_insert_with(|| at_level(dir).map(|config| config.map(Arc::new)))
            .clone()
    }
}

/// The configuration `path` holds, or None for a `Cargo.toml` without a datelint table.
fn read(path: &Path, manifest: bool) -> Result<Option<Config>, String> {
    let name = path.display();
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("{name}: {}", crate::walk::reason(&e)))?;
    let table: toml::Table = text
        .parse()
        .map_err(|e| format!("{name}: not valid TOML: {e}"))?;
    let root = path.parent().map_or_else(PathBuf::new, Path::to_path_buf);
    let mut config = Config {
        root,
        ..Config::default()
    };
    if manifest {
        let mut found = Vec::new();
        for section in ["package", "workspace"] {
            let table = table
                .get(section)
                .and_then(|t| t.get("metadata"))
                .and_then(|m| m.get("datelint"));
            if let Some(table) = table {
                let table = table.as_table().ok_or(format!(
                    "{name}: [{section}.metadata.datelint] must be a table"
                ))?;
                let place = format!("{name} [{section}.metadata.datelint]");
                merge(&mut config, table, &place)?;
                found.push(place);
            }
        }
        match found.as_slice() {
            [] => return Ok(None),
            [one] => config.source = one.clone(),
            _ => {
                return Err(format!(
                    "{name}: datelint is configured twice in one file, in [package.metadata.datelint] and [workspace.metadata.datelint]: keep one"
                ));
            }
        }
    } else {
        merge(&mut config, &table, &name.to_string())?;
        config.source = name.to_string();
    }
    config.excluded = compile_globs(&config.exclude, &config.source)?;
    Ok(Some(config))
}

/// The `exclude` globs as one set (globset: `*`, `?`, `**`, `{a,b}`, `[12]`; `*` stays within
/// a segment), each also matching everything below a folder it names.
fn compile_globs(globs: &[String], place: &str) -> Result<GlobSet, String> {
    let mut set = GlobSetBuilder::new();
    for glob in globs {
        let glob = glob.trim_start_matches("./").trim_end_matches('/');
        for pattern in [glob.to_string(), format!("{glob}/**")] {
            let compiled = GlobBuilder::new(&pattern)
                .literal_separator(true)
                .build()
                .map_err(|e| format!("{place}: `exclude`: invalid glob `{glob}`: {}", e.kind()))?;
            set.add(compiled);
        }
    }
    set.build().map_err(|e| format!("{place}: `exclude`: {e}"))
}

fn merge(config: &mut Config, table: &toml::Table, place: &str) -> Result<(), String> {
    for (key, value) in table {
        match key.as_str() {
            "lints" => {
                let lints = value
                    .as_table()
                    .ok_or(format!("{place}: `lints` must be a table"))?;
                for (lint, level) in lints {
                    check_name(lint).map_err(|e| format!("{place}: {e}"))?;
                    let level = level.as_str().and_then(Level::from_name).ok_or(format!(
                        "{place}: `{lint}` must be \"allow\", \"warn\", \"deny\" or \"forbid\""
                    ))?;
                    config.levels.push((
                        level,
                        lint.strip_prefix("datelint::").unwrap_or(lint).to_string(),
                    ));
                }
            }
            "exclude" => {
                let globs = value
                    .as_array()
                    .ok_or(format!("{place}: `exclude` must be a list of globs"))?;
                for glob in globs {
                    let glob = glob
                        .as_str()
                        .ok_or(format!("{place}: `exclude` must be a list of globs"))?;
                    config.exclude.push(glob.to_string());
                }
            }
            "certificates" => {
                let table = value
                    .as_table()
                    .ok_or(format!("{place}: `certificates` must be a table"))?;
                for (key, days) in table {
                    if key != "warn-within-days" {
                        return Err(format!(
                            "{place}: unknown key `certificates.{key}` (expected `warn-within-days`)"
                        ));
                    }
                    let days = days.as_integer().and_then(|d| u32::try_from(d).ok());
                    config.certificate_warn_days = Some(days.ok_or(format!(
                        "{place}: `certificates.warn-within-days` must be a number of days (0 or more)"
                    ))?);
                }
            }
            other => {
                return Err(format!(
                    "{place}: unknown key `{other}` (expected `lints`, `exclude` or `certificates`)"
                ));
            }
        }
    }
    Ok(())
}

/// Accepts a lint name, a group name or `warnings`; an unknown one is an error with the
/// closest known name.
pub fn check_name(name: &str) -> Result<(), String> {
    let name = name.strip_prefix("datelint::").unwrap_or(name);
    let known = LINTS
        .iter()
        .map(|l| l.name)
        .chain(LINTS.iter().map(|l| l.group.name()))
        .chain(["warnings"]);
    let known: Vec<&str> = known.collect();
    if known.contains(&name) {
        return Ok(());
    }
    Err(match closest_name(name, known) {
        Some(k) => format!("unknown lint or group `{name}`: did you mean `{k}`?"),
        None => format!("unknown lint or group `{name}` (see `datelint rules`)"),
    })
}

/// The known name closest to `name` (a typo's likely meaning), if one is close enough:
/// at most 3 edits, counting a swap of two letters as one.
pub(crate) fn closest_name<'a>(
    name: &str,
    known: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let name = name.strip_prefix("datelint::").unwrap_or(name);
    known
        .into_iter()
        .map(|k| (strsim::damerau_levenshtein(name, k), k))
        .filter(|(distance, _)| *distance <= 3)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, k)| k)
}

impl Config {
    /// Returns true if `path` matches an `exclude` glob, relative to the configuration's folder.
    pub fn excludes(&self, path: &Path) -> bool {
        if self.exclude.is_empty() {
            return false;
        }
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let root = std::path::absolute(&self.root).unwrap_or_else(|_| self.root.clone());
        let relative = absolute.strip_prefix(&root).unwrap_or(&absolute);
        self.excluded.is_match(relative)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(glob: &str, path: &str) -> bool {
        let set = compile_globs(&[glob.to_string()], "test").expect("a valid glob");
        set.is_match(path)
    }

    #[test]
    fn globs_match_segments_folders_and_deep_paths() {
        assert!(matches("src/generated_*.rs", "src/generated_tz.rs"));
        assert!(!matches("src/*.rs", "src/a/b.rs"));
        assert!(matches("tests/data/**", "tests/data/a/b.rs"));
        assert!(matches("**/fixtures", "x/y/fixtures/a.rs"));
        assert!(matches("vendor", "vendor/c/lib.rs"));
        assert!(matches("./vendor/", "vendor/c/lib.rs"));
        assert!(!matches("vendor", "vendored/lib.rs"));
        assert!(matches("src/{a,b}.rs", "src/b.rs"));
        assert!(matches("src/v[12].rs", "src/v2.rs"));
        assert!(!matches("src/v[12].rs", "src/v3.rs"));
    }

    #[test]
    fn invalid_globs_are_errors_and_no_glob_is_slow() {
        let error = compile_globs(&["src/{a,b".to_string()], "datelint.toml");
        assert!(
            error
                .as_ref()
                .is_err_and(|e| e.starts_with("datelint.toml: `exclude`: invalid glob `src/{a,b`")),
            "{error:?}"
        );
        let started = std::time::Instant::now();
        assert!(!matches("*a*a*a*a*a*a*a*a*a*a*a*b", &"a".repeat(200)));
        assert!(started.elapsed() < std::time::Duration::from_secs(1));
    }

    #[test]
    fn unknown_names_get_a_suggestion() {
        assert!(check_name("datelint::naive_year_shift").is_ok());
        assert!(check_name("pedantic").is_ok());
        assert_eq!(
            check_name("naive_year_shfit"),
            Err(
                "unknown lint or group `naive_year_shfit`: did you mean `naive_year_shift`?"
                    .to_string()
            )
        );
    }
}
