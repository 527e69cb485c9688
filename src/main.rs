//! The `tianbiao` binary: parse arguments, run, exit with the code `cli` chose.

fn main() -> std::process::ExitCode {
    std::process::ExitCode::from(tianbiao::cli::main())
}

/// The one function of the C maths library the binary would call (the text area's line-number
/// width, `f64::log10`), given from the pure-Rust `libm` crate so the system's libm is never
/// loaded: mapping it and running its loader-time set-up costs about 320 KB of memory and part of
/// a millisecond at every start, for a function line numbers we never show would use.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[unsafe(no_mangle)]
pub extern "C" fn log10(x: f64) -> f64 {
    libm::log10(x)
}
