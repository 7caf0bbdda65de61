//! The command line: what the user typed (clap types), turned into [`Settings`] and a run.

use std::ffi::OsString;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand};

use crate::baseline::Baseline;
use crate::emit::{self, ColorChoice, MessageFormat};
use crate::engine::{self, Report, Settings, lint_paths};
use crate::lint::Level;
use crate::rules::{self, LINTS};
use crate::{cargo, fix};

/// Finds date-arithmetic bugs in Rust source: code that breaks on 29 February, 31 December
/// or the 31st of a month.
#[derive(Debug, Parser)]
#[command(name = "datelint", version, args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    check: CheckArgs,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Lint files and folders, as without a subcommand (so that a folder named like a
    /// subcommand, `rules` or `lsp`, can be linted).
    Check(Box<CheckArgs>),
    /// Print the documentation of a lint.
    Explain {
        /// The lint's name, with or without `datelint::`.
        lint: String,
    },
    /// List the lints with their group and default level.
    Rules,
    /// Run the language server on stdio (for editors).
    Lsp,
}

#[derive(Debug, Args)]
struct CheckArgs {
    /// Files and folders to lint (default: `.`; as `cargo datelint`, the selected packages).
    /// Folders are searched for `.rs` files and certificates (`*.pem`, `*.crt`, `*.cer`,
    /// `*.der`), skipping what `.gitignore`
    /// leaves out, hidden entries and cargo's build output. `-` reads standard input.
    paths: Vec<PathBuf>,
    /// With `-`: the path standard input stands for, in messages, configuration and
    /// `exclude`.
    #[arg(long, value_name = "PATH")]
    stdin_filename: Option<PathBuf>,
    /// Cargo mode: the `Cargo.toml` of the package or workspace to lint.
    #[arg(long, value_name = "PATH")]
    manifest_path: Option<PathBuf>,
    /// Cargo mode: lint this package (may be repeated).
    #[arg(short, long = "package", value_name = "SPEC")]
    package: Vec<String>,
    /// Cargo mode: lint every member of the workspace.
    #[arg(long)]
    workspace: bool,
    /// Cargo mode: with `--workspace`, leave out this package (may be repeated).
    #[arg(long, value_name = "SPEC", requires = "workspace")]
    exclude: Vec<String>,
    /// How to print findings.
    #[arg(long, value_enum, default_value_t = MessageFormat::Human)]
    message_format: MessageFormat,
    /// When to use colour in human output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// Set a lint, a group or `warnings` to allow.
    #[arg(short = 'A', long = "allow", value_name = "LINT")]
    allow: Vec<String>,
    /// Set a lint, a group or `warnings` to warn.
    #[arg(short = 'W', long = "warn", value_name = "LINT")]
    warn: Vec<String>,
    /// Set a lint, a group or `warnings` to deny.
    #[arg(short = 'D', long = "deny", value_name = "LINT")]
    deny: Vec<String>,
    /// Set a lint, a group or `warnings` to forbid: deny, and no later setting lowers it.
    #[arg(short = 'F', long = "forbid", value_name = "LINT")]
    forbid: Vec<String>,
    /// Record today's findings in FILE (a baseline) instead of reporting them.
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    write_baseline: Option<PathBuf>,
    /// Report only findings that are not in the baseline FILE.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Read the configuration from this file (`datelint.toml` or `Cargo.toml`) instead of
    /// the nearest one.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Apply the machine-applicable suggestions to the files, then report what remains (with
    /// `-`, print the fixed text on stdout).
    #[arg(long, conflicts_with_all = ["write_baseline", "baseline"])]
    fix: bool,
    /// With `--fix`: fix files that have uncommitted changes.
    #[arg(long, requires = "fix")]
    allow_dirty: bool,
    /// With `--fix`: fix files that are not under version control.
    #[arg(long, requires = "fix")]
    allow_no_vcs: bool,
    /// Judge certificates as of this moment instead of the system clock: an RFC 3339 date
    /// (`2026-05-01`) or date-time in UTC (`2026-05-01T12:00:00Z`).
    #[arg(long, value_name = "DATE", value_parser = crate::certificates::parse_now)]
    now: Option<i64>,
    /// Print which configuration file applies to the first PATH (default `.`), and the
    /// levels and excludes that result; lint nothing.
    #[arg(long)]
    show_config: bool,
    /// Print no summary line.
    #[arg(short, long)]
    quiet: bool,
    /// Parse every file, even those the prefilter shows cannot produce a finding (to check
    /// that the prefilter changes nothing).
    #[arg(long, hide = true)]
    no_prefilter: bool,
}

