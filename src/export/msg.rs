//! Words export prints in documents (the template's own, so Chinese in every interface
//! language), and the exporters' messages that are not yet in `crate::i18n::export`.

use super::bundle::Refusal;
use crate::i18n::Lang;

/// Fixed words of the printed 附件1.
pub(crate) mod doc {
    /// The signer of the declaration when the form names none.
    pub const LEGAL_REP: &str = "申报单位法定代表人";
    /// Where the seal goes, under the signature.
    pub const STAMP: &str = "（单位盖章）";
}

/// Why an attachment was not copied into a bundle.
pub fn bundle_refused(lang: Lang, why: Refusal) -> String {
    match why {
        Refusal::ParentDir => lang.pick(
            "路径含 ..，指向草稿所在文件夹之外，不复制进提交包（请把文件放进草稿所在文件夹）",
            "the path climbs out with ..; not copied into the bundle (put the file in the draft's folder)",
        ),
        Refusal::Outside => lang.pick(
            "绝对路径在草稿所在文件夹之外，不复制进提交包（请把文件放进草稿所在文件夹）",
            "an absolute path outside the draft's folder; not copied into the bundle (put the file in the draft's folder)",
        ),
        Refusal::Symlink => lang.pick(
            "路径经过符号链接，不复制进提交包（请换成文件本身）",
            "the path goes through a symbolic link; not copied into the bundle (use the file itself)",
        ),
    }
    .into()
}
