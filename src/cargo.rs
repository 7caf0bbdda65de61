//! Cargo mode (`cargo datelint`): which packages and targets to lint, from
//! `cargo metadata --format-version 1 --no-deps` run through `$CARGO`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use serde_json::Value;

use crate::walk;

/// The package and target a file belongs to, as cargo names them in its JSON messages.
#[derive(Debug)]
pub struct PackageTarget {
    pub package_id: String,
    pub manifest_path: PathBuf,
    /// The target object of `cargo metadata`, as it is.
    pub target: Value,
    /// What to lint for it: the target's file when it sits in the package root (`build.rs`),
    /// else the target's folder (`src/`, `tests/`, `benches/`, `examples/`); or one module
    /// file the target declares outside them (`#[path = "../shared/util.rs"] mod util;`).
    pub root: PathBuf,
}

/// Which packages of the workspace to lint, as cargo's own flags say.
#[derive(Debug, Default)]
pub struct Selection {
    pub manifest_path: Option<PathBuf>,
    pub packages: Vec<String>,
    pub workspace: bool,
    pub exclude: Vec<String>,
}

/// What cargo mode lints: the selected packages' targets, libraries first, and the
/// workspace root that paths are shown relative to, as cargo shows them.
#[derive(Debug)]
pub struct Workspace {
    pub root: PathBuf,
    pub targets: Vec<Arc<PackageTarget>>,
}

/// The workspace and the targets of the selected packages.
pub fn workspace(selection: &Selection) -> Result<Workspace, String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    command.args(["metadata", "--format-version", "1", "--no-deps"]);
    if let Some(path) = &selection.manifest_path {
        command.arg("--manifest-path").arg(path);
    }
    let output = command
        .output()
        .map_err(|e| format!("could not run cargo metadata: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "cargo metadata failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    let metadata: Value = serde_json::from_slice(&output.stdout)
        .map_err(|e| format!("cargo metadata printed no JSON: {e}"))?;
    let packages = metadata["packages"].as_array().cloned().unwrap_or_default();
    let ids = |key: &str| -> Vec<String> {
        metadata[key]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect()
    };
    let members = ids("workspace_members");
    let member = |p: &&Value| {
        p["id"]
            .as_str()
            .is_some_and(|id| members.iter().any(|m| m == id))
    };
    let chosen: Vec<&Value> = if !selection.packages.is_empty() {
        let mut chosen = Vec::new();
        for name in &selection.packages {
            let found = packages
                .iter()
                .filter(member)
                .find(|p| p["name"] == name.as_str());
            chosen.push(found.ok_or(format!("package `{name}` is not a member of the workspace"))?);
        }
        chosen
    } else if selection.workspace {
        packages
            .iter()
            .filter(member)
            .filter(|p| !selection.exclude.iter().any(|e| p["name"] == e.as_str()))
            .collect()
    } else {
        let manifest = match &selection.manifest_path {
            Some(path) => std::path::absolute(path).unwrap_or_else(|_| path.clone()),
            None => nearest_manifest()?,
        };
        let own = packages
            .iter()
            .filter(member)
            .find(|p| p["manifest_path"].as_str().map(Path::new) == Some(&manifest));
        match own {
            Some(package) => vec![package],
            None => {
                let defaults = ids("workspace_default_members");
                packages
                    .iter()
                    .filter(|p| {
                        p["id"]
                            .as_str()
                            .is_some_and(|id| defaults.iter().any(|d| d == id))
                    })
                    .collect()
            }
        }
    };
    let mut targets = Vec::new();
    for package in chosen {
        let manifest_path = PathBuf::from(package["manifest_path"].as_str().unwrap_or_default());
        let package_root = manifest_path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let mut package_targets: Vec<&Value> = package["targets"]
            .as_array()
            .into_iter()
            .flatten()
            .collect();
        package_targets.sort_by_key(|t| {
            !t["kind"]
                .as_array()
                .is_some_and(|k| k.iter().any(|k| k == "lib"))
        });
        for target in package_targets {
            let Some(src) = target["src_path"].as_str().map(PathBuf::from) else {
                continue;
            };
            let folder = src.parent().map(Path::to_path_buf).unwrap_or_default();
            let root = if folder == package_root { src } else { folder };
            targets.push(Arc::new(PackageTarget {
                package_id: package["id"].as_str().unwrap_or_default().to_string(),
                manifest_path: manifest_path.clone(),
                target: target.clone(),
                root,
            }));
        }
    }
    add_declared_modules(&mut targets);
    let root = metadata["workspace_root"]
        .as_str()
        .map(PathBuf::from)
        .ok_or("cargo metadata printed no `workspace_root`")?;
    Ok(Workspace { root, targets })
}

/// Adds each module file the targets declare outside what their roots cover, recursively,
/// as a root of its own with the package and target of the file that declares it: rustc
/// compiles it into that target, so it is linted as part of it.
fn add_declared_modules(targets: &mut Vec<Arc<PackageTarget>>) {
    let roots: Vec<PathBuf> = targets.iter().map(|t| t.root.clone()).collect();
    let crate_roots: Vec<PathBuf> = targets
        .iter()
        .filter_map(|t| t.target["src_path"].as_str().map(PathBuf::from))
        .collect();
    // What cannot be walked is reported by the walk that lints these roots.
    let (files, _) = walk::rust_files(&roots);
    let modules = walk::declared_modules(&files, &crate_roots);
    for (module, declared_in) in &modules {
        let declarer = files.get(*declared_in).or_else(|| {
            let found = declared_in.checked_sub(files.len())?;
            modules.get(found).map(|(path, _)| path)
        });
        let Some(target) = declarer.and_then(|file| owner(targets, file)).cloned() else {
            continue;
        };
        targets.push(Arc::new(PackageTarget {
            package_id: target.package_id.clone(),
            manifest_path: target.manifest_path.clone(),
            target: target.target.clone(),
            root: module.clone(),
        }));
    }
}

/// The `Cargo.toml` in the current folder or the nearest one above it.
fn nearest_manifest() -> Result<PathBuf, String> {
    let cwd = std::env::current_dir().map_err(|e| format!("no current folder: {e}"))?;
    cwd.ancestors()
        .map(|dir| dir.join("Cargo.toml"))
        .find(|manifest| manifest.is_file())
        .ok_or_else(|| {
            "could not find `Cargo.toml` in the current folder or any above it".to_string()
        })
}

/// The first target whose root holds `file`.
pub fn owner<'a>(targets: &'a [Arc<PackageTarget>], file: &Path) -> Option<&'a Arc<PackageTarget>> {
    let file = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
    targets.iter().find(|t| file.starts_with(&t.root))
}
