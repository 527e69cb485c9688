//! 字 counting (DESIGN.md §4). Pure; the only code in the project that counts.
