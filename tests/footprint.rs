//! What the binary costs a machine before it does anything: the shared libraries it loads.
//! Every library mapped is memory and loader work at every start (see docs/benchmarks.md).

/// glibc's loader lists what a program would load, without running it.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[test]
fn the_binary_loads_no_maths_library() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_tianbiao"))
        .env("LD_TRACE_LOADED_OBJECTS", "1")
        .output()
        .expect("run tianbiao");
    let list = String::from_utf8_lossy(&out.stdout);
    assert!(
        list.contains("libc.so"),
        "the loader listed nothing: {list}"
    );
    assert!(
        !list.contains("libm.so"),
        "the binary loads the system's libm again (a new f64 function?): {list}"
    );
}
