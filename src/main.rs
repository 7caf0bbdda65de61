//! `datelint [OPTIONS] [PATH]...`: see `datelint --help`.

fn main() -> std::process::ExitCode {
    datelint::cli::run(std::env::args_os())
}
