//! `cargo datelint [OPTIONS] [PATH]...`: cargo runs this binary as
//! `cargo-datelint datelint [OPTIONS]`; the second argument is dropped so both binaries
//! share one command line.

fn main() -> std::process::ExitCode {
    let mut args: Vec<_> = std::env::args_os().collect();
    if args.get(1).is_some_and(|arg| arg == "datelint") {
        args.remove(1);
    }
    datelint::cli::run_cargo(args)
}
