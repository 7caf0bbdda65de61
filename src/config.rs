//! Configuration: `datelint.toml`, or `[workspace.metadata.datelint]` and
//! `[package.metadata.datelint]` in `Cargo.toml` (never `[lints.datelint]`, which cargo passes
//! to rustc). Three keys: `lints`, a table of lint or group names to `allow`, `warn`, `deny`
//! or `forbid`; `exclude`, a list of globs of paths not to lint; and `certificates`, whose
//! `warn-within-days` sets how near an expiry `certificate_expires_soon` reports.
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

use std::path::{Path, PathBuf};

use crate::lint::Level;
use crate::rules::LINTS;

/// Levels and exclusions read from a configuration file.
#[derive(Clone, Debug, Default)]
pub struct Config {
    /// Lint or group names and their levels, in file order.
    pub levels: Vec<(Level, String)>,
    /// Globs of paths not to lint, relative to `root`.
    pub exclude: Vec<String>,
    /// The folder the configuration belongs to.
    pub root: PathBuf,
    /// `[certificates] warn-within-days`: how near an expiry is reported (default 90).
    pub certificate_warn_days: Option<u32>,
}

/// Finds and reads the configuration for the current folder: `explicit` if given, else the
/// nearest `datelint.toml`, else the nearest `Cargo.toml` with a `metadata.datelint` table.
/// Returns the default configuration when there is none; an error names the file and the
/// problem.
pub fn load(explicit: Option<&Path>, start: &Path) -> Result<Config, String> {
    if let Some(path) = explicit {
        return read(path, path.file_name().is_some_and(|n| n == "Cargo.toml"));
    }
    for dir in start.ancestors() {
        let own = dir.join("datelint.toml");
        if own.is_file() {
            return read(&own, false);
        }
        let manifest = dir.join("Cargo.toml");
        if manifest.is_file() {
            let config = read(&manifest, true)?;
            if !config.levels.is_empty()
                || !config.exclude.is_empty()
                || config.certificate_warn_days.is_some()
            {
                return Ok(config);
            }
        }
    }
    Ok(Config {
        root: start.to_path_buf(),
        ..Config::default()
    })
}

fn read(path: &Path, manifest: bool) -> Result<Config, String> {
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
        // The workspace's settings first, so the package's override them.
        for section in ["workspace", "package"] {
            let table = table
                .get(section)
                .and_then(|t| t.get("metadata"))
                .and_then(|m| m.get("datelint"));
            if let Some(table) = table {
                let table = table.as_table().ok_or(format!(
                    "{name}: [{section}.metadata.datelint] must be a table"
                ))?;
                merge(
                    &mut config,
                    table,
                    &format!("{name}: [{section}.metadata.datelint]"),
                )?;
            }
        }
    } else {
        merge(&mut config, &table, &name.to_string())?;
    }
    Ok(config)
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
        let text: Vec<String> = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let text = text.join("/");
        self.exclude
            .iter()
            .any(|glob| glob_matches(glob.trim_start_matches("./").as_bytes(), text.as_bytes()))
    }
}

/// `*` matches within a path segment, `**` across segments, `?` one character; a glob naming
/// a folder also matches everything below it.
fn glob_matches(glob: &[u8], path: &[u8]) -> bool {
    match (glob.first(), path.first()) {
        (None, None) => true,
        (None, Some(b'/')) => true,
        (None, Some(_)) => false,
        (Some(b'*'), _) if glob.get(1) == Some(&b'*') => {
            let rest = glob[2..].strip_prefix(b"/").unwrap_or(&glob[2..]);
            if rest.is_empty() {
                return true;
            }
            (0..=path.len())
                .any(|i| (i == 0 || path[i - 1] == b'/') && glob_matches(rest, &path[i..]))
        }
        (Some(b'*'), _) => {
            let segment_end = path.iter().position(|&b| b == b'/').unwrap_or(path.len());
            (0..=segment_end).any(|i| glob_matches(&glob[1..], &path[i..]))
        }
        (Some(b'?'), Some(c)) if *c != b'/' => glob_matches(&glob[1..], &path[1..]),
        (Some(g), Some(c)) if g == c => glob_matches(&glob[1..], &path[1..]),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_match_segments_folders_and_deep_paths() {
        assert!(glob_matches(b"src/generated_*.rs", b"src/generated_tz.rs"));
        assert!(!glob_matches(b"src/*.rs", b"src/a/b.rs"));
        assert!(glob_matches(b"tests/data/**", b"tests/data/a/b.rs"));
        assert!(glob_matches(b"**/fixtures", b"x/y/fixtures/a.rs"));
        assert!(glob_matches(b"vendor", b"vendor/c/lib.rs"));
        assert!(!glob_matches(b"vendor", b"vendored/lib.rs"));
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
