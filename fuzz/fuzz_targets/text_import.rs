#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| tianbiao_fuzz::text_import(data));
