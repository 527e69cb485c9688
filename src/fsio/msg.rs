//! The words of reading files: why a file could not be read, in Chinese (default) and English.

use std::io;

use super::{ReadError, SpecialTarget};
use crate::lang::Lang;

impl ReadError {
    /// A short, human explanation in the interface language.
    pub fn describe(&self, lang: Lang) -> String {
        match (self, lang) {
            (ReadError::Io(e), Lang::Zh) => match e.kind() {
                io::ErrorKind::NotFound => "文件不存在".into(),
                io::ErrorKind::PermissionDenied => "没有读取权限".into(),
                _ => format!("无法读取（{e}）"),
            },
            (ReadError::Io(e), Lang::En) => match e.kind() {
                io::ErrorKind::NotFound => "no such file".into(),
                io::ErrorKind::PermissionDenied => "permission denied".into(),
                _ => format!("cannot read ({e})"),
            },
            (ReadError::NotRegular, Lang::Zh) => {
                "不是普通文件（目录、管道或设备），已拒绝读取".into()
            }
            (ReadError::NotRegular, Lang::En) => {
                "not a regular file (a directory, pipe or device); refused".into()
            }
            (ReadError::TooLarge { size, cap }, Lang::Zh) => {
                format!("文件过大（{size} 字节，上限 {cap} 字节），已拒绝读取")
            }
            (ReadError::TooLarge { size, cap }, Lang::En) => {
                format!("file too large ({size} bytes, limit {cap}); refused")
            }
        }
    }

    /// The English wording, for errors that are kept in English inside other errors (a theme or
    /// notes file that cannot be read, the reason of an emergency save).
    pub fn english(&self) -> String {
        self.describe(Lang::En)
    }
}

impl SpecialTarget {
    pub fn describe(&self, lang: Lang) -> String {
        lang.pick(
            "不是普通文件（管道、设备或套接字），即使加 --force 也不会替换",
            "not a regular file (a pipe, device or socket); never replaced, not even with --force",
        )
        .into()
    }
}