/// The first argument with which `cargo-datelint` (a shim) runs `datelint` in cargo mode.
const CARGO_SUBCOMMAND: &str = "--cargo-subcommand";

/// Runs datelint with `args` (the first is the program name) and returns the exit status:
/// 0 without error-level findings, 1 with them, 2 for a bad command line or a file that could
/// not be linted. After `--cargo-subcommand`, it runs as `cargo datelint`: without paths, the
/// packages come from `cargo metadata`.
pub fn run(args: impl IntoIterator<Item = OsString>) -> ExitCode {
    let mut args: Vec<OsString> = args.into_iter().collect();
    let cargo_mode = args.get(1).is_some_and(|arg| arg == CARGO_SUBCOMMAND);
    if cargo_mode {
        args.remove(1);
    }
    run_as(args, cargo_mode)
}

fn run_as(mut args: Vec<OsString>, cargo_mode: bool) -> ExitCode {
    if cargo_mode && let Err(error) = lint_flags_after_separator(&mut args) {
        emit::error(ColorChoice::Auto, &error);
        return ExitCode::from(2);
    }
    let mut command = Cli::command();
    if cargo_mode {
        command = command.bin_name("cargo datelint");
    }
    let cli = match command
        .try_get_matches_from(args)
        .and_then(|matches| Cli::from_arg_matches(&matches))
    {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return ExitCode::from(if error.use_stderr() { 2 } else { 0 });
        }
    };
    let outcome = match cli.command {
        Some(Command::Explain { lint }) => explain(&lint),
        Some(Command::Rules) => list_rules(),
        Some(Command::Lsp) => match crate::lsp::run() {
            Ok(code) => Ok(code),
            Err(error) => Err(io::Error::other(error)),
        },
        Some(Command::Check(check_args)) => check(*check_args, cargo_mode),
        None => check(cli.check, cargo_mode),
    };
    match outcome {
        Ok(code) => ExitCode::from(code),
        // A closed pipe (`datelint . | head -1`) is the reader's choice, not a failure.
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(error) => {
            emit::error(ColorChoice::Auto, &error.to_string());
            ExitCode::from(2)
        }
    }
}

/// `cargo datelint -- -D warnings`, as `cargo clippy -- -D warnings`: what follows `--` are
/// lint flags, which join the others. Anything else there is an error, since cargo mode
/// takes no paths after `--`.
fn lint_flags_after_separator(args: &mut Vec<OsString>) -> Result<(), String> {
    let Some(at) = args.iter().position(|arg| arg == "--") else {
        return Ok(());
    };
    let after = args.split_off(at + 1);
    args.pop();
    let mut needs_value = false;
    for arg in &after {
        let text = arg.to_string_lossy();
        if needs_value {
            needs_value = false;
        } else if [
            "-A", "-W", "-D", "-F", "--allow", "--warn", "--deny", "--forbid",
        ]
        .contains(&text.as_ref())
        {
            needs_value = true;
        } else if !(["-A", "-W", "-D", "-F"].iter().any(|f| text.starts_with(f))
            || ["--allow=", "--warn=", "--deny=", "--forbid="]
                .iter()
                .any(|f| text.starts_with(f)))
        {
            return Err(format!(
                "`{text}` after `--`: `cargo datelint -- ..` takes lint flags only (`-A`, `-W`, `-D`, `-F`), as clippy does"
            ));
        }
    }
    args.extend(after);
    Ok(())
}

