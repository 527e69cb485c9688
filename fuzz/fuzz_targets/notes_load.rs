#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| tianbiao_fuzz::notes_load(data));
