#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| tianbiao_fuzz::docx_check(data));