fn check(mut args: CheckArgs, cargo_mode: bool) -> io::Result<u8> {
    let start = std::env::current_dir().unwrap_or_default();
    let color = args.color;
    let fail = |message: &str| {
        emit::error(color, message);
        Ok(2)
    };
    // With `--config`, one file for all; else each file's nearest, read as it is met.
    let (config, discovery) = match &args.config {
        Some(path) => match crate::config::load(Some(path), &start) {
            Ok(config) => (config, None),
            Err(error) => return fail(&error),
        },
        None => (
            crate::config::Config::default(),
            Some(Arc::new(crate::config::Discovery::default())),
        ),
    };
    let mut overrides = Vec::new();
    let flags = [
        (Level::Allow, &args.allow),
        (Level::Warn, &args.warn),
        (Level::Deny, &args.deny),
        (Level::Forbid, &args.forbid),
    ];
    for (level, names) in flags {
        for name in names {
            if let Err(error) = crate::config::check_name(name) {
                return fail(&error);
            }
            overrides.push((
                level,
                name.strip_prefix("datelint::").unwrap_or(name).to_string(),
            ));
        }
    }
    let settings = Settings {
        config,
        discovery,
        overrides,
        skip_prefilter: args.no_prefilter,
        now: args.now,
    };
    // A configuration that cannot be read is reported once here, not once per file below it.
    let named = args.stdin_filename.iter().chain(&args.paths);
    for path in named.chain([&PathBuf::from(".")]) {
        if let Err(error) = settings.for_file(&path.join("_")) {
            return fail(&error);
        }
    }
    if args.show_config {
        let path = args
            .paths
            .first()
            .cloned()
            .unwrap_or_else(|| PathBuf::from("."));
        return show_config(&path, &settings);
    }
    if args.paths.iter().any(|path| path.as_os_str() == "-") {
        if args.paths.len() > 1 {
            return fail("`-` (standard input) cannot be linted with other paths");
        }
        return check_stdin(&args, &settings);
    }
    if args.stdin_filename.is_some() {
        return fail("`--stdin-filename` names standard input, which is read only with `-`");
    }
    let uses_cargo =
        cargo_mode || args.manifest_path.is_some() || args.workspace || !args.package.is_empty();
    let mut targets = Vec::new();
    // Paths are shown as cargo shows them: relative to the workspace root in cargo mode,
    // whatever the current folder; else relative to the current folder.
    let mut base = start.clone();
    if uses_cargo && args.paths.is_empty() {
        let selection = cargo::Selection {
            manifest_path: args.manifest_path.clone(),
            packages: args.package.clone(),
            workspace: args.workspace,
            exclude: args.exclude.clone(),
        };
        match cargo::workspace(&selection) {
            Ok(workspace) => {
                targets = workspace.targets;
                base = workspace.root;
            }
            Err(error) => return fail(&error),
        }
        args.paths = targets.iter().map(|t| t.root.clone()).collect();
        args.paths.dedup();
        args.paths.extend(package_certificates(&targets));
    } else if args.paths.is_empty() {
        args.paths.push(PathBuf::from("."));
    }
    let lint = || {
        let mut report = lint_paths(&args.paths, &settings);
        for file in &mut report.files {
            file.package = cargo::owner(&targets, &file.source.path).cloned();
        }
        report
    };
    let mut report = lint();
    let mut refused = false;
    if args.fix {
        let policy = fix::Policy {
            allow_dirty: args.allow_dirty,
            allow_no_vcs: args.allow_no_vcs,
        };
        let mut summary = fix::fix_files(&report, &settings, policy);
        summary.show_paths_from(&base);
        emit::fix_summary(&summary, args.color)?;
        refused = !summary.refused.is_empty();
        if !summary.fixed.is_empty() {
            report = lint();
        }
    }
    report.show_paths_from(&base);
    if let Some(path) = &args.write_baseline {
        let baseline = Baseline::of(&report);
        if let Err(error) = std::fs::write(path, baseline.to_json()) {
            let reason = crate::walk::reason(&error);
            return fail(&format!("{}: {reason}", path.display()));
        }
        report.baselined = report.files.iter().map(|f| f.findings.len()).sum();
        report.files.clear();
        emit::baseline_written(path, report.baselined, args.color)?;
    } else if let Some(path) = &args.baseline {
        match Baseline::read(path) {
            Ok(baseline) => report.baselined = baseline.filter(&mut report),
            Err(error) => return fail(&error),
        }
    }
    emit::emit(&report, args.message_format, args.color, args.quiet)?;
    Ok(if refused { 2 } else { report.exit_code() })
}

