//! `cargo datelint [OPTIONS]`: a shim of a few kilobytes, so that the program is installed
//! once. Cargo runs it as `cargo-datelint datelint [OPTIONS]`; it runs the `datelint` beside
//! it (else the one on `PATH`) as `datelint --cargo-subcommand [OPTIONS]`, which is cargo
//! mode, and exits as it exits.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

fn main() -> ExitCode {
    let mut args: Vec<OsString> = std::env::args_os().skip(1).collect();
    if args.first().is_some_and(|arg| arg == "datelint") {
        args.remove(0);
    }
    let name = format!("datelint{}", std::env::consts::EXE_SUFFIX);
    let beside = std::env::current_exe()
        .ok()
        .map(|exe| exe.with_file_name(&name))
        .filter(|path| path.is_file());
    let program = beside.unwrap_or_else(|| PathBuf::from(&name));
    let mut command = Command::new(&program);
    // The flag `datelint` reads as "run as cargo's subcommand" (see `cli::run`).
    command.arg("--cargo-subcommand").args(&args);
    run(command, &program)
}

/// Replaces this process by `datelint`, so that signals and the exit status are its own.
#[cfg(unix)]
fn run(mut command: Command, program: &Path) -> ExitCode {
    use std::os::unix::process::CommandExt;
    // Returns only if `datelint` could not be started.
    let error = command.exec();
    not_started(program, &error)
}

/// Runs `datelint` and exits as it exits.
#[cfg(not(unix))]
fn run(mut command: Command, program: &Path) -> ExitCode {
    match command.status() {
        Ok(status) => ExitCode::from(status.code().map_or(2, |code| code.clamp(0, 255) as u8)),
        Err(error) => not_started(program, &error),
    }
}

fn not_started(program: &Path, error: &std::io::Error) -> ExitCode {
    eprintln!(
        "error: could not run `{}`, which cargo-datelint needs beside it or on PATH ({error}); install both with `cargo install datelint`",
        program.display()
    );
    ExitCode::from(2)
}
