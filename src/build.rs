//! Build script: how the release binary is laid out in memory on Linux with glibc. Nothing here
//! changes what the program does; it changes how much of the binary an editing session keeps in
//! memory and how much work the loader does before `main`.
//!
//! - `src/link/hot.ld` (written by `benches/hot_layout.py`) puts the functions a session runs
//!   together at the start of the code. The kernel maps code 64 KB around every page touched,
//!   and in the linker's own order those functions are spread over nearly all of it.
//! - Relative relocations packed (`-z pack-relative-relocs`, DT_RELR): the loader's table of
//!   addresses to fix up shrinks from about 220 KB to 7 KB. glibc reads that format from 2.36 on,
//!   so it is asked for only when the glibc the build runs on (where a `cargo build` binary runs)
//!   is that new.
//!
//! Debug and test builds link as they always did.

fn main() {
    println!("cargo:rerun-if-changed=src/link/hot.ld");
    println!("cargo:rerun-if-changed=src/build.rs");
    let var = |k: &str| std::env::var(k).unwrap_or_default();
    let linux_gnu = var("CARGO_CFG_TARGET_OS") == "linux" && var("CARGO_CFG_TARGET_ENV") == "gnu";
    if var("PROFILE") != "release" || !linux_gnu {
        return;
    }
    let script = std::path::Path::new(&var("CARGO_MANIFEST_DIR")).join("src/link/hot.ld");
    println!("cargo:rustc-link-arg-bins=-Wl,-T,{}", script.display());
    if var("HOST") == var("TARGET") && host_glibc().is_some_and(|v| v >= (2, 36)) {
        println!("cargo:rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    }
}

/// The version of the glibc this build script runs on, as (major, minor).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn host_glibc() -> Option<(u32, u32)> {
    use std::ffi::{CStr, c_char};
    unsafe extern "C" {
        fn gnu_get_libc_version() -> *const c_char;
    }
    // SAFETY: glibc returns a pointer to a static NUL-terminated string.
    let text = unsafe { CStr::from_ptr(gnu_get_libc_version()) }
        .to_str()
        .ok()?;
    let mut parts = text.split('.').map(|p| p.parse::<u32>().ok());
    Some((parts.next()??, parts.next()??))
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn host_glibc() -> Option<(u32, u32)> {
    None
}