/// `datelint -`: lints standard input as the file `--stdin-filename` names (for messages,
/// the configuration's `exclude` and whether it is test code), for editors and hooks that
/// pipe a buffer. With `--fix`, the fixed text goes to stdout and the findings that remain
/// to stderr; an excluded file is passed through unchanged and not linted.
fn check_stdin(args: &CheckArgs, settings: &Settings) -> io::Result<u8> {
    if args.fix && args.message_format != MessageFormat::Human {
        emit::error(
            args.color,
            "`--fix` with `-` prints the fixed text on stdout, so findings can only be printed as `--message-format human`",
        );
        return Ok(2);
    }
    let path = args
        .stdin_filename
        .clone()
        .unwrap_or_else(|| PathBuf::from("<stdin>"));
    let mut bytes = Vec::new();
    io::stdin().lock().read_to_end(&mut bytes)?;
    let settings = &*match settings.for_file(&path) {
        Ok(settings) => settings,
        Err(error) => {
            emit::error(args.color, &error);
            return Ok(2);
        }
    };
    let excluded = settings.config.excludes(&path);
    if args.fix {
        if !excluded && let Ok(text) = std::str::from_utf8(&bytes) {
            // What cannot be fixed is reported by the lint below, and the text kept.
            if let Ok((fixed, count)) =
                engine::with_large_stack(|| fix::fix_source(&path, text, settings))
                && count > 0
            {
                bytes = fixed.into_bytes();
            }
        }
        io::stdout().lock().write_all(&bytes)?;
    }
    let mut report = if excluded {
        Report::default()
    } else {
        engine::lint_in_memory(&path, bytes, settings)
    };
    report.show_paths_from(&std::env::current_dir().unwrap_or_default());
    emit::emit(&report, args.message_format, args.color, args.quiet)?;
    Ok(report.exit_code())
}

/// The certificate files of the packages `targets` belong to: certificates sit in the whole
/// package folder (`certs/`, `tests/data/`), not only in the targets' source folders.
fn package_certificates(targets: &[std::sync::Arc<cargo::PackageTarget>]) -> Vec<PathBuf> {
    let mut folders: Vec<PathBuf> = targets
        .iter()
        .filter_map(|t| t.manifest_path.parent().map(PathBuf::from))
        .collect();
    folders.dedup();
    // A folder that cannot be walked is reported when its targets are linted.
    let (files, _) = crate::walk::files(&folders);
    files
        .into_iter()
        .filter(|path| crate::certificates::is_certificate_file(path))
        .collect()
}

/// `--show-config PATH`: the configuration file that applies to PATH (for a folder, to
/// the files directly in it), what globs are relative to, and the level of every lint after
/// the command line.
fn show_config(path: &Path, settings: &Settings) -> io::Result<u8> {
    let probe = if path.is_dir() {
        path.join("_")
    } else {
        path.to_path_buf()
    };
    let settings = match settings.for_file(&probe) {
        Ok(settings) => settings,
        Err(error) => {
            emit::error(ColorChoice::Auto, &error);
            return Ok(2);
        }
    };
    let config = &settings.config;
    let mut out = io::stdout().lock();
    writeln!(out, "path: {}", path.display())?;
    if config.source.is_empty() {
        writeln!(out, "configuration: none (the defaults)")?;
    } else {
        writeln!(out, "configuration: {}", config.source)?;
        writeln!(out, "exclude (relative to {}):", config.root.display())?;
        for glob in &config.exclude {
            writeln!(out, "  {glob}")?;
        }
        if !path.is_dir() {
            writeln!(out, "excluded: {}", config.excludes(path))?;
        }
    }
    writeln!(out, "levels:")?;
    for lint in LINTS {
        writeln!(out, "  {:<30} {}", lint.name, settings.level_of(lint))?;
    }
    Ok(0)
}

fn explain(name: &str) -> io::Result<u8> {
    match rules::find(name) {
        Some(lint) => {
            io::stdout().lock().write_all(lint.doc.as_bytes())?;
            Ok(0)
        }
        None => {
            let message = match crate::config::closest_name(name, LINTS.iter().map(|l| l.name)) {
                Some(known) => format!("no lint named `{name}`: did you mean `{known}`?"),
                None => format!("no lint named `{name}` (see `datelint rules`)"),
            };
            emit::error(ColorChoice::Auto, &message);
            Ok(2)
        }
    }
}

fn list_rules() -> io::Result<u8> {
    let mut out = io::stdout().lock();
    writeln!(
        out,
        "{:<30} {:<12} {:<8} summary",
        "lint", "group", "default"
    )?;
    for lint in LINTS {
        writeln!(
            out,
            "{:<30} {:<12} {:<8} {}",
            lint.name,
            lint.group.name(),
            lint.default_level().to_string(),
            lint.summary
        )?;
    }
    Ok(0)
}
