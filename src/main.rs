//! The `tianbiao` binary: parse arguments, run, exit with the code `cli` chose.

use clap::Parser;

fn main() -> std::process::ExitCode {
    std::process::ExitCode::from(tianbiao::cli::run(tianbiao::cli::Cli::parse()))
}
