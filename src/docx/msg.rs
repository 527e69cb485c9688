//! Words for the .docx reader's errors, Chinese first. Part and entry names come from the file
//! and pass through `sanitize::for_terminal`.

use super::{DocxError, OtherPackage};
use crate::lang::Lang;
use crate::sanitize::for_terminal;

/// How to turn a .doc/.wps into a .docx, for messages.
pub const CONVERT_HINT_ZH: &str = "请在 Word/WPS 中“另存为” .docx，或运行 soffice --headless --convert-to docx 文件名（也可加 --convert 让 tianbiao 代为转换）";
pub const CONVERT_HINT_EN: &str = "save it as .docx in Word/WPS, or run soffice --headless --convert-to docx FILE (or add --convert and tianbiao does it)";

fn mib(bytes: u64) -> u64 {
    bytes / (1024 * 1024)
}

impl DocxError {
    /// One line for people, in the interface language, safe for a terminal.
    pub fn describe(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            DocxError::LegacyDoc => {
                if zh {
                    format!("这是旧版 Word（.doc）或 WPS（.wps）文件，无法直接读取：{CONVERT_HINT_ZH}")
                } else {
                    format!("this is a legacy Word (.doc) or WPS (.wps) file and cannot be read directly: {CONVERT_HINT_EN}")
                }
            }
            DocxError::Encrypted => lang
                .pick(
                    "文档已加密（设置了打开密码），无法读取：请在 Word 中取消密码后另存为 .docx",
                    "the document is encrypted (it has an open password): remove the password in Word and save it as .docx",
                )
                .into(),
            DocxError::OtherPackage(kind) => {
                let (zh_kind, en_kind) = match kind {
                    OtherPackage::Xlsx => ("Excel 表格（.xlsx）", "an Excel workbook (.xlsx)"),
                    OtherPackage::Pptx => ("PowerPoint 演示文稿（.pptx）", "a PowerPoint deck (.pptx)"),
                    OtherPackage::OpenDocument => ("OpenDocument 文件（.odt/.ods）", "an OpenDocument file (.odt/.ods)"),
                };
                if zh {
                    format!("这不是 Word 文档，而是{zh_kind}；申报书请提交 .docx 文件")
                } else {
                    format!("this is not a Word document but {en_kind}; applications must be .docx files")
                }
            }
            DocxError::NotDocx => lang
                .pick(
                    "不是 .docx 文档（压缩包中没有 word/document.xml，或不是压缩包）",
                    "not a .docx document (no word/document.xml in the package, or not a zip at all)",
                )
                .into(),
            DocxError::BadZip(detail) => {
                let d = for_terminal(detail);
                if zh {
                    format!("文档已损坏（压缩结构有误：{d}），请重新保存或重新发送")
                } else {
                    format!("the document is damaged (bad zip structure: {d}); save or send it again")
                }
            }
            DocxError::BadXml { part, detail } => {
                let (p, d) = (for_terminal(part), for_terminal(detail));
                if zh {
                    format!("文档已损坏（{p} 不是完整的 XML：{d}），请在 Word 中打开后重新保存")
                } else {
                    format!("the document is damaged ({p} is not well-formed XML: {d}); open it in Word and save it again")
                }
            }
            DocxError::PartTooLarge { part, cap } => {
                let p = for_terminal(part);
                if zh {
                    format!("文档中的 {p} 解压后超过 {} MB，已拒绝读取", mib(*cap))
                } else {
                    format!("{p} inside the document is over {} MB uncompressed; refused", mib(*cap))
                }
            }
            DocxError::TotalTooLarge { cap } => {
                if zh {
                    format!("文档的文字部分解压后合计超过 {} MB，已拒绝读取", mib(*cap))
                } else {
                    format!("the document's text parts total over {} MB uncompressed; refused", mib(*cap))
                }
            }
            DocxError::Ratio { part, ratio } => {
                let p = for_terminal(part);
                if zh {
                    format!("文档中的 {p} 压缩比异常（{ratio} 倍，疑似压缩炸弹），已拒绝读取")
                } else {
                    format!("{p} inside the document inflates {ratio} times (a zip bomb?); refused")
                }
            }
            DocxError::TooManyEntries { count, cap } => {
                if zh {
                    format!("文档包含 {count} 个内部文件（上限 {cap}），已拒绝读取")
                } else {
                    format!("the document holds {count} entries (limit {cap}); refused")
                }
            }
            DocxError::UnsafeName(name) => {
                let n = for_terminal(name);
                if zh {
                    format!("文档中有指向包外的文件名“{n}”，已拒绝读取")
                } else {
                    format!("the document has an entry name pointing outside the package (“{n}”); refused")
                }
            }
            DocxError::TooDeep { part, cap } => {
                let p = for_terminal(part);
                if zh {
                    format!("文档中的 {p} 嵌套超过 {cap} 层，已拒绝读取")
                } else {
                    format!("{p} inside the document is nested more than {cap} levels deep; refused")
                }
            }
            DocxError::HugeParagraph { part, cap } => {
                let p = for_terminal(part);
                if zh {
                    format!("文档中的 {p} 有一段超过 {cap} 字，已拒绝读取")
                } else {
                    format!("{p} inside the document has a paragraph over {cap} characters; refused")
                }
            }
            DocxError::Dtd { part } => {
                let p = for_terminal(part);
                if zh {
                    format!("文档中的 {p} 含有 DTD 声明（Word 从不写入），已拒绝读取")
                } else {
                    format!("{p} inside the document has a DTD (Word never writes one); refused")
                }
            }
            DocxError::Unsupported(what) => {
                let w = for_terminal(what);
                if zh {
                    format!("文档使用了不支持的压缩方式或加密（{w}），请在 Word 中重新保存为 .docx")
                } else {
                    format!("the document uses unsupported compression or encryption ({w}); save it again as .docx in Word")
                }
            }
        }
    }

    /// A legacy file that `--convert` can turn into a .docx.
    pub fn convertible(&self) -> bool {
        matches!(self, DocxError::LegacyDoc)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_has_words_in_both_languages_and_names_are_made_safe() {
        let errors = [
            DocxError::LegacyDoc,
            DocxError::Encrypted,
            DocxError::OtherPackage(OtherPackage::Xlsx),
            DocxError::NotDocx,
            DocxError::BadZip("x".into()),
            DocxError::BadXml {
                part: "word/document.xml".into(),
                detail: "d".into(),
            },
            DocxError::PartTooLarge {
                part: "word/document.xml".into(),
                cap: 64 << 20,
            },
            DocxError::TotalTooLarge { cap: 128 << 20 },
            DocxError::Ratio {
                part: "p".into(),
                ratio: 900,
            },
            DocxError::TooManyEntries {
                count: 20_000,
                cap: 10_000,
            },
            DocxError::UnsafeName("../\u{1b}[2Jevil".into()),
            DocxError::TooDeep {
                part: "p".into(),
                cap: 256,
            },
            DocxError::HugeParagraph {
                part: "p".into(),
                cap: 1,
            },
            DocxError::Dtd { part: "p".into() },
            DocxError::Unsupported("aes".into()),
        ];
        for e in &errors {
            let zh = e.describe(Lang::Zh);
            let en = e.describe(Lang::En);
            assert!(
                zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{zh}"
            );
            assert!(en.is_ascii() || en.contains('“'), "{en}");
            assert!(!zh.contains('\u{1b}') && !en.contains('\u{1b}'));
        }
        assert!(
            DocxError::LegacyDoc
                .describe(Lang::Zh)
                .contains("soffice --headless --convert-to docx")
        );
    }
}
