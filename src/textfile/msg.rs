//! Words for imported text files: what was detected and changed, and why a file was refused.

use super::{Detected, ImportError, Imported};
use crate::lang::Lang;
use crate::paste::PasteReport;

/// What normalising changed, as short phrases (`移除 2 个控制字符`); empty when nothing.
pub fn changes(lang: Lang, r: &PasteReport) -> Vec<String> {
    let mut parts = Vec::new();
    let zh = lang == Lang::Zh;
    if r.line_breaks > 0 {
        parts.push(if zh {
            format!("统一 {} 处换行", r.line_breaks)
        } else {
            format!("{} line breaks unified", r.line_breaks)
        });
    }
    if r.controls > 0 {
        parts.push(if zh {
            format!("移除 {} 个控制字符", r.controls)
        } else {
            format!("{} control characters removed", r.controls)
        });
    }
    if r.escapes > 0 {
        parts.push(if zh {
            format!("去掉 {} 段终端转义序列", r.escapes)
        } else {
            format!("{} terminal escape sequences removed", r.escapes)
        });
    }
    if r.radicals > 0 {
        parts.push(if zh {
            format!("将 {} 个部首字符改为汉字", r.radicals)
        } else {
            format!("{} radicals turned into ideographs", r.radicals)
        });
    }
    if r.nfc {
        parts.push(lang.pick("规范化为 NFC", "normalised to NFC").to_string());
    }
    if r.joined > 0 {
        parts.push(if zh {
            format!("{} 处换行改为空格", r.joined)
        } else {
            format!("{} line breaks turned into spaces", r.joined)
        });
    }
    parts
}

impl Imported {
    /// `GB18030 编码，已转换；移除 2 个控制字符`.
    pub fn describe(&self, lang: Lang) -> String {
        let name = self.encoding.name();
        let mut s = match (lang, self.encoding) {
            (Lang::Zh, Detected::Utf8Bom) => format!("{name} 编码（带 BOM，已去掉）"),
            (Lang::Zh, e) if e.converted() => format!("{name} 编码，已转换"),
            (Lang::Zh, _) => format!("{name} 编码"),
            (Lang::En, Detected::Utf8Bom) => format!("{name} with a BOM (removed)"),
            (Lang::En, e) if e.converted() => format!("{name} encoding, converted"),
            (Lang::En, _) => format!("{name} encoding"),
        };
        let parts = changes(lang, &self.changes);
        if !parts.is_empty() {
            s.push_str(lang.pick("；", "; "));
            s.push_str(&parts.join(lang.pick("、", ", ")));
        }
        s
    }
}

impl ImportError {
    /// Why the file was not used; the caller names the file.
    pub fn describe(&self, lang: Lang) -> String {
        match (self, lang) {
            (ImportError::Binary, Lang::Zh) => {
                "看起来是二进制文件（含 NUL 字节），不是文本，未导入".into()
            }
            (ImportError::Binary, Lang::En) => {
                "looks like a binary file (it holds NUL bytes), not text; nothing imported".into()
            }
            (ImportError::Malformed { encoding }, Lang::Zh) => format!(
                "按 {} 编码读取时遇到无效字节，文件可能已损坏或被截断，未导入",
                encoding.name()
            ),
            (ImportError::Malformed { encoding }, Lang::En) => format!(
                "invalid bytes for {}: the file may be damaged or cut short; nothing imported",
                encoding.name()
            ),
            (ImportError::UnknownEncoding { guess }, Lang::Zh) => format!(
                "无法识别文件编码（不是 UTF-8、UTF-16 或 GB18030/GBK，像是 {guess}），\
                 请另存为 UTF-8 后再导入"
            ),
            (ImportError::UnknownEncoding { guess }, Lang::En) => format!(
                "unrecognised encoding (not UTF-8, UTF-16 or GB18030/GBK; it looks like \
                 {guess}); save it as UTF-8 and import again"
            ),
            (ImportError::Garbage { encoding }, Lang::Zh) => format!(
                "按 {} 解码后大部分是控制字符或乱码，不像文本，未导入",
                encoding.name()
            ),
            (ImportError::Garbage { encoding }, Lang::En) => format!(
                "decoded as {} it is mostly control or garbled characters, not text; \
                 nothing imported",
                encoding.name()
            ),
            (ImportError::TooLong { chars, cap }, Lang::Zh) => {
                format!("文本过长（{chars} 个字符，一项最多 {cap} 个字符），未导入")
            }
            (ImportError::TooLong { chars, cap }, Lang::En) => format!(
                "too long ({chars} characters; a field holds at most {cap}); nothing imported"
            ),
        }
    }
}
