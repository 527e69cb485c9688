//! The `tianbiao` binary: parse arguments, run, exit with the code `cli` chose.

fn main() -> std::process::ExitCode {
    std::process::ExitCode::from(tianbiao::cli::main())
}
