//! The command line in the interface language: which language to speak, read before clap parses
//! anything (the help itself depends on it); `msg` holds the Chinese wording of the help and of
//! clap's usage errors.

use crate::lang::Lang;

mod msg;

pub use msg::{localize, usage_error};

/// The interface language as the arguments and environment give it, before clap has parsed
/// anything (the help itself depends on it). A bad `--lang` value is left to clap to refuse.
pub fn lang_from_args(args: &[std::ffi::OsString]) -> Lang {
    let mut flag = None;
    let mut it = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(a) = it.next() {
        if a == "--" {
            break;
        }
        if a == "--lang" {
            flag = it.next().map(|v| v.into_owned());
        } else if let Some(v) = a.strip_prefix("--lang=") {
            flag = Some(v.to_string());
        }
    }
    let flag = flag.filter(|f| Lang::parse(f).is_some());
    Lang::detect(flag.as_deref(), |v| std::env::var(v).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_is_read_before_parsing() {
        let args = |v: &[&str]| v.iter().map(Into::into).collect::<Vec<_>>();
        assert_eq!(
            lang_from_args(&args(&["tianbiao", "--lang", "en", "count"])),
            Lang::parse("en").unwrap()
        );
        assert_eq!(
            lang_from_args(&args(&["tianbiao", "count", "--lang=en"])),
            Lang::parse("en").unwrap()
        );
        // After `--` it is a file name, not the flag.
        let env_lang = Lang::detect(None, |v| std::env::var(v).ok());
        assert_eq!(
            lang_from_args(&args(&["tianbiao", "count", "--", "--lang=en"])),
            env_lang
        );
    }
}
