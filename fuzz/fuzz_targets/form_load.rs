#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| tianbiao_fuzz::form_load(data));
